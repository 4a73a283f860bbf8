// The scope walk's part for the enterprises' hazard statistics reports
// (季报, 年报): only an enterprise makes and submits its own; the others read
// those of their scope and who has not reported. Imported by scope.test.mjs.

import assert from 'node:assert/strict';
import { API, get, post, login, tokenOf, assertStatus, uniq } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const MISSING_ID = 987654321;
export const REPORT_PERIOD = '2025';

// Periods long ended, one per draft the walk makes (a submitted report is final).
let periodSeq = 0;
function freshPeriod() {
  periodSeq += 1;
  return `${2001 + Math.floor(periodSeq / 4)}-Q${1 + (periodSeq % 4)}`;
}

/**
 * Enterprise users of 拉萨's 建筑施工 enterprise and of another city's
 * enterprise (the demo has one enterprise user only), and a submitted
 * yearly report of each of the three enterprises.
 */
export async function makeWalkReports(w) {
  const admin = await tokenOf('admin');
  const tokens = { own: await tokenOf('enterprise') };
  for (const [key, org] of [['build', 'lhasaBuild'], ['shigatse', 'shigatseChem']]) {
    const loginName = `walk-ent-${key}-${uniq()}`;
    const u = await post(`${API}/users`, { login: loginName, name: '企业填报员', password: 'walk-ent-pass-1', role: 'enterprise', org_id: w.orgs[org].id }, { token: admin });
    assertStatus(u, 201, `an enterprise user of ${org}`);
    tokens[key] = (await login(loginName, 'walk-ent-pass-1')).token;
  }
  const reports = {};
  for (const key of ['own', 'build', 'shigatse']) {
    const draft = await post(`${API}/hazard-reports`, { period: REPORT_PERIOD }, { token: tokens[key] });
    assertStatus(draft, 201, `the ${key} enterprise generates its ${REPORT_PERIOD} report`);
    const sub = await post(`${API}/hazard-reports/${draft.json.id}/submit`, { version: draft.json.version }, { token: tokens[key] });
    assertStatus(sub, 200, `the ${key} enterprise submits it`);
    reports[key] = sub.json;
  }
  return { tokens, reports };
}

export function reportWalk(getW, getR) {
  const w = () => getW();
  const R = () => getR();
  const readTargets = [
    ['own', "the demo enterprise's report (拉萨 危险化学品)", authed(200)],
    ['build', "a 拉萨 建筑施工 enterprise's report (not the department's industry)",
      authed(200, { regulator: 404, inspector: 404, enterprise: 404 })],
    ['shigatse', "another city's enterprise's report", authed(404, { admin: 200 })],
    [null, 'a report id that does not exist', authed(404)],
  ];
  const idOf = (key) => (key ? R().reports[key].id : MISSING_ID);
  // Which of the three enterprises each role may see.
  const sees = (role, key) => readTargets.find(([k]) => k === key)[2][role] === 200;

  // A draft of the enterprise `key` made for one request.
  const draftOf = async (key) => {
    const d = await post(`${API}/hazard-reports`, { period: freshPeriod() }, { token: R().tokens[key] });
    assertStatus(d, 201, `a fresh draft of the ${key} enterprise`);
    return d.json;
  };
  const adminReport = async (id) => {
    const r = await get(`${API}/hazard-reports/${id}`, { token: await tokenOf('admin') });
    assertStatus(r, 200);
    return r.json;
  };
  const submit = (label, key, expect) => ({
    label, expect,
    async send(t) {
      this.before = key ? await draftOf(key) : null;
      return post(`${API}/hazard-reports/${this.before ? this.before.id : MISSING_ID}/submit`,
        { version: this.before ? this.before.version : 1, note: '已核对' }, { token: t });
    },
    check(res) {
      assert.equal(res.json.status, 'submitted');
      assert.equal(res.json.version, this.before.version + 1);
    },
    async unchanged(res) {
      if (!this.before) return;
      assert.ok(!res.text.includes(this.before.enterprise_name), 'the refusal does not show the report');
      const now = await adminReport(this.before.id);
      assert.equal(now.status, 'draft', 'the draft stays a draft');
      assert.equal(now.version, this.before.version);
    },
  });

  return {
    'GET /api/v1/hazard-reports': [{
      label: `the ${REPORT_PERIOD} reports`, expect: authed(200),
      send: (t) => get(`${API}/hazard-reports?period=${REPORT_PERIOD}&limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.id);
        for (const key of ['own', 'build', 'shigatse']) {
          assert.equal(ids.includes(idOf(key)), sees(role, key), `${role} ${sees(role, key) ? 'sees' : 'does not see'} the ${key} report`);
        }
        if (role === 'enterprise') assert.ok(res.json.items.every((x) => x.enterprise_id === w().orgs.ownEnterprise.id));
      },
    }],
    'GET /api/v1/hazard-reports/missing': [{
      label: 'who has not reported a period', expect: authed(200),
      send: (t) => get(`${API}/hazard-reports/missing?period=2024&limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.enterprise_id);
        for (const [key, org] of [['own', 'ownEnterprise'], ['build', 'lhasaBuild'], ['shigatse', 'shigatseChem']]) {
          assert.equal(ids.includes(w().orgs[org].id), sees(role, key), `${role} and the ${key} enterprise`);
        }
        if (role !== 'admin') assert.ok(res.json.items.every((x) => x.region_code.startsWith('5401')), 'nothing of another city');
      },
    }],
    'POST /api/v1/hazard-reports': [{
      label: 'its own report of a past period', expect: authed(403, { enterprise: 201 }),
      send(t) { this.period = freshPeriod(); return post(`${API}/hazard-reports`, { period: this.period }, { token: t }); },
      check(res) {
        assert.equal(res.json.enterprise_id, w().orgs.ownEnterprise.id);
        assert.equal(res.json.period, this.period);
        assert.equal(res.json.status, 'draft');
      },
      async unchanged() {
        const r = await get(`${API}/hazard-reports?period=${this.period}`, { token: await tokenOf('admin') });
        assert.deepEqual(r.json.items, [], 'no report was made');
      },
    }],
    'GET /api/v1/hazard-reports/{id}': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/hazard-reports/${idOf(key)}`, { token: t }),
      check: (res) => { assert.equal(res.json.id, idOf(key)); assert.equal(res.json.period, REPORT_PERIOD); },
      unchanged(res) {
        if (key) assert.ok(!res.text.includes(R().reports[key].enterprise_name), 'the refusal does not show the report');
      },
    })),
    'POST /api/v1/hazard-reports/{id}/submit': [
      submit("the demo enterprise's own draft", 'own', authed(403, { enterprise: 200 })),
      submit("another 拉萨 enterprise's draft", 'build', authed(403, { enterprise: 404 })),
      submit("another city's enterprise's draft", 'shigatse', authed(403, { enterprise: 404 })),
      submit('a report id that does not exist', null, authed(403, { enterprise: 404 })),
    ],
  };
}
