// The hazard network's rules end to end (DESIGN §3.1): notifications of a
// major hazard, the daily deadline job, statistics that count what happened
// (extensions, on-time closure, 动态清零), voiding that keeps the record,
// and the enterprise's quarterly report cycle.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { API, get, post, tokenOf, assertStatus, assertError, storeArgs } from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { daysAgo } from './walk_hazards.mjs';

let w;
before(async () => { w = await getWorld(); });

const daysAhead = (n) => daysAgo(-n);
const year = () => Number(daysAgo(0).slice(0, 4));

async function report(role, body) {
  const r = await post(`${API}/hazards`, body, { token: await tokenOf(role) });
  assertStatus(r, 201, `${role} reports "${body.title}"`);
  return r.json;
}

async function fire(role, h, event, extra = {}) {
  const r = await post(`${API}/hazards/${h.id}/transitions`, { event, version: h.version, ...extra },
    { token: await tokenOf(role) });
  assertStatus(r, 200, `${role} ${event}s ${h.code}`);
  return r.json;
}

const fullPlan = (deadline) => ({
  responsible: '次仁', measures: '更换可燃气体报警器并与切断阀联锁', funds: 18000, deadline,
  contingency: '停用储罐区，设置警戒',
});

const majorBody = (title, found, deadline) => ({
  title, description: '储罐区可燃气体报警器失效', category: 'unsafe_condition', grade: 'major',
  basis: '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准 第十一条', found_at: found,
  plan: fullPlan(deadline),
});

const generalBody = (title, found, plan) => ({
  title, description: '消防通道堆放杂物', category: 'unsafe_condition', grade: 'general', found_at: found,
  ...(plan ? { plan } : {}),
});

async function todos(role) {
  const r = await get(`${API}/workbench`, { token: await tokenOf(role) });
  assertStatus(r, 200, `${role} workbench`);
  return r.json.todos;
}

async function stats(role = 'office') {
  const r = await get(`${API}/stats/hazards?year=${year()}`, { token: await tokenOf(role) });
  assertStatus(r, 200, 'stats');
  return r.json;
}

function runJobs(today) {
  const args = [...storeArgs(), 'jobs', 'run', ...(today ? ['--today', today] : [])];
  const r = spawnSync(process.env.HN_BIN, args, { encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `jobs run: ${r.stderr}`);
  const m = r.stdout.match(/(\d+) due in 3 days, (\d+) overdue, (\d+) escalated/);
  assert.ok(m, `jobs run says what it did: ${r.stdout}`);
  return { dueSoon: Number(m[1]), overdue: Number(m[2]), escalated: Number(m[3]) };
}

test('a major hazard reported by an enterprise reaches its supervising department and the office at once', async () => {
  const h = await report('enterprise', majorBody(`报警器失效 通知${Date.now()}`, daysAgo(1), daysAhead(20)));
  assert.equal(h.status, 'rectifying', 'reported with its plan');
  for (const role of ['regulator', 'office']) {
    const mine = (await todos(role)).filter((t) => t.kind === 'major_reported' && t.link === `#/hazards/${h.id}`);
    assert.equal(mine.length, 1, `${role} is told once`);
    assert.ok(mine[0].title.includes(h.code), 'the notice names the hazard');
  }
  // The enterprise itself is not notified of its own report.
  assert.equal((await todos('enterprise')).filter((t) => t.kind === 'major_reported' && t.link === `#/hazards/${h.id}`).length, 0);
});

test('the daily job reminds three days before a deadline, tells when it has passed, escalates an overdue major hazard, and says nothing twice', async () => {
  const soon = await report('enterprise', generalBody(`三日内到期${Date.now()}`, daysAgo(1), { responsible: '扎西', deadline: daysAhead(3) }));
  const late = await report('enterprise', majorBody(`逾期重大${Date.now()}`, daysAgo(10), daysAgo(2)));
  const first = runJobs();
  assert.ok(first.dueSoon >= 1, 'a reminder three days before');
  assert.ok(first.overdue >= 1, 'a notice once it has passed');
  assert.ok(first.escalated >= 2, 'the supervising department and the office hear of the overdue major hazard');
  assert.deepEqual(runJobs(), { dueSoon: 0, overdue: 0, escalated: 0 }, 'a second run tells nothing new');

  const ent = await todos('enterprise');
  assert.ok(ent.some((t) => t.kind === 'due_soon' && t.link === `#/hazards/${soon.id}`), 'the enterprise sees the reminder');
  assert.ok(ent.some((t) => t.kind === 'overdue' && t.link === `#/hazards/${late.id}`), 'the enterprise sees it is overdue');
  for (const role of ['regulator', 'office'])
    assert.ok((await todos(role)).some((t) => t.kind === 'escalated' && t.link === `#/hazards/${late.id}`), `${role} sees the escalation`);
  const got = await get(`${API}/hazards/${late.id}`, { token: await tokenOf('office') });
  assert.equal(got.json.overdue, true, 'overdue is derived from today and the deadline');
});

test('the workbench lists each hazard once, at most todos_per_kind of each kind, and says how many there are', async () => {
  // The regulator's own pending acceptance: a major hazard submitted today.
  let h = await report('enterprise', majorBody(`待我验收${Date.now()}`, daysAgo(1), daysAhead(30)));
  h = await fire('enterprise', h, 'submit', { evidence: '已更换报警器并联锁' });
  for (const role of ['office', 'regulator', 'enterprise']) {
    const r = await get(`${API}/workbench`, { token: await tokenOf(role) });
    assertStatus(r, 200, `${role} workbench`);
    const { todos: list, counts, todos_per_kind: per } = r.json;
    assert.ok(Number.isInteger(per) && per > 0, 'todos_per_kind is a positive count');
    const of = (kind) => list.filter((t) => t.kind === kind);
    for (const kind of ['overdue', 'due_soon', 'pending_acceptance'])
      assert.ok(of(kind).length <= per, `${role}: at most ${per} to-dos of kind ${kind}`);
    assert.equal(of('overdue').length, Math.min(per, counts.hazards_overdue), `${role}: the overdue ones up to the cap`);
    const keys = list.filter((t) => t.link.startsWith('#/hazards/')).map((t) => `${t.kind} ${t.link}`);
    assert.equal(new Set(keys).size, keys.length, `${role}: no hazard twice under one kind`);
    // The daily job's reminders name the same hazards as the live lists: not listed again.
    assert.ok(!list.some((t) => ['overdue', 'due_soon'].includes(t.kind) && /^隐患(已逾期|3日内到期)/.test(t.title)),
      `${role}: no reminder of the daily job beside the live lists`);
  }
  const reg = await get(`${API}/workbench`, { token: await tokenOf('regulator') });
  assert.ok(reg.json.counts.hazards_overdue > reg.json.todos_per_kind, 'the demo has more overdue hazards than one kind lists');
  assert.ok(reg.json.todos.some((t) => t.kind === 'pending_acceptance' && t.link === `#/hazards/${h.id}`),
    'what waits for the regulator is listed although overdue hazards would fill the list');
});

test('a notification about a hazard leaves the workbench once the hazard is closed', async () => {
  let h = await report('enterprise', majorBody(`通知随销号消失${Date.now()}`, daysAgo(1), daysAhead(30)));
  const told = async () => (await todos('regulator')).some((t) => t.kind === 'major_reported' && t.link === `#/hazards/${h.id}`);
  assert.ok(await told(), 'the regulator is told of the major hazard');
  h = await fire('enterprise', h, 'submit', { evidence: '已更换报警器并联锁' });
  assert.ok(await told(), 'still while it waits for acceptance');
  h = await fire('regulator', h, 'accept');
  assert.equal(h.status, 'closed');
  assert.equal(await told(), false, 'gone once closed');
});

test('statistics count reports, closures on time, extensions and 动态清零 as they happen', async () => {
  const before = await stats();
  const a = await report('enterprise', generalBody(`立查立改${Date.now()}`, daysAgo(0)));
  await fire('enterprise', a, 'fix_now', { evidence: '当场清理通道' });
  let b = await report('enterprise', generalBody(`延期后销号${Date.now()}`, daysAgo(0), { responsible: '扎西', deadline: daysAhead(5) }));
  b = await fire('regulator', b, 'extend', { deadline: daysAhead(30), reason: '材料未到' });
  assert.equal(b.original_deadline, daysAhead(5), 'the first deadline stays visible');
  assert.equal(b.deadline, daysAhead(30));
  b = await fire('enterprise', b, 'submit', { evidence: '已清理' });
  b = await fire('enterprise', b, 'accept');
  assert.equal(b.closed_on_time, true, 'on time against the deadline in force when it closed');
  const m = await report('enterprise', majorBody(`清零统计${Date.now()}`, daysAgo(0), daysAhead(40)));

  const after = await stats();
  assert.equal(after.total.found, before.total.found + 3);
  assert.equal(after.total.closed, before.total.closed + 2);
  assert.equal(after.total.closed_on_time, before.total.closed_on_time + 2);
  assert.equal(after.total.extended, before.total.extended + 1, 'extended ones are counted apart');
  assert.equal(after.total.major, before.total.major + 1);
  assert.equal(after.zero_clearance.found, before.zero_clearance.found + 1, '增量 of major hazards');
  assert.equal(after.zero_clearance.still_open, before.zero_clearance.still_open + 1);
  const month = daysAgo(0).slice(0, 7);
  const bm = before.by_month.find((x) => x.month === month), am = after.by_month.find((x) => x.month === month);
  assert.equal(am.found, bm.found + 3, 'the monthly trend counts them');
  assert.equal(am.closed, bm.closed + 2);
  assert.ok(m.id > 0);
});

test('statistics count a hazard overdue the day its deadline passes, before and after the daily job marks it, and no longer once extended', async () => {
  const found = daysAgo(2);
  const at = async () => {
    const r = await get(`${API}/stats/hazards?year=${found.slice(0, 4)}`, { token: await tokenOf('office') });
    assertStatus(r, 200, 'stats');
    return r.json;
  };
  const general = (s) => s.by_grade.find((g) => g.key === 'general')?.overdue ?? 0;
  const overdueTotal = async () => {
    const r = await get(`${API}/hazards?overdue=true&limit=1`, { token: await tokenOf('office') });
    assertStatus(r, 200, 'overdue list');
    return r.json.total;
  };
  const before = await at();
  const listBefore = await overdueTotal();
  let h = await report('enterprise', generalBody(`逾期统计${Date.now()}`, found, { responsible: '扎西', deadline: daysAgo(1) }));
  const late = await at();
  assert.equal(late.total.overdue, before.total.overdue + 1, 'overdue at once, before any job has run');
  assert.equal(general(late), general(before) + 1, 'and in its grade');
  assert.equal(await overdueTotal(), listBefore + 1, 'the overdue list counts it too');
  runJobs();
  const marked = await at();
  assert.equal(marked.total.overdue, late.total.overdue, 'the daily job marking it changes no number');
  assert.equal(general(marked), general(late));
  assert.equal(await overdueTotal(), listBefore + 1, 'so does the overdue list');
  h = await fire('regulator', h, 'extend', { deadline: daysAhead(10), reason: '设备到货延迟' });
  const extended = await at();
  assert.equal(extended.total.overdue, before.total.overdue, 'a new deadline ends the overdue count');
  assert.equal(extended.total.extended, before.total.extended + 1);
  assert.equal(await overdueTotal(), listBefore, 'and the overdue list is back to what it was');
});

test('voiding keeps the record with its reason and takes it out of the statistics', async () => {
  const h = await report('enterprise', generalBody(`误报${Date.now()}`, daysAgo(0)));
  const before = await stats();
  const r = await post(`${API}/hazards/${h.id}/transitions`, { event: 'void', version: h.version }, { token: await tokenOf('regulator') });
  assertError(r, 422, 'invalid', 'reason');
  const v = await fire('regulator', h, 'void', { reason: '重复录入' });
  assert.equal(v.status, 'void');
  const again = await get(`${API}/hazards/${h.id}`, { token: await tokenOf('office') });
  assertStatus(again, 200, 'a void hazard can still be read');
  const ev = await get(`${API}/hazards/${h.id}/events`, { token: await tokenOf('office') });
  assert.deepEqual(ev.json.items.map((e) => e.event), ['report', 'void']);
  assert.equal(ev.json.items[1].reason, '重复录入');
  const listed = await get(`${API}/hazards?status=void&q=${encodeURIComponent(h.title)}`, { token: await tokenOf('office') });
  assert.equal(listed.json.total, 1, 'still listed under void');
  const after = await stats();
  assert.equal(after.total.found, before.total.found - 1, 'recorded in error: not counted');
  const fix = await post(`${API}/hazards/${h.id}/transitions`, { event: 'fix_now', version: v.version, evidence: 'x' }, { token: await tokenOf('regulator') });
  assertError(fix, 409, 'conflict', 'event');
});

test("an enterprise's quarterly report counts its hazards, is marked late after its due date, and leaves the missing list once submitted", async () => {
  const today = daysAgo(0);
  const [y, mth] = today.split('-').map(Number);
  const period = mth <= 3 ? `${y - 1}-Q4` : `${y}-Q${Math.floor((mth - 1) / 3)}`;
  const missing = async () => (await get(`${API}/hazard-reports/missing?period=${period}&limit=500`, { token: await tokenOf('regulator') })).json;
  const entId = w.orgs.ownEnterprise.id;
  const m0 = await missing();
  assert.ok(m0.items.some((x) => x.enterprise_id === entId), 'not reported yet');
  assert.equal(m0.total, m0.items.length);

  const current = `${y}-Q${Math.floor((mth - 1) / 3) + 1}`;
  assertError(await post(`${API}/hazard-reports`, { period: current }, { token: await tokenOf('enterprise') }), 422, 'invalid', 'period');
  assertError(await post(`${API}/hazard-reports`, { period }, { token: await tokenOf('regulator') }), 403, 'forbidden');

  const draft = await post(`${API}/hazard-reports`, { period }, { token: await tokenOf('enterprise') });
  assertStatus(draft, 201, 'generated');
  assert.equal(draft.json.status, 'draft');
  for (const k of ['found', 'closed', 'open', 'overdue', 'major_found', 'major_closed']) assert.equal(typeof draft.json.counts[k], 'number');
  const sub = await post(`${API}/hazard-reports/${draft.json.id}/submit`, { version: draft.json.version, note: '已核对' }, { token: await tokenOf('enterprise') });
  assertStatus(sub, 200, 'submitted');
  assert.equal(sub.json.status, 'submitted');
  assert.equal(sub.json.late, today > draft.json.due, 'late exactly when submitted after its due date');
  assert.ok(!(await missing()).items.some((x) => x.enterprise_id === entId), 'no longer missing');
  assertError(await post(`${API}/hazard-reports`, { period }, { token: await tokenOf('enterprise') }), 409, 'conflict');
  assertError(await post(`${API}/hazard-reports/${draft.json.id}/submit`, { version: sub.json.version }, { token: await tokenOf('enterprise') }), 409, 'conflict');
});
