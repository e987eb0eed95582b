// Calls to the medsync ops API with the operator's bearer token. The token lives in sessionStorage: it is gone
// when the tab closes, and never leaves this origin.
const TOKEN_KEY = 'medsync.opsToken';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  describe() {
    return this.status ? `${this.status} ${this.code}: ${this.message}` : this.message;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

let unauthorized = () => {};

/** What to do when the API says 401: the token is wrong or was revoked. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** One API call; resolves with the JSON body (null for 204), rejects with an ApiError. */
export async function api(method, path, { query = {}, body } = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token.get() ?? ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', `medsync did not answer (${e.message})`);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) {
      token.clear();
      unauthorized(error);
    }
    throw error;
  }
  const text = response.status === 204 ? '' : await response.text();
  return text ? JSON.parse(text) : null;
}

/** The ops API's errors are {"error": code, "message": text}; anything else keeps the HTTP status text. */
async function errorOf(response) {
  let code = `http_${response.status}`;
  let message = response.statusText || 'request failed';
  try {
    const body = await response.json();
    code = body.error ?? code;
    message = body.message ?? message;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, code, message);
}

export const get = (path, query) => api('GET', path, { query });
export const post = (path, options) => api('POST', path, options);
export const del = (path) => api('DELETE', path);
