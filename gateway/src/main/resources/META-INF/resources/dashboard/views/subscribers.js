// Subscribers: webhook endpoints (with their delivery log and replay) and email subscriptions.
import { del, get, itemsOf, post, query } from '../api.js';
import { badge, field, formValues, h, label, problemBox, replace, section, select, table, when } from '../ui.js';

export const overview = {
  title: 'Subscribers',
  async render(container) {
    const endpoints = h('div');
    const subscriptions = h('div');
    container.append(h('h1', {}, 'Subscribers'),
      h('section', { class: 'card', 'aria-labelledby': 's-hooks' }, h('h2', { id: 's-hooks' }, 'Webhook endpoints'), endpoints),
      h('section', { class: 'card', 'aria-labelledby': 's-mail' }, h('h2', { id: 's-mail' }, 'Email subscriptions'), subscriptions));
    const loadSubscriptions = () => section(subscriptions, async () => {
      const status = h('div');
      return h('div', {}, status, table([
        { title: 'Email', cell: (s) => s.email },
        { title: 'Status', cell: (s) => badge(s.status) },
        { title: 'Events', cell: (s) => (s.eventTypes ?? []).join(', ') },
        { title: 'Countries', cell: (s) => (s.countries ?? []).join(', ') || 'all' },
        { title: 'Statuses', cell: (s) => (s.statuses ?? []).map(label).join(', ') || 'all' },
        { title: 'Since', cell: (s) => when(s.confirmedAt ?? s.createdAt) },
        { title: '', cell: (s) => h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (window.confirm(`Remove the subscription of ${s.email}?`)) {
            try {
              await del(`/api/v1/subscriptions/${s.id}`);
              await loadSubscriptions();
            } catch (error) {
              replace(status, problemBox(error));
            }
          }
        } }, 'Remove') },
      ], itemsOf(await get(`/api/v1/subscriptions${query({ limit: 200 })}`)), { caption: 'People following events by email', empty: 'No email subscription.' }));
    });
    await Promise.all([
      section(endpoints, async () => table([
        { title: 'URL', cell: (e) => h('a', { href: `#/subscribers/webhooks/${e.id}` }, e.url) },
        { title: 'Status', cell: (e) => badge(e.status) },
        { title: 'Events', cell: (e) => (e.eventTypes ?? []).join(', ') },
        { title: 'Countries', cell: (e) => (e.countries ?? []).join(', ') || 'all' },
        { title: 'Owner', cell: (e) => e.ownerEmail ?? e.ownerSubject },
        { title: 'Failing since', cell: (e) => (e.failingSince ? when(e.failingSince) : '–') },
      ], itemsOf(await get(`/api/v1/webhooks/endpoints${query({ limit: 200 })}`)), { caption: 'Registered endpoints', empty: 'No webhook endpoint registered.' })),
      loadSubscriptions(),
    ]);
  },
};

export const endpoint = {
  title: 'Webhook endpoint',
  async render(container, { params, query: search, navigate }) {
    const id = encodeURIComponent(params.id);
    const e = await get(`/api/v1/webhooks/endpoints/${id}`);
    const messageStatus = search.get('status') ?? '';
    const log = h('div');
    const status = h('div');
    const form = h('form', { class: 'filters' },
      field('Status', select('status', [['', 'Any'], ['PENDING', 'Pending'], ['DELIVERED', 'Delivered'], ['FAILED', 'Failed']], messageStatus)),
      h('div', {}, h('button', { type: 'submit' }, 'Show')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      navigate(`subscribers/webhooks/${params.id}`, formValues(form));
    });
    container.append(h('p', {}, h('a', { href: '#/subscribers' }, '← Subscribers')), h('h1', {}, 'Webhook endpoint'),
      h('section', { class: 'card' }, h('dl', { class: 'facts' },
        h('dt', {}, 'URL'), h('dd', {}, e.url),
        h('dt', {}, 'Status'), h('dd', {}, badge(e.status), e.disabledReason ? ` ${e.disabledReason}` : ''),
        h('dt', {}, 'Events'), h('dd', {}, (e.eventTypes ?? []).join(', ')),
        h('dt', {}, 'Ordered'), h('dd', {}, e.ordered ? 'yes' : 'no'),
        h('dt', {}, 'Owner'), h('dd', {}, e.ownerEmail ?? e.ownerSubject ?? ''),
        h('dt', {}, 'Created'), h('dd', {}, when(e.createdAt)))),
      h('section', { class: 'card', 'aria-labelledby': 'w-log' }, h('h2', { id: 'w-log' }, 'Delivery log'), form, status, log));
    const load = () => section(log, async () => table([
      { title: 'Event', cell: (m) => m.eventType },
      { title: 'Status', cell: (m) => badge(m.status) },
      { title: 'Attempts', num: true, cell: (m) => m.attempts },
      { title: 'Last answer', cell: (m) => [m.lastStatus ? `HTTP ${m.lastStatus}` : '', m.lastError ? ` ${m.lastError}` : ''] },
      { title: 'Created', cell: (m) => when(m.createdAt) },
      { title: 'Delivered', cell: (m) => when(m.deliveredAt) },
      { title: '', cell: (m) => h('button', { type: 'button', class: 'secondary', onclick: async () => {
        try {
          await post(`/api/v1/webhooks/endpoints/${id}/messages/${m.id}/replay`);
          replace(status, h('p', { class: 'notice', role: 'status' }, `Message ${m.webhookId} queued again.`));
          await load();
        } catch (error) {
          replace(status, problemBox(error));
        }
      } }, 'Replay') },
    ], itemsOf(await get(`/api/v1/webhooks/endpoints/${id}/messages${query({ status: messageStatus, limit: 100 })}`)),
    { caption: 'Messages, newest first', empty: 'No message.' }));
    await load();
  },
};
