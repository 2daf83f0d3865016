// Broadcasts: the list, a composer (Markdown with preview, audience with a live recipient count, policy
// attachments) and a progress page that follows the sending until it completes.
import { get, idempotencyKey, itemsOf, post, query, request } from '../api.js';
import { renderMarkdown } from '../markdown.js';
import { STATUSES, TYPES, badge, checkboxes, field, formValues, h, onSubmit, problemBox, replace, section, table, when } from '../ui.js';

export const list = {
  title: 'Broadcasts',
  async render(container) {
    const body = h('div');
    container.append(h('h1', {}, 'Broadcasts'), h('p', {}, h('a', { class: 'button', href: '#/broadcasts/new' }, 'Compose a broadcast')), body);
    await section(body, async () => table([
      { title: 'Subject', cell: (b) => h('a', { href: `#/broadcasts/${b.id}` }, b.subject) },
      { title: 'Status', cell: (b) => badge(b.status) },
      { title: 'Recipients', num: true, cell: (b) => b.recipientCount ?? '…' },
      { title: 'Sent', num: true, cell: (b) => b.progress?.sent ?? 0 },
      { title: 'Failed', num: true, cell: (b) => b.progress?.failed ?? 0 },
      { title: 'By', cell: (b) => b.createdBy },
      { title: 'Created', cell: (b) => when(b.createdAt) },
    ], itemsOf(await get(`/api/v1/broadcasts${query({ limit: 100 })}`)), { caption: 'Broadcasts, newest first', empty: 'No broadcast yet.' }));
  },
};

const lines = (text) => String(text ?? '').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

export const compose = {
  title: 'Compose a broadcast',
  async render(container, { me, navigate }) {
    const preview = h('div', { class: 'preview', 'aria-label': 'Preview', role: 'region' });
    const count = h('p', { 'aria-live': 'polite', 'data-recipients': '' }, 'Choose an audience.');
    const attachments = h('div');
    const status = h('div');
    const bodyInput = h('textarea', { name: 'bodyMarkdown', required: true, rows: 14 });
    const form = h('form', { class: 'compose' },
      h('div', { class: 'stacked' }, field('Subject', h('input', { name: 'subject', required: true, maxlength: 300, size: 60 }))),
      h('div', { class: 'two-col' },
        field('Message (Markdown)', bodyInput),
        h('div', {}, h('span', { class: 'label' }, h('strong', {}, 'Preview')), preview)),
      h('h2', {}, 'Audience'),
      field('Partner countries', h('input', { name: 'countries', placeholder: 'RU, UA', size: 30 }),
        me.role === 'country-rep' ? `Your countries: ${me.countries.join(', ')}` : 'ISO codes, comma-separated; empty = all countries'),
      checkboxes('Partnership status (none = any)', 'statuses', STATUSES),
      checkboxes('Partnership type (none = any)', 'types', TYPES),
      field('Extra addresses', h('textarea', { name: 'extraAddresses', rows: 2 }), 'One per line; each address gets one email even if it is also a contact'),
      count,
      h('h2', {}, 'Attach policies'), attachments,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Send broadcast'),
        me.role === 'hq-admin' ? h('button', { type: 'button', class: 'secondary', onclick: () => loadExample(form).catch((e) => replace(status, problemBox(e))) }, 'Use the round-table example') : null),
      status);
    container.append(h('p', {}, h('a', { href: '#/broadcasts' }, '← Broadcasts')), h('h1', {}, 'Compose a broadcast'), form);

    const composed = () => {
      const v = formValues(form, { lists: ['statuses', 'types', 'attachments'], csv: ['countries'] });
      return { subject: v.subject, bodyMarkdown: v.bodyMarkdown, attachments: v.attachments,
        audience: { countries: v.countries.map((c) => c.toUpperCase()), statuses: v.statuses, types: v.types },
        extraAddresses: lines(v.extraAddresses) };
    };
    bodyInput.addEventListener('input', () => { preview.innerHTML = renderMarkdown(bodyInput.value); });
    let timer = null;
    let asked = 0;
    const recount = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const ask = ++asked;
        const { audience, extraAddresses } = composed();
        try {
          const answer = await post('/api/v1/broadcasts/audience-preview', { audience, extraAddresses });
          if (ask === asked) {
            replace(count, h('strong', {}, `${answer.recipients} recipients`), ' would receive this broadcast.');
          }
        } catch (error) {
          if (ask === asked) {
            replace(count, problemBox(error));
          }
        }
      }, 300);
    };
    form.addEventListener('input', (event) => { if (event.target !== bodyInput) recount(); });
    form.addEventListener('change', recount);
    recount();
    section(attachments, async () => {
      const docs = itemsOf(await get('/api/v1/policies?status=PUBLISHED&limit=200'));
      return docs.length ? checkboxes('Current published version, as PDF', 'attachments', docs.map((d) => d.slug))
        : h('p', { class: 'muted' }, 'No published policy.');
    });
    onSubmit(form, status, async () => {
      const sent = await request('POST', '/api/v1/broadcasts', { body: composed(), headers: { 'Idempotency-Key': idempotencyKey() } });
      navigate(`broadcasts/${sent.data?.id ?? sent.location.split('/').pop()}`);
    });
    async function loadExample(target) {
      const example = await get('/api/v1/broadcasts/examples/round-table-2022-03-23');
      target.elements.subject.value = example.subject ?? '';
      bodyInput.value = example.bodyMarkdown ?? '';
      preview.innerHTML = renderMarkdown(bodyInput.value);
      target.elements.countries.value = (example.audience?.countries ?? []).join(', ');
      for (const box of target.querySelectorAll('input[type=checkbox]')) {
        box.checked = [...(example.audience?.statuses ?? []), ...(example.audience?.types ?? []), ...(example.attachments ?? [])].includes(box.value);
      }
      target.elements.extraAddresses.value = (example.extraAddresses ?? []).join('\n');
      recount();
    }
  },
};

export const progress = {
  title: 'Broadcast',
  async render(container, { params }) {
    const body = h('div', { 'aria-live': 'polite' });
    container.append(h('p', {}, h('a', { href: '#/broadcasts' }, '← Broadcasts')), h('h1', {}, 'Broadcast'), body);
    let timer = null;
    let stopped = false;
    const draw = async () => {
      try {
        const b = await get(`/api/v1/broadcasts/${encodeURIComponent(params.id)}`);
        const p = b.progress ?? { sent: 0, failed: 0, pending: 0 };
        const total = b.recipientCount ?? 0;
        replace(body, h('section', { class: 'card' },
          h('h2', {}, b.subject),
          h('p', {}, h('span', { 'data-broadcast-status': b.status }, badge(b.status)), ' ',
            b.status === 'COMPLETED' ? 'Every email has been handed to the mail server or has failed for good.' : 'Updating every second…'),
          h('label', { for: 'b-progress' }, `${p.sent} of ${total || '…'} sent, ${p.failed} failed, ${p.pending} pending`),
          h('progress', { id: 'b-progress', max: Math.max(total, 1), value: p.sent + p.failed }),
          h('dl', { class: 'facts' },
            h('dt', {}, 'Audience'), h('dd', {}, audienceText(b.audience, b.extraAddressCount)),
            h('dt', {}, 'Attachments'), h('dd', {}, (b.attachments ?? []).join(', ') || 'none'),
            h('dt', {}, 'Created'), h('dd', {}, `${when(b.createdAt)} by ${b.createdBy}`),
            h('dt', {}, 'Prepared'), h('dd', {}, when(b.preparedAt))),
          b.lastError ? h('p', { class: 'problem' }, `Preparation is waiting: ${b.lastError}`) : null));
        if (b.status !== 'COMPLETED' && !stopped) {
          timer = setTimeout(draw, 1000);
        }
      } catch (error) {
        replace(body, problemBox(error));
      }
    };
    await draw();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  },
};

function audienceText(a, extra) {
  const part = (list, all) => (list?.length ? list.join(', ') : all);
  return `${part(a?.countries, 'all countries')}; ${part(a?.statuses, 'any status')}; ${part(a?.types, 'any type')}${extra ? `; ${extra} extra addresses` : ''}`;
}
