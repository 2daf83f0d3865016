// Partnerships: a filterable, sortable, paged table; filters live in the URL so a view can be shared.
import { get, query } from '../api.js';
import { STATUSES, TYPES, badge, field, h, label, section, select, table, when } from '../ui.js';

export const title = 'Partnerships';

const FILTERS = ['q', 'country', 'status', 'state', 'type', 'sort'];
const SORTS = [['', 'Default order'], ['community', 'Community A–Z'], ['-community', 'Community Z–A'], ['partnerCity', 'Partner city A–Z'],
  ['country', 'Country A–Z'], ['status', 'Status'], ['-updatedAt', 'Recently updated'], ['updatedAt', 'Least recently updated']];
const PAGE_SIZE = 25;

// Cursors of the pages before the current one, for "Previous" (keyset pagination only knows "next").
let trail = [];

export async function render(container, { query: params, navigate }) {
  const value = (name) => params.get(name) ?? '';
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter partnerships' },
    field('Search', h('input', { name: 'q', type: 'search', value: value('q'), placeholder: 'City or community' })),
    field('Country', h('input', { name: 'country', value: value('country'), size: 4, maxlength: 2, placeholder: 'RU', pattern: '[A-Za-z]{2}', title: 'Two-letter ISO code' })),
    field('Status', select('status', [['', 'Any'], ...STATUSES.map((s) => [s, label(s)])], value('status'))),
    field('US state', h('input', { name: 'state', value: value('state'), size: 4, maxlength: 2, placeholder: 'OR' })),
    field('Type', select('type', [['', 'Any'], ...TYPES.map((t) => [t, label(t)])], value('type'))),
    field('Sort', select('sort', SORTS, value('sort'))),
    h('div', {}, h('button', { type: 'submit' }, 'Apply')),
    h('div', {}, h('button', { type: 'button', class: 'secondary', onclick: () => { trail = []; navigate('partnerships'); } }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    trail = [];
    navigate('partnerships', Object.fromEntries(FILTERS.map((f) => {
      const v = String(data.get(f) ?? '').trim();
      return [f, f === 'country' || f === 'state' ? v.toUpperCase() : v];
    })));
  });
  const results = h('div', { 'aria-live': 'polite' });
  container.append(h('h1', {}, 'Partnerships'), form, results);

  const filters = Object.fromEntries(FILTERS.map((f) => [f, value(f)]));
  const cursor = value('cursor');
  await section(results, async () => {
    const page = await get(`/api/v1/partnerships${query({ ...filters, cursor, limit: PAGE_SIZE })}`);
    const items = page.items ?? [];
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
      trail.length ? h('button', { type: 'button', class: 'secondary', onclick: () => navigate('partnerships', { ...filters, cursor: trail.pop() }) }, 'Previous page') : null,
      page.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => { trail.push(cursor); navigate('partnerships', { ...filters, cursor: page.nextCursor }); } }, 'Next page') : null,
      h('span', { class: 'muted' }, `${items.length} shown${page.nextCursor ? ', more on the next page' : ''}`));
    return h('div', {}, table([
      { title: 'Community', cell: (p) => h('a', { href: `#/partnerships/${p.id}` }, p.community?.name) },
      { title: 'State', cell: (p) => p.community?.state },
      { title: 'Partner city', cell: (p) => p.partnerCity?.name },
      { title: 'Country', cell: (p) => p.partnerCity?.country },
      { title: 'Type', cell: (p) => label(p.type) },
      { title: 'Status', cell: (p) => badge(p.status) },
      { title: 'Updated', cell: (p) => when(p.updatedAt) },
    ], items, { caption: 'Partnerships matching the filters', empty: 'No partnership matches these filters.' }), pager);
  });
}
