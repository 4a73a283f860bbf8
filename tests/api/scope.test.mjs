// The scope walk: every route of the route table (src/http/routes.c), as
// every role and as nobody, against objects inside and outside the role's
// scope. The rules (DESIGN §3, §4):
//   outside the caller's scope        404, never 403, never the object
//   inside, but not this role's to do 403
//   no session                        401
//   the read-only leader writing      403
// Regions and industries are reference data every signed-in role reads.
// A route the server describes in /api/v1/openapi.json but this file does
// not walk fails the first test, so a new route cannot land without its
// scope cases.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, request, get, post, patch, del, login, tokenOf, passwordOf, listAll,
  assertStatus, assertError, freshCreditCode, uniq, routesFromSource,
} from './lib.mjs';
import { getWorld, adminOrg, adminFind, LHASA, SHIGATSE, MISSING_ID } from './fixtures.mjs';
import { hazardWalk, makeWalkHazards } from './walk_hazards.mjs';
import { reportWalk, makeWalkReports } from './walk_reports.mjs';
import { planWalk, makeWalkPlans } from './walk_plans.mjs';
import { campaignWalk, makeWalkCampaign } from './walk_campaign.mjs';
import { assessWalk } from './walk_assess.mjs';
import { riskWalk, makeWalkRisks } from './walk_risks.mjs';
import { taskFileWalk, makeWalkTaskFiles } from './walk_task_files.mjs';
import { inspectionWalk, makeWalkInspections } from './walk_inspections.mjs';
import { riskReportWalk, makeWalkRiskReports } from './walk_risk_reports.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const SIGNED_IN = WHO.filter((r) => r !== 'anonymous');

// Expected statuses: a default and exceptions by role.
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const adminOnly = (adminStatus) => all(403, { admin: adminStatus, anonymous: 401 });

const STATUS_CODE = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'invalid' };

let w; // the world of fixtures.mjs
let hz; // hazards of walk_hazards.mjs
let rp; // reports of walk_reports.mjs
let pl; // plans of walk_plans.mjs
let cp; // lists and notices of walk_campaign.mjs
let rk; // risk points of walk_risks.mjs
let tf; // task reports with files of walk_task_files.mjs
let ins; // inspections of walk_inspections.mjs
let rr; // yearly risk reports of walk_risk_reports.mjs
const extra = {}; // objects made for this file: an industry, a user

before(async () => {
  w = await getWorld();
  const admin = await tokenOf('admin');
  const ind = await post(`${API}/industries`, { name: `扫描测试行业${uniq()}`, code: `walk-${uniq()}` }, { token: admin });
  assertStatus(ind, 201, 'create the industry the walk renames');
  extra.industry = ind.json;
  const login = `walk-user-${uniq()}`;
  const u = await post(`${API}/users`, {
    login, name: '扫描测试用户', password: 'walk-pass-123', role: 'office', org_id: w.orgs.lhasaOffice.id,
  }, { token: admin });
  assertStatus(u, 201, 'create the user the walk changes');
  extra.user = u.json;
  // A feature whose fixtures cannot be made fails its own routes' cases
  // (with the reason), not the whole walk.
  hz = await makeWalkHazards(w).catch((err) => ({ failed: err }));
  rp = await makeWalkReports(w).catch((err) => ({ failed: err }));
  pl = await makeWalkPlans(w).catch((err) => ({ failed: err }));
  cp = pl.failed ? pl : await makeWalkCampaign(w, pl).catch((err) => ({ failed: err }));
  rk = await makeWalkRisks(w).catch((err) => ({ failed: err }));
  tf = cp.failed ? cp : await makeWalkTaskFiles(w, pl, cp).catch((err) => ({ failed: err }));
  ins = await makeWalkInspections(w).catch((err) => ({ failed: err }));
  rr = await makeWalkRiskReports(w).catch((err) => ({ failed: err }));
});

/** The fixtures of a feature, or its set-up error thrown in the case that needs them. */
function made(fixtures) {
  if (fixtures && fixtures.failed) throw new Error(`the set-up of this feature failed: ${fixtures.failed.message}`);
  return fixtures;
}

async function adminUser(id) {
  const r = await get(`${API}/users/${id}`, { token: await tokenOf('admin') });
  assertStatus(r, 200, `admin reads user ${id}`);
  return r.json;
}

// An org target of GET/PATCH /orgs/{id}.
const orgTarget = (key, label, expect) => ({ label, expect, id: () => (key ? w.orgs[key].id : MISSING_ID), key });

// Who sees which org (GET), and who may change it (PATCH).
const ORG_TARGETS_GET = [
  orgTarget('lhasaChem', "a 拉萨 危险化学品 enterprise", authed(200, { enterprise: 404 })),
  orgTarget('lhasaBuild', "a 拉萨 建筑施工 enterprise (not the department's industry)",
    authed(200, { regulator: 404, inspector: 404, enterprise: 404 })),
  orgTarget('lhasaOffice', "拉萨's office (a non-enterprise org of its city)", authed(200, { enterprise: 404 })),
  orgTarget('ownEnterprise', "the demo enterprise (the enterprise user's own)", authed(200)),
  orgTarget('shigatseChem', "another city's 危险化学品 enterprise", authed(404, { admin: 200 })),
  orgTarget('shigatseOffice', "another city's office", authed(404, { admin: 200 })),
  orgTarget(null, 'an org id that does not exist', authed(404)),
];
const ORG_TARGETS_PATCH = [
  orgTarget('lhasaChem', "a 拉萨 危险化学品 enterprise", authed(200, { enterprise: 404, leader: 403 })),
  orgTarget('lhasaBuild', "a 拉萨 建筑施工 enterprise (not the department's industry)",
    authed(200, { regulator: 404, inspector: 404, enterprise: 404, leader: 403 })),
  orgTarget('lhasaOffice', "拉萨's office (a department may not change it)",
    authed(200, { regulator: 403, inspector: 403, enterprise: 404, leader: 403 })),
  orgTarget('ownEnterprise', "the demo enterprise (the enterprise user's own)", authed(200, { leader: 403 })),
  orgTarget('shigatseChem', "another city's 危险化学品 enterprise", authed(404, { admin: 200, leader: 403 })),
  orgTarget('shigatseOffice', "another city's office", authed(404, { admin: 200, leader: 403 })),
  orgTarget(null, 'an org id that does not exist', authed(404, { leader: 403 })),
];

// Bodies of POST /orgs, fresh for every request.
const enterpriseIn = (regionKey, industryName) => () => ({
  kind: 'enterprise', name: `扫描测试${industryName}企业${uniq()}`,
  region_code: w.regions[regionKey].code, credit_code: freshCreditCode(w.regions[regionKey].code.slice(0, 6)),
  industry: w.industries[industryName], scale: 'below',
});

// The walk: "METHOD path" → targets; each target says what each caller gets.
// send(token, role) makes the request; check(res, role) looks further at a
// success; unchanged(ctx) proves that a refused request changed nothing.
const WALK = {
  'GET /healthz': [{ label: 'the health check', expect: all(200), send: (t) => get('/healthz', { token: t }) }],
  'GET /metrics': [{ label: 'the metrics', expect: all(200), send: (t) => get('/metrics', { token: t }) }],
  'GET /api/v1/openapi.json': [{ label: 'the API description', expect: all(200), send: (t) => get(`${API}/openapi.json`, { token: t }) }],

  'POST /api/v1/session': [
    {
      label: 'its own valid credentials (anonymous: the office user\'s)', expect: all(200),
      send: (t, role) => post(`${API}/session`, { login: role === 'anonymous' ? 'office' : role, password: passwordOf(role === 'anonymous' ? 'office' : role) }),
      check: (res, role) => assert.equal(res.json.user.login, role === 'anonymous' ? 'office' : role),
    },
    {
      label: 'a login that does not exist', expect: all(401),
      send: () => post(`${API}/session`, { login: `nobody-${uniq()}`, password: 'whatever-123' }),
    },
  ],
  'GET /api/v1/session': [{
    label: 'its own session', expect: authed(200),
    send: (t) => get(`${API}/session`, { token: t }),
    check: (res, role) => assert.equal(res.json.user.login, role),
  }],
  'DELETE /api/v1/session': [{
    label: 'a fresh session of its own', expect: authed(204),
    async send(t, role) {
      if (role === 'anonymous') return del(`${API}/session`);
      const s = await login(role, passwordOf(role));
      const res = await del(`${API}/session`, { token: s.token });
      res.ended = s.token;
      return res;
    },
    async check(res) {
      assertError(await get(`${API}/session`, { token: res.ended }), 401, 'unauthorized');
    },
  }],
  'GET /api/v1/workbench': [{
    label: 'its own workbench', expect: authed(200),
    send: (t) => get(`${API}/workbench`, { token: t }),
    async check(res, role) {
      const t = await tokenOf(role);
      const list = await get(`${API}/orgs?limit=1`, { token: t });
      assert.equal(res.json.counts.orgs, list.json.total, 'the workbench counts the orgs in scope');
      if (role === 'enterprise') assert.equal(res.json.counts.orgs, 1);
      let live = 0;
      for (const st of ['open', 'rectifying', 'pending_acceptance']) {
        live += (await get(`${API}/hazards?status=${st}&limit=1`, { token: t })).json.total;
      }
      assert.equal(res.json.counts.hazards_open, live, 'the workbench counts the live hazards in scope');
      // Every to-do points at something the user may open.
      for (const todo of res.json.todos) {
        const m = /#\/hazards\/(\d+)/.exec(JSON.stringify(todo));
        if (m) assertStatus(await get(`${API}/hazards/${m[1]}`, { token: t }), 200, `to-do ${JSON.stringify(todo)}`);
      }
    },
  }],

  'GET /api/v1/regions': [
    { label: 'the counties of 拉萨 (its own city)', expect: authed(200), send: (t) => get(`${API}/regions?parent=${LHASA}`, { token: t }),
      check: (res) => assert.ok(res.json.items.length > 0 && res.json.items.every((g) => g.parent === LHASA)) },
    { label: 'the counties of 日喀则 (reference data of another city)', expect: authed(200), send: (t) => get(`${API}/regions?parent=${SHIGATSE}`, { token: t }),
      check: (res) => assert.ok(res.json.items.length > 0 && res.json.items.every((g) => g.parent === SHIGATSE)) },
  ],
  'GET /api/v1/regions/{id}': [
    { label: '拉萨市', expect: authed(200), send: (t) => get(`${API}/regions/${LHASA}`, { token: t }),
      check: (res) => assert.equal(res.json.name, '拉萨市') },
    { label: '日喀则市 (reference data of another city)', expect: authed(200), send: (t) => get(`${API}/regions/${SHIGATSE}`, { token: t }),
      check: (res) => assert.equal(res.json.name, '日喀则市') },
    { label: 'a region code that does not exist', expect: authed(404), send: (t) => get(`${API}/regions/540199000000`, { token: t }) },
  ],

  'GET /api/v1/industries': [{
    label: 'the taxonomy', expect: authed(200), send: (t) => get(`${API}/industries`, { token: t }),
    check: (res) => assert.ok(res.json.items.some((i) => i.name === '危险化学品')),
  }],
  'POST /api/v1/industries': [{
    label: 'a new industry', expect: adminOnly(201),
    send(t) { this.code = `walk-new-${uniq()}`; return post(`${API}/industries`, { name: `新行业${this.code}`, code: this.code }, { token: t }); },
    check(res) { assert.equal(res.json.code, this.code); },
    async unchanged() {
      const r = await get(`${API}/industries`, { token: await tokenOf('admin') });
      assert.ok(!r.json.items.some((i) => i.code === this.code), 'no industry was created');
    },
  }],
  'PATCH /api/v1/industries/{id}': [
    {
      label: 'an existing industry', expect: adminOnly(200),
      send(t) { this.name = `改名行业${uniq()}`; return patch(`${API}/industries/${extra.industry.id}`, { name: this.name }, { token: t }); },
      check(res) { assert.equal(res.json.name, this.name); extra.industry = res.json; },
      async unchanged() {
        const r = await get(`${API}/industries`, { token: await tokenOf('admin') });
        const i = r.json.items.find((x) => x.id === extra.industry.id);
        assert.equal(i.name, extra.industry.name, 'the industry keeps its name');
      },
    },
    { label: 'an industry id that does not exist', expect: adminOnly(404),
      send: (t) => patch(`${API}/industries/${MISSING_ID}`, { name: 'x' }, { token: t }) },
  ],

  'GET /api/v1/orgs': [
    {
      label: 'filtered to its own city', expect: authed(200),
      send: (t) => get(`${API}/orgs?region=${LHASA}&limit=500`, { token: t }),
      check(res, role) {
        assert.ok(res.json.total > 0, 'sees orgs of its own city');
        assert.equal(res.json.total, res.json.items.length);
        if (role === 'enterprise') assert.deepEqual(res.json.items.map((o) => o.id), [w.orgs.ownEnterprise.id]);
      },
    },
    {
      label: 'filtered to another city', expect: authed(200),
      send: (t) => get(`${API}/orgs?region=${SHIGATSE}&limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((o) => o.id);
        if (role === 'admin') {
          assert.ok(ids.includes(w.orgs.shigatseChem.id) && ids.includes(w.orgs.shigatseOffice.id));
        } else {
          assert.deepEqual(ids, [], `${role} sees nothing of another city`);
          assert.equal(res.json.total, 0, 'and the total says so');
        }
      },
    },
  ],
  'POST /api/v1/orgs': [
    { label: 'a 危险化学品 enterprise in 拉萨', body: enterpriseIn('lhasaCounty', '危险化学品'),
      expect: authed(201, { enterprise: 403, leader: 403 }) },
    { label: "a 建筑施工 enterprise in 拉萨 (not the department's industry)", body: enterpriseIn('lhasaCounty', '建筑施工'),
      expect: authed(201, { regulator: 422, inspector: 422, enterprise: 403, leader: 403 }), field: 'industry' },
    { label: 'a 危险化学品 enterprise in another city', body: enterpriseIn('shigatseCounty', '危险化学品'),
      expect: authed(422, { admin: 201, enterprise: 403, leader: 403 }), field: 'region_code' },
    { label: 'a department in 拉萨', body: () => ({ kind: 'department', name: `扫描测试局${uniq()}`, region_code: LHASA }),
      expect: authed(201, { regulator: 403, inspector: 403, enterprise: 403, leader: 403 }) },
  ].map((t) => ({
    ...t,
    send(tok) { this.sent = t.body(); return post(`${API}/orgs`, this.sent, { token: tok }); },
    check(res) { assert.equal(res.json.name, this.sent.name); assert.equal(res.json.region_code, this.sent.region_code); },
    async unchanged(res) {
      if (res.status === 422 && t.field) assert.equal(res.json.error.field, t.field);
      assert.deepEqual(await adminFind(this.sent.name), [], 'nothing was created');
    },
  })),
  'GET /api/v1/orgs/{id}': ORG_TARGETS_GET.map((t) => ({
    ...t,
    send: (tok) => get(`${API}/orgs/${t.id()}`, { token: tok }),
    check: (res) => { assert.equal(res.json.id, t.id()); assert.equal(res.json.name, w.orgs[t.key].name); },
    unchanged(res) {
      // Never the object, not even a part of it.
      if (t.key) {
        assert.ok(!res.text.includes(w.orgs[t.key].name), 'the refusal does not show the org');
        assert.ok(!('id' in (res.json || {})), 'the refusal is an error, not an org');
      }
    },
  })),
  'PATCH /api/v1/orgs/{id}': ORG_TARGETS_PATCH.map((t) => ({
    ...t,
    async send(tok) {
      this.before = t.key ? await adminOrg(t.id()) : null;
      this.phone = `0891-${String(Date.now()).slice(-7)}`;
      return patch(`${API}/orgs/${t.id()}`, { version: this.before ? this.before.version : 1, phone: this.phone }, { token: tok });
    },
    check(res) { assert.equal(res.json.phone, this.phone); assert.equal(res.json.version, this.before.version + 1); },
    async unchanged(res) {
      if (!t.key) return;
      assert.ok(!res.text.includes(w.orgs[t.key].name), 'the refusal does not show the org');
      const now = await adminOrg(t.id());
      assert.equal(now.version, this.before.version, 'the org keeps its version');
      assert.equal(now.phone, this.before.phone, 'the org keeps its phone');
    },
  })),

  'GET /api/v1/users': [{
    label: 'the user list', expect: adminOnly(200), send: (t) => get(`${API}/users`, { token: t }),
    check: (res) => assert.ok(res.json.items.some((u) => u.login === 'leader')),
    unchanged: (res) => assert.ok(!res.text.includes('leader'), 'no user is shown'),
  }],
  'POST /api/v1/users': [{
    label: 'a new office user of 拉萨', expect: adminOnly(201),
    send(t) {
      this.login = `walk-new-${uniq()}`;
      return post(`${API}/users`, { login: this.login, name: '新用户', password: 'new-user-pass-1', role: 'office', org_id: w.orgs.lhasaOffice.id }, { token: t });
    },
    check(res) { assert.equal(res.json.login, this.login); },
    async unchanged() {
      const r = await get(`${API}/users?q=${this.login}`, { token: await tokenOf('admin') });
      assert.equal(r.json.total, 0, 'no user was created');
    },
  }],
  'GET /api/v1/users/{id}': [
    { label: 'the leader user', expect: adminOnly(200), send: (t) => get(`${API}/users/${w.users.leader.id}`, { token: t }),
      check: (res) => assert.equal(res.json.login, 'leader'),
      unchanged: (res) => assert.ok(!res.text.includes('分管副市长'), 'the user is not shown') },
    { label: 'a user id that does not exist', expect: adminOnly(404), send: (t) => get(`${API}/users/${MISSING_ID}`, { token: t }) },
  ],
  'PATCH /api/v1/users/{id}': [
    {
      label: 'a user made for the walk', expect: adminOnly(200),
      async send(t) {
        this.before = await adminUser(extra.user.id);
        this.name = `改名${uniq()}`;
        return patch(`${API}/users/${extra.user.id}`, { version: this.before.version, name: this.name }, { token: t });
      },
      check(res) { assert.equal(res.json.name, this.name); assert.equal(res.json.version, this.before.version + 1); },
      async unchanged() {
        const now = await adminUser(extra.user.id);
        assert.equal(now.version, this.before.version, 'the user keeps its version');
        assert.equal(now.name, this.before.name);
      },
    },
    { label: 'a user id that does not exist', expect: adminOnly(404),
      send: (t) => patch(`${API}/users/${MISSING_ID}`, { version: 1, name: 'x' }, { token: t }) },
  ],
};

Object.assign(WALK, hazardWalk(() => w, () => made(hz)));
Object.assign(WALK, reportWalk(() => w, () => made(rp)));
Object.assign(WALK, planWalk(() => w, () => made(pl)));
Object.assign(WALK, campaignWalk(() => w, () => made(pl), () => made(cp)));
Object.assign(WALK, assessWalk(() => w, () => made(pl)));
Object.assign(WALK, riskWalk(() => w, () => made(rk)));
Object.assign(WALK, taskFileWalk(() => made(tf)));
Object.assign(WALK, inspectionWalk(() => w, () => made(ins)));
Object.assign(WALK, riskReportWalk(() => w, () => made(rr)));

test('the scope walk covers every route that /api/v1/openapi.json describes, and no other', async () => {
  const res = await get(`${API}/openapi.json`);
  assertStatus(res, 200);
  const described = [];
  for (const [path, item] of Object.entries(res.json.paths)) {
    for (const method of Object.keys(item)) described.push(`${method.toUpperCase()} ${path}`);
  }
  assert.ok(described.length >= 20, `openapi.json describes the routes: ${described.length}`);
  const table = routesFromSource();
  assert.deepEqual([...described].sort(), [...table].sort(), 'openapi.json describes the route table of src/http/routes.c');
  const walked = Object.keys(WALK);
  const missing = described.filter((r) => !walked.includes(r));
  const stale = walked.filter((r) => !described.includes(r));
  assert.deepEqual(missing, [], 'routes without scope tests (add them to WALK in scope.test.mjs)');
  assert.deepEqual(stale, [], 'routes walked here that the server no longer has');
  for (const [route, targets] of Object.entries(WALK)) {
    assert.ok(targets.length > 0, `${route} has targets`);
    for (const t of targets) assert.deepEqual(Object.keys(t.expect).sort(), [...WHO].sort(), `${route} / ${t.label} says what every caller gets`);
  }
});

for (const [route, targets] of Object.entries(WALK)) {
  for (const target of targets) {
    for (const role of WHO) {
      const expect = target.expect[role];
      const who = role === 'anonymous' ? 'nobody signed in' : role;
      test(`${route} — ${target.label} — as ${who}: ${expect}`, async () => {
        const ctx = Object.create(target); // per-test state (this.sent, this.before, …)
        const token = await tokenOf(role);
        const res = await ctx.send(token, role);
        assertStatus(res, expect, `${route} as ${role}`);
        if (expect >= 400) {
          assertError(res, expect, STATUS_CODE[expect]);
          if (ctx.unchanged) await ctx.unchanged(res, role);
        } else if (ctx.check) {
          await ctx.check(res, role);
        }
      });
    }
  }
}

test('a leader cannot write even its own city\'s objects, and it cannot find out which ids exist by writing', async () => {
  const leader = await tokenOf('leader');
  const inside = await patch(`${API}/orgs/${w.orgs.lhasaChem.id}`, { version: 1, phone: '1' }, { token: leader });
  const outside = await patch(`${API}/orgs/${w.orgs.shigatseChem.id}`, { version: 1, phone: '1' }, { token: leader });
  const missing = await patch(`${API}/orgs/${MISSING_ID}`, { version: 1, phone: '1' }, { token: leader });
  for (const r of [inside, outside, missing]) assertError(r, 403, 'forbidden');
  assert.equal(inside.json.error.message, missing.json.error.message, 'the same refusal whether or not the org exists');
});

test('an out-of-scope org and a missing one get the same 404 body', async () => {
  const office = await tokenOf('office');
  const out = await get(`${API}/orgs/${w.orgs.shigatseChem.id}`, { token: office });
  const none = await get(`${API}/orgs/${MISSING_ID}`, { token: office });
  assertError(out, 404, 'not_found');
  assertError(none, 404, 'not_found');
  const norm = (r) => r.text.replaceAll(String(w.orgs.shigatseChem.id), 'ID').replaceAll(String(MISSING_ID), 'ID');
  assert.equal(norm(out), norm(none), 'the bodies differ only by the id asked for');
});

test('an enterprise cannot change the fields its regulator owns (403, unchanged)', async () => {
  const ent = await tokenOf('enterprise');
  for (const [field, value] of [['credit_code', freshCreditCode()], ['industry', w.industries['工贸']],
    ['region_code', w.regions.shigatseCounty.code], ['kind', 'agency']]) {
    const before = await adminOrg(w.orgs.ownEnterprise.id);
    const res = await patch(`${API}/orgs/${before.id}`, { version: before.version, [field]: value }, { token: ent });
    assertError(res, 403, 'forbidden', field);
    const after = await adminOrg(before.id);
    assert.equal(after.version, before.version, `refusing ${field} changes nothing`);
  }
});

test('a regulator cannot move one of its enterprises into another city or industry (refused, unchanged)', async () => {
  const reg = await tokenOf('regulator');
  const before = await adminOrg(w.orgs.lhasaChem.id);
  const toCity = await patch(`${API}/orgs/${before.id}`, { version: before.version, region_code: w.regions.shigatseCounty.code }, { token: reg });
  assertError(toCity, 422, 'invalid', 'region_code');
  const toIndustry = await patch(`${API}/orgs/${before.id}`, { version: before.version, industry: w.industries['建筑施工'] }, { token: reg });
  assertError(toIndustry, 422, 'invalid', 'industry');
  const after = await adminOrg(before.id);
  assert.equal(after.version, before.version);
  assert.equal(after.region_code, before.region_code);
  assert.equal(after.industry, before.industry);
});

test('an office cannot move one of its orgs into another city (422 region_code, unchanged)', async () => {
  const before = await adminOrg(w.orgs.lhasaBuild.id);
  const res = await patch(`${API}/orgs/${before.id}`, { version: before.version, region_code: SHIGATSE }, { token: await tokenOf('office') });
  assertError(res, 422, 'invalid', 'region_code');
  assert.equal((await adminOrg(before.id)).version, before.version);
});

test('an office cannot turn a 拉萨 org into one of another city by creating it there under a 拉萨 name', async () => {
  // Region checks look at the code, not the name.
  const res = await post(`${API}/orgs`, { kind: 'office', name: '拉萨市安委办（冒名）', region_code: SHIGATSE }, { token: await tokenOf('office') });
  assertError(res, 422, 'invalid', 'region_code');
  assert.deepEqual(await adminFind('拉萨市安委办（冒名）'), []);
});

test('every role sees the same regions (reference data), and nobody unsigned sees any', async () => {
  const seen = [];
  for (const role of SIGNED_IN) {
    const r = await get(`${API}/regions?parent=${LHASA}`, { token: await tokenOf(role) });
    assertStatus(r, 200);
    seen.push(JSON.stringify(r.json.items));
  }
  assert.equal(new Set(seen).size, 1);
  assertError(await get(`${API}/regions?parent=${LHASA}`), 401, 'unauthorized');
});

test('nobody signed in gets 401 and not the industry taxonomy', async () => {
  const r = await request('GET', `${API}/industries`);
  assertError(r, 401, 'unauthorized');
  assert.ok(!r.text.includes('危险化学品'));
});

test('listing users as a non-admin shows no user at all', async () => {
  for (const role of SIGNED_IN.filter((r) => r !== 'admin')) {
    const r = await get(`${API}/users?q=admin`, { token: await tokenOf(role) });
    assertError(r, 403, 'forbidden');
    assert.ok(!('items' in r.json));
  }
});

test('the walk ran through a real scope: the office sees fewer orgs than the admin, the enterprise one', async () => {
  const admin = (await listAll(`${API}/orgs`, await tokenOf('admin'))).items.length;
  const office = (await listAll(`${API}/orgs`, await tokenOf('office'))).items.length;
  const ent = (await listAll(`${API}/orgs`, await tokenOf('enterprise'))).items.length;
  assert.ok(admin > office, `admin ${admin} > office ${office}`);
  assert.ok(office > 200, `the office sees the demo city (${office})`);
  assert.equal(ent, 1);
});
