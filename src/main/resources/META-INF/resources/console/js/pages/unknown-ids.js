// Records delivered with their NovaMed id unknown (NovaMed answered "already exists"). What waits for them (a
// practitioner's patients, a patient's orders) stays parked until the operator sets the id found in NovaMed.
import { get, post } from '../api.js';
import { h, pageFrame, showResult, table, when } from '../dom.js';

export default {
  title: 'Unknown ids',
  render(container, { fail }) {
    const tenant = h('input', { name: 'tenant', placeholder: 'tenant', size: 14 });
    const body = pageFrame(container, 'Delivered, NovaMed id unknown', tenant,
      h('button', { type: 'button', onclick: () => load() }, 'Show'));

    async function load() {
      try {
        const rows = await get('/ops/unknown-ids', { tenant: tenant.value.trim() });
        body.replaceChildren(
          h('p', { class: 'muted' }, 'NovaMed has these records but medsync does not know their NovaMed id. Find the'
            + ' record in NovaMed (a practitioner by NPI, a patient by name and birth date) and set its id: the'
            + ' records waiting for it are released at once.'),
          table([
            { label: 'Id', value: (r) => String(r.record.id), class: 'num' },
            { label: 'Tenant', value: (r) => r.record.tenant },
            { label: 'Record', value: (r) => `${r.record.source} ${r.record.resource} ${r.record.source_id}` },
            { label: 'Blocks', value: (r) => String(r.blocked_dependents), class: 'num' },
            { label: 'Why', value: (r) => r.record.last_error ?? '', class: 'reason' },
            { label: 'Since', value: (r) => when(r.record.updated_at) },
            { label: 'Set NovaMed id', value: actions, class: 'actions' },
          ], rows, { rowAttrs: (r) => ({ 'data-id': r.record.id }), empty: 'Every delivered record has its NovaMed id.' }));
      } catch (error) {
        fail(error);
      }
    }

    function actions(row) {
      const cell = h('div');
      const novaMedId = h('input', { name: 'novamed_id', placeholder: 'NovaMed id (UUID)', size: 38 });
      cell.append(novaMedId, h('button', { type: 'button', class: 'primary', 'data-action': 'set-id',
        onclick: (e) => setId(row, novaMedId.value.trim(), cell, e.target) }, 'Set id'));
      return cell;
    }

    async function setId(row, novaMedId, cell, button) {
      if (!novaMedId) {
        showResult(cell, false, 'Enter the id NovaMed shows for this record');
        return;
      }
      button.disabled = true;
      try {
        const result = await post(`/ops/unknown-ids/${row.record.id}/novamed-id`, { body: { novamed_id: novaMedId } });
        showResult(cell, true, `Set: ${result.released_dependents} waiting record(s) released, ${result.still_parked} still parked`);
      } catch (error) {
        showResult(cell, false, `Refused: ${error.message}`);
        button.disabled = false;
      }
    }

    load();
  },
};
