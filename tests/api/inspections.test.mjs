// Inspections and the due-for-inspection lists end to end (DESIGN §3.2,
// §3.4): a red enterprise is due this quarter, a regulator records an
// inspection with two inspectors of its department, the enterprise leaves
// the due list and its page says when it is next due; the last inspection
// only moves forward; lists filter and page; and every refusal (bad input
// 422 with its field, wrong role 403, out of scope 404) changes nothing.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, tokenOf, assertStatus, assertError, uniq, freshCreditCode, listAll } from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { riskBody } from './walk_risks.mjs';
import { inspectionBody, shanghaiToday } from './walk_inspections.mjs';

let w;
let demoIds; // the demo department's regulator and inspector
before(async () => {
  w = await getWorld();
  demoIds = [w.users.regulator.id, w.users.inspector.id];
});

async function as(role) { return { token: await tokenOf(role) }; }

/** The last day of the calendar period of `months` months holding day (YYYY-MM-DD). */
function periodEnd(day, months) {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const last = Math.floor((m - 1) / months) * months + months;
  const d = new Date(Date.UTC(y, last, 0));
  return d.toISOString().slice(0, 10);
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A fresh 拉萨 危险化学品 enterprise made red by a risk point of D = 360. */
async function freshRedEnterprise() {
  const admin = await as('admin');
  const o = await post(`${API}/orgs`, {
    kind: 'enterprise', name: `检查测试企业${uniq()}`, region_code: w.regions.lhasaCounty.code,
    credit_code: freshCreditCode(w.regions.lhasaCounty.code.slice(0, 6)), industry: w.industries['危险化学品'], scale: 'above',
  }, admin);
  assertStatus(o, 201, 'a fresh enterprise');
  const r = await post(`${API}/risks`, riskBody(o.json.id, { assessment: { method: 'lec', l: 3, e: 3, c: 40 } }), admin);
  assertStatus(r, 201, 'a major risk point');
  assert.equal(r.json.colour, 'red');
  return o.json;
}

async function dueAll(role, query = '') {
  const sep = query ? `?${query}&` : '?';
  const r = await get(`${API}/inspections/due${sep}limit=500`, await as(role));
  assertStatus(r, 200, `${role} reads the due list`);
  return r.json;
}

async function orgNow(id) {
  const r = await get(`${API}/orgs/${id}`, await as('admin'));
  assertStatus(r, 200);
  return r.json;
}

async function inspectionsOf(id) {
  const r = await get(`${API}/inspections?enterprise=${id}&limit=500`, await as('admin'));
  assertStatus(r, 200);
  return r.json;
}

test('a red enterprise is due this quarter; an inspection with two inspectors takes it off the list until the next quarter', async () => {
  const ent = await freshRedEnterprise();
  const today = shanghaiToday();
  const before = await dueAll('regulator', 'colour=red');
  const row = before.items.find((x) => x.id === ent.id);
  assert.ok(row, 'the red enterprise is due');
  assert.equal(row.colour, 'red');
  assert.equal(row.last_inspected_on, null);
  assert.equal(row.due_by, periodEnd(today, 3), 'due by the end of the quarter');
  assert.equal(row.period_start, `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`);
  assert.equal(before.months.red, 3);
  assert.equal(before.months.blue, 0);
  assert.equal(before.today, today);
  let org = await orgNow(ent.id);
  assert.equal(org.last_inspected_on, null);
  assert.equal(org.next_inspection_due, periodEnd(today, 3));

  const body = inspectionBody(ent.id, demoIds, { type: 'unannounced' });
  const r = await post(`${API}/inspections`, body, await as('regulator'));
  assertStatus(r, 201, 'the regulator records the inspection');
  assert.match(r.json.code, new RegExp(`^JC-${ent.region_code.slice(0, 6)}-${today.slice(0, 4)}-\\d{6}$`));
  assert.equal(r.json.type, 'unannounced');
  assert.equal(r.json.type_label, '四不两直');
  assert.equal(r.json.date, today);
  assert.equal(r.json.org_id, w.orgs.lhasaDept.id);
  assert.equal(r.json.summary, body.summary);
  assert.deepEqual(r.json.inspectors.map((x) => x.id), [...demoIds].sort((a, b) => a - b));

  const after = await dueAll('regulator', 'colour=red');
  assert.ok(!after.items.some((x) => x.id === ent.id), 'the enterprise left the due list');
  assert.equal(after.counts.red, before.counts.red - 1);
  org = await orgNow(ent.id);
  assert.equal(org.last_inspected_on, today);
  assert.equal(org.next_inspection_due, periodEnd(addDays(periodEnd(today, 3), 1), 3), 'next due at the end of the next quarter');
  const listed = await get(`${API}/orgs?q=${encodeURIComponent(ent.credit_code)}`, await as('regulator'));
  assertStatus(listed, 200);
  assert.equal(listed.json.items[0].last_inspected_on, today, 'the org list says the same');
  assert.equal(listed.json.items[0].next_inspection_due, org.next_inspection_due);

  const one = await get(`${API}/inspections/${r.json.id}`, await as('inspector'));
  assertStatus(one, 200);
  assert.equal(one.json.code, r.json.code);
  assert.equal(one.json.inspectors.length, 2);
  // Codes are never reused: the next one is higher.
  const r2 = await post(`${API}/inspections`, inspectionBody(ent.id, demoIds), await as('inspector'));
  assertStatus(r2, 201);
  assert.ok(r2.json.code > r.json.code, `${r2.json.code} after ${r.json.code}`);
});

test('the last inspection only moves forward: an earlier inspection recorded late leaves it', async () => {
  const ent = await freshRedEnterprise();
  const today = shanghaiToday();
  const yesterday = addDays(today, -1);
  assertStatus(await post(`${API}/inspections`, inspectionBody(ent.id, demoIds, { date: yesterday }), await as('regulator')), 201);
  assert.equal((await orgNow(ent.id)).last_inspected_on, yesterday);
  assertStatus(await post(`${API}/inspections`, inspectionBody(ent.id, demoIds, { date: addDays(today, -400) }), await as('regulator')), 201);
  assert.equal((await orgNow(ent.id)).last_inspected_on, yesterday, 'an older inspection does not move it back');
  assertStatus(await post(`${API}/inspections`, inspectionBody(ent.id, demoIds, { date: today }), await as('regulator')), 201);
  assert.equal((await orgNow(ent.id)).last_inspected_on, today);
  const list = await inspectionsOf(ent.id);
  assert.equal(list.total, 3);
  assert.deepEqual(list.items.map((x) => x.date), [today, yesterday, addDays(today, -400)], 'newest date first');
});

test('bad inspections are refused with their field, and nothing is recorded', async () => {
  const ent = await freshRedEnterprise();
  const other = await post(`${API}/users`, {
    login: `insp-other-${uniq()}`, name: '他部门执法员', password: 'insp-pass-123', role: 'inspector', org_id: w.orgs.shigatseDept.id,
  }, await as('admin'));
  assertStatus(other, 201);
  const [regId, inspId] = demoIds;
  const tomorrow = addDays(shanghaiToday(), 1);
  const cases = [
    ['one inspector', { inspector_ids: [regId] }, 'inspector_ids'],
    ['no inspectors', { inspector_ids: [] }, 'inspector_ids'],
    ['the same inspector twice', { inspector_ids: [regId, regId] }, 'inspector_ids'],
    ['an office user', { inspector_ids: [regId, w.users.office.id] }, 'inspector_ids'],
    ['an enterprise user', { inspector_ids: [regId, w.users.enterprise.id] }, 'inspector_ids'],
    ["another department's inspector", { inspector_ids: [regId, other.json.id] }, 'inspector_ids'],
    ['a user that does not exist', { inspector_ids: [regId, 987654321] }, 'inspector_ids'],
    ['ids that are not ids', { inspector_ids: [regId, 'x'] }, 'inspector_ids'],
    ['too many inspectors', { inspector_ids: Array.from({ length: 17 }, (_, i) => i + 1) }, 'inspector_ids'],
    ['a date in the future', { date: tomorrow }, 'date'],
    ['a date that is no date', { date: '2026-02-30' }, 'date'],
    ['an unknown type', { type: 'casual' }, 'type'],
    ['an empty summary', { summary: '' }, 'summary'],
    ['a summary too long', { summary: '检'.repeat(2000) }, 'summary'],
    ['an unknown field', { findings: [] }, 'findings'],
  ];
  for (const [what, change, field] of cases) {
    const r = await post(`${API}/inspections`, inspectionBody(ent.id, [regId, inspId], change), await as('regulator'));
    assertError(r, 422, 'invalid', field);
  }
  for (const key of ['enterprise_id', 'date', 'type', 'inspector_ids', 'summary']) {
    const body = inspectionBody(ent.id, [regId, inspId]);
    delete body[key];
    assertError(await post(`${API}/inspections`, body, await as('regulator')), 422, 'invalid', key);
  }
  // Out of scope or not an enterprise: 404; other roles: 403.
  for (const id of [w.orgs.lhasaBuild.id, w.orgs.shigatseChem.id, w.orgs.lhasaOffice.id, 987654321]) {
    assertError(await post(`${API}/inspections`, inspectionBody(id, [regId, inspId]), await as('inspector')), 404, 'not_found');
  }
  for (const role of ['admin', 'office', 'enterprise', 'leader']) {
    assertError(await post(`${API}/inspections`, inspectionBody(ent.id, [regId, inspId]), await as(role)), 403, 'forbidden');
  }
  assert.equal((await inspectionsOf(ent.id)).total, 0, 'nothing was recorded');
  assert.equal((await orgNow(ent.id)).last_inspected_on, null);
  assert.ok((await dueAll('regulator', 'colour=red')).items.some((x) => x.id === ent.id), 'still due');
});

test('the inspection list filters by enterprise, type, dates and region, and pages newest first', async () => {
  const ent = await freshRedEnterprise();
  const today = shanghaiToday();
  const dates = [addDays(today, -30), addDays(today, -10), addDays(today, -20), addDays(today, -10)];
  const made = [];
  for (const [i, date] of dates.entries()) {
    const r = await post(`${API}/inspections`, inspectionBody(ent.id, demoIds, { date, type: i === 2 ? 'expert' : 'special' }), await as('inspector'));
    assertStatus(r, 201);
    made.push(r.json);
  }
  const token = await tokenOf('regulator');
  const paged = await listAll(`${API}/inspections?enterprise=${ent.id}`, token, 1);
  assert.equal(paged.total, 4);
  assert.deepEqual(paged.items.map((x) => x.id), [made[3].id, made[1].id, made[2].id, made[0].id], 'by date, then newest id');
  const byType = await get(`${API}/inspections?enterprise=${ent.id}&type=expert`, { token });
  assert.deepEqual(byType.json.items.map((x) => x.id), [made[2].id]);
  const window = await get(`${API}/inspections?enterprise=${ent.id}&from=${addDays(today, -20)}&to=${addDays(today, -11)}`, { token });
  assert.deepEqual(window.json.items.map((x) => x.id), [made[2].id]);
  const elsewhere = await get(`${API}/inspections?enterprise=${ent.id}&region=540200000000`, { token });
  assert.equal(elsewhere.json.total, 0);
  for (const [q, field] of [['type=casual', 'type'], ['from=2026-13-01', 'from'], ['to=yesterday', 'to'],
    [`from=${today}&to=${addDays(today, -1)}`, 'to'], ['cursor=abc', 'cursor'], ['cursor=2026-01-01.x', 'cursor'],
    ['limit=0', 'limit'], ['enterprise=-1', 'enterprise'], ['region=54', 'region'], ['colour=red', 'colour']]) {
    assertError(await get(`${API}/inspections?${q}`, { token }), 422, 'invalid', field);
  }
});

test('an enterprise sees its own inspections only, and no due list', async () => {
  const own = w.orgs.ownEnterprise.id;
  const mine = await post(`${API}/inspections`, inspectionBody(own, demoIds), await as('regulator'));
  assertStatus(mine, 201);
  const theirs = await post(`${API}/inspections`, inspectionBody(w.orgs.lhasaChem.id, demoIds), await as('regulator'));
  assertStatus(theirs, 201);
  const ent = await tokenOf('enterprise');
  assertStatus(await get(`${API}/inspections/${mine.json.id}`, { token: ent }), 200);
  assertError(await get(`${API}/inspections/${theirs.json.id}`, { token: ent }), 404, 'not_found');
  const list = await listAll(`${API}/inspections`, ent);
  assert.ok(list.items.length >= 1);
  assert.ok(list.items.every((x) => x.enterprise_id === own));
  assertError(await get(`${API}/inspections/due`, { token: ent }), 403, 'forbidden');
  assertError(await get(`${API}/inspections/inspectors`, { token: ent }), 403, 'forbidden');
  const page = await get(`${API}/orgs/${own}`, { token: ent });
  assertStatus(page, 200);
  assert.ok('next_inspection_due' in page.json, 'the enterprise is told when it is next due');
});

test('the due list pages red first then by oldest inspection, counts each colour, and refuses bad filters', async () => {
  await freshRedEnterprise();
  const token = await tokenOf('office');
  const whole = await dueAll('office');
  assert.ok(whole.total >= 1);
  const sum = Object.values(whole.counts).reduce((a, b) => a + b, 0);
  assert.equal(whole.total, sum);
  const rank = { red: 0, orange: 1, yellow: 2, blue: 3 };
  for (let i = 1; i < whole.items.length; i++) {
    const a = whole.items[i - 1];
    const b = whole.items[i];
    const ka = [rank[a.colour], a.last_inspected_on || '', a.id];
    const kb = [rank[b.colour], b.last_inspected_on || '', b.id];
    assert.ok(ka[0] < kb[0] || (ka[0] === kb[0] && (ka[1] < kb[1] || (ka[1] === kb[1] && ka[2] < kb[2]))),
      `red first, then the oldest inspection: ${JSON.stringify(a)} before ${JSON.stringify(b)}`);
  }
  const paged = await listAll(`${API}/inspections/due`, token, 1);
  assert.deepEqual(paged.items.map((x) => x.id), whole.items.map((x) => x.id), 'pages of one give the same list');
  const red = await dueAll('office', 'colour=red');
  assert.ok(red.items.every((x) => x.colour === 'red'));
  assert.equal(red.total, red.counts.red);
  assert.deepEqual(red.counts, whole.counts, 'the counts do not depend on the colour filter');
  const region = await dueAll('office', `region=${w.regions.lhasaCounty.code}`);
  assert.ok(region.items.every((x) => x.region_code === w.regions.lhasaCounty.code));
  const ind = await dueAll('office', `industry=${w.industries['建筑施工']}`);
  assert.ok(ind.items.every((x) => x.industry === w.industries['建筑施工']));
  for (const [q, field] of [['colour=pink', 'colour'], ['region=5401', 'region'], ['industry=x', 'industry'],
    ['cursor=red', 'cursor'], ['cursor=pink..1', 'cursor'], ['cursor=red.2026-1-1.3', 'cursor'], ['cursor=red..0', 'cursor'],
    ['limit=501', 'limit'], ['type=routine', 'type']]) {
    assertError(await get(`${API}/inspections/due?${q}`, { token }), 422, 'invalid', field);
  }
});

test('the inspectors a department may name are its active inspectors and regulators', async () => {
  const r = await get(`${API}/inspections/inspectors`, await as('inspector'));
  assertStatus(r, 200);
  const ids = r.json.items.map((x) => x.id);
  for (const id of demoIds) assert.ok(ids.includes(id));
  assert.ok(!ids.includes(w.users.office.id));
  assert.ok(r.json.items.every((x) => typeof x.name === 'string' && x.name.length > 0));
  for (const role of ['admin', 'office', 'leader']) {
    assertError(await get(`${API}/inspections/inspectors`, await as(role)), 403, 'forbidden');
  }
});

test('the workbench counts the enterprises due for inspection, with a to-do while red ones are due; an enterprise sees neither', async () => {
  const ent = await freshRedEnterprise();
  const today = shanghaiToday();
  const due = await dueAll('regulator');
  const wb = await get(`${API}/workbench`, await as('regulator'));
  assertStatus(wb, 200);
  assert.equal(wb.json.counts.inspections_due, due.total, "the count is the due list's total");
  const red = wb.json.todos.filter((t) => t.kind === 'inspections_due');
  assert.equal(red.length, 1, 'one to-do for the red enterprises due');
  assert.equal(red[0].severity, 'danger');
  assert.equal(red[0].due, periodEnd(today, 3), "due by the end of red's period");
  assert.equal(red[0].link, '#/inspections?tab=due&colour=red');
  assert.ok(red[0].title.includes(`${due.counts.red} 家`), red[0].title);

  assertStatus(await post(`${API}/inspections`, inspectionBody(ent.id, demoIds), await as('regulator')), 201);
  const after = await get(`${API}/workbench`, await as('regulator'));
  assertStatus(after, 200);
  assert.equal(after.json.counts.inspections_due, due.total - 1, 'the inspected enterprise left the count');

  const own = await get(`${API}/workbench`, await as('enterprise'));
  assertStatus(own, 200);
  assert.ok(!('inspections_due' in own.json.counts), 'no due count for an enterprise');
  assert.ok(!own.json.todos.some((t) => t.kind === 'inspections_due'), 'nor the to-do');
});
