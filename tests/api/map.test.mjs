// The four-colour map (GET /api/v1/stats/risks/map): the coloured
// enterprises a caller's scope holds as compact rows [id, lat, lon, colour,
// name], red first, the colour the enterprise has everywhere else, the
// bounds of those placed, the unplaced counted apart; the filters; each role
// its own set (an enterprise only itself); bad parameters refused with 422
// naming the field. The enterprises of this file have an industry and a
// town of their own, so that the counts are exact whatever else the store
// holds.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, patch, tokenOf, assertStatus, assertError, freshCreditCode, uniq } from './lib.mjs';
import { getWorld, LHASA, SHIGATSE } from './fixtures.mjs';
import { riskBody } from './walk_risks.mjs';

let w;
let industry;   // an industry only this file's enterprises have
let town;       // a town of 拉萨 only this file's enterprises are in
const E = {};   // the enterprises, by what they are

const MAP = `${API}/stats/risks/map`;

async function as(role) { return { token: await tokenOf(role) }; }

async function enterprise(name, region, ind, coords) {
  const o = await post(`${API}/orgs`, {
    kind: 'enterprise', name: `${name}${uniq()}`, region_code: region,
    credit_code: freshCreditCode(region.slice(0, 6)), industry: ind, scale: 'above', ...coords,
  }, await as('admin'));
  assertStatus(o, 201, `enterprise ${name}`);
  return o.json;
}

// A risk point that gives the enterprise colour c.
const ASSESS = {
  red: { method: 'lec', l: 3, e: 3, c: 40 },       // 360 重大
  orange: { method: 'ls', l: 3, s: 5 },           // 15 较大
  yellow: { method: 'lec', l: 3, e: 6, c: 7 },     // 126 一般
  blue: { method: 'lec', l: 1, e: 1, c: 1 },       // 1 低
};
async function colour(org, c) {
  const r = await post(`${API}/risks`, riskBody(org.id, { assessment: ASSESS[c] }), await as('admin'));
  assertStatus(r, 201, `a ${c} risk point of ${org.name}`);
  const now = await get(`${API}/orgs/${org.id}`, await as('admin'));
  assert.equal(now.json.risk_colour, c, `${org.name} is ${c}`);
  return r.json;
}

async function map(role, query = '') {
  const r = await get(`${MAP}${query ? '?' + query : ''}`, await as(role));
  assertStatus(r, 200, `${role} reads the map ${query}`);
  assert.match(r.headers.get('content-type') || '', /^application\/json/);
  assert.deepEqual(Object.keys(r.json).sort(), ['bounds', 'enterprises', 'regions', 'truncated', 'without_coordinates']);
  let placed = 0;
  for (const g of r.json.regions) {
    assert.equal(g.length, 5, 'a region is [code, name, lat, lon, n]');
    assert.match(g[0], /^\d{12}$/);
    placed += g[4];
  }
  assert.equal(placed, r.json.enterprises.length, 'the regions share out the rows');
  for (const row of r.json.enterprises) {
    assert.equal(row.length, 5, 'a row is [id, lat, lon, colour, name]');
    assert.ok(Number.isInteger(row[0]));
    assert.equal(typeof row[1], 'number');
    assert.equal(typeof row[2], 'number');
    assert.ok(['red', 'orange', 'yellow', 'blue'].includes(row[3]));
    assert.equal(typeof row[4], 'string');
  }
  return r.json;
}

const ids = (m) => m.enterprises.map((e) => e[0]);

before(async () => {
  w = await getWorld();
  const admin = await as('admin');
  const ind = await post(`${API}/industries`, { name: `四色图测试行业${uniq()}`, code: `map-${uniq()}` }, admin);
  assertStatus(ind, 201, 'a fresh industry');
  industry = ind.json.id;
  const towns = await get(`${API}/regions?parent=${w.regions.lhasaCounty.code}`, admin);
  assertStatus(towns, 200);
  assert.ok(towns.json.items.length > 1, `${w.regions.lhasaCounty.name} has towns`);
  town = towns.json.items[towns.json.items.length - 2].code;
  const chem = w.industries['危险化学品'];
  // made least severe first: the map's order is the colour's, not the id's
  E.blueFar = await enterprise('四色图日喀则企业有限公司', w.regions.shigatseCounty.code, industry, { lat: 29.267, lon: 88.881 });
  E.colourless = await enterprise('四色图未评估企业有限公司', town, industry, { lat: 29.64, lon: 91.12 });
  E.yellowUnplaced = await enterprise('四色图无坐标企业有限公司', town, industry, {});
  // quotes and a backslash: the rows are written as text, escaped
  E.orange = await enterprise('四色图"橙色"\\企业有限公司', town, industry, { lat: 29.662, lon: 91.142 });
  E.red = await enterprise('四色图红色化工有限公司', town, chem, { lat: 29.651, lon: 91.131 });
  E.redPoint = await colour(E.red, 'red');
  await colour(E.orange, 'orange');
  await colour(E.yellowUnplaced, 'yellow');
  await colour(E.blueFar, 'blue');
});

test('the admin gets the placed coloured enterprises red first, with their bounds and the unplaced counted', async () => {
  const m = await map('admin', `industry=${industry}`);
  assert.deepEqual(ids(m), [E.orange.id, E.blueFar.id], 'orange before blue; not the unplaced, not the colourless');
  assert.deepEqual(m.enterprises[0], [E.orange.id, 29.662, 91.142, 'orange', E.orange.name]);
  assert.deepEqual(m.enterprises[1], [E.blueFar.id, 29.267, 88.881, 'blue', E.blueFar.name]);
  assert.deepEqual(m.bounds, [[29.267, 88.881], [29.662, 91.142]]);
  assert.equal(m.without_coordinates, 1, 'the yellow one without coordinates');
  assert.equal(m.truncated, false);
  // the admin's children are provinces: one label at the centroid of the two
  assert.deepEqual(m.regions, [['540000000000', '西藏自治区', (29.662 + 29.267) / 2, (91.142 + 88.881) / 2, 2]]
    .map(([c, n, lat, lon, k]) => [c, n, Number(lat.toFixed(6)), Number(lon.toFixed(6)), k]));

  const all = await map('admin');
  const rank = { red: 0, orange: 1, yellow: 2, blue: 3 };
  for (let i = 1; i < all.enterprises.length; i++) {
    assert.ok(rank[all.enterprises[i - 1][3]] <= rank[all.enterprises[i][3]], 'most severe first, all the way');
  }
  assert.ok(ids(all).includes(E.red.id));
  const [minLat, minLon] = all.bounds[0];
  const [maxLat, maxLon] = all.bounds[1];
  for (const [, lat, lon] of all.enterprises) {
    assert.ok(lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon, 'every marker within the bounds');
  }
});

test("each enterprise has on the map the colour it has everywhere else", async () => {
  const m = await map('office', `region=${LHASA}`);
  assert.ok(m.enterprises.length >= 2);
  for (const [id, lat, lon, c] of m.enterprises.slice(0, 40)) {
    const o = await get(`${API}/orgs/${id}`, await as('admin'));
    assert.equal(o.json.risk_colour, c, `enterprise ${id}'s colour`);
    assert.ok(Math.abs(o.json.lat - lat) < 1e-6 && Math.abs(o.json.lon - lon) < 1e-6, `enterprise ${id}'s place`);
  }
  // and the map counts the enterprises the four-colour statistics count
  const stats = await get(`${API}/stats/risks?region=${LHASA}`, await as('office'));
  assertStatus(stats, 200);
  const t = stats.json.total.enterprises;
  assert.equal(m.enterprises.length + m.without_coordinates, t.red + t.orange + t.yellow + t.blue);
});

test('each role sees its own set: the office its city, the department its industries, an enterprise itself', async () => {
  const office = await map('office', `industry=${industry}`);
  assert.deepEqual(ids(office), [E.orange.id], "拉萨's office: not 日喀则's");
  assert.deepEqual(office.regions, [[w.regions.lhasaCounty.code, w.regions.lhasaCounty.name, 29.662, 91.142, 1]],
    "the office's children are its counties");
  assert.equal(office.without_coordinates, 1);
  const leader = await map('leader', `industry=${industry}`);
  assert.deepEqual(ids(leader), [E.orange.id]);

  for (const role of ['regulator', 'inspector']) {
    const other = await map(role, `industry=${industry}`);
    assert.deepEqual(other.enterprises, [], `${role}: not its department's industry`);
    assert.equal(other.without_coordinates, 0);
    assert.equal(other.bounds, null, 'nothing placed: no bounds');
    assert.deepEqual(other.regions, []);
    const here = await map(role, `region=${town}`);
    assert.deepEqual(ids(here), [E.red.id], `${role}: the 危险化学品 one of the town only`);
  }

  const own = await map('enterprise');
  assert.ok(own.enterprises.every((e) => e[0] === w.orgs.ownEnterprise.id), 'an enterprise sees only itself');
  assert.ok(own.enterprises.length <= 1);
  const ownElsewhere = await map('enterprise', `region=${town}`);
  assert.deepEqual(ownElsewhere.enterprises, []);
  assert.equal(ownElsewhere.without_coordinates, 0);

  const far = await map('office', `region=${SHIGATSE}`);
  assert.deepEqual(far.enterprises, [], 'a region outside the scope adds nothing to it');
  assert.equal(far.without_coordinates, 0);
});

test('the filters: region, industry and colour', async () => {
  const inTown = await map('admin', `region=${town}`);
  assert.deepEqual(ids(inTown), [E.red.id, E.orange.id], 'red first');
  assert.equal(inTown.without_coordinates, 1);
  assert.deepEqual(inTown.bounds, [[29.651, 91.131], [29.662, 91.142]]);
  assert.equal(inTown.regions.length, 1, 'both are registered on the town itself');
  assert.equal(inTown.regions[0][0], town);
  assert.equal(inTown.regions[0][4], 2);
  assert.ok(Math.abs(inTown.regions[0][2] - (29.651 + 29.662) / 2) < 1e-6, 'at the centroid of its enterprises');
  assert.ok(Math.abs(inTown.regions[0][3] - (91.131 + 91.142) / 2) < 1e-6);

  const blue = await map('admin', `industry=${industry}&colour=blue`);
  assert.deepEqual(ids(blue), [E.blueFar.id]);
  assert.equal(blue.without_coordinates, 0);
  const yellow = await map('admin', `industry=${industry}&colour=yellow`);
  assert.deepEqual(yellow.enterprises, []);
  assert.equal(yellow.without_coordinates, 1, 'the unplaced one is yellow');
  assert.equal(yellow.bounds, null);
  const red = await map('admin', `region=${town}&colour=red&industry=${w.industries['危险化学品']}`);
  assert.deepEqual(ids(red), [E.red.id]);
});

test('the map follows the colour: a retired risk point takes its enterprise off', async () => {
  const admin = await as('admin');
  const now = await get(`${API}/risks/${E.redPoint.id}`, admin);
  const r = await patch(`${API}/risks/${E.redPoint.id}`, { version: now.json.version, active: false }, admin);
  assertStatus(r, 200, 'retire the red risk point');
  const m = await map('admin', `region=${town}`);
  assert.deepEqual(ids(m), [E.orange.id]);
  const again = await patch(`${API}/risks/${E.redPoint.id}`, { version: r.json.version, active: true }, admin);
  assertStatus(again, 200, 'revive it');
  assert.deepEqual(ids(await map('admin', `region=${town}`)), [E.red.id, E.orange.id]);
});

test('bad parameters are refused with 422 naming the field', async () => {
  const t = await as('office');
  for (const [q, field] of [
    ['colour=purple', 'colour'], ['colour=', 'colour'], ['colour=RED', 'colour'],
    ['region=54', 'region'], ['region=abcdefghijkl', 'region'], ['region=', 'region'],
    ['industry=abc', 'industry'], ['industry=0', 'industry'], ['industry=-3', 'industry'],
    ['level=major', 'level'],
  ]) {
    assertError(await get(`${MAP}?${q}`, t), 422, 'invalid', field);
  }
  assertError(await get(MAP), 401, 'unauthorized');
});
