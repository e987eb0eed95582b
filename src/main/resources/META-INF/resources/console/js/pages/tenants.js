// Tenants: per source, enabled or paused, the last run and its counts, the next run, the backlog, and the running
// sync's progress and ETA. Refreshes every 10 s while shown.
import { get, post } from '../api.js';
import { badge, duration, h, pageFrame, showResult, table, unavailable, when } from '../dom.js';

const REFRESH_MS = 10_000;
const COUNTS = ['pulled', 'created', 'linked', 'unchanged', 'failed', 'parked', 'stillFailed', 'novamedCalls'];

export default {
  title: 'Tenants',
  render(container, { fail }) {
    const body = pageFrame(container, 'Tenants', h('button', { type: 'button', onclick: () => load() }, 'Refresh'));
    let timer;

    async function load() {
      clearTimeout(timer);
      try {
        body.replaceChildren(...(await status()), h('h3', {}, 'Records by state'), await counts());
        timer = setTimeout(load, REFRESH_MS);
      } catch (error) {
        fail(error);
      }
    }

    async function status() {
      let tenants;
      try {
        tenants = await get('/ops/tenants');
      } catch (error) {
        if (error.status === 404) return [unavailable('tenant status (GET /ops/tenants)')];
        throw error;
      }
      if (!tenants.length) return [h('p', { class: 'note' }, 'No tenant is configured.')];
      return tenants.map(card);
    }

    function card(tenant) {
      const actions = h('div', { class: 'actions' },
        ['sync', 'pause', 'resume'].map((action) => h('button', { type: 'button', 'data-action': action,
          onclick: (e) => act(tenant.tenant, action, actions, e.target) },
        { sync: 'Sync now', pause: 'Pause', resume: 'Resume' }[action])));
      return h('div', { class: 'card', 'data-tenant': tenant.tenant },
        h('header', {}, h('h3', {}, tenant.tenant), actions),
        table([
          { label: 'Source', value: (s) => s.source },
          { label: 'State', value: (s) => badge(s.state) },
          { label: 'Now', value: (s) => progress(s.running) },
          { label: 'Last run', value: (s) => lastRun(s.lastRun) },
          { label: 'Next run', value: (s) => when(s.nextRun) },
          { label: 'Backlog', value: (s) => backlog(s.backlog) },
          { label: 'Cursor', value: (s) => (s.cursor ? when(s.cursor) : '—') },
        ], tenant.sources ?? [], { rowAttrs: (s) => ({ 'data-source': s.source }), empty: 'No source.' }));
    }

    function progress(running) {
      if (!running) return h('span', { class: 'muted' }, 'idle');
      const total = running.remaining === null || running.remaining === undefined
        ? null : running.done + running.remaining;
      const percent = total ? Math.round((100 * running.done) / total) : null;
      return h('div', {},
        h('div', { class: 'progress' },
          h('div', { class: `bar${percent === null ? ' unknown' : ''}`, role: 'progressbar',
            'aria-valuenow': percent ?? undefined, 'aria-valuemin': 0, 'aria-valuemax': 100 },
          h('span', { style: percent === null ? undefined : `width:${percent}%` })),
          percent === null ? `${running.done} done` : `${running.done} / ${total} (${percent} %)`),
        h('div', { class: 'muted' },
          `pulled ${running.pulled ?? '—'} · ${running.ratePerMinute ? `${Math.round(running.ratePerMinute)}/min` : 'rate —'}`
          + ` · ETA ${running.etaSeconds === null || running.etaSeconds === undefined ? 'unknown' : duration(running.etaSeconds)}`
          + ` · since ${when(running.startedAt)}`));
    }

    function lastRun(run) {
      if (!run) return 'never';
      const counts = COUNTS.filter((c) => run.counts?.[c] !== undefined).map((c) => `${c} ${run.counts[c]}`).join(' · ');
      return h('div', {}, badge(run.outcome), ` ${when(run.finishedAt ?? run.startedAt)}`,
        h('div', { class: 'muted' }, counts));
    }

    function backlog(b) {
      if (!b) return '—';
      return `parked ${b.parked ?? 0} · in doubt ${b.inDoubt ?? 0} · dead letters ${b.deadLetters ?? 0}`;
    }

    async function act(tenant, action, cell, button) {
      button.disabled = true;
      try {
        await post(`/ops/tenants/${encodeURIComponent(tenant)}/${action}`);
        showResult(cell, true, { sync: 'Sync started', pause: 'Paused', resume: 'Resumed' }[action]);
        setTimeout(load, 1000);
      } catch (error) {
        showResult(cell, false, `${action} refused: ${error.message}`);
      } finally {
        button.disabled = false;
      }
    }

    async function counts() {
      const { records, open_dead_letters: open } = await get('/ops/records/counts');
      const byTenant = new Map();
      for (const r of records) {
        const key = `${r.tenant}\u0000${r.resource}`;
        if (!byTenant.has(key)) byTenant.set(key, { tenant: r.tenant, resource: r.resource });
        byTenant.get(key)[r.state] = r.count;
      }
      const states = [...new Set(records.map((r) => r.state))].sort();
      return h('div', {},
        table([
          { label: 'Tenant', value: (r) => r.tenant },
          { label: 'Resource', value: (r) => r.resource },
          ...states.map((s) => ({ label: s.replace(/_/g, ' '), value: (r) => String(r[s] ?? 0), class: 'num' })),
        ], [...byTenant.values()], { empty: 'The ledger holds no record yet.' }),
        h('p', { class: 'muted' }, `Open dead letters: ${Object.entries(open).map(([t, n]) => `${t} ${n}`).join(' · ') || 'none'}`));
    }

    load();
    return () => clearTimeout(timer);
  },
};
