// Lists never include what the caller may not see: the orgs list as every
// role, compared id for id with the admin's list filtered by the scope
// rules of DESIGN §3 (office and leader: their region subtree; regulator
// and inspector: enterprises of their department's industries plus the
// non-enterprise orgs of their subtree; enterprise: itself).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, get, post, login, tokenOf, listAll, assertStatus, assertError, freshCreditCode, uniq,
} from './lib.mjs';
import { getWorld, SHIGATSE, LHASA } from './fixtures.mjs';

let w;
before(async () => { w = await getWorld(); });

const ids = (items) => items.map((o) => o.id).sort((a, b) => a - b);

async function compare(role, rule) {
  const adminAll = (await listAll(`${API}/orgs`, await tokenOf('admin'))).items;
  const mine = await listAll(`${API}/orgs`, await tokenOf(role));
  const expected = adminAll.filter(rule);
  assert.ok(expected.length > 0, `${role} should see something`);
  assert.equal(mine.total, mine.items.length, `${role}: total matches the items`);
  const got = ids(mine.items);
  const want = ids(expected);
  const extra = got.filter((id) => !want.includes(id));
  const missing = want.filter((id) => !got.includes(id));
  assert.deepEqual(extra, [], `${role} sees orgs outside its scope`);
  assert.deepEqual(missing, [], `${role} misses orgs inside its scope`);
  return mine.items;
}

const inLhasa = (o) => o.region_code.startsWith('5401');

test('admin lists every org, of both cities', async () => {
  const items = (await listAll(`${API}/orgs`, await tokenOf('admin'))).items;
  assert.ok(items.some((o) => o.region_code.startsWith('5402')), 'the admin sees 日喀则');
  assert.ok(items.some(inLhasa), 'the admin sees 拉萨');
  assert.ok(items.length >= 219, `demo data (215 orgs) plus the 日喀则 fixtures: ${items.length}`);
});

test('office lists exactly the orgs of its own city, none of another city', async () => {
  const items = await compare('office', inLhasa);
  assert.ok(!items.some((o) => o.id === w.orgs.shigatseChem.id || o.id === w.orgs.shigatseOffice.id));
});

test('leader lists exactly the orgs of its own city, none of another city', async () => {
  await compare('leader', inLhasa);
});

for (const role of ['regulator', 'inspector']) {
  test(`${role} lists exactly its industries' enterprises and the non-enterprise orgs of its city`, async () => {
    const inds = w.regulatorIndustries;
    const items = await compare(role, (o) => inLhasa(o) && (o.kind !== 'enterprise' || inds.includes(o.industry)));
    assert.ok(!items.some((o) => o.id === w.orgs.lhasaBuild.id), "no enterprise of another department's industry");
    assert.ok(!items.some((o) => o.id === w.orgs.shigatseChem.id), "no enterprise of its industries in another city");
    assert.ok(items.some((o) => o.id === w.orgs.lhasaChem.id));
  });
}

test('enterprise lists only itself', async () => {
  const mine = await listAll(`${API}/orgs`, await tokenOf('enterprise'));
  assert.deepEqual(ids(mine.items), [w.orgs.ownEnterprise.id]);
  assert.equal(mine.total, 1);
});

test('enterprise filtering by another kind or another industry gets an empty list, not 403', async () => {
  const t = await tokenOf('enterprise');
  for (const q of ['kind=department', 'kind=office', `industry=${w.industries['建筑施工']}`, `region=${SHIGATSE}`]) {
    const r = await get(`${API}/orgs?${q}`, { token: t });
    assertStatus(r, 200, q);
    assert.deepEqual(r.json.items, [], q);
    assert.equal(r.json.total, 0, q);
  }
});

test("regulator searching for another city's credit code finds nothing", async () => {
  const r = await get(`${API}/orgs?q=${w.orgs.shigatseChem.credit_code}`, { token: await tokenOf('regulator') });
  assertStatus(r, 200);
  assert.equal(r.json.total, 0);
  assert.deepEqual(r.json.items, []);
  const admin = await get(`${API}/orgs?q=${w.orgs.shigatseChem.credit_code}`, { token: await tokenOf('admin') });
  assert.deepEqual(admin.json.items.map((o) => o.id), [w.orgs.shigatseChem.id], 'the admin finds it: the search works');
});

test("regulator searching by name for an enterprise of another department's industry finds nothing", async () => {
  const r = await get(`${API}/orgs?q=${encodeURIComponent(w.orgs.lhasaBuild.name)}`, { token: await tokenOf('regulator') });
  assertStatus(r, 200);
  assert.ok(!r.json.items.some((o) => o.id === w.orgs.lhasaBuild.id));
});

test("office filtering by the other city's industry and region gets nothing of that city", async () => {
  const r = await get(`${API}/orgs?industry=${w.industries['危险化学品']}&region=${SHIGATSE}`, { token: await tokenOf('office') });
  assertStatus(r, 200);
  assert.equal(r.json.total, 0);
});

test('paging through a list with a small limit gives each org exactly once', async () => {
  const t = await tokenOf('office');
  const big = await listAll(`${API}/orgs`, t, 500);
  const small = await listAll(`${API}/orgs`, t, 7);
  assert.equal(small.items.length, big.items.length);
  assert.deepEqual(small.items.map((o) => o.id), big.items.map((o) => o.id));
  assert.equal(new Set(small.items.map((o) => o.id)).size, small.items.length, 'no org twice');
  assert.equal(small.total, big.total);
});

test('a list past its last page is empty with next null', async () => {
  const t = await tokenOf('office');
  const big = await listAll(`${API}/orgs`, t, 500);
  const last = big.items[big.items.length - 1].id;
  const r = await get(`${API}/orgs?cursor=${last}`, { token: t });
  assertStatus(r, 200);
  assert.deepEqual(r.json.items, []);
  assert.equal(r.json.next, null);
});

test('bad paging parameters are refused with 422 naming them', async () => {
  const t = await tokenOf('office');
  for (const [q, field] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=abc', 'limit'], ['cursor=-5', 'cursor'],
    ['cursor=x1', 'cursor'], ['kind=factory', 'kind'], ['region=5401', 'region'], ['colour=red', 'colour']]) {
    assertError(await get(`${API}/orgs?${q}`, { token: t }), 422, 'invalid', field);
  }
});

test('a county office sees only its own county: not the rest of its city', async () => {
  const admin = await tokenOf('admin');
  const county = w.regions.lhasaCounty.code;
  const office = await post(`${API}/orgs`, { kind: 'office', name: `县安委办${uniq()}`, region_code: county }, { token: admin });
  assertStatus(office, 201);
  const loginName = `county-office-${uniq()}`;
  const u = await post(`${API}/users`, { login: loginName, name: '县安委办 用户', password: 'county-pass-1', role: 'office', org_id: office.json.id }, { token: admin });
  assertStatus(u, 201);
  const { token } = await login(loginName, 'county-pass-1');
  const mine = await listAll(`${API}/orgs`, token);
  const prefix = county.slice(0, 6);
  assert.ok(mine.items.length > 1, 'it sees its county');
  const outside = mine.items.filter((o) => !o.region_code.startsWith(prefix));
  assert.deepEqual(outside.map((o) => `${o.id} ${o.region_code}`), [], 'nothing outside its county');
  // The city-level orgs and another county's enterprises answer 404.
  assertError(await get(`${API}/orgs/${w.orgs.lhasaOffice.id}`, { token }), 404, 'not_found');
  const adminAll = (await listAll(`${API}/orgs`, admin)).items;
  const other = adminAll.find((o) => o.kind === 'enterprise' && inLhasa(o) && !o.region_code.startsWith(prefix));
  assert.ok(other, 'the demo data has enterprises in other counties');
  assertError(await get(`${API}/orgs/${other.id}`, { token }), 404, 'not_found');
  // It may create in its county, not at the city level.
  const cityLevel = await post(`${API}/orgs`, { kind: 'enterprise', name: `市级企业${uniq()}`, region_code: LHASA,
    credit_code: freshCreditCode('540100'), industry: w.industries['工贸'] }, { token });
  assertError(cityLevel, 422, 'invalid', 'region_code');
});

test("a department user's list counts match its workbench", async () => {
  const t = await tokenOf('regulator');
  const wb = await get(`${API}/workbench`, { token: t });
  assertStatus(wb, 200);
  const ents = await get(`${API}/orgs?kind=enterprise&limit=1`, { token: t });
  assert.equal(wb.json.counts.enterprises, ents.json.total);
  const inds = w.regulatorIndustries;
  const adminEnts = (await listAll(`${API}/orgs?kind=enterprise&region=${LHASA}`, await tokenOf('admin'))).items;
  assert.equal(ents.json.total, adminEnts.filter((o) => inds.includes(o.industry)).length);
});
