// Small DOM helpers: elements are built with text nodes only (never innerHTML from data), so nothing the API
// returns can inject markup.

/** h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child…) */
export function h(tag, attributes = {}, ...children) {
  const svg = ['svg', 'g', 'rect', 'text', 'line', 'title', 'desc', 'path'].includes(tag);
  const element = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' && !svg) {
      element.value = value;
    } else if (name === 'checked' || name === 'selected' || name === 'disabled') {
      element[name] = !!value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** An API problem as its title and detail (and field errors), announced to screen readers. */
export function problemBox(error) {
  const problem = error?.problem ?? { title: 'Something went wrong in the dashboard', detail: String(error?.message ?? error) };
  const fields = Array.isArray(problem.errors) ? problem.errors : [];
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, problem.title),
    problem.detail ? h('p', {}, problem.detail) : null,
    fields.length ? h('ul', {}, fields.map((f) => h('li', {}, `${f.field}: ${f.message}`))) : null,
    h('small', {}, [problem.status ? `HTTP ${problem.status}` : null, problem.requestId ? `request ${problem.requestId}` : null]
      .filter(Boolean).join(' · ')));
}

/**
 * Fills `container` with what `load` renders; while it loads a short note, and if it fails the problem.
 * Returns the rendered node (or null on failure).
 */
export async function section(container, load) {
  replace(container, h('p', { class: 'muted loading', role: 'status' }, 'Loading…'));
  try {
    const content = await load();
    replace(container, content);
    return content;
  } catch (error) {
    replace(container, problemBox(error));
    return null;
  }
}

export function badge(value) {
  return value ? h('span', { class: `badge ${value}` }, label(value)) : '';
}

/** ACTIVE → Active, UNDER_REVIEW → Under review. */
export function label(value) {
  const text = String(value ?? '').toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function when(instant) {
  return instant ? `${dateTime.format(new Date(instant))} UTC` : '–';
}

export function day(date) {
  return date ? dateOnly.format(new Date(date)) : '–';
}

/** A table: columns are `{title, cell: row => node|text, num?}`. */
export function table(columns, rows, { caption, empty = 'Nothing to show.' } = {}) {
  if (!rows.length) {
    return h('p', { class: 'muted' }, empty);
  }
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.title)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(row))))))));
}

let fieldSequence = 0;

/** A labelled control: `field('Country', h('input', {name: 'country'}))`. */
export function field(text, control, hint) {
  const id = control.id || `f${++fieldSequence}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) {
    control.setAttribute('aria-describedby', hintId);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, text), control, hint ? h('small', { id: hintId, class: 'muted' }, hint) : null);
}

export function select(name, options, selected, attributes = {}) {
  return h('select', { name, ...attributes }, options.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

/** A group of checkboxes named `name`. */
export function checkboxes(legend, name, values, checked = []) {
  return h('fieldset', {}, h('legend', {}, legend), values.map((value) => h('label', {},
    h('input', { type: 'checkbox', name, value, checked: checked.includes(value) }), ' ', label(value))));
}

/** A form's values; names listed in `lists` become arrays (checkboxes), `csv` names are split at commas. */
export function formValues(form, { lists = [], csv = [] } = {}) {
  const data = new FormData(form);
  const values = {};
  for (const key of new Set(data.keys())) {
    values[key] = lists.includes(key) ? data.getAll(key) : String(data.get(key) ?? '').trim();
  }
  for (const key of lists) {
    values[key] ??= [];
  }
  for (const key of csv) {
    values[key] = String(values[key] ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  }
  return values;
}

/** Runs `action` on submit with the submit button disabled; shows its problem in `status` if it fails. */
export function onSubmit(form, status, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button[type=submit]');
    buttons.forEach((b) => { b.disabled = true; });
    replace(status);
    try {
      await action(event);
    } catch (error) {
      replace(status, problemBox(error));
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return form;
}

export const STATUSES = ['ACTIVE', 'UNDER_REVIEW', 'SUSPENDED', 'TERMINATED'];
export const TYPES = ['SISTER_CITY', 'SISTER_COUNTY', 'SISTER_STATE', 'FRIENDSHIP_CITY'];
export const REASONS = ['POLITICAL', 'ADMINISTRATIVE', 'INACTIVITY', 'FUNDING', 'OTHER'];
