// Small DOM helpers the pages share: element building, tables, times, result messages.

/** h('td', {class: 'num', onclick: f, 'data-id': 3}, 'text', otherNode) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/**
 * A table of rows. columns: [{label, value: row => text|Node, class?}]; rowAttrs(row) adds attributes to a row
 * (e.g. data-id for tests and links). An empty list shows `empty` instead.
 */
export function table(columns, rows, { rowAttrs = () => ({}), empty = 'Nothing here.' } = {}) {
  if (!rows.length) return h('p', { class: 'note' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.class }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', rowAttrs(row),
      columns.map((c) => h('td', { class: c.class }, c.value(row) ?? '—'))))));
}

export function badge(text) {
  return text ? h('span', { class: `badge ${String(text).toLowerCase()}` }, String(text).replace(/_/g, ' ')) : null;
}

/** An ISO instant in the operator's local time, to the second. */
export function when(instant) {
  if (!instant) return '—';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleString(undefined, { hour12: false });
}

/** 4000 → "1 h 06 min", 75 → "1 min 15 s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}

/** Shows the outcome of an action next to its buttons: green when it worked, red with the API's reason if not. */
export function showResult(container, ok, text) {
  container.querySelector('.result')?.remove();
  container.append(h('span', { class: `result ${ok ? 'ok' : 'bad'}`, role: 'status' }, text));
}

/** A button that needs a second click to act, for actions that cannot be undone. */
export function confirmButton(label, confirmLabel, action, attrs = {}) {
  const button = h('button', { type: 'button', class: 'danger', ...attrs }, label);
  let armed = false;
  button.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      setTimeout(() => { armed = false; button.textContent = label; }, 5000);
      return;
    }
    armed = false;
    button.textContent = label;
    action(button);
  });
  return button;
}

/** The page skeleton: a heading, a toolbar (filters, buttons) and a body the page fills. */
export function pageFrame(container, title, ...tools) {
  const body = h('div', { class: 'body' });
  container.replaceChildren(h('h2', {}, title), h('div', { class: 'toolbar' }, tools), body);
  return body;
}

/** A note in place of content the API does not offer on this medsync version (it answered 404). */
export function unavailable(what) {
  return h('p', { class: 'note', 'data-unavailable': '' },
    `Not available: this medsync does not offer ${what} yet (the API answered 404).`);
}
