// The enterprise's yearly report of its risk list and risk analysis to its
// regulators (DESIGN §3.2) end to end: a draft shows the live counts, the
// submit freezes the list (later changes to the risk points do not reach
// it), the regulator reads it and its XLSX and sees the who-has-not board
// shrink; the daily job reminds those that have not reported, once; and
// the refusals, which change nothing.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  API, get, post, patch, tokenOf, assertStatus, assertError, storeArgs, uniq, xlsxRows, freshCreditCode,
} from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { riskBody } from './walk_risks.mjs';

let w;
before(async () => { w = await getWorld(); });

async function as(role) { return { token: await tokenOf(role) }; }

// Today in Asia/Shanghai as YYYY-MM-DD, and a day n days from it.
const shanghaiDay = (n = 0) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const THIS_YEAR = Number(shanghaiDay().slice(0, 4));

// A fresh enterprise of 拉萨 (of `like`'s region and industry) with its own
// user, so that the reports and reminders of other tests do not mix in.
async function freshEnterprise(like) {
  const admin = await as('admin');
  const o = await post(`${API}/orgs`, {
    kind: 'enterprise', name: `年度风险报告测试企业${uniq()}`, region_code: like.region_code,
    credit_code: freshCreditCode(like.region_code.slice(0, 6)), industry: like.industry, scale: 'above',
  }, admin);
  assertStatus(o, 201, 'a fresh enterprise');
  const login = `rr-ent-${uniq()}`;
  const u = await post(`${API}/users`, { login, name: '安全员', password: 'rr-ent-pass-1', role: 'enterprise', org_id: o.json.id }, admin);
  assertStatus(u, 201, 'its user');
  const s = await post(`${API}/session`, { login, password: 'rr-ent-pass-1' });
  assertStatus(s, 200, 'its user signs in');
  return { org: o.json, token: s.json.token };
}

async function missingIds(role, year) {
  const r = await get(`${API}/risk-reports/missing?year=${year}&limit=500`, await as(role));
  assertStatus(r, 200, `${role} reads the board`);
  return { ids: r.json.items.map((x) => x.enterprise_id), body: r.json };
}

test('an enterprise drafts, writes and submits its yearly risk report; the regulator sees it and the board shrinks', async () => {
  const { org, token } = await freshEnterprise(w.orgs.lhasaChem);
  const ent = { token };
  const red = await post(`${API}/risks`, riskBody(null, { name: `液氨储罐${uniq()}`, assessment: { method: 'ls', l: 5, s: 5 } }), ent);
  assertStatus(red, 201);
  const blue = await post(`${API}/risks`, riskBody(null, { name: `叉车作业${uniq()}`, assessment: { method: 'ls', l: 1, s: 2 } }), ent);
  assertStatus(blue, 201);
  const year = THIS_YEAR - 1;

  const before = await missingIds('regulator', year);
  assert.ok(before.ids.includes(org.id), 'the regulator sees the enterprise on the board');
  assert.equal(before.body.due, `${year}-12-20`, 'due on the configured day (default 12-20)');
  assert.equal(before.body.overdue, true, "last year's report is overdue");
  assert.ok(before.body.items.every((x) => x.overdue === true));

  const d = await post(`${API}/risk-reports`, { year, analysis: '', principal: '' }, ent);
  assertStatus(d, 201, 'the draft');
  assert.equal(d.json.status, 'draft');
  assert.equal(d.json.enterprise_id, org.id);
  assert.deepEqual(d.json.counts, { red: 1, orange: 0, yellow: 0, blue: 1, total: 2 }, 'the live counts');
  assert.deepEqual(d.json.items, [], 'no frozen list while a draft');
  const onBoard = (await get(`${API}/risk-reports/missing?year=${year}&limit=500`, await as('regulator'))).json.items
    .find((x) => x.enterprise_id === org.id);
  assert.equal(onBoard.draft_id, d.json.id, 'a draft is not a report: still on the board, with its draft');

  // A risk point added while drafting is counted live.
  const orange = await post(`${API}/risks`, riskBody(null, { name: `配电室${uniq()}`, assessment: { method: 'ls', l: 3, s: 5 } }), ent);
  assertStatus(orange, 201);
  const again = await get(`${API}/risk-reports/${d.json.id}`, ent);
  assert.equal(again.json.counts.orange, 1);
  assert.equal(again.json.counts.total, 3);

  const analysis = `${year}年度共辨识风险点3处，其中重大风险1处，已落实工程技术和管理措施。`;
  const p = await patch(`${API}/risk-reports/${d.json.id}`, { version: d.json.version, analysis, principal: '王总经理' }, ent);
  assertStatus(p, 200, 'the analysis and the principal');
  assert.equal(p.json.version, d.json.version + 1);
  assert.equal(p.json.analysis, analysis);

  const s = await post(`${API}/risk-reports/${d.json.id}/submit`, { version: p.json.version }, ent);
  assertStatus(s, 200, 'the submit');
  assert.equal(s.json.status, 'submitted');
  assert.equal(s.json.late, true, "last year's report submitted now is late");
  assert.equal(s.json.due, `${year}-12-20`);
  assert.equal(s.json.principal, '王总经理');
  assert.ok(s.json.submitted_at);
  assert.deepEqual(s.json.counts, { red: 1, orange: 1, yellow: 0, blue: 1, total: 3 });
  assert.equal(s.json.items.length, 3);
  assert.equal(s.json.items[0].risk_id, red.json.id, 'the highest level first');
  assert.equal(s.json.items[0].colour, 'red');

  // The risk points change afterwards: the report does not.
  const rn = await patch(`${API}/risks/${red.json.id}`, { version: red.json.version, name: '改名后的储罐', active: false }, ent);
  assertStatus(rn, 200);
  assertStatus(await post(`${API}/risks`, riskBody(null, { name: `新增风险点${uniq()}` }), ent), 201);
  const frozen = await get(`${API}/risk-reports/${d.json.id}`, await as('regulator'));
  assertStatus(frozen, 200, 'the regulator reads the report');
  assert.deepEqual(frozen.json.counts, s.json.counts);
  assert.deepEqual(frozen.json.items, s.json.items, 'the frozen list is what was reported');

  const list = await get(`${API}/risk-reports?year=${year}&status=submitted&limit=500`, await as('regulator'));
  assertStatus(list, 200);
  assert.ok(list.json.items.some((x) => x.id === d.json.id && x.late === true), 'the regulator lists it, late');
  const after = await missingIds('regulator', year);
  assert.ok(!after.ids.includes(org.id), 'off the board once submitted');
  assert.equal(after.body.total, before.body.total - 1, 'the board shrank by one');

  const x = await get(`${API}/exports/risk-reports/${d.json.id}.xlsx`, await as('regulator'));
  assertStatus(x, 200, 'the XLSX');
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const buf = x.buf;
  const summary = xlsxRows(buf, 1).map((r) => r.join('|'));
  assert.ok(summary.includes('主要负责人|王总经理'), `the summary names the principal: ${summary}`);
  assert.ok(summary.includes('是否逾期|逾期报送'));
  assert.ok(summary.includes(`年度风险分析|${analysis}`));
  const rows = xlsxRows(buf, 2);
  assert.equal(rows.length, 4, 'a header and the three reported points');
  assert.equal(rows[1][1], red.json.name, 'the name as reported, not as renamed');
  assert.equal(rows[1][6], '重大风险');
});

test('refusals: wrong role 403, out of scope 404, bad input 422, a second report or a stale version 409; nothing changes', async () => {
  const a = await freshEnterprise(w.orgs.lhasaChem);
  const b = await freshEnterprise(w.orgs.lhasaBuild);
  const year = THIS_YEAR;
  const d = await post(`${API}/risk-reports`, { year, analysis: '分析', principal: '' }, { token: a.token });
  assertStatus(d, 201);

  assertError(await post(`${API}/risk-reports`, { year }, { token: a.token }), 409, 'conflict', 'year');
  assertError(await post(`${API}/risk-reports`, { year: THIS_YEAR + 1 }, { token: a.token }), 422, 'invalid', 'year');
  assertError(await post(`${API}/risk-reports`, { year: 1999 }, { token: a.token }), 422, 'invalid', 'year');
  assertError(await post(`${API}/risk-reports`, { year: 2020, colour: 'red' }, { token: a.token }), 422, 'invalid', 'colour');
  assertError(await post(`${API}/risk-reports`, { year: 2020, analysis: 'x'.repeat(16384) }, { token: a.token }), 422, 'invalid', 'analysis');
  assertError(await post(`${API}/risk-reports`, { year: 2020, enterprise_id: b.org.id }, { token: a.token }), 404, 'not_found');
  for (const role of ['office', 'regulator', 'admin']) {
    assertError(await post(`${API}/risk-reports`, { year: 2020, enterprise_id: a.org.id }, await as(role)), 403, 'forbidden');
    assertError(await patch(`${API}/risk-reports/${d.json.id}`, { version: d.json.version, analysis: '改' }, await as(role)), 403, 'forbidden');
    assertError(await post(`${API}/risk-reports/${d.json.id}/submit`, { version: d.json.version }, await as(role)), 403, 'forbidden');
  }
  assertError(await post(`${API}/risk-reports`, { year: 2020 }, await as('leader')), 403, 'forbidden');
  // another enterprise, and the department of other industries, see nothing of it
  assertError(await get(`${API}/risk-reports/${d.json.id}`, { token: b.token }), 404, 'not_found');
  assertError(await patch(`${API}/risk-reports/${d.json.id}`, { version: d.json.version, analysis: '改' }, { token: b.token }), 404, 'not_found');
  const db = await post(`${API}/risk-reports`, { year, analysis: '分析', principal: '李总' }, { token: b.token });
  assertStatus(db, 201);
  assertError(await get(`${API}/risk-reports/${db.json.id}`, await as('regulator')), 404, 'not_found');
  assertStatus(await get(`${API}/risk-reports/${db.json.id}`, await as('office')), 200, 'the office sees its region');
  const regList = await get(`${API}/risk-reports?year=${year}&limit=500`, await as('regulator'));
  assert.ok(!regList.json.items.some((x) => x.id === db.json.id), "not in the department's list");

  // stale version, no principal, then a draft is not exported
  assertError(await patch(`${API}/risk-reports/${d.json.id}`, { version: d.json.version + 3, analysis: '改' }, { token: a.token }), 409, 'stale_version', 'version');
  assertError(await post(`${API}/risk-reports/${d.json.id}/submit`, { version: d.json.version }, { token: a.token }), 422, 'invalid', 'principal');
  assertError(await post(`${API}/risk-reports/${d.json.id}/submit`, { version: d.json.version, principal: 'x'.repeat(200) }, { token: a.token }), 422, 'invalid', 'principal');
  assertError(await get(`${API}/exports/risk-reports/${d.json.id}.xlsx`, { token: a.token }), 409, 'conflict');
  assertError(await get(`${API}/risk-reports?year=abc`, { token: a.token }), 422, 'invalid', 'year');
  assertError(await get(`${API}/risk-reports?status=late`, { token: a.token }), 422, 'invalid', 'status');
  const still = await get(`${API}/risk-reports/${d.json.id}`, { token: a.token });
  assert.equal(still.json.version, d.json.version, 'the refusals changed nothing');
  assert.equal(still.json.status, 'draft');
  assert.equal(still.json.analysis, '分析');

  // this year's report before the due day is on time; once submitted, final
  const s = await post(`${API}/risk-reports/${d.json.id}/submit`, { version: d.json.version, principal: '张总' }, { token: a.token });
  assertStatus(s, 200);
  assert.equal(s.json.late, shanghaiDay() > s.json.due, 'late exactly when today (Shanghai) is past the due day');
  assertError(await post(`${API}/risk-reports/${d.json.id}/submit`, { version: s.json.version, principal: '张总' }, { token: a.token }), 409, 'conflict');
  assertError(await patch(`${API}/risk-reports/${d.json.id}`, { version: s.json.version, analysis: '改' }, { token: a.token }), 409, 'conflict');
  const list = await get(`${API}/risk-reports?year=${year}&limit=500`, { token: a.token });
  assert.deepEqual(list.json.items.map((x) => x.id), [d.json.id], 'an enterprise lists its own only');
});

function runJobs(env) {
  const r = spawnSync(process.env.HN_BIN, [...storeArgs(), 'jobs', 'run'],
    { encoding: 'utf8', timeout: 120000, env: { ...process.env, ...env } });
  return r;
}

// MM-DD of the day n days from today (Shanghai), never 02-29 (not a due day).
function dueIn(n) {
  let day = shanghaiDay(n);
  if (day.slice(5) === '02-29') day = shanghaiDay(n + 1);
  return day;
}

async function reminders(token) {
  const r = await get(`${API}/workbench`, { token });
  assertStatus(r, 200);
  return r.json.todos.filter((t) => t.kind.startsWith('risk_report_'));
}

test('the daily job reminds each enterprise without a submitted report, a week before and after the due day, once each', async () => {
  const told = await freshEnterprise(w.orgs.lhasaChem);
  const done = await freshEnterprise(w.orgs.lhasaChem);
  const soon = dueIn(3);
  const year = Number(soon.slice(0, 4));
  const d = await post(`${API}/risk-reports`, { year: Math.min(year, THIS_YEAR), analysis: '分析', principal: '张总' }, { token: done.token });
  assertStatus(d, 201);
  assertStatus(await post(`${API}/risk-reports/${d.json.id}/submit`, { version: d.json.version }, { token: done.token }), 200);

  const bad = runJobs({ HAZARDNET_RISK_REPORT_DAY: '12-32' });
  assert.notEqual(bad.status, 0, 'a bad due day is refused at load');
  assert.match(bad.stderr, /risk\.report_day/);

  for (let i = 0; i < 2; i++) {
    const r = runJobs({ HAZARDNET_RISK_REPORT_DAY: soon.slice(5) });
    assert.equal(r.status, 0, `jobs run: ${r.stderr}`);
    assert.match(r.stdout, /risk reports: \d+ told due soon/);
  }
  const t = await reminders(told.token);
  if (year === THIS_YEAR) {
    assert.equal(t.length, 1, `told once however often the job runs: ${JSON.stringify(t)}`);
    assert.equal(t[0].kind, 'risk_report_due_soon');
    assert.equal(t[0].due, soon);
    assert.equal(t[0].link, '#/risks/reports');
    assert.equal((await reminders(done.token)).length, 0, 'not the enterprise that has reported');
  }
  const late = dueIn(-1);
  for (let i = 0; i < 2; i++) assert.equal(runJobs({ HAZARDNET_RISK_REPORT_DAY: late.slice(5) }).status, 0);
  const overdue = (await reminders(told.token)).filter((x) => x.kind === 'risk_report_overdue');
  assert.equal(overdue.length, 1, 'told once that it is overdue');
  assert.equal(overdue[0].due, late);
  assert.equal(overdue[0].severity, 'danger');
});
