// Hazards over HTTP: lists never show what the caller may not see, and the
// rules of DESIGN §3.1 that concern who may do what (403 inside scope,
// 404 outside, 409 for stale versions and illegal events), each proved to
// change nothing when refused.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, get, post, request, tokenOf, login, listAll, assertStatus, assertError, formOf, pngBytes, show,
} from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { adminHazard, hazardBody, daysAgo } from './walk_hazards.mjs';

let w;
before(async () => {
  w = await getWorld();
  // One hazard of each kind of enterprise, so that every list has something to hide.
  for (const key of ['ownEnterprise', 'lhasaChem', 'lhasaBuild', 'shigatseChem', 'shigatseBuild']) await adminHazard(w, key);
});

const ids = (items) => items.map((h) => h.id).sort((a, b) => a - b);

async function compare(role, rule) {
  const adminAll = (await listAll(`${API}/hazards`, await tokenOf('admin'))).items;
  const mine = await listAll(`${API}/hazards`, await tokenOf(role));
  const want = ids(adminAll.filter(rule));
  const got = ids(mine.items);
  assert.ok(want.length > 0, `${role} should see some hazard`);
  assert.equal(mine.total, mine.items.length, 'total matches the items');
  assert.deepEqual(got.filter((id) => !want.includes(id)), [], `${role} sees hazards outside its scope`);
  assert.deepEqual(want.filter((id) => !got.includes(id)), [], `${role} misses hazards inside its scope`);
}

const inLhasa = (h) => h.region_code.startsWith('5401');

test('office and leader list exactly the hazards of their city', async () => {
  await compare('office', inLhasa);
  await compare('leader', inLhasa);
});

test("regulator and inspector list exactly the hazards of their industries' enterprises in their city", async () => {
  const inds = w.regulatorIndustries;
  await compare('regulator', (h) => inLhasa(h) && inds.includes(h.industry));
  await compare('inspector', (h) => inLhasa(h) && inds.includes(h.industry));
});

test('an enterprise lists only its own hazards', async () => {
  await compare('enterprise', (h) => h.enterprise_id === w.orgs.ownEnterprise.id);
});

test("searching or filtering for another city's hazards finds nothing", async () => {
  const t = await tokenOf('regulator');
  for (const q of [`enterprise=${w.orgs.shigatseChem.id}`, 'region=540200000000', `enterprise=${w.orgs.lhasaBuild.id}`]) {
    const r = await get(`${API}/hazards?${q}`, { token: t });
    assertStatus(r, 200, q);
    assert.equal(r.json.total, 0, q);
  }
});

test('an enterprise cannot report a hazard for another enterprise (404), and nothing is reported', async () => {
  const body = hazardBody(w.orgs.lhasaChem.id);
  assertError(await post(`${API}/hazards`, body, { token: await tokenOf('enterprise') }), 404, 'not_found');
  const r = await get(`${API}/hazards?q=${encodeURIComponent(body.title)}`, { token: await tokenOf('admin') });
  assert.equal(r.json.total, 0);
});

test('a hazard found in the future is 422 found_at', async () => {
  const body = hazardBody(w.orgs.ownEnterprise.id, { found_at: daysAgo(-3) });
  assertError(await post(`${API}/hazards`, body, { token: await tokenOf('enterprise') }), 422, 'invalid', 'found_at');
});

test('a major hazard without its basis is 422 basis', async () => {
  const body = hazardBody(w.orgs.ownEnterprise.id, { grade: 'major' });
  assertError(await post(`${API}/hazards`, body, { token: await tokenOf('regulator') }), 422, 'invalid', 'basis');
});

async function moveAs(role, h, body) {
  return post(`${API}/hazards/${h.id}/transitions`, { version: h.version, ...body }, { token: await tokenOf(role) });
}

test('an enterprise cannot accept the rectification of its own major hazard (403); its regulator can', async () => {
  const major = { grade: 'major', basis: '《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》第五条' };
  let h = await adminHazard(w, 'ownEnterprise', major);
  const five = { responsible: '次仁', measures: '停用并更换', funds: 50000, deadline: daysAgo(-20), contingency: '应急预案A' };
  let r = await moveAs('enterprise', h, { event: 'plan', plan: five });
  assertStatus(r, 200);
  h = r.json;
  r = await moveAs('enterprise', h, { event: 'submit', evidence: '已更换阀门，附照片' });
  assertStatus(r, 200);
  h = r.json;
  assert.equal(h.status, 'pending_acceptance');
  assert.ok(!h.allowed.includes('accept'), 'the enterprise is not offered accept');
  const refused = await moveAs('enterprise', h, { event: 'accept' });
  assertError(refused, 403, 'forbidden');
  const now = (await get(`${API}/hazards/${h.id}`, { token: await tokenOf('admin') })).json;
  assert.equal(now.version, h.version, 'the refusal changed nothing');
  assert.equal(now.status, 'pending_acceptance');
  const asRegulator = (await get(`${API}/hazards/${h.id}`, { token: await tokenOf('regulator') })).json;
  assert.ok(asRegulator.allowed.includes('accept'), 'the supervising regulator is offered accept');
  r = await moveAs('regulator', asRegulator, { event: 'accept' });
  assertStatus(r, 200);
  assert.equal(r.json.status, 'closed');
});

test('a major hazard plan without all five points is 422 naming the missing one', async () => {
  const h = await adminHazard(w, 'ownEnterprise', { grade: 'major', basis: '判定标准第三条' });
  const r = await moveAs('enterprise', h, { event: 'plan', plan: { responsible: '次仁', deadline: daysAgo(-20) } });
  assertError(r, 422, 'invalid', 'plan.measures');
  const now = (await get(`${API}/hazards/${h.id}`, { token: await tokenOf('admin') })).json;
  assert.equal(now.version, h.version);
  assert.equal(now.status, 'open');
});

test('a transition with a stale version is 409 stale_version and changes nothing', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const ok = await moveAs('enterprise', h, { event: 'plan', plan: { responsible: '次仁', deadline: daysAgo(-10) } });
  assertStatus(ok, 200);
  const stale = await moveAs('enterprise', h, { event: 'fix_now', evidence: '已清理' });
  assertError(stale, 409, 'stale_version');
  const now = (await get(`${API}/hazards/${h.id}`, { token: await tokenOf('admin') })).json;
  assert.equal(now.version, ok.json.version);
  assert.equal(now.status, 'rectifying');
});

test('an event the state does not allow is 409 and changes nothing', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const r = await moveAs('regulator', h, { event: 'accept' });
  assertError(r, 409, 'conflict', 'event');
  const now = (await get(`${API}/hazards/${h.id}`, { token: await tokenOf('admin') })).json;
  assert.equal(now.version, h.version);
  assert.equal(now.status, 'open');
});

test('every transition is in the hazard\'s history, in order, with who did it', async () => {
  let h = await adminHazard(w, 'ownEnterprise');
  h = (await moveAs('enterprise', h, { event: 'plan', plan: { responsible: '次仁', deadline: daysAgo(-10) } })).json;
  h = (await moveAs('enterprise', h, { event: 'submit', evidence: '已清理' })).json;
  const ev = await get(`${API}/hazards/${h.id}/events`, { token: await tokenOf('enterprise') });
  assertStatus(ev, 200);
  assert.deepEqual(ev.json.items.map((e) => `${e.event}:${e.from}>${e.to}`),
    ['report:open>open', 'plan:open>rectifying', 'submit:rectifying>pending_acceptance']);
  assert.deepEqual(ev.json.items.map((e) => e.actor), ['admin', 'enterprise', 'enterprise']);
  assert.equal(ev.json.items[2].evidence, '已清理');
  assert.equal(ev.json.total, 3);
});

// ---- attachments ----

const upload = async (hazardId, parts, opts = {}) =>
  request('POST', `${API}/hazards/${hazardId}/attachments`, { token: await tokenOf(opts.role || 'enterprise'), form: formOf(parts), ...opts.extra });

async function attachmentsOf(id) {
  const r = await get(`${API}/hazards/${id}/attachments`, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  return r.json.items;
}

test('a photo and a PDF attached to a hazard are listed and served back byte for byte with their types', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const png = pngBytes();
  const pdf = Buffer.from(`%PDF-1.4\n% hazardnet test report ${Date.now()}\n%%EOF\n`);
  const a = await upload(h.id, [['kind', 'before'], ['file', png, '整改前.png']]);
  assertStatus(a, 201, 'the PNG');
  const b = await upload(h.id, [['kind', 'report'], ['file', pdf, 'report.pdf']]);
  assertStatus(b, 201, 'the PDF');
  assert.equal(a.json.mime, 'image/png');
  assert.equal(b.json.mime, 'application/pdf');
  assert.equal(a.json.kind, 'before');
  assert.equal(a.json.name, '整改前.png');
  const list = await attachmentsOf(h.id);
  assert.deepEqual(list.map((x) => x.sha256).sort(), [a.json.sha256, b.json.sha256].sort());
  for (const [meta, bytes, type] of [[a.json, png, 'image/png'], [b.json, pdf, 'application/pdf']]) {
    const r = await get(`${API}/hazards/${h.id}/attachments/${meta.sha256}`, { token: await tokenOf('enterprise') });
    assertStatus(r, 200);
    assert.equal(r.headers.get('content-type'), type);
    assert.ok(r.buf.equals(bytes), 'the same bytes');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  }
});

test('a file that is not JPEG, PNG or PDF is refused with 415 whatever its name or declared type, and nothing is attached', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  for (const [bytes, name] of [
    [Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png'],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg'],
    [Buffer.from('MZ\x90\x00 not a program'), 'report.pdf'],
    [Buffer.from('GIF89a'), 'x.gif'],
  ]) {
    const r = await upload(h.id, [['kind', 'before'], ['file', bytes, name]]);
    assertError(r, 415, 'unsupported_media_type', 'file');
  }
  assert.deepEqual(await attachmentsOf(h.id), []);
});

test('an upload without a kind, with an unknown kind, with an empty file or an extra field is 422 naming it', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  assertError(await upload(h.id, [['file', pngBytes(), 'a.png']]), 422, 'invalid', 'kind');
  assertError(await upload(h.id, [['kind', 'selfie'], ['file', pngBytes(), 'a.png']]), 422, 'invalid', 'kind');
  assertError(await upload(h.id, [['kind', 'before']]), 422, 'invalid', 'file');
  assertError(await upload(h.id, [['kind', 'before'], ['file', Buffer.alloc(0), 'empty.png']]), 422, 'invalid', 'file');
  assertError(await upload(h.id, [['kind', 'before'], ['file', pngBytes(), 'a.png'], ['owner', 'x']]), 422, 'invalid', 'owner');
  assert.deepEqual(await attachmentsOf(h.id), []);
});

test('an upload sent as JSON is 415 and attaches nothing', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const r = await request('POST', `${API}/hazards/${h.id}/attachments`, { token: await tokenOf('enterprise'), body: { kind: 'before', file: 'iVBORw0KGgo=' } });
  assertError(r, 415, 'unsupported_media_type');
  assert.deepEqual(await attachmentsOf(h.id), []);
});

test('an upload over the upload limit (10 MiB) is 413 and attaches nothing', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const big = Buffer.concat([pngBytes(), Buffer.alloc((10 << 20) + 1024, 0x41)]);
  const r = await upload(h.id, [['kind', 'before'], ['file', big, 'big.png']]);
  assertError(r, 413, 'too_large');
  assert.deepEqual(await attachmentsOf(h.id), []);
});

test('a photo larger than the JSON body limit but within the upload limit is accepted', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const bytes = Buffer.concat([pngBytes(), Buffer.alloc(2 << 20, 0x42)]);
  const r = await upload(h.id, [['kind', 'after'], ['file', bytes, 'after.png']]);
  assertStatus(r, 201, `a 2 MiB photo: ${show(r)}`);
  assert.equal(r.json.size, bytes.length);
});

test('an attachment path with a malformed hash is 404', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const t = await tokenOf('admin');
  for (const sha of ['abc', 'A'.repeat(64), '0'.repeat(63), `${'0'.repeat(64)}0`, `..%2f..%2f${'0'.repeat(58)}`]) {
    assertError(await get(`${API}/hazards/${h.id}/attachments/${sha}`, { token: t }), 404, 'not_found');
  }
});

test('a cookie-authenticated upload from another origin is refused (403) and attaches nothing', async () => {
  const h = await adminHazard(w, 'ownEnterprise');
  const s = await login('enterprise', 'hazardnet-demo');
  const r = await request('POST', `${API}/hazards/${h.id}/attachments`, {
    cookie: s.cookie, form: formOf([['kind', 'before'], ['file', pngBytes(), 'a.png']]), headers: { Origin: 'https://evil.example' },
  });
  assertError(r, 403, 'forbidden');
  assert.deepEqual(await attachmentsOf(h.id), []);
});
