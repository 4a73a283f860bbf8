// Bad input on POST/PATCH orgs, POST/PATCH users and POST session: every
// refusal has its status and error code (DESIGN §4: 400 malformed JSON,
// 413 too large, 415 not JSON, 422 valid JSON with invalid content, naming
// the field; 409 conflicts) and, after each, the test proves that nothing
// changed: the org or user count, or the object's version.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, request, get, post, patch, tokenOf, login, assertStatus, assertError, show,
  freshCreditCode, wrongCheck, ccCheck, uniq,
} from './lib.mjs';
import { getWorld, adminOrg, orgTotal, LHASA } from './fixtures.mjs';

let w;
let admin;
before(async () => {
  w = await getWorld();
  admin = await tokenOf('admin');
});

async function userTotal() {
  const r = await get(`${API}/users?limit=1`, { token: admin });
  assertStatus(r, 200);
  return r.json.total;
}

/** A valid enterprise body of 拉萨 (fresh name and credit code). */
function goodEnterprise(extra = {}) {
  return {
    kind: 'enterprise', name: `输入测试化工有限公司${uniq()}`, region_code: w.regions.lhasaCounty.code,
    credit_code: freshCreditCode(w.regions.lhasaCounty.code.slice(0, 6)), industry: w.industries['危险化学品'],
    scale: 'above', major_hazard_level: 2, standard_grade: 1, status: 'operating', address: '拉萨市某路1号',
    lat: 29.65, lon: 91.1, safety_director: '次仁', phone: '0891-6000000', ...extra,
  };
}

/** POST /orgs that must be refused; proves the org count did not move. */
async function refuseCreate(opts, status, code, field, token = admin) {
  const before = await orgTotal();
  const res = await request('POST', `${API}/orgs`, { token, ...opts });
  assertError(res, status, code, field);
  assert.equal(await orgTotal(), before, `a refused create (${status}) adds no org`);
  return res;
}

/** PATCH /orgs/{id} that must be refused; proves the org did not change. */
async function refusePatch(id, bodyOf, status, code, field, token = admin) {
  const before = await adminOrg(id);
  const opts = typeof bodyOf === 'function' ? bodyOf(before) : bodyOf;
  const res = await request('PATCH', `${API}/orgs/${id}`, { token, ...opts });
  assertError(res, status, code, field);
  const after = await adminOrg(id);
  assert.equal(after.version, before.version, `a refused change (${status}) keeps the version`);
  assert.deepEqual(after, before, 'and every field');
  return res;
}

// ---- the valid baseline, so that each refusal below is about its one defect ----

test('a complete valid enterprise is created (201) and reads back field for field', async () => {
  const body = goodEnterprise();
  const res = await post(`${API}/orgs`, body, { token: admin });
  assertStatus(res, 201);
  for (const k of Object.keys(body)) assert.deepEqual(res.json[k], body[k], `field ${k}`);
  assert.equal(res.json.version, 1);
  const again = await get(`${API}/orgs/${res.json.id}`, { token: admin });
  assert.deepEqual(again.json, res.json);
});

// ---- 400: not JSON, or not an object ----

test('malformed JSON is 400 malformed and creates nothing', async () => {
  for (const raw of ['{"kind":', "{kind: 'office'}", '{"kind":"office",}', '{"a":1}}', 'nonsense', '{"name":"x"\n"kind":"office"}']) {
    await refuseCreate({ raw }, 400, 'malformed', null);
  }
});

test('an empty body with a JSON type is 400 malformed', async () => {
  await refuseCreate({ raw: '' }, 400, 'malformed');
});

test('a JSON object with a key twice is 400 malformed', async () => {
  await refuseCreate({ raw: `{"kind":"office","name":"a","name":"b","region_code":"${LHASA}"}` }, 400, 'malformed');
});

test('a JSON array, string, number, boolean or null body is 400 malformed', async () => {
  for (const raw of ['[]', `[{"kind":"office","name":"x","region_code":"${LHASA}"}]`, '"office"', '42', 'true', 'null']) {
    await refuseCreate({ raw }, 400, 'malformed');
  }
});

test('invalid UTF-8 inside a JSON string is 400 malformed', async () => {
  const pre = Buffer.from(`{"kind":"office","region_code":"${LHASA}","name":"`);
  const post_ = Buffer.from('"}');
  for (const bad of [[0xff, 0xfe], [0xc0, 0xaf], [0xe6, 0x8b], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]]) {
    await refuseCreate({ raw: Buffer.concat([pre, Buffer.from('拉萨'), Buffer.from(bad), post_]) }, 400, 'malformed');
  }
});

test('a lone UTF-16 surrogate escape is 400 malformed', async () => {
  await refuseCreate({ raw: `{"kind":"office","region_code":"${LHASA}","name":"\\ud800x"}` }, 400, 'malformed');
});

// ---- 422: wrong types, naming the field ----

test('wrong types are 422 naming the field', async () => {
  const cases = [
    ['name', 5], ['name', null], ['name', ['拉萨']], ['name', { zh: '拉萨' }], ['kind', 3], ['kind', 'factory'],
    ['region_code', 540102000000], ['industry', String(w.industries['危险化学品'])], ['industry', 0], ['industry', -1],
    ['industry', 1.5], ['industries', '1,2'], ['industries', [0]], ['industries', ['1']], ['scale', 'huge'], ['scale', 1],
    ['major_hazard_level', 2.5], ['major_hazard_level', '2'], ['major_hazard_level', 5], ['major_hazard_level', -1],
    ['standard_grade', 4], ['status', 'open'], ['lat', '29.6'], ['lat', 91], ['lon', -181], ['phone', 8916000000],
    ['safety_director', true], ['address', {}],
  ];
  for (const [field, value] of cases) {
    const res = await refuseCreate({ body: goodEnterprise({ [field]: value }) }, 422, 'invalid', field);
    assert.ok(res.json.error.message.includes(field), `the message names '${field}': ${res.json.error.message}`);
  }
});

test('unknown fields are 422 naming the field, even server-owned ones', async () => {
  for (const field of ['nmae', 'id', 'version', 'risk_colour', 'created_at', 'region_name', 'industry_name', 'owner']) {
    await refuseCreate({ body: goodEnterprise({ [field]: field === 'version' ? 1 : 'x' }) }, 422, 'invalid', field);
  }
  await refuseCreate({ raw: JSON.stringify(goodEnterprise()).replace(/^\{/, '{"__proto__":{"x":1},') }, 422, 'invalid', '__proto__');
});

test('control characters in a string are 422 naming the field', async () => {
  for (const s of ['a\u0007b', '\u001b[31mred', '拉萨\u0001']) {
    await refuseCreate({ body: goodEnterprise({ name: s }) }, 422, 'invalid', 'name');
  }
});

test('a NUL escape in a string (valid JSON, invalid content) is 422 naming the field', async () => {
  // "\u0000" is valid JSON (RFC 8259), so this is content, not syntax: 422, like the other control characters.
  await refuseCreate({ body: goodEnterprise({ name: '拉萨\u0000公司' }) }, 422, 'invalid', 'name');
});

test('over-long strings are 422 naming the field; the longest allowed is accepted', async () => {
  await refuseCreate({ body: goodEnterprise({ name: 'n'.repeat(301) }) }, 422, 'invalid', 'name');
  await refuseCreate({ body: goodEnterprise({ name: '拉'.repeat(101) }) }, 422, 'invalid', 'name'); // 303 bytes
  await refuseCreate({ body: goodEnterprise({ address: '路'.repeat(101) }) }, 422, 'invalid', 'address');
  await refuseCreate({ body: goodEnterprise({ safety_director: 'd'.repeat(101) }) }, 422, 'invalid', 'safety_director');
  await refuseCreate({ body: goodEnterprise({ phone: '1'.repeat(32) }) }, 422, 'invalid', 'phone');
  const name = `拉${uniq()}`.padEnd(300, '萨').slice(0, 100);
  const exact = Buffer.byteLength(name) === 300 ? name : '拉'.repeat(100);
  const ok = await post(`${API}/orgs`, goodEnterprise({ name: exact }), { token: admin });
  assertStatus(ok, 201, '300 bytes is the limit, not over it');
  assert.equal(ok.json.name, exact);
});

test('missing required fields are 422 naming the field', async () => {
  for (const field of ['kind', 'name', 'region_code']) {
    const body = goodEnterprise();
    delete body[field];
    await refuseCreate({ body }, 422, 'invalid', field);
  }
  await refuseCreate({ body: goodEnterprise({ name: '' }) }, 422, 'invalid', 'name');
});

test('a missing, malformed or unknown region is 422 region_code', async () => {
  for (const region of ['5401', '54010000000', '5401000000000', '54010000000a', '', '540199000000', '990000000000']) {
    await refuseCreate({ body: goodEnterprise({ region_code: region }) }, 422, 'invalid', 'region_code');
  }
});

test('latitude without longitude is 422', async () => {
  const body = goodEnterprise();
  delete body.lon;
  await refuseCreate({ body }, 422, 'invalid', 'lon');
});

test('a credit code with a wrong check character is 422 credit_code', async () => {
  const good = freshCreditCode('540102');
  await refuseCreate({ body: goodEnterprise({ credit_code: wrongCheck(good) }) }, 422, 'invalid', 'credit_code');
});

test('credit codes of the wrong length, case or alphabet are 422 credit_code', async () => {
  const body17 = '91540102MA6T0HN5X';
  const good = body17 + ccCheck(body17);
  for (const bad of [
    body17, // 17 characters
    `${good}0`, // 19 characters
    good.toLowerCase(), // lower case
    `91540102MA6T0HN5I${ccCheck('91540102MA6T0HN50')}`, // I is not in the alphabet
    `${body17}Z`, // Z is not a check character
    `${body17.slice(0, 16)}Ｘ${good[17]}`, // a full-width letter
  ]) {
    await refuseCreate({ body: goodEnterprise({ credit_code: bad }) }, 422, 'invalid', 'credit_code');
  }
  // The checksum: an all-zero body has check character 0, and the code above is accepted.
  assert.equal(ccCheck('00000000000000000'), '0');
  const ok = await post(`${API}/orgs`, goodEnterprise({ credit_code: good }), { token: admin });
  assert.ok(ok.status === 201 || (ok.status === 409 && ok.json.error.field === 'credit_code'), `a valid code is accepted: ${show(ok)}`);
});

test('an enterprise without a credit code or industry, or a department with an industry, is 422', async () => {
  const noCode = goodEnterprise();
  delete noCode.credit_code;
  await refuseCreate({ body: noCode }, 422, 'invalid', 'credit_code');
  const noInd = goodEnterprise();
  delete noInd.industry;
  await refuseCreate({ body: noInd }, 422, 'invalid', 'industry');
  await refuseCreate({ body: goodEnterprise({ industries: [w.industries['工贸']] }) }, 422, 'invalid', 'industries');
  await refuseCreate({ body: { kind: 'department', name: `带行业的局${uniq()}`, region_code: LHASA, industry: w.industries['工贸'] } }, 422, 'invalid', 'industry');
  await refuseCreate({ body: { kind: 'office', name: `监管行业的办${uniq()}`, region_code: LHASA, industries: [w.industries['工贸']] } }, 422, 'invalid', 'industries');
  await refuseCreate({ body: goodEnterprise({ industry: 99999 }) }, 422, 'invalid', 'industry');
  await refuseCreate({ body: { kind: 'department', name: `未知行业局${uniq()}`, region_code: LHASA, industries: [99999] } }, 422, 'invalid', 'industries');
});

test('a duplicate credit code is 409 conflict on create and on change', async () => {
  const taken = w.orgs.lhasaChem.credit_code;
  const res = await refuseCreate({ body: goodEnterprise({ credit_code: taken }) }, 409, 'conflict', 'credit_code');
  assert.ok(!res.text.includes(w.orgs.lhasaChem.name), 'the conflict does not name the other org');
  await refusePatch(w.orgs.lhasaBuild.id, (o) => ({ body: { version: o.version, credit_code: taken } }), 409, 'conflict', 'credit_code');
});

test("an office's duplicate credit code of another city's enterprise is refused without showing it", async () => {
  const taken = w.orgs.shigatseChem.credit_code;
  const res = await refuseCreate({ body: goodEnterprise({ credit_code: taken }) }, 409, 'conflict', 'credit_code', await tokenOf('office'));
  assert.ok(!res.text.includes(w.orgs.shigatseChem.name) && !res.text.includes(String(w.orgs.shigatseChem.id)),
    `the conflict shows nothing of the other org: ${show(res)}`);
});

// ---- PATCH ----

test('a change with a stale version is 409 stale_version and changes nothing', async () => {
  const id = w.orgs.lhasaChem.id;
  const v1 = await adminOrg(id);
  const ok = await patch(`${API}/orgs/${id}`, { version: v1.version, address: `新地址${uniq()}` }, { token: admin });
  assertStatus(ok, 200);
  assert.equal(ok.json.version, v1.version + 1);
  await refusePatch(id, { body: { version: v1.version, address: 'stale write' } }, 409, 'stale_version', 'version');
  await refusePatch(id, (o) => ({ body: { version: o.version + 1, address: 'future write' } }), 409, 'stale_version', 'version');
});

test('a change without a version, or with a bad one, is 422 version', async () => {
  const id = w.orgs.lhasaChem.id;
  await refusePatch(id, { body: { address: 'no version' } }, 422, 'invalid', 'version');
  for (const v of [0, -1, '1', 1.5, null]) {
    await refusePatch(id, { body: { version: v, address: 'bad version' } }, 422, 'invalid', 'version');
  }
});

test('bad input on a change is refused like on a create, and changes nothing', async () => {
  const id = w.orgs.lhasaChem.id;
  await refusePatch(id, { raw: '{"version":' }, 400, 'malformed');
  await refusePatch(id, { raw: '[1]' }, 400, 'malformed');
  await refusePatch(id, (o) => ({ body: { version: o.version, nmae: 'x' } }), 422, 'invalid', 'nmae');
  await refusePatch(id, (o) => ({ body: { version: o.version, name: 7 } }), 422, 'invalid', 'name');
  await refusePatch(id, (o) => ({ body: { version: o.version, name: '' } }), 422, 'invalid', 'name');
  await refusePatch(id, (o) => ({ body: { version: o.version, name: null } }), 422, 'invalid', 'name');
  await refusePatch(id, (o) => ({ body: { version: o.version, name: 'x'.repeat(301) } }), 422, 'invalid', 'name');
  await refusePatch(id, (o) => ({ body: { version: o.version, credit_code: wrongCheck(o.credit_code) } }), 422, 'invalid', 'credit_code');
  await refusePatch(id, (o) => ({ body: { version: o.version, credit_code: null } }), 422, 'invalid', 'credit_code');
  await refusePatch(id, (o) => ({ body: { version: o.version, region_code: '540199000000' } }), 422, 'invalid', 'region_code');
  await refusePatch(id, (o) => ({ body: { version: o.version, lat: 10 } }), 422, 'invalid', 'lon');
  await refusePatch(id, (o) => ({ body: { version: o.version, kind: 'office' } }), 422, 'invalid');
  await refusePatch(id, (o) => ({ raw: Buffer.concat([Buffer.from(`{"version":${o.version},"name":"`), Buffer.from([0xff]), Buffer.from('"}')]) }), 400, 'malformed');
  await refusePatch(id, (o) => ({ raw: JSON.stringify({ version: o.version, name: 'x' }), contentType: 'text/plain' }), 415, 'unsupported_media_type');
});

// ---- 413 ----

test('a body over the 1 MiB limit is 413 too_large and creates nothing', async () => {
  const body = JSON.stringify(goodEnterprise());
  const big = body.slice(0, -1) + ',"address":"' + 'x'.repeat(1 << 20) + '"}';
  await refuseCreate({ raw: big }, 413, 'too_large');
  // One byte over, padded with JSON whitespace.
  const oneOver = body + ' '.repeat((1 << 20) + 1 - Buffer.byteLength(body));
  await refuseCreate({ raw: oneOver }, 413, 'too_large');
});

test('a body of exactly 1 MiB is read, not refused for its size', async () => {
  const body = JSON.stringify(goodEnterprise());
  const exact = body + ' '.repeat((1 << 20) - Buffer.byteLength(body));
  assert.equal(Buffer.byteLength(exact), 1 << 20);
  const res = await request('POST', `${API}/orgs`, { token: admin, raw: exact });
  assertStatus(res, 201);
});

test('a chunked body without Content-Length that grows over the limit is 413 too_large', async () => {
  const before = await orgTotal();
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(Buffer.from(JSON.stringify(goodEnterprise())));
      if (sent > (1 << 20) + 2 * chunk.length) { controller.close(); return; }
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
  const r = await fetch(`${process.env.HN_URL}${API}/orgs`, {
    method: 'POST', body: stream, duplex: 'half',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
  });
  const text = await r.text();
  assert.equal(r.status, 413, text);
  assert.equal(JSON.parse(text).error.code, 'too_large');
  assert.equal(await orgTotal(), before);
});

test('a sign-in body over the limit is 413', async () => {
  const r = await request('POST', `${API}/session`, { raw: `{"login":"office","password":"${'p'.repeat((1 << 20) + 10)}"}` });
  assertError(r, 413, 'too_large');
});

// ---- users ----

async function refuseUser(opts, status, code, field) {
  const before = await userTotal();
  const res = await request('POST', `${API}/users`, { token: admin, ...opts });
  assertError(res, status, code, field);
  assert.equal(await userTotal(), before, 'a refused user create adds no user');
  return res;
}

const goodUser = (extra = {}) => ({ login: `input-${uniq()}`, name: '输入测试', password: 'input-pass-1', role: 'office', org_id: w.orgs.lhasaOffice.id, ...extra });

test('bad user bodies are refused with the right status and field, and create no user', async () => {
  await refuseUser({ raw: '{"login":' }, 400, 'malformed');
  await refuseUser({ raw: '[]' }, 400, 'malformed');
  await refuseUser({ raw: '"admin"' }, 400, 'malformed');
  await refuseUser({ raw: Buffer.concat([Buffer.from('{"login":"a'), Buffer.from([0xc3]), Buffer.from('","name":"x","password":"input-pass-1","role":"office"}')]) }, 400, 'malformed');
  for (const [field, value] of [['login', 5], ['name', []], ['role', 1], ['role', 'superuser'], ['org_id', String(w.orgs.lhasaOffice.id)],
    ['org_id', 0], ['password', 12345678], ['phone', 1], ['active', false], ['pw_hash', '$argon2id$x'], ['id', 1], ['version', 1]]) {
    await refuseUser({ body: goodUser({ [field]: value }) }, 422, 'invalid', field);
  }
  for (const login of ['has space', '拉萨用户', 'semi;colon', 'a'.repeat(64), '', 'quote"d']) {
    await refuseUser({ body: goodUser({ login }) }, 422, 'invalid', 'login');
  }
  for (const password of ['short1', 'aaaaaaaaaaaa', 'p'.repeat(257)]) {
    await refuseUser({ body: goodUser({ password }) }, 422, 'invalid', 'password');
  }
  for (const field of ['login', 'name', 'password', 'role']) {
    const body = goodUser();
    delete body[field];
    await refuseUser({ body }, 422, 'invalid', field);
  }
});

test('a duplicate login is 409 conflict', async () => {
  await refuseUser({ body: goodUser({ login: 'office' }) }, 409, 'conflict', 'login');
});

test('a user change with a stale version is 409, and unknown fields 422; the user keeps its version', async () => {
  const created = await post(`${API}/users`, goodUser(), { token: admin });
  assertStatus(created, 201);
  const id = created.json.id;
  const ok = await patch(`${API}/users/${id}`, { version: 1, name: '改过名' }, { token: admin });
  assertStatus(ok, 200);
  assert.equal(ok.json.version, 2);
  for (const [body, status, code, field] of [
    [{ version: 1, name: 'stale' }, 409, 'stale_version', 'version'],
    [{ version: 2, login: 'renamed' }, 422, 'invalid', 'login'],
    [{ version: 2, active: 'no' }, 422, 'invalid', 'active'],
    [{ version: 2, role: 'root' }, 422, 'invalid', 'role'],
    [{ version: 2, password: 'short' }, 422, 'invalid', 'password'],
    [{ name: 'no version' }, 422, 'invalid', 'version'],
  ]) {
    const r = await patch(`${API}/users/${id}`, body, { token: admin });
    assertError(r, status, code, field);
    const now = await get(`${API}/users/${id}`, { token: admin });
    assert.equal(now.json.version, 2, `${JSON.stringify(body)} changed nothing`);
    assert.equal(now.json.name, '改过名');
  }
});

// ---- POST /session ----

test('bad sign-in bodies are refused with the right status and field', async () => {
  const s = (opts) => request('POST', `${API}/session`, opts);
  assertError(await s({ raw: '{"login":"office",' }), 400, 'malformed');
  assertError(await s({ raw: '[]' }), 400, 'malformed');
  assertError(await s({ raw: '"office"' }), 400, 'malformed');
  assertError(await s({ raw: '' }), 400, 'malformed');
  assertError(await s({ raw: Buffer.concat([Buffer.from('{"login":"office","password":"'), Buffer.from([0xff, 0xff]), Buffer.from('"}')]) }), 400, 'malformed');
  assertError(await s({ body: { login: 'office', password: 'hazardnet-demo', remember: true } }), 422, 'invalid', 'remember');
  assertError(await s({ body: { login: 5, password: 'hazardnet-demo' } }), 422, 'invalid', 'login');
  assertError(await s({ body: { login: ['office'], password: 'hazardnet-demo' } }), 422, 'invalid', 'login');
  assertError(await s({ body: { login: 'office', password: null } }), 422, 'invalid', 'password');
  assertError(await s({ body: { login: 'office' } }), 422, 'invalid', 'password');
  assertError(await s({ body: { password: 'hazardnet-demo' } }), 422, 'invalid', 'login');
  assertError(await s({ body: { login: 'o'.repeat(64), password: 'hazardnet-demo' } }), 422, 'invalid', 'login');
  assertError(await s({ body: { login: 'office', password: 'p'.repeat(257) } }), 422, 'invalid', 'password');
  assertError(await s({ raw: 'login=office&password=hazardnet-demo', contentType: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  // None of that counted as a failed sign-in of the office user.
  await login('office', 'hazardnet-demo');
});

test('a JSON content type with parameters is accepted', async () => {
  const r = await request('POST', `${API}/session`, {
    raw: JSON.stringify({ login: 'office', password: 'hazardnet-demo' }), contentType: 'application/json; charset=utf-8',
  });
  assertStatus(r, 200);
});
