// Go-live: a tenant's first sync rehearsed before it happens (the go-live dry run), and afterwards what happened
// beside what was announced. Record keys, reasons and counts only: the report holds no PHI.
import { get, post } from '../api.js';
import { badge, duration, h, pageFrame, showResult, table, unavailable, when } from '../dom.js';

const POLL_MS = 1_000;
const FATES = ['created', 'failed', 'parked'];
const FINDINGS = { missing_npis: 'missing NPIs', invalid_npis: 'invalid NPIs', non_us_addresses: 'non-US addresses' };

export default {
  title: 'Go-live',
  render(container, { fail }) {
    const tenant = h('select', { name: 'tenant', onchange: () => load() });
    const budget = h('input', { name: 'requests_per_minute', type: 'number', min: 1, size: 6,
      placeholder: 'configured', title: 'NovaMed requests per minute to forecast at (empty: the configured budget)' });
    const start = h('button', { type: 'button', class: 'primary', 'data-action': 'dry-run', onclick: () => startDryRun() },
      'Start dry run');
    const tools = h('span', {}, h('label', {}, 'Tenant', tenant), h('label', {}, 'Requests/min', budget), start,
      h('button', { type: 'button', onclick: () => load() }, 'Refresh'));
    const body = pageFrame(container, 'Go-live dry run', tools);
    let timer;

    async function tenants() {
      try {
        return (await get('/ops/tenants')).map((t) => t.tenant);
      } catch (error) {
        if (error.status === 404) return [];
        throw error;
      }
    }

    async function init() {
      try {
        const ids = await tenants();
        if (!ids.length) {
          body.replaceChildren(unavailable('tenant status (GET /ops/tenants)'));
          return;
        }
        tenant.replaceChildren(...ids.map((id) => h('option', { value: id }, id)));
        await load();
      } catch (error) {
        fail(error);
      }
    }

    async function load() {
      clearTimeout(timer);
      const id = tenant.value;
      if (!id) return;
      try {
        let status;
        try {
          status = await get(`/ops/tenants/${encodeURIComponent(id)}/dry-run`);
        } catch (error) {
          if (error.status === 404) {
            body.replaceChildren(unavailable('the go-live dry run (GET /ops/tenants/{id}/dry-run)'));
            return;
          }
          throw error;
        }
        const parts = [progress(status.running)];
        if (status.report) parts.push(...report(status.report), ...(await comparison(id)));
        else parts.push(h('p', { class: 'note' }, 'No dry run of this tenant yet: start one to see what its first'
          + ' sync would create, refuse and park, and how long it will take.'));
        body.replaceChildren(...parts);
        // Polled while a dry run runs; the report appears when it finishes.
        if (status.running) timer = setTimeout(load, POLL_MS);
      } catch (error) {
        fail(error);
      }
    }

    async function startDryRun() {
      start.disabled = true;
      try {
        const query = budget.value ? { requests_per_minute: budget.value } : {};
        await post(`/ops/tenants/${encodeURIComponent(tenant.value)}/dry-run`, { query });
        showResult(tools, true, 'Dry run started: nothing is sent to NovaMed, nothing is written to the ledger');
        await load();
      } catch (error) {
        showResult(tools, false, `Dry run refused: ${error.message}`);
      } finally {
        start.disabled = false;
      }
    }

    init();
    return () => clearTimeout(timer);
  },
};

function progress(running) {
  if (!running) return h('p', { class: 'muted', 'data-dry-run': 'idle' }, 'No dry run is running.');
  return h('div', { class: 'progress', 'data-dry-run': 'running' },
    h('div', { class: 'bar unknown', role: 'progressbar' }, h('span')),
    `Dry run running since ${when(running.started_at)}: ${running.pulled} pulled, ${running.settled} settled`);
}

/** The readiness report: the verdict, per kind what would happen, the chains, data quality, the first run's cost. */
function report(r) {
  const n = r.novamed ?? {};
  return [
    h('h3', {}, 'Readiness report ', badge(r.outcome)),
    h('p', { class: 'muted', 'data-report': r.id }, `Dry run ${r.id} finished ${when(r.finished_at)}`
      + ` in ${duration((r.elapsed_ms ?? 0) / 1000)}.`),
    ...(r.errors?.length ? [h('ul', { class: 'errors' }, r.errors.map((e) => h('li', {}, e)))] : []),
    table([
      { label: 'Kind', value: (k) => k.kind },
      { label: 'Pulled', value: (k) => String(k.pulled), class: 'num' },
      { label: 'Would create', value: (k) => String(k.would_create), class: 'num' },
      { label: 'Would refuse', value: (k) => String(k.would_refuse), class: 'num' },
      { label: 'Would park', value: (k) => String(k.would_park), class: 'num' },
    ], r.kinds ?? [], { rowAttrs: (k) => ({ 'data-kind': k.kind }), empty: 'The sources had no record.' }),
    ...(r.kinds ?? []).filter((k) => k.refusals.length || k.parked.length).map(findings),
    h('h3', {}, 'Chains that never complete'),
    table([
      { label: 'Root', value: (c) => c.root },
      { label: 'Why', value: (c) => c.root_reason, class: 'reason' },
      { label: 'Waiting', value: (c) => keys(c.waiting) },
    ], r.never_completing ?? [], { empty: 'None: every parked record will be delivered once its party is.' }),
    h('h3', {}, 'Data quality'),
    table([
      { label: 'Finding', value: ([name]) => FINDINGS[name] ?? name.replace(/_/g, ' ') },
      { label: 'Records', value: ([, count]) => String(count), class: 'num' },
    ], Object.entries(r.data_quality ?? {}), { empty: 'No data-quality finding.' }),
    h('h3', {}, 'First run'),
    h('p', { 'data-eta': n.eta_seconds ?? '' },
      `NovaMed calls: ${n.calls ?? 0}`
      + `${Object.entries(n.calls_by_path ?? {}).map(([path, count]) => ` · ${path} ${count}`).join('')}.`
      + (n.eta_seconds === null || n.eta_seconds === undefined
        ? ' Duration: not forecast (no NovaMed budget is configured; forecast at one with Requests/min).'
        : ` Duration: about ${duration(n.eta_seconds)} at ${n.requests_per_minute} requests/min (${n.budget} budget).`)
      + ` Source calls the dry run made: ${Object.entries(r.source_calls ?? {}).map(([s, c]) => `${s} ${c}`).join(' · ')}.`),
  ];
}

/** A kind's refusals by reason and parked records by the party they wait for, each with its record keys. */
function findings(kind) {
  return h('div', { class: 'card', 'data-findings': kind.kind },
    h('h3', {}, kind.kind),
    table([
      { label: 'Would', value: (f) => f.what },
      { label: 'Why', value: (f) => f.why, class: 'reason' },
      { label: 'Count', value: (f) => String(f.count), class: 'num' },
      { label: 'Records', value: (f) => keys(f.records) },
    ], [
      ...kind.refusals.map((g) => ({ what: 'refuse', why: g.reason, count: g.count, records: g.records })),
      ...kind.parked.map((g) => ({ what: 'park', count: g.count, records: g.records,
        why: `waiting for ${g.waiting_for}${g.never_completes ? ', never completes' : ''}` })),
    ]));
}

/** Record keys, folded away past the first few. */
function keys(records = []) {
  const shown = records.slice(0, 3).join(', ');
  if (records.length <= 3) return shown;
  return h('details', {}, h('summary', {}, `${shown}, … (${records.length})`), records.join(', '));
}

/** After go-live: what was announced beside what the first real runs did, and every difference. */
async function comparison(tenant) {
  let c;
  try {
    c = await get(`/ops/tenants/${encodeURIComponent(tenant)}/go-live`);
  } catch (error) {
    if (error.status === 404) return [];
    throw error;
  }
  if (!c.first_runs?.length) {
    return [h('h3', {}, 'After go-live'),
      h('p', { class: 'note' }, 'No real run since this dry run: the comparison appears after the first sync.')];
  }
  return [
    h('h3', {}, 'After go-live'),
    table([
      { label: '', value: (row) => row.label },
      ...FATES.map((f) => ({ label: f, value: (row) => String(row.counts?.[f] ?? 0), class: 'num' })),
      { label: 'Duration', value: (row) => duration(row.seconds), class: 'num' },
    ], [
      { label: 'Announced', counts: c.announced, seconds: c.eta_seconds },
      { label: 'Happened', counts: c.happened, seconds: c.actual_seconds },
    ], { rowAttrs: (row) => ({ 'data-row': row.label.toLowerCase() }) }),
    h('p', { class: 'muted' }, 'Records whose ledger state is not what the dry run announced:'),
    table([
      { label: 'Record', value: (d) => d.record },
      { label: 'Announced', value: (d) => d.announced ?? 'not announced' },
      { label: 'Actual', value: (d) => d.actual },
    ], c.differences ?? [], { empty: 'No difference: every record ended as announced.' }),
  ];
}
