// Overview: partnerships by status and country, status changes over time, open outreach cases, delivery health.
import { get, itemsOf, query } from '../api.js';
import { stackedBars, timeline } from '../charts.js';
import { STATUSES, badge, field, h, section, select, table, when } from '../ui.js';

export const title = 'Overview';

const TOP_COUNTRIES = 15;

export async function render(container, { me }) {
  const panels = {
    status: h('div'), countries: h('div'), changes: h('div'), cases: h('div'), deliveries: h('div'),
  };
  const staff = ['hq-admin', 'country-rep'].includes(me.role);
  container.append(
    h('h1', {}, 'Overview'),
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'ov-status' }, h('h2', { id: 'ov-status' }, 'Partnerships by status'), panels.status),
      h('section', { class: 'card', 'aria-labelledby': 'ov-countries' }, h('h2', { id: 'ov-countries' }, 'By partner country'), panels.countries),
      h('section', { class: 'card wide', 'aria-labelledby': 'ov-changes' }, h('h2', { id: 'ov-changes' }, 'Status changes over time (by effective date)'), panels.changes),
      staff ? h('section', { class: 'card', 'aria-labelledby': 'ov-cases' }, h('h2', { id: 'ov-cases' }, 'Open outreach cases'), panels.cases) : null,
      me.role === 'hq-admin' ? h('section', { class: 'card', 'aria-labelledby': 'ov-deliveries' }, h('h2', { id: 'ov-deliveries' }, 'Delivery health'), panels.deliveries) : null));

  const statistics = get('/api/v1/partnerships/statistics');
  const loads = [
    section(panels.status, async () => statusSummary(await statistics)),
    section(panels.countries, async () => countryChart(await statistics)),
    section(panels.changes, changesChart),
  ];
  if (staff) {
    loads.push(section(panels.cases, openCases));
  }
  if (me.role === 'hq-admin') {
    loads.push(section(panels.deliveries, deliveryHealth));
  }
  await Promise.all(loads);
}

function statusSummary(stats) {
  return h('div', {},
    h('dl', { class: 'kpis' },
      h('div', {}, h('dt', {}, 'All'), h('dd', { 'data-kpi': 'total' }, stats.total ?? 0)),
      STATUSES.map((s) => h('div', {}, h('dt', {}, badge(s)),
        h('dd', {}, h('a', { href: `#/partnerships?status=${s}`, 'data-kpi': s }, stats.byStatus?.[s] ?? 0))))));
}

function countryChart(stats) {
  const rows = [...(stats.byCountry ?? [])].sort((a, b) => b.total - a.total).slice(0, TOP_COUNTRIES)
    .map((c) => ({ label: c.country, values: c.byStatus ?? {} }));
  if (!rows.length) {
    return h('p', { class: 'muted' }, 'No partnerships yet.');
  }
  const more = (stats.byCountry?.length ?? 0) - rows.length;
  return h('div', {}, stackedBars({ title: `Partnerships per partner country (top ${rows.length}) by status`, rows, keys: STATUSES }),
    more > 0 ? h('p', { class: 'muted' }, `${more} more countries; filter the partnership list to see them.`) : null);
}

const PERIODS = {
  weeks: { text: 'Last 12 weeks, per week', days: 83, granularity: 'week' },
  months: { text: 'Last 12 months, per month', days: 364, granularity: 'month' },
  years: { text: 'Last 5 years, per month', days: 5 * 365, granularity: 'month' },
};

/** The status-change timeline with a period picker; the chart is redrawn in place. */
async function changesChart() {
  const chart = h('div', { 'aria-live': 'polite' });
  const picker = select('period', Object.entries(PERIODS).map(([key, p]) => [key, p.text]), 'weeks');
  picker.addEventListener('change', () => section(chart, () => changesFor(PERIODS[picker.value])));
  await section(chart, () => changesFor(PERIODS.weeks));
  return h('div', {}, h('form', { class: 'filters' }, field('Period', picker)), chart);
}

async function changesFor(period) {
  const date = (d) => d.toISOString().slice(0, 10);
  const to = new Date();
  const from = new Date(to.getTime() - period.days * 24 * 3600 * 1000);
  const answer = await get(`/api/v1/partnerships/statistics/status-changes${query({ from: date(from), to: date(to), granularity: period.granularity })}`);
  const format = new Intl.DateTimeFormat('en-GB', period.granularity === 'week'
    ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const rows = (answer.buckets ?? []).map((b) => ({ label: format.format(new Date(b.start)), values: b.byStatus ?? {} }));
  const changes = rows.reduce((sum, r) => sum + STATUSES.reduce((n, s) => n + (r.values[s] ?? 0), 0), 0);
  return h('div', {}, h('p', { class: 'muted' }, `${changes} status changes took effect in this period.`),
    timeline({ title: `Status changes by new status: ${period.text.toLowerCase()}`, rows, keys: STATUSES }));
}

async function openCases() {
  const page = await get(`/api/v1/outreach/cases${query({ status: 'OPEN', limit: 8 })}`);
  const cases = itemsOf(page);
  return h('div', {}, table([
    { title: 'Partnership', cell: (c) => h('a', { href: `#/outreach/${c.id}` }, `${c.community?.name} – ${c.partnerCity?.name}`) },
    { title: 'Country', cell: (c) => c.partnerCity?.country },
    { title: 'Trigger', cell: (c) => badge(c.triggerStatus) },
    { title: 'Opened', cell: (c) => when(c.openedAt) },
  ], cases, { empty: 'No open cases: nothing needs action.' }),
  page.nextCursor ? h('p', {}, h('a', { href: '#/outreach' }, 'All open cases')) : null);
}

async function deliveryHealth() {
  const [summary, failed] = await Promise.all([get('/api/v1/deliveries/summary'), get(`/api/v1/deliveries/emails${query({ status: 'FAILED', limit: 5 })}`)]);
  const e = summary.emails ?? {};
  const w = summary.webhooks ?? {};
  const kpi = (text, value, bad) => h('div', {}, h('dt', {}, text), h('dd', { class: bad && value > 0 ? 'bad' : null }, value ?? 0));
  return h('div', {},
    h('h3', {}, 'Emails'),
    h('dl', { class: 'kpis' }, kpi('Pending', e.pending), kpi('Sent', e.sent), kpi('Failed', e.failed, true), kpi('Failed, 24 h', e.failedLast24h, true)),
    h('h3', {}, 'Webhooks'),
    h('dl', { class: 'kpis' }, kpi('Endpoints', w.endpoints), kpi('Disabled', w.disabledEndpoints, true), kpi('Failing', w.failingEndpoints, true),
      kpi('Pending', w.pendingMessages), kpi('Failed, 24 h', w.failedMessagesLast24h, true)),
    h('p', {}, h('a', { href: '#/subscribers' }, 'Webhook endpoints and delivery logs')),
    h('h3', {}, 'Latest failed emails'),
    table([
      { title: 'Recipient', cell: (m) => m.recipient },
      { title: 'Subject', cell: (m) => m.subject },
      { title: 'Error', cell: (m) => m.lastError ?? '' },
      { title: 'When', cell: (m) => when(m.updatedAt) },
    ], itemsOf(failed), { empty: 'No email has failed.' }));
}
