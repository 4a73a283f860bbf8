// The one client of the JSON API. The session lives in an HttpOnly cookie,
// so requests only need credentials:'same-origin'; nothing is stored here.

import { errorMessage } from './labels.js';

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message, field, retryAfter) {
    super(message);
    this.status = status;        // HTTP status, 0 when the server was not reached
    this.code = code;            // the API's machine code: "invalid", "stale_version", …
    this.field = field || null;  // the input field the error is about, if any
    this.retryAfter = retryAfter || null;
    this.raw = null;             // the server's error object as sent
  }
}

let unauthorizedHandler = null;

// fn(err) runs on any 401 outside the login call itself.
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

function queryString(query) {
  if (!query) return '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? '?' + s : '';
}

// The URL of an API path, for links and images the browser fetches itself
// (downloads, attachment thumbnails); the session cookie goes along.
export function apiUrl(path, query) {
  return BASE + path + queryString(query);
}

// Sends one request and returns the parsed JSON body (null for 204).
// Throws ApiError for a network failure or any non-2xx answer. `form` (a
// FormData) is sent as multipart/form-data instead of a JSON body.
export async function request(method, path, { body, form, query, expect401 = false } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (form !== undefined) {
    init.body = form;   // the browser sets the multipart boundary
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(BASE + path + queryString(query), init);
  } catch (e) {
    throw new ApiError(0, 'network', errorMessage('network'), null);
  }
  let data = null;
  if (res.status !== 204) {
    const text = await res.text();
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
  }
  if (res.ok) return data;
  const e = (data && data.error) || {};
  const code = e.code || 'http_' + res.status;
  const err = new ApiError(res.status, code, errorMessage(code, e.message, e.field, res.status),
    e.field, res.headers.get('Retry-After'));
  err.raw = e;
  if (res.status === 401 && !expect401 && unauthorizedHandler) unauthorizedHandler(err);
  throw err;
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  patch: (path, body, opts = {}) => request('PATCH', path, { ...opts, body }),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),
  upload: (path, form, opts = {}) => request('POST', path, { ...opts, form }),
};

// Fetches every page of a list endpoint (for short lists such as regions and
// industries), following `next` cursors; stops after `max` pages.
export async function getAll(path, query = {}, max = 20) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < max; i++) {
    const page = await api.get(path, { ...query, cursor });
    items.push(...(page.items || []));
    if (!page.next) break;
    cursor = page.next;
  }
  return items;
}
