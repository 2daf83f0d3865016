// Policy library: documents and their versions; hq-admin creates drafts, uploads a PDF, publishes; anyone
// previews a version's PDF (fetched with the session, shown from a blob: URL).
import { get, idempotencyKey, itemsOf, post, query, request } from '../api.js';
import { badge, field, formValues, h, label, onSubmit, problemBox, replace, section, table, when } from '../ui.js';

export const library = {
  title: 'Policy library',
  async render(container, { me, query: params, navigate }) {
    const q = params.get('q') ?? '';
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Search policies' },
      field('Full-text search', h('input', { name: 'q', type: 'search', value: q })), h('div', {}, h('button', { type: 'submit' }, 'Search')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      navigate('policies', formValues(form));
    });
    const list = h('div');
    container.append(h('h1', {}, 'Policy library'), form, list);
    if (me.role === 'hq-admin') {
      container.append(h('section', { class: 'card', 'aria-labelledby': 'p-new' }, h('h2', { id: 'p-new' }, 'New policy document'), newDocumentForm(navigate)));
    }
    await section(list, async () => table([
      { title: 'Title', cell: (d) => h('a', { href: `#/policies/${d.slug}` }, d.title) },
      { title: 'Current', cell: (d) => (d.current ? `version ${d.current.number}, ${when(d.current.publishedAt)}` : 'not published') },
      { title: 'Versions', cell: (d) => (d.versions ?? []).map((v) => [badge(v.status), ' ']) },
      { title: 'Owner', cell: (d) => d.owner },
      { title: 'Tags', cell: (d) => (d.tags ?? []).join(', ') },
    ], itemsOf(await get(`/api/v1/policies${query({ q, limit: 200 })}`)), { caption: 'Policy documents', empty: 'No document matches.' }));
  },
};

function newDocumentForm(navigate) {
  const status = h('div');
  const form = h('form', { class: 'stacked' },
    field('Title', h('input', { name: 'title', required: true })),
    field('Slug', h('input', { name: 'slug', required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*' }), 'Lower-case words joined by hyphens, e.g. funding-review-policy'),
    field('Owner', h('input', { name: 'owner', required: true, value: 'Headquarters' })),
    field('Summary', h('input', { name: 'summary' })),
    field('Tags', h('input', { name: 'tags' }), 'Comma-separated'),
    field('Body (Markdown)', h('textarea', { name: 'body', required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create draft')), status);
  return onSubmit(form, status, async () => {
    const created = await post('/api/v1/policies', formValues(form, { csv: ['tags'] }), { 'Idempotency-Key': idempotencyKey() });
    navigate(`policies/${created.slug}`);
  });
}

export const policy = {
  title: 'Policy',
  async render(container, { me, params }) {
    const ref = encodeURIComponent(params.id);
    const body = h('div');
    const preview = h('div', { 'aria-live': 'polite' });
    let objectUrl = null;
    container.append(h('p', {}, h('a', { href: '#/policies' }, '← Policy library')), body);
    const showPdf = async (n) => {
      await section(preview, async () => {
        const pdf = (await request('GET', `/api/v1/policies/${ref}/versions/${n}/pdf`, { headers: { Accept: 'application/pdf, application/problem+json' } })).data;
        if (objectUrl) {
          URL.revokeObjectURL(objectUrl);
        }
        objectUrl = URL.createObjectURL(pdf);
        return h('div', {}, h('h2', {}, `PDF of version ${n}`),
          h('iframe', { class: 'pdf', src: objectUrl, title: `PDF of version ${n}` }),
          h('p', {}, h('a', { href: objectUrl, download: `${params.id}-v${n}.pdf` }, `Download (${Math.round(pdf.size / 1024)} KB)`)));
      });
    };
    const draw = async () => {
      const d = await get(`/api/v1/policies/${ref}`);
      const versions = await Promise.all((d.versions ?? []).map((v) => get(`/api/v1/policies/${ref}/versions/${v.number}`)));
      const admin = me.role === 'hq-admin';
      const status = h('div');
      replace(body, h('h1', {}, d.title), d.summary ? h('p', {}, d.summary) : null,
        h('p', { class: 'muted' }, `${d.slug} · owner ${d.owner}${d.tags?.length ? ` · ${d.tags.join(', ')}` : ''}`),
        status,
        h('section', { class: 'card', 'aria-labelledby': 'v-list' }, h('h2', { id: 'v-list' }, 'Versions'),
          table([
            { title: 'Version', num: true, cell: (v) => v.number },
            { title: 'Status', cell: (v) => h('span', { 'data-version-status': v.number }, badge(v.status)) },
            { title: 'Title', cell: (v) => v.title },
            { title: 'Applies to', cell: (v) => appliesTo(v.appliesTo) },
            { title: 'PDF', cell: (v) => (v.pdf ? `${label(v.pdf.source)}${v.pdf.size ? `, ${Math.round(v.pdf.size / 1024)} KB` : ''}` : '–') },
            { title: 'Published', cell: (v) => when(v.publishedAt) },
            { title: 'Actions', cell: (v) => h('div', { class: 'actions' },
              h('button', { type: 'button', class: 'secondary', onclick: () => showPdf(v.number) }, `Preview PDF v${v.number}`),
              admin && v.status === 'DRAFT' ? h('button', { type: 'button', 'data-publish': v.number, onclick: async (e) => {
                e.target.disabled = true;
                try {
                  await post(`/api/v1/policies/${ref}/versions/${v.number}/publish`, undefined, { 'Idempotency-Key': idempotencyKey() });
                  await draw();
                  replace(status, h('p', { class: 'notice', role: 'status' }, `Version ${v.number} published.`));
                } catch (error) {
                  e.target.disabled = false;
                  replace(status, problemBox(error));
                }
              } }, `Publish version ${v.number}`) : null,
              admin && v.status === 'DRAFT' ? uploadControl(ref, v.number, status, draw) : null) },
          ], versions, { caption: 'Every version, oldest first' })),
        preview,
        admin ? h('section', { class: 'card', 'aria-labelledby': 'v-new' }, h('h2', { id: 'v-new' }, 'New draft version'), newVersionForm(ref, draw)) : null);
    };
    await draw();
    return () => objectUrl && URL.revokeObjectURL(objectUrl);
  },
};

function appliesTo(a) {
  if (!a) {
    return '';
  }
  const part = (list, all) => (list?.length ? list.map(label).join(', ') : all);
  return `${part(a.statuses, 'any status')}; ${part(a.reasonCategories, 'any reason')}; ${a.countries?.length ? a.countries.join(', ') : 'all countries'}`;
}

function uploadControl(ref, n, status, done) {
  const input = h('input', { type: 'file', accept: 'application/pdf', id: `upload-${n}`, 'data-upload': n,
    onchange: async () => {
      const file = input.files[0];
      if (!file) {
        return;
      }
      try {
        await request('PUT', `/api/v1/policies/${ref}/versions/${n}/pdf`, { body: new Blob([file], { type: 'application/pdf' }) });
        await done();
        replace(status, h('p', { class: 'notice', role: 'status' }, `${file.name} uploaded to version ${n}.`));
      } catch (error) {
        replace(status, problemBox(error));
      }
    } });
  return h('span', { class: 'upload' }, h('label', { for: input.id }, `Upload a PDF for v${n}`), input);
}

function newVersionForm(ref, done) {
  const status = h('div');
  const form = h('form', { class: 'stacked' },
    field('Title', h('input', { name: 'title' }), 'Left empty: copied from the latest version'),
    field('Summary', h('input', { name: 'summary' })),
    field('Body (Markdown)', h('textarea', { name: 'body' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create draft')), status);
  return onSubmit(form, status, async () => {
    const values = Object.fromEntries(Object.entries(formValues(form)).filter(([, v]) => v !== ''));
    await post(`/api/v1/policies/${ref}/versions`, values, { 'Idempotency-Key': idempotencyKey() });
    await done();
  });
}
