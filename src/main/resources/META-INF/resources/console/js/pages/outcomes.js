// Records per outcome over time. medsync keeps current counts only, so the console samples
// /ops/records/counts while it is open (every 30 s and on each visit) and keeps the series in this tab's
// sessionStorage: the chart covers the time the console has been open, up to the last 12 hours.
import { get } from '../api.js';
import { h, pageFrame, when } from '../dom.js';

const SAMPLES_KEY = 'medsync.countSamples';
const MAX_SAMPLES = 1440;
const COLOURS = { delivered: '#1a7f37', failed: '#cf222e', parked: '#9a6700', in_doubt: '#8250df',
  drifted: '#bf3989', pending: '#6e7781', in_flight: '#1f6feb' };

function samples() {
  try {
    return JSON.parse(sessionStorage.getItem(SAMPLES_KEY) ?? '[]');
  } catch {
    return [];
  }
}

/** Adds one sample {at, tenants: {tenant: {state: count}}} of the ledger's counts. */
export async function sampleCounts() {
  const { records } = await get('/ops/records/counts');
  const tenants = {};
  for (const r of records) {
    tenants[r.tenant] ??= {};
    tenants[r.tenant][r.state] = (tenants[r.tenant][r.state] ?? 0) + r.count;
  }
  const series = [...samples(), { at: Date.now(), tenants }].slice(-MAX_SAMPLES);
  sessionStorage.setItem(SAMPLES_KEY, JSON.stringify(series));
  return series;
}

/** Per sample, the count of each state over the chosen tenants. */
function totals(series, tenant) {
  return series.map((s) => {
    const byState = {};
    for (const [t, states] of Object.entries(s.tenants)) {
      if (tenant && t !== tenant) continue;
      for (const [state, n] of Object.entries(states)) byState[state] = (byState[state] ?? 0) + n;
    }
    return { at: s.at, byState };
  });
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A line per state: x is time, y the number of records in that state. */
function chart(points, states) {
  const width = 900; const height = 320; const left = 56; const right = 16; const top = 12; const bottom = 36;
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'records per outcome over time' });
  const t0 = points[0].at; const t1 = Math.max(points[points.length - 1].at, t0 + 60_000);
  const max = Math.max(1, ...points.flatMap((p) => states.map((s) => p.byState[s] ?? 0)));
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  const y = (n) => top + (1 - n / max) * (height - top - bottom);
  for (let i = 0; i <= 4; i++) {
    const n = Math.round((max * i) / 4);
    root.append(svg('line', { x1: left, x2: width - right, y1: y(n), y2: y(n), stroke: '#e6e9ed' }),
      svg('text', { x: left - 6, y: y(n) + 4, 'text-anchor': 'end' }, String(n)));
  }
  for (const t of [t0, (t0 + t1) / 2, t1]) {
    root.append(svg('text', { x: x(t), y: height - 12, 'text-anchor': 'middle' },
      new Date(t).toLocaleTimeString(undefined, { hour12: false })));
  }
  for (const state of states) {
    const colour = COLOURS[state] ?? '#57606a';
    const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.byState[state] ?? 0).toFixed(1)}`);
    root.append(svg('path', { d: path.join(' '), fill: 'none', stroke: colour, 'stroke-width': 2, 'data-state': state }));
    for (const p of points.length < 40 ? points : [points[points.length - 1]]) {
      root.append(svg('circle', { cx: x(p.at), cy: y(p.byState[state] ?? 0), r: 3, fill: colour }));
    }
  }
  return root;
}

export default {
  title: 'Outcomes',
  render(container, { fail }) {
    const tenant = h('select', { name: 'tenant' }, h('option', { value: '' }, 'all tenants'));
    tenant.addEventListener('change', () => draw(samples()));
    const body = pageFrame(container, 'Records per outcome over time', h('label', {}, 'Tenant', tenant),
      h('button', { type: 'button', onclick: () => refresh() }, 'Sample now'));

    function draw(series) {
      const known = new Set(series.flatMap((s) => Object.keys(s.tenants)));
      for (const t of known) {
        if (![...tenant.options].some((o) => o.value === t)) tenant.append(h('option', { value: t }, t));
      }
      const points = totals(series, tenant.value);
      const states = [...new Set(points.flatMap((p) => Object.keys(p.byState)))].sort();
      if (!points.length || !states.length) {
        body.replaceChildren(h('p', { class: 'note' }, 'No record in the ledger yet.'));
        return;
      }
      const latest = points[points.length - 1].byState;
      body.replaceChildren(
        h('div', { class: 'legend' }, states.map((s) => h('span', { style: `--swatch:${COLOURS[s] ?? '#57606a'}`,
          'data-state': s }, `${s.replace(/_/g, ' ')}: ${latest[s] ?? 0}`))),
        chart(points, states),
        h('p', { class: 'muted' }, `${points.length} sample(s) since ${when(points[0].at)}, taken every 30 s while`
          + ' the console is open in this tab.'));
    }

    async function refresh() {
      try {
        draw(await sampleCounts());
      } catch (error) {
        fail(error);
      }
    }

    refresh();
  },
};
