// The campaign's two lists (问题隐患清单, 制度措施清单), notices (督办 …) with
// their replies, and the yearly and final reports of a plan's orgs, over
// HTTP: state rules, bad input (422 naming the field), stale versions (409),
// roles (403) and scope (404).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, patch, tokenOf, login, listAll, assertStatus, assertError, uniq } from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { makeWalkPlans } from './walk_plans.mjs';
import { adminHazard, daysAgo } from './walk_hazards.mjs';

let w; // fixtures.mjs
let plans; // published plans of 拉萨 and 日喀则 (walk_plans.mjs)
let housing; // 拉萨市住房和城乡建设局, the lead unit of the plan's second task
let housingToken; // a user of it
const today = () => daysAgo(0);

before(async () => {
  w = await getWorld();
  plans = await makeWalkPlans(w);
  const admin = await tokenOf('admin');
  housing = (await listAll(`${API}/orgs?kind=department`, admin)).items.find((o) => o.name === '拉萨市住房和城乡建设局');
  assert.ok(housing, 'the demo has 拉萨市住房和城乡建设局');
  const name = `camp-housing-${uniq()}`;
  assertStatus(await post(`${API}/users`, { login: name, name: '住建局填报员', password: 'camp-pass-123', role: 'regulator', org_id: housing.id }, { token: admin }), 201);
  housingToken = (await login(name, 'camp-pass-123')).token;
});

const problem = (extra = {}) => ({
  description: `重点企业自动化改造滞后${uniq()}`, found_on: daysAgo(10), measures: '限期完成改造',
  responsible: '张三', deadline: daysAgo(-30), ...extra,
});

async function lhasaTask(orgId) {
  const r = await get(`${API}/tasks?plan=${plans.lhasa.id}&org=${orgId}`, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  assert.ok(r.json.items.length > 0, 'the org has a task in the plan');
  return r.json.items[0];
}

test('a department adds a problem to its list; the office reads it by org, another department does not see it', async () => {
  const reg = await tokenOf('regulator');
  const task = await lhasaTask(w.orgs.lhasaDept.id);
  const r = await post(`${API}/plans/${plans.lhasa.id}/problems`, problem({ task_id: task.id }), { token: reg });
  assertStatus(r, 201);
  assert.equal(r.json.status, 'open');
  assert.equal(r.json.org_id, w.orgs.lhasaDept.id);
  assert.equal(r.json.task_id, task.id);
  assert.equal(r.json.hazard, null);
  assert.equal(r.json.version, 1);

  const office = await get(`${API}/plans/${plans.lhasa.id}/problems?org=${w.orgs.lhasaDept.id}&limit=500`, { token: await tokenOf('office') });
  assertStatus(office, 200);
  assert.ok(office.json.items.some((x) => x.id === r.json.id), 'the office sees it');
  assert.ok(office.json.items.every((x) => x.org_id === w.orgs.lhasaDept.id), 'the org filter holds');
  const leader = await get(`${API}/plans/${plans.lhasa.id}/problems?limit=500`, { token: await tokenOf('leader') });
  assert.ok(leader.json.items.some((x) => x.id === r.json.id), 'the leader reads it');

  const other = await get(`${API}/plans/${plans.lhasa.id}/problems?limit=500`, { token: housingToken });
  assertStatus(other, 200);
  assert.ok(other.json.items.every((x) => x.org_id === housing.id), 'another department sees only its own list');
  const change = await patch(`${API}/plan-problems/${r.json.id}`, { version: 1, status: 'rectifying' }, { token: housingToken });
  assertError(change, 404, 'not_found');
  const ent = await get(`${API}/plans/${plans.lhasa.id}/problems`, { token: await tokenOf('enterprise') });
  assertError(ent, 404, 'not_found');
  const shigatse = await get(`${API}/plans/${plans.shigatse.id}/problems`, { token: await tokenOf('office') });
  assertError(shigatse, 404, 'not_found');
});

test('a problem is refused with the field at fault, and nothing is kept', async () => {
  const reg = await tokenOf('regulator');
  const url = `${API}/plans/${plans.lhasa.id}/problems`;
  const before = (await get(`${url}?limit=500`, { token: reg })).json.total;
  const cases = [
    [{ description: '' }, 'description'],
    [{ responsible: undefined }, 'responsible'],
    [{ found_on: daysAgo(-3) }, 'found_on'],
    [{ deadline: daysAgo(20) }, 'deadline'],
    [{ status: 'closed' }, 'closed_on'],
    [{ closed_on: daysAgo(1) }, 'closed_on'],
    [{ status: 'done' }, 'status'],
    [{ found_on: '2026-02-30' }, 'found_on'],
    [{ colour: 'red' }, 'colour'],
    [{ task_id: (await lhasaTask(housing.id)).id }, 'task_id'],
  ];
  for (const [extra, field] of cases) {
    const body = problem(extra);
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const r = await post(url, body, { token: reg });
    assertError(r, 422, 'invalid', field);
  }
  assert.equal((await get(`${url}?limit=500`, { token: reg })).json.total, before, 'no entry was kept');
});

test('a problem moves forward only, closes with its date, and a stale version is refused', async () => {
  const reg = await tokenOf('regulator');
  const p = (await post(`${API}/plans/${plans.lhasa.id}/problems`, problem(), { token: reg })).json;
  const stale = await patch(`${API}/plan-problems/${p.id}`, { version: p.version + 1, status: 'rectifying' }, { token: reg });
  assertError(stale, 409, 'stale_version', 'version');
  const r1 = await patch(`${API}/plan-problems/${p.id}`, { version: p.version, status: 'rectifying', measures: '更换控制系统' }, { token: reg });
  assertStatus(r1, 200);
  assert.equal(r1.json.status, 'rectifying');
  assert.equal(r1.json.measures, '更换控制系统');
  assert.equal(r1.json.version, p.version + 1);
  const back = await patch(`${API}/plan-problems/${p.id}`, { version: r1.json.version, status: 'open' }, { token: reg });
  assertError(back, 409, 'conflict', 'status');
  const noDate = await patch(`${API}/plan-problems/${p.id}`, { version: r1.json.version, status: 'closed' }, { token: reg });
  assertError(noDate, 422, 'invalid', 'closed_on');
  const closed = await patch(`${API}/plan-problems/${p.id}`, { version: r1.json.version, status: 'closed', closed_on: today() }, { token: reg });
  assertStatus(closed, 200);
  assert.equal(closed.json.closed_on, today());
  const after = await patch(`${API}/plan-problems/${p.id}`, { version: closed.json.version, measures: '再改' }, { token: reg });
  assertError(after, 409, 'conflict');
  // The office reads but does not write another org's list; the leader writes nothing.
  const office = await patch(`${API}/plan-problems/${p.id}`, { version: closed.json.version, measures: 'x' }, { token: await tokenOf('office') });
  assertError(office, 403, 'forbidden');
  const leader = await patch(`${API}/plan-problems/${p.id}`, { version: closed.json.version, measures: 'x' }, { token: await tokenOf('leader') });
  assertError(leader, 403, 'forbidden');
});

test('a problem links a hazard the department sees; one it does not see is refused (422 hazard_id)', async () => {
  const reg = await tokenOf('regulator');
  const seen = await adminHazard(w, 'lhasaChem');
  const unseen = await adminHazard(w, 'lhasaBuild');
  const r = await post(`${API}/plans/${plans.lhasa.id}/problems`, { hazard_id: seen.id }, { token: reg });
  assertStatus(r, 201);
  assert.equal(r.json.hazard.id, seen.id);
  assert.equal(r.json.hazard.code, seen.code);
  assert.equal(r.json.description, seen.title, 'the entry takes the hazard title');
  assert.equal(r.json.status, 'open', "the hazard's status");
  const st = await patch(`${API}/plan-problems/${r.json.id}`, { version: r.json.version, status: 'closed', closed_on: today() }, { token: reg });
  assertError(st, 422, 'invalid', 'status');
  const bad = await post(`${API}/plans/${plans.lhasa.id}/problems`, { hazard_id: unseen.id }, { token: reg });
  assertError(bad, 422, 'invalid', 'hazard_id');
  const missing = await post(`${API}/plans/${plans.lhasa.id}/problems`, { hazard_id: 987654321 }, { token: reg });
  assertError(missing, 422, 'invalid', 'hazard_id');
});

test('only an org with tasks in the plan keeps lists: the office without tasks is refused (403)', async () => {
  const r = await post(`${API}/plans/${plans.lhasa.id}/measures`, { kind: 'rule', title: '制度' }, { token: await tokenOf('office') });
  assertError(r, 403, 'forbidden');
  const admin = await post(`${API}/plans/${plans.lhasa.id}/problems`, problem(), { token: await tokenOf('admin') });
  assertError(admin, 403, 'forbidden');
});

test('a measure goes planned → drafting → issued with its document, never back', async () => {
  const reg = await tokenOf('regulator');
  const url = `${API}/plans/${plans.lhasa.id}/measures`;
  for (const [body, field] of [
    [{ kind: 'law', title: 'x' }, 'kind'],
    [{ kind: 'rule' }, 'title'],
    [{ kind: 'rule', title: 'x', status: 'issued', issued_on: today() }, 'doc_number'],
    [{ kind: 'rule', title: 'x', status: 'issued', doc_number: '拉应急〔2026〕1号' }, 'issued_on'],
    [{ kind: 'rule', title: 'x', status: 'issued', doc_number: '拉应急〔2026〕1号', issued_on: daysAgo(-2) }, 'issued_on'],
  ]) assertError(await post(url, body, { token: reg }), 422, 'invalid', field);
  const m = await post(url, { kind: 'mechanism', title: `危化品企业安全风险研判机制${uniq()}`, description: '每月研判' }, { token: reg });
  assertStatus(m, 201);
  assert.equal(m.json.status, 'planned');
  assert.equal(m.json.kind, 'mechanism');
  const d = await patch(`${API}/plan-measures/${m.json.id}`, { version: m.json.version, status: 'drafting' }, { token: reg });
  assertStatus(d, 200);
  assertError(await patch(`${API}/plan-measures/${m.json.id}`, { version: m.json.version, status: 'issued' }, { token: reg }), 409, 'stale_version', 'version');
  assertError(await patch(`${API}/plan-measures/${m.json.id}`, { version: d.json.version, status: 'planned' }, { token: reg }), 409, 'conflict', 'status');
  assertError(await patch(`${API}/plan-measures/${m.json.id}`, { version: d.json.version, status: 'issued' }, { token: reg }), 422, 'invalid', 'doc_number');
  const issued = await patch(`${API}/plan-measures/${m.json.id}`, { version: d.json.version, status: 'issued', doc_number: '拉应急发〔2026〕12号', issued_on: today() }, { token: reg });
  assertStatus(issued, 200);
  assert.equal(issued.json.status, 'issued');
  assert.equal(issued.json.doc_number, '拉应急发〔2026〕12号');
  assertError(await patch(`${API}/plan-measures/${m.json.id}`, { version: issued.json.version, title: '改名' }, { token: reg }), 409, 'conflict');
  assertError(await patch(`${API}/plan-measures/${m.json.id}`, { version: issued.json.version, title: '改名' }, { token: housingToken }), 404, 'not_found');
  const list = await get(`${url}?org=${w.orgs.lhasaDept.id}&limit=500`, { token: await tokenOf('office') });
  assert.ok(list.json.items.some((x) => x.id === m.json.id && x.status === 'issued'));
});

test('a 督办 is numbered per issuer and year, notifies its targets, is replied once, and shows who has not replied', async () => {
  const office = await tokenOf('office');
  const task = await lhasaTask(w.orgs.lhasaDept.id);
  const body = {
    kind: 'supervise', plan_id: plans.lhasa.id, title: `关于危化品整治进度滞后的督办${uniq()}`, body: '请于期限内报送整改情况。',
    targets: [w.orgs.lhasaDept.id, housing.id], tasks: [task.id], issued_on: daysAgo(5), due_on: daysAgo(1),
  };
  const a = await post(`${API}/notices`, body, { token: office });
  assertStatus(a, 201);
  const b = await post(`${API}/notices`, { ...body, title: `${body.title}二` }, { token: office });
  assertStatus(b, 201);
  const year = body.issued_on.slice(0, 4);
  const m = /^督办〔(\d{4})〕(\d+)号$/.exec(a.json.code);
  assert.ok(m, `a code like 督办〔2026〕3号: ${a.json.code}`);
  assert.equal(m[1], year);
  assert.equal(b.json.code, `督办〔${year}〕${Number(m[2]) + 1}号`, 'the next number');
  assert.equal(a.json.overdue, true, 'its reply deadline has passed');

  const reg = await tokenOf('regulator');
  const wb = await get(`${API}/workbench`, { token: reg });
  assert.ok(wb.json.notices.some((n) => n.id === a.json.id && n.my_reply === 'pending'), 'the target sees it in its workbench');
  const mine = await get(`${API}/notices?org=${w.orgs.lhasaDept.id}`, { token: reg });
  assert.ok(mine.json.items.some((n) => n.id === a.json.id));

  assertError(await post(`${API}/notices/${a.json.id}/replies`, { text: '' }, { token: reg }), 422, 'invalid', 'text');
  const rep = await post(`${API}/notices/${a.json.id}/replies`, { text: '已完成整改，报告附后' }, { token: reg });
  assertStatus(rep, 201);
  assert.equal(rep.json.my_reply, 'replied');
  assertError(await post(`${API}/notices/${a.json.id}/replies`, { text: '再次回复' }, { token: await tokenOf('inspector') }), 409, 'conflict');
  assertError(await post(`${API}/notices/${a.json.id}/replies`, { text: '收悉' }, { token: office }), 403, 'forbidden');

  const got = await get(`${API}/notices/${a.json.id}`, { token: office });
  assertStatus(got, 200);
  const byOrg = Object.fromEntries(got.json.targets.map((t) => [t.org_id, t]));
  assert.equal(byOrg[w.orgs.lhasaDept.id].replied, true);
  assert.equal(byOrg[w.orgs.lhasaDept.id].reply, '已完成整改，报告附后');
  assert.equal(byOrg[housing.id].replied, false, 'the issuer sees who has not replied');
  assert.equal(got.json.replied_count, 1);
  assert.deepEqual(got.json.cites.map((c) => [c.kind, c.id]), [['task', task.id]]);
  // A target sees its own reply only.
  const asTarget = await get(`${API}/notices/${a.json.id}`, { token: housingToken });
  assert.deepEqual(asTarget.json.targets.map((t) => t.org_id), [housing.id]);
});

test('notices: only the office issues, within its scope; bad input names its field', async () => {
  const base = { kind: 'bulletin', title: '通报', body: '正文', targets: [w.orgs.lhasaDept.id] };
  assertError(await post(`${API}/notices`, base, { token: await tokenOf('regulator') }), 403, 'forbidden');
  assertError(await post(`${API}/notices`, base, { token: await tokenOf('leader') }), 403, 'forbidden');
  const office = await tokenOf('office');
  for (const [extra, field] of [
    [{ kind: 'warning' }, 'kind'],
    [{ targets: [] }, 'targets'],
    [{ targets: [w.orgs.shigatseDept.id] }, 'targets'],
    [{ kind: 'supervise' }, 'due_on'],
    [{ kind: 'supervise', issued_on: daysAgo(1), due_on: daysAgo(3) }, 'due_on'],
    [{ hazards: [(await adminHazard(w, 'shigatseChem')).id] }, 'hazards'],
    [{ plan_id: plans.shigatse.id }, 'plan_id'],
    [{ title: '' }, 'title'],
    [{ issuer_org_id: w.orgs.shigatseOffice.id }, 'issuer_org_id'],
  ]) assertError(await post(`${API}/notices`, { ...base, ...extra }, { token: office }), 422, 'invalid', field);
  const ok = await post(`${API}/notices`, { ...base, kind: 'praise' }, { token: office });
  assertStatus(ok, 201);
  assert.match(ok.json.code, /^表扬〔\d{4}〕\d+号$/);
  assert.equal(ok.json.due_on, null);
  // Out of scope: another city's office does not see it, nor does an enterprise not aimed at.
  assertError(await get(`${API}/notices/${ok.json.id}`, { token: await tokenOf('enterprise') }), 404, 'not_found');
  assertError(await post(`${API}/notices/${ok.json.id}/replies`, { text: '收悉' }, { token: await tokenOf('enterprise') }), 404, 'not_found');
  const list = await get(`${API}/notices?kind=praise&limit=500`, { token: await tokenOf('leader') });
  assert.ok(list.json.items.some((n) => n.id === ok.json.id));
  assert.ok(list.json.items.every((n) => n.kind === 'praise'));
  assertError(await get(`${API}/notices?kind=nope`, { token: office }), 422, 'invalid', 'kind');
});

test('yearly reports: each org with tasks files one a year, late ones marked; the board shows who has not', async () => {
  const reg = await tokenOf('regulator');
  const year = String(new Date().getUTCFullYear() - 1);
  const url = `${API}/plans/${plans.lhasa.id}/reports`;
  const board0 = await get(`${url}?period=${year}`, { token: await tokenOf('office') });
  assertStatus(board0, 200);
  assert.equal(board0.json.due, `${year}-12-20`, 'due on the default 12-20');
  const orgs = board0.json.items.map((x) => x.org_id);
  assert.ok(orgs.includes(w.orgs.lhasaDept.id) && orgs.includes(housing.id), 'the orgs with tasks');
  const filed = await post(url, { period: year, text: '年度开展情况' }, { token: reg });
  assertStatus(filed, 201);
  assert.equal(filed.json.late, true, 'filed after 12-20 of last year');
  assertError(await post(url, { period: year, text: '再报' }, { token: await tokenOf('inspector') }), 409, 'conflict', 'period');
  assertError(await post(url, { period: '20x6', text: 'x' }, { token: reg }), 422, 'invalid', 'period');
  assertError(await post(url, { period: year, text: 'x' }, { token: await tokenOf('office') }), 403, 'forbidden');
  const board = await get(`${url}?period=${year}`, { token: await tokenOf('office') });
  const row = board.json.items.find((x) => x.org_id === w.orgs.lhasaDept.id);
  assert.equal(row.reported, true);
  assert.equal(row.late, true);
  assert.equal(board.json.items.find((x) => x.org_id === housing.id).reported, false);
  assert.equal(board.json.reported + board.json.missing, board.json.total);
  assertError(await get(`${API}/plans/${plans.shigatse.id}/reports`, { token: await tokenOf('office') }), 404, 'not_found');
});

test('the yearly report day is the plan\'s to set (office, version checked), and a final report needs the plan\'s end', async () => {
  const office = await tokenOf('office');
  const plan = (await get(`${API}/plans/${plans.lhasa.id}`, { token: office })).json;
  assert.equal(plan.year_report_day, '12-20');
  assertError(await patch(`${API}/plans/${plan.id}`, { version: plan.version, year_report_day: '13-01' }, { token: office }), 422, 'invalid', 'year_report_day');
  assertError(await patch(`${API}/plans/${plan.id}`, { version: plan.version + 5, year_report_day: '12-15' }, { token: office }), 409, 'stale_version', 'version');
  assertError(await patch(`${API}/plans/${plan.id}`, { version: plan.version, year_report_day: '12-15' }, { token: await tokenOf('regulator') }), 403, 'forbidden');
  const r = await patch(`${API}/plans/${plan.id}`, { version: plan.version, year_report_day: '12-15' }, { token: office });
  assertStatus(r, 200);
  assert.equal(r.json.year_report_day, '12-15');
  const board = await get(`${API}/plans/${plan.id}/reports?period=2030`, { token: office });
  if (plan.period.end === null) {
    assertError(await get(`${API}/plans/${plan.id}/reports?period=final`, { token: office }), 422, 'invalid', 'period');
    assert.equal(board.json.due, '2030-12-15');
  } else {
    const fin = await get(`${API}/plans/${plan.id}/reports?period=final`, { token: office });
    assertStatus(fin, 200);
    assert.equal(fin.json.due, `${plan.period.end.slice(0, 4)}-12-15`);
  }
});
