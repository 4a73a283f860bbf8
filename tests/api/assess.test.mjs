// The assessment (考核) over HTTP: a plan of a fresh county whose three
// responsible departments stand differently — one done on time with its
// target met but an overdue major hazard in its scope, one with an overdue
// task, one with nothing due yet — ranked from the stored data; the
// configuration and its refusals; the half-yearly bulletin (PDF read back
// with pdftotext, XLSX opened and counted) and the monthly statistics table.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API, get, post, tokenOf, login, assertStatus, assertError, uniq, unzip, xlsxRows, freshCreditCode,
} from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { put, thisPeriods } from './walk_assess.mjs';

const { year, half, month } = thisPeriods();
let w;
let c; // the county's office, departments, users, plan and tasks

const planText = (county) => `${county}安全生产专项整治三年行动考核测试方案

为深入贯彻落实安全生产专项整治三年行动部署，制定本方案。

一、工作目标
到2025年底，重大安全风险得到有效管控。

二、重点任务
（一）危险化学品安全整治。2025年3月底前重点企业自动化改造率达到100%（县应急管理局牵头）。
（二）建筑施工安全整治。2025年6月底前完成起重机械隐患排查（县住房和城乡建设局负责）。
（三）道路交通安全整治。2099年底前完成临水临崖路段隐患治理（县交通运输局负责）。
`;

async function userOf(orgId, role, name) {
  const loginName = `assess-${role}-${uniq()}`;
  const u = await post(`${API}/users`, { login: loginName, name, password: 'assess-pass-1', role, org_id: orgId },
    { token: await tokenOf('admin') });
  assertStatus(u, 201, `a ${role} user of org ${orgId}`);
  return (await login(loginName, 'assess-pass-1')).token;
}

async function org(body) {
  const r = await post(`${API}/orgs`, body, { token: await tokenOf('admin') });
  assertStatus(r, 201, `create ${body.name}`);
  return r.json;
}

before(async () => {
  w = await getWorld();
  const admin = await tokenOf('admin');
  const county = w.regions.lhasaCounty.code;
  const tag = uniq();
  c = { county };
  // An industry of its own, so that no other test's hazards fall into deptA's scope.
  const ind = await post(`${API}/industries`, { name: `考核测试行业${tag}`, code: `assess-${tag}` }, { token: admin });
  assertStatus(ind, 201, 'an industry for the test');
  c.industry = ind.json.id;
  c.office = await org({ kind: 'office', name: `考核县安委办${tag}`, region_code: county });
  c.deptA = await org({ kind: 'department', name: `考核县应急管理局${tag}`, region_code: county, industries: [c.industry] });
  c.deptB = await org({ kind: 'department', name: `考核县住建局${tag}`, region_code: county });
  c.deptC = await org({ kind: 'department', name: `考核县交通局${tag}`, region_code: county });
  c.officeToken = await userOf(c.office.id, 'office', '考核县安委办');
  c.tokenA = await userOf(c.deptA.id, 'regulator', '应急填报员');
  // An enterprise of the county in deptA's industry with an overdue major hazard.
  const ent = await org({ kind: 'enterprise', name: `考核县建筑公司${tag}`, region_code: county,
    credit_code: freshCreditCode(county.slice(0, 6)), industry: c.industry });
  const hz = await post(`${API}/hazards`, {
    enterprise_id: ent.id, title: `深基坑支护失效${tag}`, category: 'unsafe_condition', grade: 'major',
    basis: '深基坑未按方案支护', source: 'inspection', found_at: '2025-01-10',
    plan: { responsible: '次仁', measures: '加固支护', funds: 10000, deadline: '2025-02-01', contingency: '撤离预案' },
  }, { token: admin });
  assertStatus(hz, 201, 'an overdue major hazard of the county');

  const draft = await post(`${API}/plans`, { text: planText('考核县') }, { token: c.officeToken });
  assertStatus(draft, 201, 'the county office keeps the plan');
  const full = await get(`${API}/plans/${draft.json.id}`, { token: c.officeToken });
  const target = full.json.nodes.find((n) => (n.targets || []).some((t) => t.value === 100));
  assert.ok(target, 'the parser found the 100% target');
  for (const u of full.json.units) {
    const to = u.name.includes('应急') ? c.deptA : u.name.includes('住') ? c.deptB : u.name.includes('交通') ? c.deptC : null;
    assert.ok(to, `a unit to map: ${u.name}`);
    assertStatus(await post(`${API}/plans/${draft.json.id}/units`, { name: u.name, org_id: to.id }, { token: c.officeToken }), 200);
  }
  const pub = await post(`${API}/plans/${draft.json.id}/publish`, { version: draft.json.version }, { token: c.officeToken });
  assertStatus(pub, 200, 'publish');
  c.plan = pub.json;
  const tasks = await get(`${API}/tasks?plan=${c.plan.id}&limit=500`, { token: c.officeToken });
  c.tasks = {};
  for (const [k, d] of [['A', c.deptA], ['B', c.deptB], ['C', c.deptC]]) {
    c.tasks[k] = tasks.json.items.find((t) => t.org_id === d.id);
    assert.ok(c.tasks[k], `a task of dept ${k}`);
  }
  const rep = await post(`${API}/tasks/${c.tasks.A.id}/reports`, { text: '改造全部完成', percent: 100, actuals: [{ target: 0, value: 100 }] },
    { token: c.tokenA });
  assertStatus(rep, 201, 'deptA reports its task done with the target reached');
});

const rowOf = (res, dept) => res.json.items.find((r) => r.org.id === dept.id);
const ind = (row, key) => row.indicators.find((i) => i.key === key);

/** The grade the bands and the veto say a total gets. */
function gradeOf(total, cfg, vetoed) {
  const order = ['excellent', 'good', 'pass', 'fail'];
  let g = total >= cfg.bands.excellent ? 'excellent' : total >= cfg.bands.good ? 'good' : total >= cfg.bands.pass ? 'pass' : 'fail';
  if (vetoed && order.indexOf(g) < order.indexOf(cfg.veto.cap)) g = cfg.veto.cap;
  return g;
}

/** What every ranking must satisfy whatever the data: scores, totals, grades and ranks agree. */
function assertConsistent(res) {
  const cfg = res.json.config;
  for (const row of res.json.items) {
    const applicable = row.indicators.filter((i) => i.value !== null).reduce((a, i) => a + i.weight, 0);
    for (const i of row.indicators) {
      assert.equal(i.weight, cfg.weights[i.key]);
      if (i.den === 0) { assert.equal(i.value, null, `${i.key} with nothing due is null`); continue; }
      const rate = i.key === 'hazard_overdue' ? 1 - i.num / i.den : i.num / i.den;
      assert.ok(Math.abs(i.value - rate) < 1e-3, `${i.key} value is num/den`);
      if (applicable > 0) assert.ok(Math.abs(i.score - (rate * i.weight * 100) / applicable) < 0.01, `${i.key} score`);
    }
    if (row.total === null) {
      assert.equal(row.rank, null);
      assert.equal(row.grade, null);
      continue;
    }
    const sum = row.indicators.reduce((a, i) => a + (i.score || 0), 0);
    assert.ok(Math.abs(row.total - sum) <= 0.06, `total ${row.total} is the sum of the scores ${sum}`);
    assert.equal(row.grade, gradeOf(row.total, cfg, row.vetoed_by.length > 0));
    const better = res.json.items.filter((o) => o.total !== null && o.total > row.total).length;
    assert.equal(row.rank, better + 1, 'competition rank');
  }
}

test('the ranking is computed from the plan\'s data: completion, targets, hazards of the org\'s scope, vetoes', async () => {
  const res = await get(`${API}/plans/${c.plan.id}/assessment?period=${year}`, { token: c.officeToken });
  assertStatus(res, 200);
  assert.equal(res.json.period, year);
  assert.equal(res.json.config.version, 0, 'the defaults until someone configures');
  assertConsistent(res);
  const a = rowOf(res, c.deptA);
  const b = rowOf(res, c.deptB);
  const cc = rowOf(res, c.deptC);
  assert.ok(a && b && cc, 'each responsible org has a row');
  assert.deepEqual([ind(a, 'task_completion').num, ind(a, 'task_completion').den], [1, 1]);
  assert.deepEqual([ind(a, 'target_attainment').num, ind(a, 'target_attainment').den], [1, 1], 'the actual value meets the target');
  assert.deepEqual([ind(a, 'major_closure').num, ind(a, 'major_closure').den], [0, 1], 'the open major hazard of its industry');
  assert.deepEqual([ind(a, 'hazard_overdue').num, ind(a, 'hazard_overdue').den], [1, 1]);
  assert.deepEqual(a.vetoed_by, ['major_hazard_overdue']);
  assert.deepEqual([ind(b, 'task_completion').num, ind(b, 'task_completion').den], [0, 1]);
  assert.equal(ind(b, 'major_closure').value, null, 'a department without industries has no hazards to close');
  assert.deepEqual(b.vetoed_by, ['task_overdue']);
  assert.ok(b.facts.task_overdue_days > 30);
  assert.equal(ind(cc, 'task_completion').den, 0, 'a task due in 2099 is not due');
  assert.equal(a.rank, 1);
  assert.ok(b.total < a.total);
});

test('weights set by the office change the scores; a veto caps 优秀 at the configured grade', async () => {
  const cfg = (await get(`${API}/plans/${c.plan.id}/assessment-config`, { token: c.officeToken })).json;
  const body = {
    weights: { report_on_time: 0, task_completion: 100, target_attainment: 0, major_closure: 0, hazard_overdue: 0 },
    bands: { excellent: 95, good: 85, pass: 70 }, veto: { major_hazard_overdue: true, task_overdue_days: 30, cap: 'pass' },
    version: cfg.version,
  };
  const r = await put(`${API}/plans/${c.plan.id}/assessment-config`, body, { token: c.officeToken });
  assertStatus(r, 200);
  assert.equal(r.json.version, cfg.version + 1);
  assert.equal(r.json.default, false);
  const res = await get(`${API}/plans/${c.plan.id}/assessment?period=${year}`, { token: c.officeToken });
  assertConsistent(res);
  const a = rowOf(res, c.deptA);
  const b = rowOf(res, c.deptB);
  assert.equal(a.total, 100);
  assert.equal(a.grade, 'pass', 'vetoed by the overdue major hazard: at best 合格');
  assert.equal(b.total, 0);
  assert.equal(b.grade, 'fail');
  assert.equal(rowOf(res, c.deptC).total, null, 'nothing of weight is due of deptC: not assessed');
  assert.equal(rowOf(res, c.deptC).rank, null);
  assert.deepEqual(res.json.items.map((x) => x.org.id).slice(-1), [c.deptC.id], 'the not assessed come last');
  // without the hazard veto 100 is 优秀
  const r2 = await put(`${API}/plans/${c.plan.id}/assessment-config`, { ...body, veto: { ...body.veto, major_hazard_overdue: false }, version: r.json.version }, { token: c.officeToken });
  assertStatus(r2, 200);
  const res2 = await get(`${API}/plans/${c.plan.id}/assessment?period=${year}`, { token: c.officeToken });
  assert.equal(rowOf(res2, c.deptA).grade, 'excellent');
  assert.deepEqual(rowOf(res2, c.deptA).vetoed_by, []);
});

test('a bad configuration is 422 naming the field and changes nothing; a stale version is 409', async () => {
  const before = (await get(`${API}/plans/${c.plan.id}/assessment-config`, { token: c.officeToken })).json;
  const good = { weights: { ...before.weights }, bands: { ...before.bands }, veto: { ...before.veto }, version: before.version };
  const cases = [
    [{ ...good, weights: { ...good.weights, report_on_time: good.weights.report_on_time + 1 } }, 'weights'],
    [{ ...good, weights: { ...good.weights, speed: 1 } }, 'weights.speed'],
    [{ ...good, weights: { ...good.weights, task_completion: 101 } }, 'weights.task_completion'],
    [{ ...good, weights: { ...good.weights, task_completion: '30' } }, 'weights.task_completion'],
    [{ ...good, bands: { excellent: 80, good: 80, pass: 60 } }, 'bands'],
    [{ ...good, bands: { excellent: 90, good: 80 } }, 'bands.pass'],
    [{ ...good, veto: { ...good.veto, cap: 'perfect' } }, 'veto.cap'],
    [{ ...good, veto: { ...good.veto, task_overdue_days: -1 } }, 'veto.task_overdue_days'],
    [{ weights: good.weights, bands: good.bands, veto: good.veto }, 'version'],
  ];
  for (const [body, field] of cases) {
    assertError(await put(`${API}/plans/${c.plan.id}/assessment-config`, body, { token: c.officeToken }), 422, 'invalid', field);
  }
  assertError(await put(`${API}/plans/${c.plan.id}/assessment-config`, { ...good, version: good.version + 5 }, { token: c.officeToken }), 409, 'stale_version', 'version');
  const after = (await get(`${API}/plans/${c.plan.id}/assessment-config`, { token: c.officeToken })).json;
  assert.deepEqual(after, before, 'nothing changed');
});

test('a period that is not one is 422 period; one that has not begun too', async () => {
  for (const p of ['2026-H3', '2026-13', '2026-Q1', 'abcd', '26', '2099']) {
    assertError(await get(`${API}/plans/${c.plan.id}/assessment?period=${p}`, { token: c.officeToken }), 422, 'invalid', 'period');
  }
  for (const p of [year, half, month]) {
    const r = await get(`${API}/plans/${c.plan.id}/assessment?period=${p}`, { token: c.officeToken });
    assertStatus(r, 200, `period ${p}`);
    assertConsistent(r);
  }
});

test('who reads and who configures: a department 403, an enterprise and another county\'s office 404', async () => {
  const id = c.plan.id;
  assertError(await get(`${API}/plans/${id}/assessment`, { token: c.tokenA }), 403, 'forbidden');
  assertError(await get(`${API}/plans/${id}/assessment`, { token: await tokenOf('enterprise') }), 404, 'not_found');
  assertStatus(await get(`${API}/plans/${id}/assessment`, { token: await tokenOf('leader') }), 200, 'the city\'s leader reads');
  const cfg = (await get(`${API}/plans/${id}/assessment-config`, { token: c.officeToken })).json;
  const body = { weights: cfg.weights, bands: cfg.bands, veto: cfg.veto, version: cfg.version };
  assertError(await put(`${API}/plans/${id}/assessment-config`, body, { token: await tokenOf('leader') }), 403, 'forbidden');
  assertError(await put(`${API}/plans/${id}/assessment-config`, body, { token: c.tokenA }), 403, 'forbidden');
  const other = await post(`${API}/orgs`, { kind: 'office', name: `另一县安委办${uniq()}`, region_code: w.regions.shigatseCounty.code }, { token: await tokenOf('admin') });
  const otherToken = await userOf(other.json.id, 'office', '另一县');
  assertError(await get(`${API}/plans/${id}/assessment`, { token: otherToken }), 404, 'not_found');
  assertError(await put(`${API}/plans/${id}/assessment-config`, body, { token: otherToken }), 404, 'not_found');
  assertError(await get(`${API}/exports/plans/${id}/bulletin.pdf?half=${half}`, { token: otherToken }), 404, 'not_found');
  assert.equal((await get(`${API}/plans/${id}/assessment-config`, { token: c.officeToken })).json.version, cfg.version);
});

test('a report\'s actual values are validated (422) and shown in its history', async () => {
  const t = c.tasks.A.id;
  assertError(await post(`${API}/tasks/${t}/reports`, { text: 'x', percent: 10, period: '2025-01', actuals: [{ target: 99, value: 1 }] }, { token: c.tokenA }), 422, 'invalid', 'actuals.target');
  assertError(await post(`${API}/tasks/${t}/reports`, { text: 'x', percent: 10, period: '2025-01', actuals: [{ target: 0 }] }, { token: c.tokenA }), 422, 'invalid', 'actuals.value');
  assertError(await post(`${API}/tasks/${t}/reports`, { text: 'x', percent: 10, period: '2025-01', actuals: [1] }, { token: c.tokenA }), 422, 'invalid', 'actuals');
  assertError(await post(`${API}/tasks/${t}/reports`, { text: 'x', percent: 10, period: '2025-01', actuals: [{ target: 0, value: 1 }, { target: 0, value: 2 }] }, { token: c.tokenA }), 422, 'invalid', 'actuals');
  const hist = await get(`${API}/tasks/${t}/reports`, { token: c.tokenA });
  assert.equal(hist.json.items.length, 1, 'no refused report was kept');
  assert.deepEqual(hist.json.items[0].actuals, [{ target: 0, value: 100 }]);
});

function pdfText(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'hn-bulletin-'));
  try {
    writeFileSync(join(dir, 'b.pdf'), buf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function unzipTest(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'hn-xlsx-'));
  try {
    writeFileSync(join(dir, 'x.xlsx'), buf);
    return execFileSync('unzip', ['-t', join(dir, 'x.xlsx')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the half-yearly bulletin as PDF names the overdue task and ranks the orgs (read back with pdftotext)', async () => {
  const res = await get(`${API}/exports/plans/${c.plan.id}/bulletin.pdf?half=${half}`, { token: c.officeToken });
  assertStatus(res, 200);
  assert.match(res.headers.get('content-type'), /^application\/pdf/);
  const text = pdfText(res.buf).replace(/\s+/g, '');
  const title = (await get(`${API}/tasks/${c.tasks.B.id}`, { token: c.officeToken })).json.title;
  for (const s of ['工作情况通报', '一、总体情况', '二、进度报送情况', '三、逾期未完成任务', '四、考核排名',
    c.deptA.name, c.deptB.name, c.deptC.name, title.replace(/\s+/g, ''), '不合格']) {
    assert.ok(text.includes(s), `the bulletin says ${s}`);
  }
  const ranking = await get(`${API}/plans/${c.plan.id}/assessment?period=${half}`, { token: c.officeToken });
  const first = ranking.json.items[0];
  assert.ok(text.indexOf(`1${first.org.name}`) >= 0, 'the first of the ranking is ranked 1 in the bulletin');
  for (const bad of ['2026-H3', '2026', '2026-05', 'x']) {
    assertError(await get(`${API}/exports/plans/${c.plan.id}/bulletin.pdf?half=${bad}`, { token: c.officeToken }), 422, 'invalid', 'half');
  }
});

test('the half-yearly bulletin as XLSX: a sound ZIP whose sheets count the orgs and the overdue tasks', async () => {
  const res = await get(`${API}/exports/plans/${c.plan.id}/bulletin.xlsx?half=${half}`, { token: c.officeToken });
  assertStatus(res, 200);
  assert.match(unzipTest(res.buf), /No errors detected/);
  const z = unzip(res.buf);
  for (const n of [1, 2, 3, 4]) assert.ok(z[`xl/worksheets/sheet${n}.xml`], `sheet ${n}`);
  const ranking = await get(`${API}/plans/${c.plan.id}/assessment?period=${half}`, { token: c.officeToken });
  const reporting = xlsxRows(res.buf, 2);
  assert.deepEqual(reporting[0].slice(0, 3), ['责任单位', '任务数', '已完成']);
  assert.equal(reporting.length - 1, ranking.json.items.length, 'one row per responsible org');
  const overdue = xlsxRows(res.buf, 3);
  assert.equal(overdue.length - 1, 1, 'one overdue task');
  assert.equal(overdue[1][0], c.deptB.name);
  const ranks = xlsxRows(res.buf, 4);
  assert.equal(ranks.length - 1, ranking.json.items.length);
  assert.equal(ranks[1][1], ranking.json.items[0].org.name);
  assertError(await get(`${API}/exports/plans/${c.plan.id}/bulletin.xlsx?half=2026-H0`, { token: c.officeToken }), 422, 'invalid', 'half');
});

test('the monthly statistics table counts tasks and reports per org, with a total, and lists the targets with actual values', async () => {
  const res = await get(`${API}/exports/plans/${c.plan.id}/statistics.xlsx?month=${month}`, { token: c.officeToken });
  assertStatus(res, 200);
  assert.match(unzipTest(res.buf), /No errors detected/);
  const rows = xlsxRows(res.buf, 1);
  assert.deepEqual(rows[0], ['责任单位', '任务总数', '已完成', '推进中', '未启动', '逾期', '本月应报', '已报送', '逾期报送', '未报送']);
  assert.equal(rows.length, 1 + 3 + 1, 'three orgs and the total');
  const a = rows.find((r) => r[0] === c.deptA.name);
  const b = rows.find((r) => r[0] === c.deptB.name);
  assert.deepEqual(a.slice(1, 6), ['1', '1', '0', '0', '0'], 'deptA: done');
  assert.deepEqual(b.slice(1, 6), ['1', '0', '0', '1', '1'], 'deptB: not started and overdue');
  const total = rows[rows.length - 1];
  assert.equal(total[0], '合计');
  assert.equal(total[1], '3');
  const targets = xlsxRows(res.buf, 2);
  const t = targets.find((r) => r[0] === c.deptA.name);
  assert.ok(t, 'deptA\'s target is listed');
  assert.equal(t[3], '100');
  assert.equal(t[7], '100');
  assert.equal(t[8], '是');
  for (const bad of ['2026-H1', '2026-13', '2026', 'x']) {
    assertError(await get(`${API}/exports/plans/${c.plan.id}/statistics.xlsx?month=${bad}`, { token: c.officeToken }), 422, 'invalid', 'month');
  }
  assertError(await get(`${API}/exports/plans/${c.plan.id}/statistics.xlsx?month=${month}`, { token: c.tokenA }), 403, 'forbidden');
});
