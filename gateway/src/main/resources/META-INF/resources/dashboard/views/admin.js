// Admin (hq-admin; the gateway answers 403 to anyone else): API keys (a new key is shown once), staff accounts.
import { del, get, itemsOf, post } from '../api.js';
import { badge, field, formValues, h, onSubmit, problemBox, replace, section, select, table, when } from '../ui.js';

const ROLES = ['hq-admin', 'country-rep', 'municipality', 'viewer', 'service'];

function tabs(current) {
  return h('nav', { class: 'actions', 'aria-label': 'Admin sections' },
    h('a', { href: '#/admin/api-keys', 'aria-current': current === 'keys' ? 'page' : null }, 'API keys'), ' · ',
    h('a', { href: '#/admin/staff', 'aria-current': current === 'staff' ? 'page' : null }, 'Staff accounts'));
}

/** The one time a secret is visible: shown with a copy button, never stored by the dashboard. */
function secretBox(heading, key) {
  const code = h('code', { class: 'secret', 'data-secret': '' }, key);
  return h('div', { class: 'notice', role: 'status' }, h('strong', {}, heading),
    h('p', {}, 'Copy it now: it is shown only this once and cannot be retrieved later.'), code,
    h('button', { type: 'button', class: 'secondary', onclick: (e) => navigator.clipboard?.writeText(key).then(() => { e.target.textContent = 'Copied'; }) }, 'Copy'));
}

const keyState = (k) => (k.revokedAt ? 'REVOKED' : k.expiresAt && new Date(k.expiresAt) < new Date() ? 'EXPIRED' : 'ACTIVE');

export const apiKeys = {
  title: 'API keys',
  async render(container, { me }) {
    const list = h('div');
    const shown = h('div', { 'aria-live': 'polite' });
    container.append(h('h1', {}, 'API keys'), tabs('keys'), shown);
    const load = () => section(list, async () => table([
      { title: 'Name', cell: (k) => k.name },
      { title: 'Prefix', cell: (k) => h('code', {}, k.prefix) },
      { title: 'Owner', cell: (k) => k.owner },
      { title: 'Role', cell: (k) => k.role },
      { title: 'Scope', cell: (k) => [...(k.countries ?? []), ...(k.communities ?? [])].join(', ') || 'all' },
      { title: 'State', cell: (k) => badge(keyState(k)) },
      { title: 'Last used', cell: (k) => when(k.lastUsedAt) },
      { title: 'Expires', cell: (k) => when(k.expiresAt) },
      { title: 'Actions', cell: (k) => (k.revokedAt ? '' : h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => act(async () => {
          const issued = await post(`/api/v1/admin/api-keys/${k.id}/rotate`, {});
          replace(shown, secretBox(`Successor of “${k.name}”`, issued.key));
        }) }, 'Rotate'),
        h('button', { type: 'button', class: 'danger', onclick: () => window.confirm(`Revoke “${k.name}”? Callers using it get 401 at once.`)
          && act(async () => { await del(`/api/v1/admin/api-keys/${k.id}`); }) }, 'Revoke'))) },
    ], itemsOf(await get('/api/v1/admin/api-keys?size=500')), { caption: 'Issued keys (the key itself is never stored)', empty: 'No API key.' }));
    const act = async (action) => {
      try {
        await action();
        await load();
      } catch (error) {
        replace(shown, problemBox(error));
      }
    };
    const status = h('div');
    const form = h('form', { class: 'stacked', 'data-form': 'api-key' },
      field('Name', h('input', { name: 'name', required: true })),
      field('Owner', h('input', { name: 'owner', required: true }), 'Who answers for it: a municipality, a system, a person'),
      field('Role', select('role', ROLES.map((r) => [r, r]), 'municipality')),
      field('Countries', h('input', { name: 'countries' }), 'ISO codes, comma-separated (country-rep)'),
      field('Communities', h('input', { name: 'communities' }), 'Community ids, comma-separated (municipality)'),
      field('Expires', h('input', { name: 'expiresAt', type: 'date' }), 'Empty: never'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create key')), status);
    onSubmit(form, status, async () => {
      const v = formValues(form, { csv: ['countries', 'communities'] });
      const issued = await post('/api/v1/admin/api-keys', { ...v, expiresAt: v.expiresAt ? `${v.expiresAt}T23:59:59Z` : null });
      replace(shown, secretBox(`New key “${issued.apiKey?.name ?? v.name}”`, issued.key));
      form.reset();
      await load();
    });
    // Anyone else sees only the gateway's answer to the list (a 403 problem), not the forms.
    container.append(h('div', { class: 'grid' },
      h('section', { class: 'card wide', 'aria-labelledby': 'k-list' }, h('h2', { id: 'k-list' }, 'Keys'), list),
      me.role === 'hq-admin' ? h('section', { class: 'card', 'aria-labelledby': 'k-new' }, h('h2', { id: 'k-new' }, 'Issue a key'), form) : null));
    await load();
  },
};

export const staff = {
  title: 'Staff accounts',
  async render(container, { me }) {
    const list = h('div');
    const notice = h('div', { 'aria-live': 'polite' });
    container.append(h('h1', {}, 'Staff accounts'), tabs('staff'), notice);
    const load = () => section(list, async () => table([
      { title: 'Username', cell: (s) => s.username },
      { title: 'Role', cell: (s) => s.role },
      { title: 'Countries', cell: (s) => (s.countries ?? []).join(', ') },
      { title: 'State', cell: (s) => (s.lockedUntil && new Date(s.lockedUntil) > new Date() ? badge('LOCKED') : badge('ACTIVE')) },
      { title: 'Last login', cell: (s) => when(s.lastLoginAt) },
      { title: 'Created', cell: (s) => when(s.createdAt) },
      { title: '', cell: (s) => (s.lockedUntil && new Date(s.lockedUntil) > new Date()
        ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try {
            await post(`/api/v1/admin/staff/${s.id}/unlock`);
            await load();
          } catch (error) {
            replace(notice, problemBox(error));
          }
        } }, 'Unlock') : '') },
    ], itemsOf(await get('/api/v1/admin/staff?size=500')), { caption: 'People who log in to this dashboard', empty: 'No staff account.' }));
    const status = h('div');
    const form = h('form', { class: 'stacked', 'data-form': 'staff' },
      field('Username', h('input', { name: 'username', required: true, autocomplete: 'off' })),
      field('Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' }), 'At least 12 characters'),
      field('Role', select('role', ROLES.filter((r) => r !== 'service').map((r) => [r, r]), 'country-rep')),
      field('Countries', h('input', { name: 'countries' }), 'ISO codes, comma-separated (country-rep)'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create account')), status);
    onSubmit(form, status, async () => {
      const created = await post('/api/v1/admin/staff', formValues(form, { csv: ['countries'] }));
      replace(notice, h('p', { class: 'notice', role: 'status' }, `Account ${created.username} created.`));
      form.reset();
      await load();
    });
    container.append(h('div', { class: 'grid' },
      h('section', { class: 'card wide', 'aria-labelledby': 'st-list' }, h('h2', { id: 'st-list' }, 'Accounts'), list),
      me.role === 'hq-admin' ? h('section', { class: 'card', 'aria-labelledby': 'st-new' }, h('h2', { id: 'st-new' }, 'New account'), form) : null));
    await load();
  },
};
