// Outreach cases: the queue (a country representative sees only their countries: the API filters), one case
// with its recipients, deliveries and notes, resolving by hand, and outcome statistics per country and month.
import { get, idempotencyKey, itemsOf, post, query } from '../api.js';
import { badge, field, formValues, h, label, onSubmit, problemBox, replace, section, select, table, when } from '../ui.js';

const OUTCOMES = ['KEPT', 'REINSTATED', 'SUSPENDED', 'TERMINATED', 'CLOSED_BY_STAFF'];

export const queue = {
  title: 'Outreach cases',
  async render(container, { query: params, navigate }) {
    const value = (name) => params.get(name) ?? '';
    const status = value('status') || 'OPEN';
    const form = h('form', { class: 'filters', 'aria-label': 'Filter cases' },
      field('Status', select('status', [['OPEN', 'Open'], ['PREPARING', 'Preparing'], ['RESOLVED', 'Resolved'], ['ALL', 'Any']], status)),
      field('Country', h('input', { name: 'country', value: value('country'), size: 4, maxlength: 2 })),
      h('div', {}, h('button', { type: 'submit' }, 'Apply')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const { status: s, country } = formValues(form);
      navigate('outreach', { status: s, country: country.toUpperCase() });
    });
    const list = h('div');
    const stats = h('div');
    container.append(h('h1', {}, 'Outreach cases'),
      h('section', { class: 'card', 'aria-labelledby': 'o-queue' }, h('h2', { id: 'o-queue' }, 'Queue'), form, list),
      h('section', { class: 'card', 'aria-labelledby': 'o-stats' }, h('h2', { id: 'o-stats' }, 'Outcomes per country and month'), stats));
    await Promise.all([
      section(list, async () => {
        const page = await get(`/api/v1/outreach/cases${query({ status: status === 'ALL' ? '' : status, country: value('country'), limit: 100 })}`);
        return table([
          { title: 'Partnership', cell: (c) => h('a', { href: `#/outreach/${c.id}` }, `${c.community?.name} – ${c.partnerCity?.name}`) },
          { title: 'Country', cell: (c) => c.partnerCity?.country },
          { title: 'Trigger', cell: (c) => badge(c.triggerStatus) },
          { title: 'Reason', cell: (c) => label(c.reasonCategory) },
          { title: 'Status', cell: (c) => badge(c.status) },
          { title: 'Outcome', cell: (c) => (c.outcome ? badge(c.outcome) : '–') },
          { title: 'Opened', cell: (c) => when(c.openedAt) },
        ], itemsOf(page), { caption: 'Cases, oldest first', empty: 'No case in this queue.' });
      }),
      section(stats, statistics),
    ]);
  },
};

async function statistics() {
  const from = new Date(Date.now() - 365 * 24 * 3600 * 1000).toISOString();
  const rows = itemsOf(await get(`/api/v1/outreach/statistics${query({ from })}`));
  const n = (key, title) => ({ title, num: true, cell: (r) => r[key] ?? 0 });
  return table([{ title: 'Country', cell: (r) => r.country }, { title: 'Month', cell: (r) => r.period },
    n('opened', 'Opened'), n('kept', 'Kept'), n('reinstated', 'Reinstated'), n('suspended', 'Suspended'),
    n('terminated', 'Terminated'), n('stillOpen', 'Still open')],
  rows, { caption: 'Cases opened in the last twelve months and how they ended', empty: 'No case in the last twelve months.' });
}

export const detail = {
  title: 'Outreach case',
  async render(container, { params }) {
    const load = () => get(`/api/v1/outreach/cases/${encodeURIComponent(params.id)}`);
    const body = h('div');
    container.append(h('p', {}, h('a', { href: '#/outreach' }, '← All cases')), h('h1', {}, 'Outreach case'), body);
    const draw = (d) => {
      const c = d.summary;
      replace(body, h('div', { class: 'grid' },
        h('section', { class: 'card', 'aria-labelledby': 'c-facts' }, h('h2', { id: 'c-facts' }, `${c.community?.name} – ${c.partnerCity?.name}`),
          h('dl', { class: 'facts' },
            h('dt', {}, 'Case'), h('dd', { 'data-field': 'case-status' }, badge(c.status), ' ', c.outcome ? badge(c.outcome) : ''),
            h('dt', {}, 'Move'), h('dd', {}, badge(d.previousStatus), ' → ', badge(c.triggerStatus)),
            h('dt', {}, 'Reason'), h('dd', {}, `${label(c.reasonCategory)}: ${d.reasonText ?? ''}`),
            h('dt', {}, 'Decided by'), h('dd', {}, `${d.decidingBody ?? ''}${d.decisionReference ? `, ref. ${d.decisionReference}` : ''}`),
            h('dt', {}, 'Opened'), h('dd', {}, when(c.openedAt)),
            c.resolvedAt ? [h('dt', {}, 'Resolved'), h('dd', {}, `${when(c.resolvedAt)} by ${d.resolvedBy}${d.resolutionNote ? `: ${d.resolutionNote}` : ''}`)] : null),
          h('p', {}, h('a', { href: `#/partnerships/${c.partnershipId}` }, 'The partnership'))),
        h('section', { class: 'card', 'aria-labelledby': 'c-policies' }, h('h2', { id: 'c-policies' }, 'Recipients and policies'),
          table([{ title: 'Recipient', cell: (r) => r.name ?? r.email }, { title: 'Email', cell: (r) => r.email }, { title: 'Role', cell: (r) => label(r.role) }],
            d.recipients ?? [], { empty: 'Recipients are being gathered.' }),
          h('h3', {}, 'Policies attached'),
          h('ul', {}, (d.policies ?? []).map((v) => h('li', {}, `${v.title} (version ${v.versionNumber})`)))),
        h('section', { class: 'card wide', 'aria-labelledby': 'c-deliveries' }, h('h2', { id: 'c-deliveries' }, 'What was sent'),
          table([
            { title: 'Recipient', cell: (x) => x.recipient }, { title: 'Kind', cell: (x) => label(x.kind) },
            { title: 'Status', cell: (x) => badge(x.status) }, { title: 'Attempts', num: true, cell: (x) => x.attempts },
            { title: 'Queued', cell: (x) => when(x.queuedAt) }, { title: 'Sent', cell: (x) => when(x.sentAt) },
            { title: 'Last error', cell: (x) => x.lastError ?? '' },
          ], d.deliveries ?? [], { empty: 'Nothing queued yet.' })),
        h('section', { class: 'card', 'aria-labelledby': 'c-notes' }, h('h2', { id: 'c-notes' }, 'Notes'),
          (d.notes ?? []).length ? h('ol', { class: 'timeline' }, d.notes.map((n) => h('li', {}, h('div', { class: 'muted' }, `${n.author}, ${when(n.createdAt)}`), n.text)))
            : h('p', { class: 'muted' }, 'No notes yet.'),
          noteForm(c.id, refresh)),
        c.status !== 'RESOLVED' ? h('section', { class: 'card', 'aria-labelledby': 'c-resolve' }, h('h2', { id: 'c-resolve' }, 'Resolve'), resolveForm(c.id, refresh)) : null));
    };
    async function refresh() {
      try {
        draw(await load());
      } catch (error) {
        body.prepend(problemBox(error));
      }
    }
    draw(await load());
  },
};

function noteForm(id, done) {
  const status = h('div');
  const form = h('form', { class: 'stacked' }, field('New note', h('textarea', { name: 'text', required: true, rows: 3 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add note')), status);
  return onSubmit(form, status, async () => {
    await post(`/api/v1/outreach/cases/${id}/notes`, formValues(form), { 'Idempotency-Key': idempotencyKey() });
    await done();
  });
}

function resolveForm(id, done) {
  const status = h('div');
  const form = h('form', { class: 'stacked' },
    field('Outcome', select('outcome', OUTCOMES.map((o) => [o, label(o)]), 'KEPT')),
    field('Note', h('textarea', { name: 'note', rows: 2 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Resolve case')), status);
  return onSubmit(form, status, async () => {
    await post(`/api/v1/outreach/cases/${id}/resolve`, formValues(form), { 'Idempotency-Key': idempotencyKey() });
    await done();
  });
}
