// Sessions (DESIGN §4 "Auth"): sign in, cookie and bearer, sign out, and
// what refuses a sign-in: wrong or unknown credentials, the lockout after
// repeated failures, and the per-address rate limit (on a second server of
// this test's own, started with a low limit).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, request, get, post, patch, del, login, tokenOf, cookieValue, assertStatus, assertError,
  startServer, sanitizerErrors, sleep, uniq,
} from './lib.mjs';
import { getWorld, adminFind } from './fixtures.mjs';

// The server under test runs with the default lockout unless told otherwise.
const LOCKOUT = Number(process.env.HAZARDNET_AUTH_LOCKOUT_FAILURES || 5);
const PW = 'session-pass-1';

let w;
before(async () => { w = await getWorld(); });

/** A fresh office user of 拉萨 for tests that lock or disable accounts. */
async function freshUser(prefix) {
  const loginName = `${prefix}-${uniq()}`;
  const res = await post(`${API}/users`, { login: loginName, name: '会话测试', password: PW, role: 'office', org_id: w.orgs.lhasaOffice.id },
    { token: await tokenOf('admin') });
  assertStatus(res, 201, 'create a test user');
  return res.json;
}

async function adminUser(id) {
  const r = await get(`${API}/users/${id}`, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  return r.json;
}

test('signing in returns a token, the user without any password hash, and an HttpOnly SameSite=Strict cookie', async () => {
  const res = await post(`${API}/session`, { login: 'office', password: 'hazardnet-demo' });
  assertStatus(res, 200);
  assert.match(res.json.token, /^[A-Za-z0-9_-]{43}$/, 'a 256-bit base64url token');
  assert.equal(res.json.user.login, 'office');
  assert.equal(res.json.user.role, 'office');
  assert.equal(res.json.user.org_id, w.orgs.lhasaOffice.id);
  assert.ok(!/pw_hash|argon2|"password"/.test(res.text), 'no password or hash in the body');
  const sc = res.headers.get('set-cookie');
  assert.ok(sc, 'a Set-Cookie header');
  assert.equal(cookieValue(res), res.json.token, 'the cookie carries the same session');
  assert.match(sc, /;\s*HttpOnly/i);
  assert.match(sc, /;\s*SameSite=Strict/i);
  assert.match(sc, /;\s*Path=\//);
  assert.match(res.headers.get('cache-control') || '', /no-store/);
});

test('the session cookie alone authenticates a GET', async () => {
  const s = await login('regulator', 'hazardnet-demo');
  const r = await get(`${API}/session`, { cookie: s.cookie });
  assertStatus(r, 200);
  assert.equal(r.json.user.login, 'regulator');
  assert.equal(r.json.org.id, w.orgs.lhasaDept.id);
  const orgs = await get(`${API}/orgs/${w.orgs.lhasaChem.id}`, { cookie: s.cookie });
  assertStatus(orgs, 200);
});

test('a bearer token wins over a cookie of another user', async () => {
  const a = await login('office', 'hazardnet-demo');
  const b = await login('enterprise', 'hazardnet-demo');
  const r = await request('GET', `${API}/session`, { token: a.token, cookie: b.cookie });
  assertStatus(r, 200);
  assert.equal(r.json.user.login, 'office');
});

test('a wrong password is 401 unauthorized, with no cookie and no token', async () => {
  const u = await freshUser('wrongpw');
  const res = await post(`${API}/session`, { login: u.login, password: 'not-the-password' });
  assertError(res, 401, 'unauthorized');
  assert.equal(res.headers.get('set-cookie'), null);
  assert.ok(!('token' in res.json));
});

test('an unknown login gets the same 401 as a wrong password', async () => {
  const u = await freshUser('unknown');
  const wrong = await post(`${API}/session`, { login: u.login, password: 'not-the-password' });
  const unknown = await post(`${API}/session`, { login: `nobody-${uniq()}`, password: 'not-the-password' });
  assertError(unknown, 401, 'unauthorized');
  assert.equal(unknown.json.error.message, wrong.json.error.message, 'the message does not tell which was wrong');
  assert.equal(unknown.json.error.field, wrong.json.error.field);
});

test(`${LOCKOUT} wrong passwords lock the account: then even the right password gets 401 account_locked`, async () => {
  const u = await freshUser('lockme');
  for (let i = 1; i < LOCKOUT; i++) {
    assertError(await post(`${API}/session`, { login: u.login, password: `wrong-${i}-password` }), 401, 'unauthorized');
  }
  const last = await post(`${API}/session`, { login: u.login, password: 'wrong-last-password' });
  assertStatus(last, 401);
  assert.ok(['unauthorized', 'account_locked'].includes(last.json.error.code), last.text);
  const right = await post(`${API}/session`, { login: u.login, password: PW });
  assertError(right, 401, 'account_locked');
  assert.equal(right.headers.get('set-cookie'), null);
  assert.equal((await adminUser(u.id)).locked, true, 'the admin sees the account locked');
});

test('fewer failures than the limit do not lock, and a good sign-in starts the count again', async () => {
  const u = await freshUser('almost');
  for (let round = 0; round < 2; round++) {
    for (let i = 1; i < LOCKOUT; i++) {
      assertError(await post(`${API}/session`, { login: u.login, password: `wrong-${i}-password` }), 401, 'unauthorized');
    }
    await login(u.login, PW); // would be locked on the second round if the count carried over
  }
  assert.equal((await adminUser(u.id)).locked, false);
});

test('an admin setting a new password unlocks a locked account', async () => {
  const u = await freshUser('unlock');
  for (let i = 0; i < LOCKOUT; i++) await post(`${API}/session`, { login: u.login, password: `wrong-${i}-password` });
  assertError(await post(`${API}/session`, { login: u.login, password: PW }), 401, 'account_locked');
  const now = await adminUser(u.id);
  const r = await patch(`${API}/users/${u.id}`, { version: now.version, password: 'brand-new-pass-2' }, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  assert.equal(r.json.locked, false);
  assertError(await post(`${API}/session`, { login: u.login, password: PW }), 401, 'unauthorized');
  await login(u.login, 'brand-new-pass-2');
});

test('signing out ends the session: the token then gets 401, and the cookie is cleared', async () => {
  const s = await login('inspector', 'hazardnet-demo');
  assertStatus(await get(`${API}/session`, { token: s.token }), 200);
  const out = await del(`${API}/session`, { token: s.token });
  assertStatus(out, 204);
  assert.equal(out.text, '');
  assert.match(out.headers.get('set-cookie') || '', /hn_session=;.*Max-Age=0/);
  assertError(await get(`${API}/session`, { token: s.token }), 401, 'unauthorized');
  assertError(await get(`${API}/orgs`, { cookie: s.cookie }), 401, 'unauthorized');
  assertError(await del(`${API}/session`, { token: s.token }), 401, 'unauthorized', null);
});

test('signing out one session keeps the same user\'s other sessions', async () => {
  const a = await login('leader', 'hazardnet-demo');
  const b = await login('leader', 'hazardnet-demo');
  assert.notEqual(a.token, b.token, 'every sign-in gets its own token');
  assertStatus(await del(`${API}/session`, { token: a.token }), 204);
  assertError(await get(`${API}/session`, { token: a.token }), 401, 'unauthorized');
  assertStatus(await get(`${API}/session`, { token: b.token }), 200);
});

test('signing out by cookie ends that session', async () => {
  const s = await login('office', 'hazardnet-demo');
  assertStatus(await del(`${API}/session`, { cookie: s.cookie }), 204);
  assertError(await get(`${API}/session`, { token: s.token }), 401, 'unauthorized');
});

test('no token is 401 on every kind of route that needs a session', async () => {
  for (const [m, p] of [['GET', '/session'], ['GET', '/orgs'], ['GET', '/workbench'], ['GET', '/users'], ['DELETE', '/session']]) {
    assertError(await request(m, API + p), 401, 'unauthorized', null);
  }
  assertError(await post(`${API}/orgs`, { kind: 'office', name: 'x', region_code: '540100000000' }), 401, 'unauthorized');
});

test('a garbage token is 401, whatever its shape', async () => {
  const real = (await login('office', 'hazardnet-demo')).token;
  const flipped = (real[0] === 'A' ? 'B' : 'A') + real.slice(1);
  for (const t of ['x'.repeat(43), flipped, 'short', `${real}x`, real.slice(0, 42), '', ' '.repeat(43), '%00'.repeat(15)]) {
    const r = await request('GET', `${API}/session`, { headers: { Authorization: `Bearer ${t}` } });
    assertError(r, 401, 'unauthorized');
  }
  for (const h of [`Basic ${Buffer.from('office:hazardnet-demo').toString('base64')}`, `bearer ${real}`, real]) {
    assertError(await request('GET', `${API}/session`, { headers: { Authorization: h } }), 401, 'unauthorized');
  }
  assertError(await request('GET', `${API}/session`, { headers: { Cookie: 'hn_session=garbage' } }), 401, 'unauthorized');
});

test('a token in the query string is not a session', async () => {
  const s = await login('office', 'hazardnet-demo');
  assertError(await get(`${API}/session?token=${s.token}`), 401, 'unauthorized');
  assertError(await get(`${API}/session?access_token=${s.token}`), 401, 'unauthorized');
});

test('a cookie-authenticated POST without a JSON content type is refused with 415 and creates nothing', async () => {
  const s = await login('office', 'hazardnet-demo');
  const name = `无类型提交${uniq()}`;
  const body = JSON.stringify({ kind: 'office', name, region_code: w.regions.lhasaCounty.code });
  for (const ct of [null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const r = await request('POST', `${API}/orgs`, { cookie: s.cookie, raw: body, contentType: ct });
    assertError(r, 415, 'unsupported_media_type');
  }
  assert.deepEqual(await adminFind(name), [], 'nothing was created');
  // The same request with the JSON type goes through: the 415 was the type's.
  const ok = await request('POST', `${API}/orgs`, { cookie: s.cookie, raw: body, contentType: 'application/json' });
  assertStatus(ok, 201);
});

test('a cookie-authenticated PATCH without a JSON content type is refused with 415 and changes nothing', async () => {
  const s = await login('office', 'hazardnet-demo');
  const before = (await get(`${API}/orgs/${w.orgs.lhasaChem.id}`, { token: await tokenOf('admin') })).json;
  const r = await request('PATCH', `${API}/orgs/${before.id}`, { cookie: s.cookie, raw: JSON.stringify({ version: before.version, phone: '12345' }), contentType: 'text/plain' });
  assertError(r, 415, 'unsupported_media_type');
  const after = (await get(`${API}/orgs/${before.id}`, { token: await tokenOf('admin') })).json;
  assert.equal(after.version, before.version);
});

test('a cookie-authenticated write from another origin is refused (403) and creates nothing; the same origin is let through', async () => {
  const s = await login('office', 'hazardnet-demo');
  const name = `跨站提交${uniq()}`;
  const raw = JSON.stringify({ kind: 'office', name, region_code: w.regions.lhasaCounty.code });
  for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:1`, 'http://localhost.evil.example']) {
    const r = await request('POST', `${API}/orgs`, { cookie: s.cookie, raw, headers: { Origin: origin } });
    assertError(r, 403, 'forbidden');
  }
  assert.deepEqual(await adminFind(name), [], 'nothing was created');
  const self = new URL(process.env.HN_URL).origin;
  const ok = await request('POST', `${API}/orgs`, { cookie: s.cookie, raw, headers: { Origin: self } });
  assertStatus(ok, 201, 'a same-origin write');
});

test('a bearer-token write is not subject to the Origin check (no ambient credential)', async () => {
  const r = await request('POST', `${API}/orgs`, {
    token: await tokenOf('office'), body: { kind: 'office', name: `令牌提交${uniq()}`, region_code: w.regions.lhasaCounty.code },
    headers: { Origin: 'https://tool.example' },
  });
  assertStatus(r, 201);
});

test('a cookie-authenticated sign-out works without a body or content type', async () => {
  // DELETE carries no body, so it needs no JSON type; SameSite=Strict keeps it same-site.
  const s = await login('office', 'hazardnet-demo');
  assertStatus(await request('DELETE', `${API}/session`, { cookie: s.cookie }), 204);
});

// ---- the per-address rate limit, on a server of this test's own ----

const RATE = 3;
let limited = null;

after(async () => {
  if (limited && limited.alive()) await limited.stop('SIGTERM');
});

test(`more than ${RATE} sign-in attempts a minute from one address get 429, even with the right password`, async () => {
  // The window is the calendar minute: do not straddle its end.
  const s = (Date.now() / 1000) % 60;
  if (s > 48) await sleep((61 - s) * 1000);
  limited = await startServer({ HAZARDNET_AUTH_LOGIN_RATE_PER_MINUTE: String(RATE) });
  const u = await freshUser('ratelimit');
  const at = (body) => request('POST', `${API}/session`, { body, base: limited.url });
  assertError(await at({ login: u.login, password: 'wrong-password-1' }), 401, 'unauthorized');
  assertError(await at({ login: `nobody-${uniq()}`, password: 'wrong-password-2' }), 401, 'unauthorized');
  assertStatus(await at({ login: u.login, password: PW }), 200);
  const refused = await at({ login: u.login, password: PW });
  assertError(refused, 429, 'rate_limited');
  assert.equal(refused.headers.get('set-cookie'), null);
  for (let i = 0; i < LOCKOUT + 2; i++) {
    assertError(await at({ login: u.login, password: `wrong-again-${i}` }), 429, 'rate_limited');
  }
  // Refused attempts never reached the password check: no lockout.
  assert.equal((await adminUser(u.id)).locked, false, 'rate-limited attempts do not count towards the lockout');
  // Other routes of that server are not rate limited.
  assertStatus(await request('GET', '/healthz', { base: limited.url }), 200);
  // The server under test (high limit) still signs this user in.
  await login(u.login, PW);
  const code = await limited.stop('SIGTERM');
  assert.deepEqual(sanitizerErrors(limited.stderr()), [], 'no sanitizer report');
  assert.equal(code.code, 0, `the second server exits 0 on SIGTERM: ${JSON.stringify(code)} ${limited.stderr()}`);
});
