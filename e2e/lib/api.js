// A tiny client of the JSON API.
export const PASSWORD = 'DongNai@2026';

export async function token(base, username, password = PASSWORD) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await r.json();
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

async function call(method, base, tok, path, { body, headers = {} } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (tok) h.authorization = `Bearer ${tok}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const r = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: r.status, headers: r.headers, body: parsed };
}

export const get = (base, tok, path, opts) => call('GET', base, tok, path, opts);
export const put = (base, tok, path, body, headers = {}) => call('PUT', base, tok, path, { body, headers });
export const post = (base, tok, path, body, headers = {}) => call('POST', base, tok, path, { body, headers });

/** GET that must succeed; returns the body. */
export async function ok(base, tok, path) {
  const r = await get(base, tok, path);
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
