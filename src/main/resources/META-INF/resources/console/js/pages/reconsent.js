// NextGen enrolments: patients whose consent lapsed and must grant access again, and when active grants expire.
import { get } from '../api.js';
import { badge, h, pageFrame, table, when } from '../dom.js';

export default {
  title: 'Re-consent',
  render(container, { fail }) {
    const state = h('select', { name: 'state' },
      h('option', { value: 'needs_reconsent' }, 'needs re-consent'), h('option', { value: 'active' }, 'active'),
      h('option', { value: '' }, 'all'));
    const tenant = h('input', { name: 'tenant', placeholder: 'tenant', size: 14 });
    const body = pageFrame(container, 'NextGen enrolments', h('label', {}, 'State', state), tenant,
      h('button', { type: 'button', onclick: () => load() }, 'Show'));

    async function load() {
      try {
        const enrolments = await get('/ops/nextgen/enrolments', { state: state.value, tenant: tenant.value.trim() });
        body.replaceChildren(table([
          { label: 'Id', value: (e) => String(e.id), class: 'num' },
          { label: 'Tenant', value: (e) => e.tenantId },
          { label: 'NextGen patient id', value: (e) => e.patientId },
          { label: 'State', value: (e) => badge(e.state) },
          { label: 'Why', value: (e) => e.stateReason, class: 'reason' },
          { label: 'Access expires', value: (e) => when(e.accessExpiresAt) },
          { label: 'Enrolled', value: (e) => when(e.enrolledAt) },
          { label: 'Updated', value: (e) => when(e.updatedAt) },
        ], enrolments, { rowAttrs: (e) => ({ 'data-id': e.id }), empty: 'No enrolment in this state.' }));
      } catch (error) {
        fail(error);
      }
    }

    load();
  },
};
