// The dashboard's only way to the platform: the public API through the gateway, with the staff session.
// Every failure becomes an ApiError carrying the RFC 9457 problem, so views can show its title and detail.

/** A failed call: `problem` is the server's problem+json, or one made up for a network failure. */
export class ApiError extends Error {
  constructor(problem) {
    super(`${problem.title}: ${problem.detail ?? ''}`);
    this.problem = problem;
    this.status = problem.status;
  }
}

// The session cookie is HttpOnly; the CSRF token is readable and repeated in X-CSRF-Token on state changes.
function csrfToken() {
  const match = document.cookie.match(/(?:^|; )sci_csrf=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      return { title: body.title || `HTTP ${response.status}`, status: response.status, ...body };
    } catch (ignored) {
      // fall through: a broken body still deserves a visible error
    }
  }
  return { title: `HTTP ${response.status} ${response.statusText}`.trim(), status: response.status,
    detail: 'The server answered without a problem description.' };
}

/**
 * Sends one request. `body`: an object (sent as JSON), or a Blob/File (sent as is, with its type).
 * Returns `{data, status, etag, location}`; throws ApiError on any non-2xx answer or network failure.
 */
export async function request(method, path, { body, headers = {} } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json, application/problem+json', ...headers } };
  if (method !== 'GET' && method !== 'HEAD') {
    init.headers['X-CSRF-Token'] = csrfToken();
  }
  if (body instanceof Blob) {
    init.body = body;
    init.headers['Content-Type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError({ title: 'The platform could not be reached', status: 0, detail: String(error.message || error) });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && path !== '/auth/login') {
      window.dispatchEvent(new CustomEvent('sci:unauthorized'));
    }
    throw new ApiError(problem);
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('json')) {
    data = await response.json();
  } else if (type.includes('application/pdf') || type.includes('octet-stream')) {
    data = await response.blob();
  } else if (response.status !== 204) {
    data = await response.text();
  }
  return { data, status: response.status, etag: response.headers.get('ETag'), location: response.headers.get('Location') };
}

export const get = async (path) => (await request('GET', path)).data;
export const post = async (path, body, headers) => (await request('POST', path, { body, headers })).data;
export const put = async (path, body, headers) => (await request('PUT', path, { body, headers })).data;
export const del = async (path) => (await request('DELETE', path)).data;

/** A query string from the non-empty values of `params` (arrays repeat the key). */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') {
        search.append(key, item);
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The list in a page (`{items, nextCursor}`) or in a plain array answer. */
export function itemsOf(answer) {
  return Array.isArray(answer) ? answer : (answer?.items ?? []);
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function idempotencyKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
