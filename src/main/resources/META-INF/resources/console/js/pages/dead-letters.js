// Dead letters: what failed and why; replay (the whole pipeline again) or discard. Payloads (PHI) only on request.
import { del, get, post } from '../api.js';
import { badge, confirmButton, h, pageFrame, showResult, table, when } from '../dom.js';

export default {
  title: 'Dead letters',
  render(container, { fail }) {
    const status = h('select', { name: 'status' },
      ['open', 'replayed', 'discarded', 'any'].map((s) => h('option', { value: s }, s)));
    const tenant = h('input', { name: 'tenant', placeholder: 'tenant', size: 14 });
    const stage = h('input', { name: 'stage', placeholder: 'stage (push, map…)', size: 14 });
    const filter = () => ({ status: status.value, tenant: tenant.value.trim(), stage: stage.value.trim() });
    const body = pageFrame(container, 'Dead letters',
      h('label', {}, 'Status', status), tenant, stage,
      h('button', { type: 'button', onclick: () => load() }, 'Show'),
      h('button', { type: 'button', onclick: () => replayMatching() }, 'Replay all open matching'));

    async function load() {
      try {
        const letters = await get('/ops/dead-letters', { ...filter(), limit: 500 });
        body.replaceChildren(h('p', { class: 'muted' }, `${letters.length} dead letter(s)`), table([
          { label: 'Id', value: (d) => String(d.id), class: 'num' },
          { label: 'Tenant', value: (d) => d.tenant },
          { label: 'Record', value: (d) => `${d.source} ${d.resource} ${d.source_id}` },
          { label: 'Stage', value: (d) => d.stage },
          { label: 'Reason', value: (d) => d.reason, class: 'reason' },
          { label: 'HTTP', value: (d) => (d.http_status ? String(d.http_status) : '—'), class: 'num' },
          { label: 'Attempts', value: (d) => String(d.attempts), class: 'num' },
          { label: 'Created', value: (d) => when(d.created_at) },
          { label: 'Status', value: (d) => [badge(d.status), d.replay_of ? ` replay of ${d.replay_of}` : ''] },
          { label: 'Actions', value: actions, class: 'actions' },
        ], letters, { rowAttrs: (d) => ({ 'data-id': d.id }), empty: 'No dead letters match.' }));
      } catch (error) {
        fail(error);
      }
    }

    function actions(letter) {
      const cell = h('div');
      if (letter.status === 'open') {
        cell.append(
          h('button', { type: 'button', class: 'primary', 'data-action': 'replay', onclick: (e) => replay(letter, cell, e.target) }, 'Replay'),
          confirmButton('Discard', 'Click again to discard', (b) => discard(letter, cell, b), { 'data-action': 'discard' }));
      }
      cell.append(h('button', { type: 'button', 'data-action': 'payload', onclick: (e) => payload(letter, cell, e.target) }, 'Payload (PHI)'));
      return cell;
    }

    async function replay(letter, cell, button) {
      button.disabled = true;
      try {
        const result = await post(`/ops/dead-letters/${letter.id}/replay`);
        const outcome = String(result.outcome ?? 'done').toLowerCase();
        closed(cell, 'replayed');
        showResult(cell, outcome !== 'failed', `Replayed: ${outcome.replace(/_/g, ' ')}`);
      } catch (error) {
        showResult(cell, false, `Replay refused: ${error.message}`);
        button.disabled = false;
      }
    }

    async function discard(letter, cell, button) {
      button.disabled = true;
      try {
        await del(`/ops/dead-letters/${letter.id}`);
        closed(cell, 'discarded');
        showResult(cell, true, 'Discarded');
      } catch (error) {
        showResult(cell, false, `Discard refused: ${error.message}`);
        button.disabled = false;
      }
    }

    /** The letter is no longer open: its row says so and offers no second replay or discard. */
    function closed(cell, status) {
      cell.closest('tr')?.querySelector('.badge')?.replaceWith(badge(status));
      cell.querySelectorAll('[data-action=replay], [data-action=discard]').forEach((b) => { b.disabled = true; });
    }

    async function replayMatching() {
      const { tenant: t, stage: s } = filter();
      if (!t && !s) {
        fail(new Error('give a tenant or a stage to replay by filter'));
        return;
      }
      try {
        const result = await post('/ops/dead-letters/replay', { query: { tenant: t, stage: s } });
        await load();
        body.prepend(h('p', { class: 'result ok', role: 'status' },
          `Replayed ${result.replayed}: ${JSON.stringify(result.outcomes)}`));
      } catch (error) {
        fail(error);
      }
    }

    // The decrypted source record is PHI: fetched only when the operator asks, shown in the row, never cached.
    async function payload(letter, cell, button) {
      button.disabled = true;
      try {
        const full = await get(`/ops/dead-letters/${letter.id}`, { include_payload: true });
        cell.append(h('pre', { class: 'payload' }, JSON.stringify(full.payload, null, 2)));
      } catch (error) {
        showResult(cell, false, `Payload refused: ${error.message}`);
        button.disabled = false;
      }
    }

    load();
  },
};
