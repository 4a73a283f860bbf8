// The objects the scope tests walk: demo data of 拉萨市 (540100) found by
// name, and a second city, 日喀则市 (540200), that no demo user may see,
// created here through the admin API. Idempotent: a second test file (or a
// second run on the same store) finds what the first created.

import assert from 'node:assert/strict';
import { API, get, post, listAll, tokenOf, creditCode, assertStatus, show } from './lib.mjs';

export const LHASA = '540100000000';
export const SHIGATSE = '540200000000';
// An id no org, user or industry has.
export const MISSING_ID = 987654321;

async function firstChildRegion(code, token) {
  const res = await get(`${API}/regions?parent=${code}`, { token });
  assertStatus(res, 200, `regions under ${code}`);
  assert.ok(res.json.items.length > 0, `region ${code} has children (was it imported?): ${show(res)}`);
  return res.json.items[0];
}

/** The org matching pred among all orgs the admin sees, created by make when absent. */
async function ensureOrg(all, pred, make, token) {
  const found = all.find(pred);
  if (found) return found;
  const body = make();
  const res = await post(`${API}/orgs`, body, { token });
  if (res.status === 409) {
    // Another test file created it in the meantime.
    const again = (await listAll(`${API}/orgs?q=${encodeURIComponent(body.credit_code || body.name)}`, token)).items;
    const o = again.find(pred);
    assert.ok(o, `org '${body.name}' conflicts but cannot be found`);
    return o;
  }
  assertStatus(res, 201, `create fixture org '${body.name}'`);
  return res.json;
}

let world = null;

/**
 * Everything the scope tests need, as { regions, industries, orgs, users }.
 * orgs: lhasaOffice, lhasaCommittee, lhasaDept (拉萨市应急管理局: 危险化学品,
 * 非煤矿山, 工贸), ownEnterprise (the 'enterprise' user's), lhasaChem (another
 * 拉萨 危险化学品 enterprise), lhasaBuild (a 拉萨 建筑施工 enterprise),
 * shigatseOffice, shigatseDept, shigatseChem, shigatseBuild.
 */
export async function getWorld() {
  if (world) return world;
  const admin = await tokenOf('admin');

  const inds = await get(`${API}/industries`, { token: admin });
  assertStatus(inds, 200, 'industries');
  const industries = {};
  for (const i of inds.json.items) industries[i.name] = i.id;
  for (const n of ['危险化学品', '非煤矿山', '工贸', '建筑施工']) assert.ok(industries[n], `industry ${n} is seeded`);

  const lhasaCounty = await firstChildRegion(LHASA, admin);
  const shigatseCounty = await firstChildRegion(SHIGATSE, admin);

  const users = {};
  for (const role of ['office', 'regulator', 'inspector', 'enterprise', 'leader']) {
    const r = await get(`${API}/session`, { token: await tokenOf(role) });
    assertStatus(r, 200, `session of ${role}`);
    users[role] = r.json.user;
  }
  const adminSession = await get(`${API}/session`, { token: admin });
  users.admin = adminSession.json.user;

  let all = (await listAll(`${API}/orgs`, admin)).items;
  const byId = (id) => all.find((o) => o.id === id);
  const orgs = {};
  orgs.lhasaOffice = byId(users.office.org_id);
  orgs.lhasaCommittee = byId(users.leader.org_id);
  orgs.lhasaDept = byId(users.regulator.org_id);
  orgs.ownEnterprise = byId(users.enterprise.org_id);
  for (const k of ['lhasaOffice', 'lhasaCommittee', 'lhasaDept', 'ownEnterprise']) assert.ok(orgs[k], `demo org ${k} exists`);
  assert.equal(orgs.lhasaOffice.kind, 'office');
  assert.equal(orgs.lhasaDept.kind, 'department');
  assert.equal(orgs.ownEnterprise.kind, 'enterprise');
  assert.equal(orgs.ownEnterprise.industry, industries['危险化学品'], "the demo enterprise is a 危险化学品 one");
  orgs.lhasaChem = all.find((o) => o.kind === 'enterprise' && o.industry === industries['危险化学品'] &&
    o.region_code.startsWith('5401') && o.id !== orgs.ownEnterprise.id);
  orgs.lhasaBuild = all.find((o) => o.kind === 'enterprise' && o.industry === industries['建筑施工'] &&
    o.region_code.startsWith('5401'));
  assert.ok(orgs.lhasaChem, 'demo data has a second 拉萨 危险化学品 enterprise');
  assert.ok(orgs.lhasaBuild, 'demo data has a 拉萨 建筑施工 enterprise');

  orgs.shigatseOffice = await ensureOrg(all, (o) => o.kind === 'office' && o.region_code === SHIGATSE,
    () => ({ kind: 'office', name: '日喀则市安全生产委员会办公室', region_code: SHIGATSE }), admin);
  orgs.shigatseDept = await ensureOrg(all, (o) => o.kind === 'department' && o.name === '日喀则市应急管理局',
    () => ({ kind: 'department', name: '日喀则市应急管理局', region_code: SHIGATSE,
      industries: [industries['危险化学品'], industries['非煤矿山'], industries['工贸']] }), admin);
  const chemCode = creditCode(shigatseCounty.code.slice(0, 6), 4242);
  orgs.shigatseChem = await ensureOrg(all, (o) => o.credit_code === chemCode,
    () => ({ kind: 'enterprise', name: '日喀则珠峰化工有限公司', region_code: shigatseCounty.code,
      credit_code: chemCode, industry: industries['危险化学品'], scale: 'above' }), admin);
  const buildCode = creditCode(shigatseCounty.code.slice(0, 6), 4343);
  orgs.shigatseBuild = await ensureOrg(all, (o) => o.credit_code === buildCode,
    () => ({ kind: 'enterprise', name: '日喀则雪域建筑工程有限公司', region_code: shigatseCounty.code,
      credit_code: buildCode, industry: industries['建筑施工'] }), admin);

  world = {
    regions: { lhasaCounty, shigatseCounty },
    industries,
    orgs,
    users,
    regulatorIndustries: orgs.lhasaDept.industries,
  };
  return world;
}

/** An org as the admin sees it now (to prove a refused request changed nothing). */
export async function adminOrg(id) {
  const res = await get(`${API}/orgs/${id}`, { token: await tokenOf('admin') });
  assertStatus(res, 200, `admin reads org ${id}`);
  return res.json;
}

/** How many orgs the admin sees in all. */
export async function orgTotal() {
  const res = await get(`${API}/orgs?limit=1`, { token: await tokenOf('admin') });
  assertStatus(res, 200, 'admin counts orgs');
  return res.json.total;
}

/** The orgs (as the admin sees them) whose credit code or name matches q. */
export async function adminFind(q) {
  return (await listAll(`${API}/orgs?q=${encodeURIComponent(q)}`, await tokenOf('admin'))).items;
}
