// Drifted records: delivered, then changed at the source. NovaMed has no update endpoint, so someone updates
// NovaMed by hand. The counts come from /ops/records/counts; the list from the record browser where it exists.
import { get } from '../api.js';
import { h, pageFrame, table, unavailable, when } from '../dom.js';

export default {
  title: 'Drifted',
  render(container, { fail }) {
    const tenant = h('input', { name: 'tenant', placeholder: 'tenant', size: 14 });
    const body = pageFrame(container, 'Drifted records', tenant,
      h('button', { type: 'button', onclick: () => load() }, 'Show'));

    async function load() {
      try {
        const counts = await get('/ops/records/counts');
        const drifted = counts.records.filter((c) => c.state === 'drifted'
          && (!tenant.value.trim() || c.tenant === tenant.value.trim()));
        body.replaceChildren(
          h('p', { class: 'muted' }, 'Delivered records that changed at the source afterwards: NovaMed cannot be'
            + ' updated through its API, so update them in NovaMed by hand.'),
          table([
            { label: 'Tenant', value: (c) => c.tenant },
            { label: 'Resource', value: (c) => c.resource },
            { label: 'Drifted', value: (c) => String(c.count), class: 'num' },
          ], drifted, { empty: 'No drifted record.' }),
          h('h3', {}, 'Records'), await list());
      } catch (error) {
        fail(error);
      }
    }

    async function list() {
      try {
        const page = await get('/ops/records', { state: 'drifted', tenant: tenant.value.trim(), limit: 200 });
        const records = Array.isArray(page) ? page : (page?.records ?? page?.items ?? []);
        return table([
          { label: 'Id', value: (r) => String(r.id), class: 'num' },
          { label: 'Tenant', value: (r) => r.tenant },
          { label: 'Record', value: (r) => `${r.source} ${r.resource} ${r.source_id}` },
          { label: 'NovaMed id', value: (r) => r.novamed_id },
          { label: 'Drifted since', value: (r) => when(r.updated_at) },
        ], records, { rowAttrs: (r) => ({ 'data-id': r.id }), empty: 'No drifted record.' });
      } catch (error) {
        if (error.status === 404 || error.status === 405) return unavailable('a record browser (GET /ops/records)');
        throw error;
      }
    }

    load();
  },
};
