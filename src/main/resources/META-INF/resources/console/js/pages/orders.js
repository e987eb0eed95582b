// Medication orders as NovaMed reports them: look one up by its NovaMed id, or by the source record.
import { get } from '../api.js';
import { h, pageFrame, table, when } from '../dom.js';

export default {
  title: 'Orders',
  render(container, { fail }) {
    const novaMedId = h('input', { name: 'novamed_id', placeholder: 'NovaMed order id', size: 38 });
    const tenant = h('input', { name: 'tenant', placeholder: 'tenant', size: 14 });
    const source = h('select', { name: 'source' }, h('option', { value: 'nextgen' }, 'nextgen'),
      h('option', { value: 'nexhealth' }, 'nexhealth'));
    const sourceId = h('input', { name: 'source_id', placeholder: 'source record id', size: 16 });
    const body = pageFrame(container, 'Orders',
      novaMedId, h('button', { type: 'button', onclick: () => byId() }, 'Find order'),
      h('span', { class: 'muted' }, 'or'), tenant, source, sourceId,
      h('button', { type: 'button', onclick: () => byRecord() }, 'Orders of record'));
    body.replaceChildren(h('p', { class: 'note' }, 'Look an order up by its NovaMed id or by the source record it came from.'));

    async function byId() {
      try {
        show([await get(`/ops/orders/${encodeURIComponent(novaMedId.value.trim())}`)]);
      } catch (error) {
        fail(error);
      }
    }

    async function byRecord() {
      try {
        show(await get('/ops/orders', { tenant: tenant.value.trim(), source: source.value, source_id: sourceId.value.trim() }));
      } catch (error) {
        fail(error);
      }
    }

    function show(orders) {
      if (!orders.length) {
        body.replaceChildren(h('p', { class: 'note' }, 'NovaMed has sent no event about an order of this record.'));
        return;
      }
      body.replaceChildren(...orders.map((o) => h('div', { class: 'card', 'data-id': o.novamed_id },
        h('h3', {}, `Order ${o.novamed_id} · ${o.status ?? 'status unknown'}`),
        h('p', {}, `Record ${o.ledger_key ?? 'not linked'} · Rx ${o.rx_number ?? '—'}`),
        o.shipment ? shipment(o.shipment) : null,
        table([
          { label: 'Event', value: (c) => c.event },
          { label: 'Status', value: (c) => c.status },
          { label: 'Received', value: (c) => when(c.received_at) },
        ], o.history ?? []))));
    }

    // The tracking URL leads to a delivery address: shown only when the operator asks.
    function shipment(s) {
      const reveal = h('button', { type: 'button' }, 'Show tracking link');
      reveal.addEventListener('click', () => reveal.replaceWith(s.tracking_url
        ? h('a', { href: s.tracking_url, rel: 'noreferrer', target: '_blank' }, s.tracking_url) : 'no tracking link'));
      return h('p', {}, `Shipment ${s.shipment_id ?? ''} by ${s.provider ?? '—'}${s.cancelled ? ' (cancelled)' : ''} `, reveal);
    }
  },
};
