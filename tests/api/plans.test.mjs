// Plans over HTTP: keep a document as a draft, map its units, publish it
// into tasks; what refuses a publish, and who sees what.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, tokenOf, listAll, assertStatus, assertError, uniq } from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { planText } from './walk_plans.mjs';

let w;
before(async () => { w = await getWorld(); });

// A 拉萨 county's office, so that the plan's units are its own to map
// (mappings are remembered per region; the walk maps those of the city).
async function countyOffice() {
  const admin = await tokenOf('admin');
  const county = w.regions.lhasaCounty.code;
  const org = await post(`${API}/orgs`, { kind: 'office', name: `县安委办${uniq()}`, region_code: county }, { token: admin });
  assertStatus(org, 201);
  const dept = await post(`${API}/orgs`, { kind: 'department', name: `县应急管理局${uniq()}`, region_code: county }, { token: admin });
  assertStatus(dept, 201);
  const loginName = `plan-office-${uniq()}`;
  assertStatus(await post(`${API}/users`, { login: loginName, name: '县安委办', password: 'plan-pass-123', role: 'office', org_id: org.json.id }, { token: admin }), 201);
  const s = await post(`${API}/session`, { login: loginName, password: 'plan-pass-123' });
  assertStatus(s, 200);
  return { token: s.json.token, county, office: org.json, dept: dept.json };
}

test('an office keeps a plan document as a draft and reads back its outline and units', async () => {
  const c = await countyOffice();
  const r = await post(`${API}/plans`, { text: planText('县') }, { token: c.token });
  assertStatus(r, 201);
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.region_code, c.county, "the plan belongs to the office's region");
  const got = await get(`${API}/plans/${r.json.id}`, { token: c.token });
  assertStatus(got, 200);
  assert.equal(got.json.title, '县安全生产专项整治三年行动实施方案');
  assert.ok(got.json.nodes.some((n) => (n.lead || []).includes('市应急管理局')), 'the outline keeps the lead units');
  const names = got.json.units.map((u) => u.name);
  for (const n of ['市应急管理局', '市住房和城乡建设局', '市公安局']) assert.ok(names.includes(n), `units name ${n}`);
  assert.ok(got.json.units.every((u) => u.org_id === null), 'nothing is mapped yet in this county');
});

test('publishing with a lead unit not mapped to an org is refused (409) and the plan stays a draft', async () => {
  const c = await countyOffice();
  const d = (await post(`${API}/plans`, { text: planText('县') }, { token: c.token })).json;
  assertStatus(await post(`${API}/plans/${d.id}/units`, { name: '市应急管理局', org_id: c.dept.id }, { token: c.token }), 200);
  const r = await post(`${API}/plans/${d.id}/publish`, { version: d.version }, { token: c.token });
  assertError(r, 409, 'conflict');
  assert.match(r.json.error.message, /市住房和城乡建设局/, 'it names the unit to map');
  const now = await get(`${API}/plans/${d.id}`, { token: c.token });
  assert.equal(now.json.status, 'draft');
  assert.equal(now.json.version, d.version);
  const tasks = await get(`${API}/tasks?plan=${d.id}`, { token: c.token });
  assert.deepEqual(tasks.json.items, [], 'no task was made');
});

test('a published plan makes one task per node and mapped unit, seen by the unit, and cannot be published twice', async () => {
  const c = await countyOffice();
  const d = (await post(`${API}/plans`, { text: planText('县') }, { token: c.token })).json;
  for (const name of ['市应急管理局', '市住房和城乡建设局']) {
    assertStatus(await post(`${API}/plans/${d.id}/units`, { name, org_id: c.dept.id }, { token: c.token }), 200);
  }
  const stale = await post(`${API}/plans/${d.id}/publish`, { version: d.version + 1 }, { token: c.token });
  assertError(stale, 409, 'stale_version');
  const pub = await post(`${API}/plans/${d.id}/publish`, { version: d.version }, { token: c.token });
  assertStatus(pub, 200);
  assert.equal(pub.json.status, 'published');
  const tasks = await listAll(`${API}/tasks?plan=${d.id}`, c.token);
  assert.ok(tasks.items.length >= 2, 'tasks were made');
  assert.ok(tasks.items.every((t) => t.org_id === c.dept.id), 'for the mapped org');
  assert.ok(tasks.items.some((t) => t.role === 'lead'));
  const again = await post(`${API}/plans/${d.id}/publish`, { version: pub.json.version }, { token: c.token });
  assertStatus(again, 409, 'a published plan is not published again');
  assert.equal((await listAll(`${API}/tasks?plan=${d.id}`, c.token)).items.length, tasks.items.length, 'and makes no more tasks');
});

test("a county office cannot read its city's plans or map units to the city's orgs", async () => {
  const c = await countyOffice();
  const admin = await tokenOf('admin');
  const city = await post(`${API}/plans`, { text: planText('拉萨市'), region_code: '540100000000' }, { token: admin });
  assertStatus(city, 201);
  assertError(await get(`${API}/plans/${city.json.id}`, { token: c.token }), 404, 'not_found');
  const own = (await post(`${API}/plans`, { text: planText('县') }, { token: c.token })).json;
  const r = await post(`${API}/plans/${own.id}/units`, { name: '市公安局', org_id: w.orgs.lhasaDept.id }, { token: c.token });
  assertError(r, 422, 'invalid', 'org_id');
});

test('an enterprise sees no plan and no task, even by id', async () => {
  const t = await tokenOf('enterprise');
  const plans = await get(`${API}/plans`, { token: t });
  assertStatus(plans, 200);
  assert.deepEqual(plans.json.items, []);
  const admin = await tokenOf('admin');
  const anyPlan = (await get(`${API}/plans?limit=1`, { token: admin })).json.items[0];
  assert.ok(anyPlan, 'there is a plan');
  assertError(await get(`${API}/plans/${anyPlan.id}`, { token: t }), 404, 'not_found');
  assert.deepEqual((await get(`${API}/tasks`, { token: t })).json.items, []);
});

test('bad plan input is refused: no text, an empty text, a wrong region', async () => {
  const t = await tokenOf('office');
  assertError(await post(`${API}/plans`, {}, { token: t }), 422, 'invalid', 'text');
  assertError(await post(`${API}/plans`, { text: '' }, { token: t }), 422, 'invalid', 'text');
  assertError(await post(`${API}/plans`, { text: planText('拉萨市'), region_code: '5401' }, { token: t }), 422, 'invalid', 'region_code');
  assertError(await post(`${API}/plans/parse`, { text: planText('拉萨市'), keep: true }, { token: t }), 422, 'invalid', 'keep');
});
