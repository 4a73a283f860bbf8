// The scope walk's part for inspections (DESIGN §3.4, the core) and the
// due-for-inspection lists (§3.2). Inspectors and regulators record
// inspections of the enterprises their department supervises (everyone
// else: 403; an enterprise outside their scope: 404); every role reads
// the inspections of what its scope holds; the due lists are for every
// role but the enterprise. Imported by scope.test.mjs.

import assert from 'node:assert/strict';
import { API, get, post, tokenOf, assertStatus, uniq } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const MISSING_ID = 987654321;

/** Today in Asia/Shanghai, "YYYY-MM-DD". */
export function shanghaiToday() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** An inspection body of enterprise id by the given inspectors. */
export function inspectionBody(enterpriseId, inspectorIds, extra = {}) {
  return {
    enterprise_id: enterpriseId, date: shanghaiToday(), type: 'routine', inspector_ids: inspectorIds,
    summary: `检查储罐区、装卸作业和应急预案${uniq()}`, ...extra,
  };
}

/**
 * A department of region supervising the named industries, with an
 * inspector and a regulator who can sign in: { dept, ids, token }.
 */
export async function inspectingDept(w, region, industryNames) {
  const admin = await tokenOf('admin');
  const d = await post(`${API}/orgs`, {
    kind: 'department', name: `检查测试部门${uniq()}`, region_code: region,
    industries: industryNames.map((n) => w.industries[n]),
  }, { token: admin });
  assertStatus(d, 201, 'a department that inspects');
  const ids = [];
  let token = null;
  for (const role of ['inspector', 'regulator']) {
    const login = `insp-${role}-${uniq()}`;
    const u = await post(`${API}/users`, { login, name: `执法员${uniq()}`, password: 'insp-pass-123', role, org_id: d.json.id }, { token: admin });
    assertStatus(u, 201, `its ${role}`);
    ids.push(u.json.id);
    if (!token) {
      const s = await post(`${API}/session`, { login, password: 'insp-pass-123' });
      assertStatus(s, 200, `its ${role} signs in`);
      token = s.json.token;
    }
  }
  return { dept: d.json, ids, token };
}

async function record(token, body, what) {
  const r = await post(`${API}/inspections`, body, { token });
  assertStatus(r, 201, what);
  return r.json;
}

/** Inspections of the demo enterprise, a 拉萨 建筑施工 one and a 日喀则 one. */
export async function makeWalkInspections(w) {
  const reg = await tokenOf('regulator');
  const demoIds = [w.users.regulator.id, w.users.inspector.id];
  const build = await inspectingDept(w, '540100000000', ['建筑施工']);
  const far = await inspectingDept(w, '540200000000', ['危险化学品']);
  return {
    demoIds,
    own: await record(reg, inspectionBody(w.orgs.ownEnterprise.id, demoIds), 'the regulator inspects the demo enterprise'),
    build: await record(build.token, inspectionBody(w.orgs.lhasaBuild.id, build.ids), '住建 inspects a 建筑施工 enterprise'),
    shigatse: await record(far.token, inspectionBody(w.orgs.shigatseChem.id, far.ids), '日喀则 inspects its enterprise'),
  };
}

export function inspectionWalk(getW, getI) {
  const w = () => getW();
  const I = () => getI();
  const readTargets = [
    ['own', 'of the demo enterprise (拉萨 危险化学品)', authed(200)],
    ['build', "of a 拉萨 建筑施工 enterprise (not the department's industry)",
      authed(200, { regulator: 404, inspector: 404, enterprise: 404 })],
    ['shigatse', "of another city's enterprise", authed(404, { admin: 200 })],
    [null, 'an id that does not exist', authed(404)],
  ];
  const sees = (role, key) => readTargets.find(([k]) => k === key)[2][role] === 200;
  const ORGS = { own: 'ownEnterprise', chem: 'lhasaChem', build: 'lhasaBuild', shigatse: 'shigatseChem' };

  async function adminInspectionsOf(orgId) {
    const r = await get(`${API}/inspections?enterprise=${orgId}&limit=500`, { token: await tokenOf('admin') });
    assertStatus(r, 200, 'admin lists inspections');
    return r.json.items;
  }

  return {
    'GET /api/v1/inspections': [{
      label: 'the inspections of every enterprise', expect: authed(200),
      send: (t) => get(`${API}/inspections?limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.id);
        for (const key of ['own', 'build', 'shigatse']) {
          assert.equal(ids.includes(I()[key].id), sees(role, key), `${role} and the ${key} inspection`);
        }
        if (role === 'enterprise') assert.ok(res.json.items.every((x) => x.enterprise_id === w().orgs.ownEnterprise.id));
        assert.equal(res.json.total, res.json.items.length);
      },
    }],
    'POST /api/v1/inspections': Object.entries({
      own: ["the demo enterprise (the department's industry)", authed(403, { regulator: 201, inspector: 201 })],
      chem: ['another 拉萨 危险化学品 enterprise', authed(403, { regulator: 201, inspector: 201 })],
      build: ["a 拉萨 建筑施工 enterprise (not the department's industry)", authed(403, { regulator: 404, inspector: 404 })],
      shigatse: ["another city's enterprise", authed(403, { regulator: 404, inspector: 404 })],
      missing: ['an id that does not exist', authed(403, { regulator: 404, inspector: 404 })],
    }).map(([key, [label, expect]]) => ({
      label: `an inspection of ${label}`, expect,
      send(t) {
        const id = key === 'missing' ? MISSING_ID : w().orgs[ORGS[key]].id;
        this.sent = inspectionBody(id, I().demoIds);
        return post(`${API}/inspections`, this.sent, { token: t });
      },
      check(res) {
        assert.equal(res.json.enterprise_id, this.sent.enterprise_id);
        assert.equal(res.json.org_id, w().orgs.lhasaDept.id, 'the inspecting org is the caller\'s department');
        assert.match(res.json.code, /^JC-\d{6}-\d{4}-\d{6}$/);
        assert.deepEqual(res.json.inspectors.map((x) => x.id).sort((a, b) => a - b), [...I().demoIds].sort((a, b) => a - b));
      },
      async unchanged() {
        if (key === 'missing') return;
        const items = await adminInspectionsOf(this.sent.enterprise_id);
        assert.ok(!items.some((x) => x.summary === this.sent.summary), 'no inspection was recorded');
      },
    })),
    'GET /api/v1/inspections/{id}': readTargets.map(([key, label, expect]) => ({
      label: `an inspection ${label}`, expect,
      send: (t) => get(`${API}/inspections/${key ? I()[key].id : MISSING_ID}`, { token: t }),
      check(res) {
        assert.equal(res.json.id, I()[key].id);
        assert.equal(res.json.inspectors.length, 2);
      },
      unchanged(res) {
        if (key) assert.ok(!res.text.includes(I()[key].summary), 'the refusal does not show the inspection');
      },
    })),
    'GET /api/v1/inspections/due': [{
      label: 'the enterprises due for inspection', expect: authed(200, { enterprise: 403 }),
      send: (t) => get(`${API}/inspections/due?limit=500`, { token: t }),
      check(res, role) {
        const inds = w().regulatorIndustries;
        for (const x of res.json.items) {
          if (role !== 'admin') assert.ok(x.region_code.startsWith('5401'), `${role} sees only 拉萨: ${x.region_code}`);
          if (role === 'regulator' || role === 'inspector') assert.ok(inds.includes(x.industry), `${role} sees only its industries`);
        }
        const sum = Object.values(res.json.counts).reduce((a, b) => a + b, 0);
        assert.equal(res.json.total, sum, 'the total is the sum of the counts per colour');
        assert.equal(res.json.items.length, res.json.total);
      },
    }],
    'GET /api/v1/inspections/inspectors': [{
      label: "who of the caller's department may inspect", expect: authed(403, { regulator: 200, inspector: 200 }),
      send: (t) => get(`${API}/inspections/inspectors`, { token: t }),
      check(res) {
        const ids = res.json.items.map((x) => x.id);
        for (const id of I().demoIds) assert.ok(ids.includes(id), `user ${id} may inspect`);
        assert.ok(res.json.items.every((x) => x.role === 'inspector' || x.role === 'regulator'));
      },
    }],
  };
}
