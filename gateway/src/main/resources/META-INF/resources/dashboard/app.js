// The dashboard shell: login, role-aware navigation and a hash router that hands each route to a view
// module. Views get `(container, context)` and may return a function that stops what they started (polling).
import { ApiError, get, post } from './api.js';
import { h, problemBox, replace } from './ui.js';
import * as overview from './views/overview.js';
import * as partnerships from './views/partnerships.js';
import * as partnership from './views/partnership.js';
import * as outreach from './views/outreach.js';
import * as policies from './views/policies.js';
import * as broadcasts from './views/broadcasts.js';
import * as subscribers from './views/subscribers.js';
import * as admin from './views/admin.js';

const ALL = ['hq-admin', 'country-rep', 'municipality', 'viewer'];
const STAFF = ['hq-admin', 'country-rep'];
const HQ = ['hq-admin'];

/** Navigation: what each role is offered. The API still decides; a view reached by URL shows its answer. */
const NAV = [
  { path: 'overview', label: 'Overview', roles: ALL },
  { path: 'partnerships', label: 'Partnerships', roles: ALL },
  { path: 'outreach', label: 'Outreach cases', roles: STAFF },
  { path: 'policies', label: 'Policy library', roles: ALL },
  { path: 'broadcasts', label: 'Broadcasts', roles: STAFF },
  { path: 'subscribers', label: 'Subscribers', roles: HQ },
  { path: 'admin', label: 'Admin', roles: HQ },
];

/** Routes: first segment, and whether an id follows. */
const ROUTES = [
  { match: ['overview'], view: overview },
  { match: ['partnerships'], view: partnerships },
  { match: ['partnerships', ':id'], view: partnership },
  { match: ['outreach'], view: outreach.queue },
  { match: ['outreach', ':id'], view: outreach.detail },
  { match: ['policies'], view: policies.library },
  { match: ['policies', ':id'], view: policies.policy },
  { match: ['broadcasts'], view: broadcasts.list },
  { match: ['broadcasts', 'new'], view: broadcasts.compose },
  { match: ['broadcasts', ':id'], view: broadcasts.progress },
  { match: ['subscribers'], view: subscribers.overview },
  { match: ['subscribers', 'webhooks', ':id'], view: subscribers.endpoint },
  { match: ['admin'], view: admin.apiKeys },
  { match: ['admin', 'api-keys'], view: admin.apiKeys },
  { match: ['admin', 'staff'], view: admin.staff },
];

let me = null;
let stopView = null;

function parseHash() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

function findRoute(segments) {
  for (const route of ROUTES) {
    if (route.match.length !== segments.length) {
      continue;
    }
    const params = {};
    if (route.match.every((part, i) => (part.startsWith(':') ? (params[part.slice(1)] = segments[i]) : part === segments[i]))) {
      return { route, params };
    }
  }
  return null;
}

/** Changes the hash (history entry) to `path` with `query` parameters. */
export function navigate(path, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)).toString();
  location.hash = `#/${path}${search ? `?${search}` : ''}`;
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  const items = NAV.filter((item) => item.roles.includes(me.role));
  replace(nav, h('ul', {}, items.map((item) => h('li', {},
    h('a', { href: `#/${item.path}`, 'aria-current': item.path === current ? 'page' : null, 'data-nav': item.path }, item.label)))));
  nav.hidden = false;
}

async function route() {
  if (stopView) {
    stopView();
    stopView = null;
  }
  if (!me) {
    return;
  }
  const { segments, query } = parseHash();
  if (!segments.length) {
    navigate('overview');
    return;
  }
  renderNav(segments[0]);
  const container = document.getElementById('view');
  const found = findRoute(segments);
  if (!found) {
    replace(container, h('h1', {}, 'Not found'), problemBox(new ApiError({ title: 'No such page', status: 404,
      detail: `The dashboard has no page at #/${segments.join('/')}.` })));
    return;
  }
  const { route: { view }, params } = found;
  document.title = `${view.title} · Sister Cities staff`;
  // Each visit renders into its own element: a view still loading when the user moves on writes into a
  // detached element, never into the next page.
  const page = h('div');
  replace(container, page);
  container.setAttribute('aria-busy', 'true');
  const context = { me, params, query, navigate, segments };
  let stop = null;
  try {
    stop = (await view.render(page, context)) || null;
  } catch (error) {
    replace(page, h('h1', {}, view.title), problemBox(error));
  }
  if (page.parentNode !== container) {
    if (stop) {
      stop();
    }
    return;
  }
  stopView = stop;
  container.removeAttribute('aria-busy');
  // Move focus to the new page's heading so keyboard and screen-reader users land on it.
  const heading = page.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

function showLogin() {
  me = null;
  document.getElementById('login').hidden = false;
  document.getElementById('nav').hidden = true;
  document.getElementById('account').hidden = true;
  replace(document.getElementById('view'));
  document.title = 'Staff login · Sister Cities International';
  document.getElementById('login-username').focus();
}

function showSession(session) {
  me = session;
  document.getElementById('login').hidden = true;
  document.getElementById('account').hidden = false;
  const scope = me.countries?.length ? ` · ${me.countries.join(', ')}` : '';
  replace(document.getElementById('who'), h('span', { 'data-role': me.role }, `${me.subject.replace(/^staff:/, '')} (${me.role}${scope})`));
  route();
}

async function start() {
  document.getElementById('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const error = document.getElementById('login-error');
    replace(error);
    try {
      await post('/auth/login', { username: form.get('username'), password: form.get('password') });
      event.target.reset();
      showSession(await get('/auth/me'));
    } catch (failure) {
      replace(error, problemBox(failure));
    }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try {
      await post('/auth/logout');
    } finally {
      showLogin();
    }
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('sci:unauthorized', showLogin);
  try {
    const session = await get('/auth/me');
    if (session.role && session.subject && session.subject.startsWith('staff:')) {
      showSession(session);
      return;
    }
  } catch (ignored) {
    // not logged in
  }
  showLogin();
}

start();
