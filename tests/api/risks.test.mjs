// Dual prevention end to end (DESIGN §3.2): a risk point graded by the
// server from LEC or LS inputs (never typed in), re-assessment with its
// history, the enterprise colour, check items and the tasks the scheduler
// makes of them, a check record whose hazard answer reports a hazard that
// is then closed, missed checks, the four-colour statistics and the
// enterprise's risk list; and the refusals, which change nothing.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  API, get, post, patch, tokenOf, assertStatus, assertError, storeArgs, uniq, xlsxRows, freshCreditCode,
} from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { daysAgo } from './walk_hazards.mjs';
import { riskBody, itemBody } from './walk_risks.mjs';

let w;
before(async () => { w = await getWorld(); });

async function as(role) { return { token: await tokenOf(role) }; }

async function createRisk(role, body) {
  const r = await post(`${API}/risks`, body, await as(role));
  assertStatus(r, 201, `${role} identifies "${body.name}"`);
  return r.json;
}

async function orgColour(id) {
  const r = await get(`${API}/orgs/${id}`, await as('admin'));
  assertStatus(r, 200);
  return r.json.risk_colour;
}

async function taskOf(itemId, role = 'enterprise') {
  const r = await get(`${API}/check-tasks?item=${itemId}`, await as(role));
  assertStatus(r, 200);
  return r.json.items;
}

function runJobs(today) {
  const r = spawnSync(process.env.HN_BIN, [...storeArgs(), 'jobs', 'run', '--today', today],
    { encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `jobs run: ${r.stderr}`);
  const m = r.stdout.match(/check tasks: (\d+) made/);
  assert.ok(m, `jobs run says how many check tasks it made: ${r.stdout}`);
  return Number(m[1]);
}

// A fresh enterprise of 拉萨 with its own enterprise user, so that colours
// and counts are not disturbed by the other tests' data.
async function freshEnterprise() {
  const admin = await as('admin');
  const base = w.orgs.lhasaChem;
  const code = freshCreditCode(base.region_code.slice(0, 6));
  const o = await post(`${API}/orgs`, {
    kind: 'enterprise', name: `双重预防测试企业${uniq()}`, region_code: base.region_code,
    credit_code: code, industry: base.industry, scale: 'above',
  }, admin);
  assertStatus(o, 201, 'a fresh enterprise');
  const login = `risk-ent-${uniq()}`;
  const u = await post(`${API}/users`, { login, name: '安全员', password: 'risk-ent-pass-1', role: 'enterprise', org_id: o.json.id }, admin);
  assertStatus(u, 201, 'its user');
  const s = await post(`${API}/session`, { login, password: 'risk-ent-pass-1' });
  assertStatus(s, 200, 'its user signs in');
  return { org: o.json, token: s.json.token };
}

test('the server grades LEC and LS inputs with the configured bands; the enterprise takes the highest colour', async () => {
  const { org, token } = await freshEnterprise();
  assert.equal(await orgColour(org.id), null, 'no risk point: no colour');
  const cases = [
    [{ method: 'lec', l: 3, e: 3, c: 7 }, 63, 'low', 'blue'],
    [{ method: 'lec', l: 10, e: 1, c: 7 }, 70, 'general', 'yellow'],
    [{ method: 'lec', l: 0.5, e: 0.5, c: 1 }, 0.25, 'low', 'blue'],
    [{ method: 'ls', l: 3, s: 5 }, 15, 'larger', 'orange'],
  ];
  let expectColour = null;
  const rank = { blue: 0, yellow: 1, orange: 2, red: 3 };
  for (const [assessment, score, level, colour] of cases) {
    const r = await post(`${API}/risks`, riskBody(null, { assessment }), { token });
    assertStatus(r, 201, JSON.stringify(assessment));
    assert.equal(r.json.score, score);
    assert.equal(r.json.level, level);
    assert.equal(r.json.colour, colour);
    if (expectColour === null || rank[colour] > rank[expectColour]) expectColour = colour;
    assert.equal(await orgColour(org.id), expectColour, `the enterprise is ${expectColour}`);
  }
  const red = await post(`${API}/risks`, riskBody(null, { assessment: { method: 'lec', l: 3, e: 3, c: 40 } }), { token });
  assertStatus(red, 201);
  assert.equal(red.json.score, 360);
  assert.equal(red.json.level, 'major');
  assert.equal(await orgColour(org.id), 'red');
  // Retiring the red one brings the colour back down.
  const off = await patch(`${API}/risks/${red.json.id}`, { version: red.json.version, active: false }, { token });
  assertStatus(off, 200);
  assert.equal(await orgColour(org.id), 'orange');
});

test('inputs outside the method\'s tables are 422 naming the field, and nothing is stored', async () => {
  const { token } = await freshEnterprise();
  const bad = [
    [{ method: 'lec', l: 2, e: 6, c: 7 }, 'assessment.l'],
    [{ method: 'lec', l: 3, e: 0.1, c: 7 }, 'assessment.e'],
    [{ method: 'lec', l: 3, e: 6, c: 10 }, 'assessment.c'],
    [{ method: 'lec', l: 3, e: 6, c: 7.5 }, 'assessment.c'],
    [{ method: 'lec', l: 3, e: 6 }, 'assessment.c'],
    [{ method: 'lec', l: 3, e: 6, c: 7, s: 2 }, 'assessment.s'],
    [{ method: 'ls', l: 0, s: 3 }, 'assessment.l'],
    [{ method: 'ls', l: 2.5, s: 3 }, 'assessment.l'],
    [{ method: 'ls', l: 2, s: 6 }, 'assessment.s'],
    [{ method: 'ls', l: 2, s: 3, c: 7 }, 'assessment.c'],
    [{ method: 'ls', l: 2 }, 'assessment.s'],
    [{ method: 'hazop', l: 2, s: 2 }, 'assessment.method'],
  ];
  for (const [assessment, field] of bad) {
    const body = riskBody(null, { assessment });
    assertError(await post(`${API}/risks`, body, { token }), 422, 'invalid', field);
  }
  assertError(await post(`${API}/risks`, riskBody(null, { accident_types: ['火灾', '地震'] }), { token }), 422, 'invalid', 'accident_types');
  assertError(await post(`${API}/risks`, riskBody(null, { accident_types: ['火灾', '火灾'] }), { token }), 422, 'invalid', 'accident_types');
  assertError(await post(`${API}/risks`, riskBody(null, { level: 'low' }), { token }), 422, 'invalid', 'level');
  assertError(await post(`${API}/risks`, riskBody(null, { score: 1 }), { token }), 422, 'invalid', 'score');
  const list = await get(`${API}/risks`, { token });
  assert.equal(list.json.total, 0, 'no risk point was stored');
});

test('re-assessment keeps the history; a stale version is 409; PATCH cannot change the assessment', async () => {
  const { token } = await freshEnterprise();
  const rp = await post(`${API}/risks`, riskBody(null, { assessment: { method: 'lec', l: 6, e: 6, c: 15 } }), { token });
  assertStatus(rp, 201);
  assert.equal(rp.json.level, 'major'); // 540
  assertError(await patch(`${API}/risks/${rp.json.id}`, { version: rp.json.version, assessment: { method: 'ls', l: 1, s: 1 } }, { token }),
    422, 'invalid', 'assessment');
  const stale = await post(`${API}/risks/${rp.json.id}/assessments`,
    { version: rp.json.version + 1, reason: '增设联锁', assessment: { method: 'lec', l: 1, e: 6, c: 15 } }, { token });
  assertError(stale, 409, 'stale_version');
  assertError(await post(`${API}/risks/${rp.json.id}/assessments`,
    { version: rp.json.version, assessment: { method: 'lec', l: 1, e: 6, c: 15 } }, { token }), 422, 'invalid', 'reason');
  const again = await post(`${API}/risks/${rp.json.id}/assessments`,
    { version: rp.json.version, reason: '增设联锁', review_on: '2027-06-30', assessment: { method: 'lec', l: 1, e: 6, c: 15 } }, { token });
  assertStatus(again, 201);
  assert.equal(again.json.score, 90);
  assert.equal(again.json.level, 'general');
  assert.equal(again.json.review_on, '2027-06-30');
  assert.equal(again.json.version, rp.json.version + 1);
  const hist = await get(`${API}/risks/${rp.json.id}/assessments`, { token });
  assertStatus(hist, 200);
  assert.deepEqual(hist.json.items.map((a) => [a.level_before, a.level_after, a.reason]),
    [[null, 'major', ''], ['major', 'general', '增设联锁']]);
  assert.equal(hist.json.items[1].assessment.score, 90);
  // The regulator reads it, and may not re-assess it.
  const reg = await get(`${API}/risks/${rp.json.id}`, await as('regulator'));
  assert.ok(reg.status === 200 || reg.status === 404, 'a regulator reads in scope');
  assertError(await post(`${API}/risks/${rp.json.id}/assessments`,
    { version: again.json.version, reason: 'x', assessment: { method: 'ls', l: 1, s: 1 } }, await as('regulator')), 403, 'forbidden');
});

test('a check item gets its task; a hazard answer reports a hazard linked to the risk point, which is then closed', async () => {
  const rp = await createRisk('enterprise', riskBody(null, { name: `液氨储罐区${uniq()}`, assessment: { method: 'ls', l: 2, s: 2 } }));
  const it = await post(`${API}/check-items`, itemBody(rp.id, { cadence: 'weekly', what: '液氨泄漏报警器完好有效' }), await as('enterprise'));
  assertStatus(it, 201);
  const [task] = await taskOf(it.json.id);
  assert.ok(task, 'the item has its task of this week');
  assert.equal(task.status, 'pending');
  assert.match(task.period, /^\d{4}-W\d{2}$/);
  assert.ok(task.start <= daysAgo(0) && daysAgo(0) <= task.due, 'this week holds today');
  // An answer that is not "hazard" may not carry one; a "hazard" answer needs one.
  assertError(await post(`${API}/check-tasks/${task.id}/records`, { result: 'ok', hazard: { category: 'unsafe_condition', grade: 'general' } }, await as('enterprise')),
    422, 'invalid', 'hazard');
  assertError(await post(`${API}/check-tasks/${task.id}/records`, { result: 'hazard' }, await as('enterprise')), 422, 'invalid', 'hazard');
  assertError(await post(`${API}/check-tasks/${task.id}/records`, { result: 'ok' }, await as('regulator')), 403, 'forbidden');
  const rec = await post(`${API}/check-tasks/${task.id}/records`, {
    result: 'hazard', note: '3号探头无响应', hazard: { category: 'unsafe_condition', grade: 'general', location: '液氨罐区' },
  }, await as('enterprise'));
  assertStatus(rec, 201);
  assert.equal(rec.json.status, 'done');
  assert.equal(rec.json.record.result, 'hazard');
  const hid = rec.json.record.hazard_id;
  assert.ok(hid > 0, 'the record names the hazard it reported');
  assertError(await post(`${API}/check-tasks/${task.id}/records`, { result: 'ok' }, await as('enterprise')), 409, 'conflict');
  // The hazard is in the hazard network: the enterprise's, self-checked, naming its risk point and check.
  const h = await get(`${API}/hazards/${hid}`, await as('enterprise'));
  assertStatus(h, 200);
  assert.equal(h.json.title, '液氨泄漏报警器完好有效');
  assert.equal(h.json.source, 'self_check');
  assert.equal(h.json.enterprise_id, w.orgs.ownEnterprise.id);
  assert.equal(h.json.status, 'open');
  assert.ok(h.json.description.includes(rp.name) && h.json.description.includes(task.period), h.json.description);
  // The supervising department sees it too.
  assertStatus(await get(`${API}/hazards/${hid}`, await as('regulator')), 200, 'the department sees the hazard');
  // Closure: rectified on the spot (立查立改).
  const closed = await post(`${API}/hazards/${hid}/transitions`, { event: 'fix_now', version: h.json.version, evidence: '更换探头，试验正常' }, await as('enterprise'));
  assertStatus(closed, 200);
  assert.equal(closed.json.status, 'closed');
});

test('a major hazard found by a check turns the enterprise red until a regulator signs it off', async () => {
  const { org, token } = await freshEnterprise();
  const rp = await post(`${API}/risks`, riskBody(null, { assessment: { method: 'lec', l: 1, e: 1, c: 7 } }), { token });
  assertStatus(rp, 201);
  assert.equal(await orgColour(org.id), 'blue');
  const it = await post(`${API}/check-items`, itemBody(rp.json.id), { token });
  assertStatus(it, 201);
  const [task] = await taskOf(it.json.id, 'admin');
  const rec = await post(`${API}/check-tasks/${task.id}/records`, {
    result: 'hazard', hazard: { category: 'unsafe_condition', grade: 'major', basis: '判定标准第十一条', title: '液氯储罐无紧急切断' },
  }, { token });
  assertStatus(rec, 201);
  assert.equal(await orgColour(org.id), 'red', 'an open major hazard makes the enterprise red');
  const admin = await as('admin');
  let h = (await get(`${API}/hazards/${rec.json.record.hazard_id}`, admin)).json;
  const step = async (role, body) => {
    const r = await post(`${API}/hazards/${h.id}/transitions`, { version: h.version, ...body }, role === 'enterprise' ? { token } : await as(role));
    assertStatus(r, 200, `${body.event}`);
    h = r.json;
  };
  await step('enterprise', { event: 'plan', plan: { responsible: '次仁', measures: '加装紧急切断阀', funds: 30000, deadline: daysAgo(-20), contingency: '停用' } });
  await step('enterprise', { event: 'submit', evidence: '已加装并验收' });
  assert.equal(await orgColour(org.id), 'red', 'still red while it awaits acceptance');
  await step('regulator', { event: 'accept', comment: '审核销号' });
  assert.equal(h.status, 'closed');
  assert.equal(await orgColour(org.id), 'blue', 'closed: back to the colour of its risk points');
});

test('the daily job makes each period\'s tasks once; missed checks are listed for the enterprise and its regulator', async () => {
  const { org, token } = await freshEnterprise();
  const rp = await post(`${API}/risks`, riskBody(null), { token });
  assertStatus(rp, 201);
  const it = await post(`${API}/check-items`, itemBody(rp.json.id, { cadence: 'daily' }), { token });
  assertStatus(it, 201);
  const past = daysAgo(10);
  runJobs(past);
  runJobs(past); // idempotent: the same day again makes nothing more
  const tasks = await taskOf(it.json.id, 'admin');
  assert.deepEqual(tasks.map((t) => t.period).sort(), [past, daysAgo(0)].sort(), 'one task per day run');
  for (const who of [{ token }, await as('regulator'), await as('office')]) {
    const missed = await get(`${API}/check-tasks?missed=true&enterprise=${org.id}`, who);
    assertStatus(missed, 200);
    assert.deepEqual(missed.json.items.map((t) => t.period), [past], 'the past day\'s task is missed');
    assert.equal(missed.json.items[0].missed, true);
  }
  // A retired item makes no more tasks.
  assertStatus(await patch(`${API}/check-items/${it.json.id}`, { version: it.json.version, active: false }, { token }), 200);
  runJobs(daysAgo(9));
  assert.equal((await taskOf(it.json.id, 'admin')).length, 2);
});

test('the four-colour statistics count what the risk list holds, and the XLSX list is the enterprise\'s', async () => {
  const { org, token } = await freshEnterprise();
  const names = [];
  for (const assessment of [{ method: 'ls', l: 5, s: 5 }, { method: 'ls', l: 3, s: 3 }, { method: 'ls', l: 1, s: 1 }]) {
    const r = await post(`${API}/risks`, riskBody(null, { assessment }), { token });
    assertStatus(r, 201);
    names.push(r.json.name);
  }
  const office = await as('office');
  const before = (await get(`${API}/stats/risks?region=${org.region_code}`, office)).json;
  const mine = await get(`${API}/stats/risks`, { token });
  assertStatus(mine, 200);
  assert.deepEqual(mine.json.total.risks, { red: 1, orange: 0, yellow: 1, blue: 1 });
  assert.deepEqual(mine.json.total.enterprises, { red: 1, orange: 0, yellow: 0, blue: 0 });
  const byInd = mine.json.by_industry.find((x) => x.key === org.industry);
  assert.ok(byInd && byInd.name, 'by industry, named');
  // The office counts all of its city: the new enterprise is in it.
  const t = before.total.risks;
  const listed = await get(`${API}/risks?region=${org.region_code}&limit=1`, office);
  assert.equal(t.red + t.orange + t.yellow + t.blue, listed.json.total);
  assert.ok(before.by_region.length >= 1 && before.by_region.every((g) => /^\d{12}$/.test(g.key)));
  // The office's counts (kept by the writes) agree with its list, colour by colour.
  for (const [colour, level] of [['red', 'major'], ['orange', 'larger'], ['yellow', 'general'], ['blue', 'low']]) {
    const n = await get(`${API}/risks?region=${org.region_code}&level=${level}&limit=1`, office);
    assert.equal(before.total.risks[colour], n.json.total, `${colour} risk points`);
  }
  const ents = await get(`${API}/orgs?kind=enterprise&region=${org.region_code}&limit=500`, office);
  for (const colour of ['red', 'orange', 'yellow', 'blue']) {
    assert.equal(before.total.enterprises[colour], ents.json.items.filter((o) => o.risk_colour === colour).length, `${colour} enterprises`);
  }
  assertError(await get(`${API}/stats/risks?region=12`, office), 422, 'invalid', 'region');
  // 一企一清单.
  const x = await get(`${API}/exports/risks.xlsx?enterprise=${org.id}`, office);
  assertStatus(x, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const rows = xlsxRows(x.buf).filter((r) => r.some((c) => c !== ''));
  assert.equal(rows.length, 4, 'a header and three risk points');
  assert.deepEqual(rows.slice(1).map((r) => r[2]).sort(), [...names].sort());
  const red = rows.find((r) => r[10] === '重大风险');
  assert.ok(red && red[11] === '红' && red[8] === 'L=5 S=5' && red[9] === '25', JSON.stringify(red));
  const own = await get(`${API}/exports/risks.xlsx`, { token });
  assertStatus(own, 200);
  assert.equal(xlsxRows(own.buf).filter((r) => r.some((c) => c !== '')).length, 4, 'an enterprise gets its own list');
  assertError(await get(`${API}/exports/risks.xlsx?enterprise=${w.orgs.shigatseChem.id}`, office), 404, 'not_found');
});
