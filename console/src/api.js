// The console's only way to the server: the public reseller API at window.WISPBILL_CONSOLE.apiBaseUrl,
// with the session token as a bearer credential (sessionStorage: gone with the tab, never sent by the
// browser on its own, so no CSRF). Problem documents become ApiError; a 401 on a signed-in call means
// the session ended (expired, signed out elsewhere, revoked), so the shell goes back to sign-in.
const TOKEN_KEY = 'wispbill.session';
const unauthorizedListeners = new Set();

export class ApiError extends Error {
  constructor({ status, title, detail, code, errors, retryAfterSeconds }) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title || '';
    this.detail = detail || '';
    this.code = code || null;
    this.errors = Array.isArray(errors) ? errors : [];
    this.retryAfterSeconds = retryAfterSeconds ?? null;
  }

  /** The messages by field ({name: "is required"}), two for one field joined by "; ". */
  byField() {
    const out = {};
    this.errors.forEach(e => { out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message; });
    return out;
  }

  /** The message for one field (errors[].field), or null. */
  fieldError(field) {
    const found = this.errors.find(e => e.field === field);
    return found ? found.message : null;
  }
}

function storage() {
  return typeof sessionStorage === 'undefined' ? null : sessionStorage;
}

export const session = {
  token() {
    return storage()?.getItem(TOKEN_KEY) || null;
  },
  set(token) {
    storage()?.setItem(TOKEN_KEY, token);
  },
  clear() {
    storage()?.removeItem(TOKEN_KEY);
  },
};

/** Calls listener when a signed-in call answers 401; returns the function that stops it. */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function baseUrl() {
  const config = (typeof window !== 'undefined' && window.WISPBILL_CONSOLE) || {};
  return String(config.apiBaseUrl || '').replace(/\/+$/, '');
}

async function problemOf(response) {
  let body = {};
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = {};
    }
  }
  const retryHeader = Number(response.headers.get('retry-after'));
  return new ApiError({
    status: response.status,
    title: body.title || response.statusText,
    detail: body.detail,
    code: body.code,
    errors: body.errors,
    retryAfterSeconds: body.retryAfterSeconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null),
  });
}

/**
 * One call. options.public: no token is sent and a 401 is the caller's to show (sign-in);
 * options.as: 'json' (default), 'text', 'blob' or 'response' (the Response, for its headers);
 * options.headers: more request headers (Idempotency-Key).
 */
export async function request(method, path, body, options = {}) {
  const headers = { Accept: options.as === 'text' ? 'text/html, text/plain, */*' : 'application/json, */*', ...options.headers };
  const token = options.public ? null : session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(baseUrl() + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'network', detail: e.message, code: 'network' });
  }
  if (!response.ok) {
    const error = await problemOf(response);
    if (response.status === 401 && !options.public) {
      session.clear();
      unauthorizedListeners.forEach(listener => listener(error));
    }
    throw error;
  }
  if (response.status === 204) return options.as === 'response' ? response : null;
  switch (options.as) {
    case 'text':
      return response.text();
    case 'blob':
      return response.blob();
    case 'response':
      return response;
    default: {
      const type = response.headers.get('content-type') || '';
      return type.includes('json') ? response.json() : response.text();
    }
  }
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body === undefined ? {} : body, options),
  put: (path, body, options) => request('PUT', path, body, options),
  patch: (path, body, options) => request('PATCH', path, body, options),
  del: (path, body, options) => request('DELETE', path, body, options),
  /** Fetches path with the session and saves it as filename (CSV exports). */
  async download(path, filename) {
    const blob = await request('GET', path, undefined, { as: 'blob' });
    saveFile(blob, filename);
    return blob;
  },
};

/** Hands blob to the browser as a download named filename. */
export function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A query string of the defined values: query({from, to}) → "?from=…&to=…". */
export function query(params) {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
