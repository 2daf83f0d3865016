// One partnership: facts, contacts, status history as a timeline, its outreach cases with what was sent, and
// (for roles that may) the status-change form offering only the allowed moves and naming the policies attached.
import { get, idempotencyKey, itemsOf, query, request } from '../api.js';
import { REASONS, badge, day, field, formValues, h, label, onSubmit, replace, section, select, table, when } from '../ui.js';

export const title = 'Partnership';

// Used only when the API does not send `allowedTransitions`; the service's lifecycle enum is the authority.
const LIFECYCLE = { ACTIVE: ['UNDER_REVIEW', 'SUSPENDED', 'TERMINATED'], UNDER_REVIEW: ['ACTIVE', 'SUSPENDED', 'TERMINATED'],
  SUSPENDED: ['ACTIVE', 'TERMINATED'], TERMINATED: [] };
const MAY_CHANGE = ['hq-admin', 'country-rep', 'municipality'];
const STAFF = ['hq-admin', 'country-rep'];

export async function render(container, { params, me }) {
  const { data: p, etag } = await request('GET', `/api/v1/partnerships/${encodeURIComponent(params.id)}`);
  const parts = { contacts: h('div'), history: h('div'), cases: h('div'), change: h('div') };
  container.append(
    h('p', {}, h('a', { href: '#/partnerships' }, '← All partnerships')),
    h('h1', {}, `${p.community?.name} – ${p.partnerCity?.name}`),
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'p-facts' }, h('h2', { id: 'p-facts' }, 'Partnership'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Status'), h('dd', { 'data-field': 'status' }, badge(p.status)),
          h('dt', {}, 'Community'), h('dd', {}, `${p.community?.name} (${label(p.community?.kind)}, ${p.community?.state})`),
          h('dt', {}, 'Partner city'), h('dd', {}, `${p.partnerCity?.name}, ${p.partnerCity?.region ?? ''} (${p.partnerCity?.country})`),
          h('dt', {}, 'Type'), h('dd', {}, label(p.type)),
          h('dt', {}, 'Established'), h('dd', {}, day(p.establishedOn)),
          h('dt', {}, 'Last updated'), h('dd', {}, when(p.updatedAt)))),
      h('section', { class: 'card', 'aria-labelledby': 'p-contacts' }, h('h2', { id: 'p-contacts' }, 'Contacts'), parts.contacts),
      MAY_CHANGE.includes(me.role) ? h('section', { class: 'card', 'aria-labelledby': 'p-change' }, h('h2', { id: 'p-change' }, 'Change status'), parts.change) : null,
      h('section', { class: 'card', 'aria-labelledby': 'p-history' }, h('h2', { id: 'p-history' }, 'Status history'), parts.history),
      h('section', { class: 'card wide', 'aria-labelledby': 'p-cases' }, h('h2', { id: 'p-cases' }, 'Outreach cases'), parts.cases)));

  const loads = [
    me.role === 'viewer' ? replace(parts.contacts, h('p', { class: 'muted' }, 'Contacts are personal data: staff in scope only.'))
      : section(parts.contacts, () => contacts(p.id)),
    section(parts.history, () => history(p.id)),
  ];
  let polling = null;
  const loadCases = () => section(parts.cases, () => cases(p.id));
  if (STAFF.includes(me.role)) {
    loads.push(loadCases());
  } else {
    replace(parts.cases, h('p', { class: 'muted' }, 'Outreach cases are visible to headquarters and country representatives.'));
  }
  if (MAY_CHANGE.includes(me.role)) {
    replace(parts.change, changeForm(p, etag, async (to) => {
      replace(container.querySelector('[data-field=status]'), badge(to));
      // The case opens asynchronously (event → notifications-service): look again for up to a minute.
      const before = parts.cases.querySelectorAll('[data-case]').length;
      const until = Date.now() + 60_000;
      polling = setInterval(async () => {
        const shown = await loadCases();
        if (Date.now() > until || (shown && shown.querySelectorAll('[data-case]').length > before)) {
          clearInterval(polling);
        }
      }, 2000);
      await section(parts.history, () => history(p.id));
    }));
  }
  await Promise.all(loads);
  return () => clearInterval(polling);
}

async function contacts(id) {
  const answer = await get(`/api/v1/partnerships/${id}/contacts`);
  return table([
    { title: 'Role', cell: (c) => label(c.role) },
    { title: 'Name', cell: (c) => c.name },
    { title: 'Email', cell: (c) => h('a', { href: `mailto:${c.email}` }, c.email) },
    { title: 'Phone', cell: (c) => c.phone ?? '' },
  ], Array.isArray(answer) ? answer : itemsOf(answer.contacts ?? answer), { empty: 'No contacts recorded.' });
}

async function history(id) {
  const entries = itemsOf(await get(`/api/v1/partnerships/${id}/status-changes`));
  if (!entries.length) {
    return h('p', { class: 'muted' }, 'Active since registration; no status change yet.');
  }
  return h('ol', { class: 'timeline' }, [...entries].reverse().map((e) => h('li', { 'data-history': e.to },
    h('div', {}, badge(e.from), ' → ', badge(e.to), ' ', h('span', { class: 'muted' }, `effective ${day(e.effectiveDate)}`)),
    h('div', {}, h('strong', {}, label(e.reasonCategory)), `: ${e.reason}`),
    h('div', { class: 'muted' }, `${e.decidingBody}${e.decisionReference ? `, ref. ${e.decisionReference}` : ''} · recorded ${when(e.occurredAt)} by ${e.actor}`))));
}

async function cases(id) {
  const list = itemsOf(await get(`/api/v1/outreach/cases${query({ partnershipId: id, limit: 20 })}`));
  if (!list.length) {
    return h('p', { class: 'muted' }, 'No outreach case for this partnership.');
  }
  const details = await Promise.all(list.map((c) => get(`/api/v1/outreach/cases/${c.id}`)));
  return h('div', {}, details.map((d) => {
    const c = d.summary;
    return h('article', { 'data-case': c.id },
      h('h3', {}, h('a', { href: `#/outreach/${c.id}` }, `Case opened ${when(c.openedAt)}`), ' ', badge(c.status), ' ', c.outcome ? badge(c.outcome) : ''),
      h('p', {}, `Triggered by ${label(c.triggerStatus).toLowerCase()} (${label(c.reasonCategory).toLowerCase()}). Policies attached: `,
        (d.policies ?? []).map((v) => `${v.title} v${v.versionNumber}`).join('; ') || 'none'),
      table([
        { title: 'Sent to', cell: (x) => x.recipient },
        { title: 'Kind', cell: (x) => label(x.kind) },
        { title: 'Status', cell: (x) => badge(x.status) },
        { title: 'Sent', cell: (x) => when(x.sentAt) },
      ], d.deliveries ?? [], { caption: 'What was sent', empty: 'Nothing queued yet.' }));
  }));
}

function changeForm(p, etag, changed) {
  const allowed = p.allowedTransitions ?? LIFECYCLE[p.status] ?? [];
  if (!allowed.length) {
    return h('p', { class: 'muted' }, `${label(p.status)} is final: no further move is possible.`);
  }
  const status = h('div');
  const policies = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stacked', 'data-form': 'status-change' },
    field('New status', select('to', [['', 'Choose…'], ...allowed.map((s) => [s, label(s)])], '', { required: true })),
    field('Reason category', select('reasonCategory', REASONS.map((r) => [r, label(r)]), 'POLITICAL')),
    field('Reason', h('textarea', { name: 'reason', required: true, rows: 3 })),
    field('Deciding body', h('input', { name: 'decidingBody', required: true, placeholder: 'City Council' })),
    field('Decision reference', h('input', { name: 'decisionReference', placeholder: 'Resolution 2026-14' })),
    field('Effective date', h('input', { name: 'effectiveDate', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) })),
    h('h3', {}, 'Policies that will be attached'), policies,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Change status')), status);
  const showPolicies = () => {
    const { to, reasonCategory } = formValues(form);
    if (!to || to === 'ACTIVE') {
      replace(policies, h('p', { class: 'muted' }, to ? 'A move back to active attaches no policy.' : 'Choose the new status.'));
      return;
    }
    section(policies, async () => {
      const answer = await get(`/api/v1/policies/applicable${query({ status: to, reasonCategory, country: p.partnerCity?.country })}`);
      const items = answer.items ?? [];
      return items.length ? h('ul', {}, items.map((v) => h('li', { 'data-policy': v.slug }, `${v.title} (version ${v.versionNumber})`)))
        : h('p', { class: 'muted' }, 'No published policy applies.');
    });
  };
  // Only the two choices that decide the policies: a blur elsewhere must not reload the list (and move the button).
  form.elements.to.addEventListener('change', showPolicies);
  form.elements.reasonCategory.addEventListener('change', showPolicies);
  showPolicies();
  return onSubmit(form, status, async () => {
    const values = formValues(form);
    await request('POST', `/api/v1/partnerships/${p.id}/status-changes`, {
      body: values, headers: { 'If-Match': etag ?? `"${p.version}"`, 'Idempotency-Key': idempotencyKey() } });
    replace(status, h('p', { class: 'notice', role: 'status' }, `Status changed to ${label(values.to)}. Reload to change it again.`));
    form.querySelectorAll('button[type=submit]').forEach((b) => { b.hidden = true; });
    await changed(values.to);
  });
}
