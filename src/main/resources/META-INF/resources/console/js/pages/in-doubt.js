// In-doubt records: creates whose outcome NovaMed never told us. The operator checks NovaMed, then marks the
// record delivered with the NovaMed id found there, or releases it to be sent again.
import { get, post } from '../api.js';
import { confirmButton, h, pageFrame, showResult, table, when } from '../dom.js';

export default {
  title: 'In doubt',
  render(container, { fail }) {
    const tenant = h('input', { name: 'tenant', placeholder: 'tenant', size: 14 });
    const body = pageFrame(container, 'In-doubt records', tenant,
      h('button', { type: 'button', onclick: () => load() }, 'Show'));

    async function load() {
      try {
        const records = await get('/ops/in-doubt', { tenant: tenant.value.trim() });
        body.replaceChildren(
          h('p', { class: 'muted' }, 'Look the record up in NovaMed first: if NovaMed has it, mark it delivered with'
            + ' its NovaMed id; if not, release it to be sent again (a second send of an order that NovaMed does'
            + ' have ships it twice).'),
          table([
            { label: 'Id', value: (r) => String(r.id), class: 'num' },
            { label: 'Tenant', value: (r) => r.tenant },
            { label: 'Record', value: (r) => `${r.source} ${r.resource} ${r.source_id}` },
            { label: 'Last error', value: (r) => [r.last_http_status ? `${r.last_http_status} ` : '', r.last_error ?? ''], class: 'reason' },
            { label: 'Attempts', value: (r) => String(r.attempts), class: 'num' },
            { label: 'Since', value: (r) => when(r.updated_at) },
            { label: 'NovaMed suggests', value: suggestion },
            { label: 'Resolve', value: actions, class: 'actions' },
          ], records, { rowAttrs: (r) => ({ 'data-id': r.id }), empty: 'Nothing is in doubt.' }));
      } catch (error) {
        fail(error);
      }
    }

    function suggestion(record) {
      if (!record.suggested_novamed_id) return '—';
      return [h('code', {}, record.suggested_novamed_id),
        h('div', { class: 'muted' }, `${record.suggestion?.event ?? 'event'} at ${when(record.suggestion?.received_at)}`)];
    }

    function actions(record) {
      const cell = h('div');
      const novaMedId = h('input', { name: 'novamed_id', placeholder: 'NovaMed id', size: 38,
        value: record.suggested_novamed_id ?? '' });
      cell.append(novaMedId,
        h('button', { type: 'button', class: 'primary', 'data-action': 'delivered',
          onclick: (e) => markDelivered(record, novaMedId.value.trim(), cell, e.target) }, 'Mark delivered'),
        confirmButton('Release', 'Click again: send it again', (b) => release(record, cell, b), { 'data-action': 'release' }));
      return cell;
    }

    async function markDelivered(record, novaMedId, cell, button) {
      if (!novaMedId) {
        showResult(cell, false, 'Enter the id NovaMed shows for this record');
        return;
      }
      button.disabled = true;
      try {
        const resolved = await post(`/ops/in-doubt/${record.id}/delivered`, { body: { novamed_id: novaMedId } });
        showResult(cell, true, `Resolved: ${resolved.state} as ${resolved.novamed_id}`);
      } catch (error) {
        showResult(cell, false, `Refused: ${error.message}`);
        button.disabled = false;
      }
    }

    async function release(record, cell, button) {
      button.disabled = true;
      try {
        const result = await post(`/ops/in-doubt/${record.id}/release`);
        showResult(cell, result.outcome !== 'FAILED', `Released: ${String(result.outcome).toLowerCase().replace(/_/g, ' ')}`);
      } catch (error) {
        showResult(cell, false, `Refused: ${error.message}`);
        button.disabled = false;
      }
    }

    load();
  },
};
