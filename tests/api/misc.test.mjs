// What every deployment relies on besides the resources: /healthz,
// /metrics, /api/v1/openapi.json, security headers, the JSON 404 and 405,
// and the static UI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { API, STORE, request, get, tokenOf, assertStatus, assertError, routesFromSource, startServer, sanitizerErrors, uniq, patch } from './lib.mjs';


function assertSecurityHeaders(res, what) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  const csp = res.headers.get('content-security-policy') || '';
  assert.match(csp, /default-src 'self'/, `${what}: CSP default-src`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/, `${what}: no inline scripts`);
  assert.ok(res.headers.get('referrer-policy'), `${what}: Referrer-Policy`);
}

/** The value of one series of the Prometheus text, or 0 when absent. */
function series(text, name, labels = {}) {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
  const head = want ? `${name}{${want}} ` : `${name} `;
  for (const line of text.split('\n')) {
    if (line.startsWith(head)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

test(`/healthz answers 200 ok naming the ${STORE} store and the schema version`, async () => {
  const r = await get('/healthz');
  assertStatus(r, 200);
  assert.equal(r.json.status, 'ok');
  assert.equal(r.json.store, STORE);
  assert.ok(Number.isInteger(r.json.schema) && r.json.schema >= 1);
});

test('/metrics is Prometheus text with per-route counters that count each request', async () => {
  const m0 = await get('/metrics');
  assertStatus(m0, 200);
  assert.match(m0.headers.get('content-type') || '', /^text\/plain/);
  assert.match(m0.text, /^# TYPE hazardnet_http_requests_total counter$/m);
  const route = { method: 'GET', route: '/api/v1/orgs/{id}', code: '2xx' };
  const notFound = { method: 'GET', route: '/api/v1/orgs/{id}', code: '4xx' };
  const ok0 = series(m0.text, 'hazardnet_http_requests_total', route);
  const nf0 = series(m0.text, 'hazardnet_http_requests_total', notFound);
  const t = await tokenOf('admin');
  const orgs = await get(`${API}/orgs?limit=1`, { token: t });
  const id = orgs.json.items[0].id;
  for (let i = 0; i < 3; i++) assertStatus(await get(`${API}/orgs/${id}`, { token: t }), 200);
  for (let i = 0; i < 2; i++) assertStatus(await get(`${API}/orgs/987654321`, { token: t }), 404);
  const m1 = await get('/metrics');
  assert.equal(series(m1.text, 'hazardnet_http_requests_total', route), ok0 + 3, 'three more 2xx');
  assert.equal(series(m1.text, 'hazardnet_http_requests_total', notFound), nf0 + 2, 'two more 4xx');
  const count = series(m1.text, 'hazardnet_http_request_seconds_count', { method: 'GET', route: '/api/v1/orgs/{id}' });
  assert.ok(count >= ok0 + nf0 + 5, 'the histogram counts them too');
  const inf = series(m1.text, 'hazardnet_http_request_seconds_bucket', { method: 'GET', route: '/api/v1/orgs/{id}', le: '+Inf' });
  assert.equal(inf, count, 'the +Inf bucket holds every request');
  // Every line is a comment or a well-formed sample.
  for (const line of m1.text.split('\n').filter(Boolean)) {
    assert.match(line, /^(# (HELP|TYPE) .+|[a-z_]+(\{([a-z_]+="[^"\n]*",?)*\})? [0-9.e+-]+)$/, `a Prometheus line: ${line}`);
  }
});

test('/metrics counts the writes of the group commit, their batches and the time of each stage', async () => {
  const admin = await tokenOf('admin');
  const org = (await get(`${API}/orgs?kind=department&limit=1`, { token: admin })).json.items[0];
  const stages = ['writer', 'statements', 'commit', 'flush'];
  const read = async () => {
    const m = await get('/metrics');
    assertStatus(m, 200);
    const v = {
      batches: series(m.text, 'hazardnet_write_batches_total'),
      requests: series(m.text, 'hazardnet_write_requests_total'),
      failed: series(m.text, 'hazardnet_write_failed_batches_total'),
      queue: series(m.text, 'hazardnet_write_queue_seconds_total'),
    };
    for (const s of stages) v[s] = series(m.text, 'hazardnet_write_batch_seconds_total', { stage: s });
    assert.match(m.text, /^# TYPE hazardnet_write_batches_total counter$/m);
    return v;
  };
  const m0 = await read();
  let version = (await get(`${API}/orgs/${org.id}`, { token: admin })).json.version;
  for (let i = 1; i <= 3; i++) {
    const r = await patch(`${API}/orgs/${org.id}`, { version, address: `拉萨市统计路${uniq()}号` }, { token: admin });
    assertStatus(r, 200);
    version = r.json.version;
  }
  const stale = await patch(`${API}/orgs/${org.id}`, { version: version - 1, address: '拉萨市旧路1号' }, { token: admin });
  assertStatus(stale, 409);
  const m1 = await read();
  assert.equal(m1.requests - m0.requests, 4, 'the four writes went through it, the refused one too');
  assert.ok(m1.batches > m0.batches, 'in at least one batch');
  assert.ok(m1.batches - m0.batches <= m1.requests - m0.requests, 'no more batches than writes');
  assert.equal(m1.failed, m0.failed, 'no batch failed: the refused write failed alone');
  assert.ok(m1.queue >= m0.queue, 'queue time only grows');
  for (const s of stages) assert.ok(m1[s] >= m0[s], `${s} time only grows`);
  assert.ok(m1.statements + m1.commit + m1.flush > m0.statements + m0.commit + m0.flush,
    'the batches took time in their statements, commit and flush');
});

// An address of this host that is not its loopback, or null.
function outsideAddress() {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list || []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

test('/metrics answers only this host unless server.metrics_public opens it', async (t) => {
  const ip = outsideAddress();
  if (ip === null) {
    t.skip('this machine has no address besides its loopback');
    return;
  }
  for (const open of [false, true]) {
    const srv = await startServer(open ? { HAZARDNET_SERVER_METRICS_PUBLIC: '1' } : {}, { host: '0.0.0.0' });
    try {
      assertStatus(await request('GET', '/metrics', { base: srv.url }), 200);
      const far = await request('GET', '/metrics', { base: `http://${ip}:${srv.port}` });
      if (open) {
        assertStatus(far, 200);
        assert.match(far.text, /hazardnet_http_requests_total/);
      } else {
        assertError(far, 404, 'not_found');
        assert.doesNotMatch(far.text, /hazardnet_http/);
      }
      // Everything else answers the other address as usual.
      assertStatus(await request('GET', '/healthz', { base: `http://${ip}:${srv.port}` }), 200);
    } finally {
      assert.equal((await srv.stop('SIGTERM')).code, 0);
      assert.deepEqual(sanitizerErrors(srv.stderr()), []);
    }
  }
});

test('session cookies carry Secure when server.secure_cookie is on, and not otherwise', async () => {
  const body = { login: 'admin', password: process.env.HN_ADMIN_PASSWORD };
  const plain = await request('POST', `${API}/session`, { body });
  assertStatus(plain, 200);
  assert.doesNotMatch(plain.headers.get('set-cookie') || '', /Secure/);
  const srv = await startServer({ HAZARDNET_SERVER_SECURE_COOKIE: '1' });
  try {
    const r = await request('POST', `${API}/session`, { body, base: srv.url });
    assertStatus(r, 200);
    assert.match(r.headers.get('set-cookie') || '', /^hn_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const out = await request('DELETE', `${API}/session`, { token: r.json.token, base: srv.url });
    assert.match(out.headers.get('set-cookie') || '', /Max-Age=0; Secure$/);
  } finally {
    assert.equal((await srv.stop('SIGTERM')).code, 0);
    assert.deepEqual(sanitizerErrors(srv.stderr()), []);
  }
});

test('/metrics does not label series with raw paths (ids would explode the series)', async () => {
  const t = await tokenOf('admin');
  await get(`${API}/orgs/123456`, { token: t });
  await get('/api/v1/no-such-thing-12345');
  const m = await get('/metrics');
  assert.doesNotMatch(m.text, /123456|no-such-thing/);
});

test('/api/v1/openapi.json lists every route of the route table with its method, and marks which need a session', async () => {
  const r = await get(`${API}/openapi.json`);
  assertStatus(r, 200);
  assert.match(r.json.openapi, /^3\./);
  const described = [];
  for (const [path, item] of Object.entries(r.json.paths)) {
    for (const [m, op] of Object.entries(item)) {
      described.push(`${m.toUpperCase()} ${path}`);
      assert.ok(op.summary, `${m} ${path} has a summary`);
      assert.ok(op.responses, `${m} ${path} has responses`);
    }
  }
  const table = routesFromSource();
  assert.ok(table.length >= 20, `routes.c has the route table (${table.length} routes read)`);
  assert.deepEqual(described.sort(), [...table].sort(), 'openapi.json describes exactly the routes of src/http/routes.c');
  assert.ok(!r.json.paths['/api/v1/session'].post.security, 'signing in needs no session');
  assert.ok(r.json.paths['/api/v1/orgs'].get.security, 'listing orgs needs one');
  const orgBody = r.json.paths['/api/v1/orgs'].post.requestBody.content['application/json'].schema;
  assert.equal(orgBody.additionalProperties, false, 'unknown fields are refused, and the description says so');
  assert.deepEqual([...orgBody.required].sort(), ['kind', 'name', 'region_code']);
});

test('API answers carry the security headers, errors included', async () => {
  const t = await tokenOf('office');
  assertSecurityHeaders(await get(`${API}/orgs?limit=1`, { token: t }), 'a list');
  assertSecurityHeaders(await get(`${API}/orgs`), 'a 401');
  assertSecurityHeaders(await get(`${API}/orgs/987654321`, { token: t }), 'a 404');
  assertSecurityHeaders(await get('/healthz'), '/healthz');
  assertSecurityHeaders(await get('/metrics'), '/metrics');
  assert.match((await get(`${API}/orgs?limit=1`, { token: t })).headers.get('cache-control') || '', /no-store/, 'API answers are not cached');
});

test('an unknown API path is a JSON 404 not_found', async () => {
  for (const p of ['/api/v1/nope', '/api/v2/orgs', '/api/v1/orgs/1/extra', '/api/v1/', '/api/v1/Orgs']) {
    const r = await get(p, { token: await tokenOf('admin') });
    assertError(r, 404, 'not_found');
  }
});

test('an org id that is not a positive number is 404, not 400 or 500', async () => {
  const t = await tokenOf('admin');
  for (const id of ['abc', '0', '-1', '1x', '1.5', '01', '99999999999999999999', '%201']) {
    const r = await get(`${API}/orgs/${id}`, { token: t });
    assertError(r, 404, 'not_found');
  }
});

test('a path with an encoded NUL byte is not cut at the NUL: /orgs/1%00 and /orgs/1%00/x are 404', async () => {
  // The decoded path holds a NUL; reading it as a C string would serve org 1.
  const t = await tokenOf('admin');
  for (const p of [`${API}/orgs/1%00`, `${API}/orgs/1%00/x`, `${API}/orgs%00/1`]) {
    assertError(await get(p, { token: t }), 404, 'not_found');
  }
});

test('a wrong method on a known path is 405 method_not_allowed', async () => {
  const t = await tokenOf('admin');
  for (const [m, p] of [['PUT', '/api/v1/orgs'], ['DELETE', '/api/v1/orgs/1'], ['PUT', '/api/v1/orgs/1'], ['POST', '/api/v1/orgs/1'],
    ['PATCH', '/api/v1/session'], ['POST', '/healthz'], ['DELETE', '/api/v1/users/1'], ['POST', '/api/v1/regions']]) {
    const r = await request(m, p, { token: t, body: m === 'DELETE' ? undefined : {} });
    assertError(r, 405, 'method_not_allowed');
  }
});

test('an unknown HTTP method on an API path is refused, not served', async () => {
  const r = await request('PROPFIND', `${API}/orgs`, { token: await tokenOf('admin') });
  assert.ok([400, 405, 501].includes(r.status), `PROPFIND refused: ${r.status}`);
});

test('the static UI serves index.html at / with the security headers', async () => {
  const r = await get('/');
  assertStatus(r, 200);
  assert.match(r.headers.get('content-type') || '', /^text\/html/);
  assert.match(r.text, /<!doctype html>/i);
  assert.match(r.text, /<script/);
  assertSecurityHeaders(r, 'the UI');
  const same = await get('/index.html');
  assert.equal(same.text, r.text);
});

test('the static UI refuses paths outside its files with a JSON 404', async () => {
  for (const p of ['/../../etc/passwd', '/assets/../../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/etc/passwd',
    '/assets//x.js', '/node_modules/vue/package.json', '/assets/no-such-file.js', '/.git/config', '/hazardnet.db']) {
    const r = await get(p);
    assertError(r, 404, 'not_found');
    assert.doesNotMatch(r.text, /root:|\[core\]/);
  }
});

test('writes to the static UI are 405', async () => {
  for (const m of ['POST', 'PUT', 'DELETE']) {
    assertError(await request(m, '/', { raw: 'x', contentType: 'text/plain' }), 405, 'method_not_allowed');
  }
});
