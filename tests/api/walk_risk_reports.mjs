// The scope walk's part for the yearly risk reports (风险清单及年度风险分析):
// only an enterprise drafts, changes and submits its own; the others read
// those of their scope (as risk points: a department its industries in its
// region), who has not reported, and a submitted report's XLSX. Imported by
// scope.test.mjs.

import assert from 'node:assert/strict';
import { API, get, post, patch, login, tokenOf, assertStatus, uniq } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const MISSING_ID = 987654321;
export const RISK_REPORT_YEAR = 2010;

// Past years, one per draft the walk makes of an enterprise (one report a
// year each): from 2000 on, but not 2009 (the board's year, kept empty) nor
// RISK_REPORT_YEAR.
const yearSeq = {};
function freshYear(key) {
  let y = yearSeq[key] ?? 2000;
  while (y === 2009 || y === RISK_REPORT_YEAR) y += 1;
  yearSeq[key] = y + 1;
  return y;
}

/**
 * Enterprise users of 拉萨's 建筑施工 enterprise and of another city's
 * enterprise, and a submitted report of RISK_REPORT_YEAR of each of the
 * three enterprises (the demo enterprise's own too).
 */
export async function makeWalkRiskReports(w) {
  const admin = await tokenOf('admin');
  const tokens = { own: await tokenOf('enterprise') };
  for (const [key, org] of [['build', 'lhasaBuild'], ['shigatse', 'shigatseChem']]) {
    const loginName = `walk-rr-${key}-${uniq()}`;
    const u = await post(`${API}/users`, { login: loginName, name: '风险报告填报员', password: 'walk-rr-pass-1', role: 'enterprise', org_id: w.orgs[org].id }, { token: admin });
    assertStatus(u, 201, `an enterprise user of ${org}`);
    tokens[key] = (await login(loginName, 'walk-rr-pass-1')).token;
  }
  const reports = {};
  for (const key of ['own', 'build', 'shigatse']) {
    const d = await post(`${API}/risk-reports`, { year: RISK_REPORT_YEAR, analysis: '年度风险总体可控', principal: '主要负责人' }, { token: tokens[key] });
    assertStatus(d, 201, `the ${key} enterprise drafts its ${RISK_REPORT_YEAR} risk report`);
    const s = await post(`${API}/risk-reports/${d.json.id}/submit`, { version: d.json.version }, { token: tokens[key] });
    assertStatus(s, 200, `the ${key} enterprise submits it`);
    reports[key] = s.json;
  }
  return { tokens, reports };
}

export function riskReportWalk(getW, getR) {
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
  const sees = (role, key) => readTargets.find(([k]) => k === key)[2][role] === 200;

  // A draft of the enterprise `key` made for one request.
  const draftOf = async (key) => {
    const d = await post(`${API}/risk-reports`, { year: freshYear(key), analysis: '分析', principal: '负责人' }, { token: R().tokens[key] });
    assertStatus(d, 201, `a fresh draft of the ${key} enterprise`);
    return d.json;
  };
  const adminReport = async (id) => {
    const r = await get(`${API}/risk-reports/${id}`, { token: await tokenOf('admin') });
    assertStatus(r, 200);
    return r.json;
  };
  // A write on a fresh draft of `key` (or a missing id): send(t, id, draft).
  const onDraft = (label, key, expect, send, check) => ({
    label, expect,
    async send(t) {
      this.before = key ? await draftOf(key) : null;
      return send(t, this.before ? this.before.id : MISSING_ID, this.before || { version: 1 });
    },
    check(res) { check(res, this.before); },
    async unchanged(res) {
      if (!this.before) return;
      assert.ok(!res.text.includes(this.before.enterprise_name), 'the refusal does not show the report');
      const now = await adminReport(this.before.id);
      assert.equal(now.status, 'draft', 'the draft stays a draft');
      assert.equal(now.version, this.before.version);
      assert.equal(now.analysis, this.before.analysis);
    },
  });
  const patchOf = (label, key, expect) => onDraft(label, key, expect,
    (t, id, d) => patch(`${API}/risk-reports/${id}`, { version: d.version, analysis: '扫描修改' }, { token: t }),
    (res, d) => { assert.equal(res.json.analysis, '扫描修改'); assert.equal(res.json.version, d.version + 1); });
  const submitOf = (label, key, expect) => onDraft(label, key, expect,
    (t, id, d) => post(`${API}/risk-reports/${id}/submit`, { version: d.version }, { token: t }),
    (res, d) => { assert.equal(res.json.status, 'submitted'); assert.equal(res.json.version, d.version + 1); });

  return {
    'GET /api/v1/risk-reports': [{
      label: `the ${RISK_REPORT_YEAR} risk reports`, expect: authed(200),
      send: (t) => get(`${API}/risk-reports?year=${RISK_REPORT_YEAR}&limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.id);
        for (const key of ['own', 'build', 'shigatse']) {
          assert.equal(ids.includes(idOf(key)), sees(role, key), `${role} ${sees(role, key) ? 'sees' : 'does not see'} the ${key} report`);
        }
        if (role === 'enterprise') assert.ok(res.json.items.every((x) => x.enterprise_id === w().orgs.ownEnterprise.id));
      },
    }],
    'GET /api/v1/risk-reports/missing': [{
      label: 'who has not reported a year', expect: authed(200),
      send: (t) => get(`${API}/risk-reports/missing?year=2009&limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.enterprise_id);
        for (const [key, org] of [['own', 'ownEnterprise'], ['build', 'lhasaBuild'], ['shigatse', 'shigatseChem']]) {
          assert.equal(ids.includes(w().orgs[org].id), sees(role, key), `${role} and the ${key} enterprise`);
        }
        assert.equal(res.json.overdue, true);
        if (role !== 'admin') assert.ok(res.json.items.every((x) => x.region_code.startsWith('5401')), 'nothing of another city');
      },
    }],
    'POST /api/v1/risk-reports': [{
      label: 'its own report of a past year', expect: authed(403, { enterprise: 201 }),
      send(t) {
        this.year = freshYear('own');
        return post(`${API}/risk-reports`, { year: this.year, enterprise_id: w().orgs.ownEnterprise.id, analysis: '分析' }, { token: t });
      },
      check(res) {
        assert.equal(res.json.enterprise_id, w().orgs.ownEnterprise.id);
        assert.equal(res.json.year, this.year);
        assert.equal(res.json.status, 'draft');
      },
      async unchanged() {
        const r = await get(`${API}/risk-reports?year=${this.year}`, { token: await tokenOf('admin') });
        assert.deepEqual(r.json.items, [], 'no report was made');
      },
    }],
    'GET /api/v1/risk-reports/{id}': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/risk-reports/${idOf(key)}`, { token: t }),
      check: (res) => {
        assert.equal(res.json.id, idOf(key));
        assert.equal(res.json.year, RISK_REPORT_YEAR);
        assert.ok(Array.isArray(res.json.items), 'the frozen list');
      },
      unchanged(res) {
        if (key) assert.ok(!res.text.includes(R().reports[key].enterprise_name), 'the refusal does not show the report');
      },
    })),
    'PATCH /api/v1/risk-reports/{id}': [
      patchOf("the demo enterprise's own draft", 'own', authed(403, { enterprise: 200 })),
      patchOf("another 拉萨 enterprise's draft", 'build', authed(403, { enterprise: 404 })),
      patchOf("another city's enterprise's draft", 'shigatse', authed(403, { enterprise: 404 })),
      patchOf('a report id that does not exist', null, authed(403, { enterprise: 404 })),
    ],
    'POST /api/v1/risk-reports/{id}/submit': [
      submitOf("the demo enterprise's own draft", 'own', authed(403, { enterprise: 200 })),
      submitOf("another 拉萨 enterprise's draft", 'build', authed(403, { enterprise: 404 })),
      submitOf("another city's enterprise's draft", 'shigatse', authed(403, { enterprise: 404 })),
      submitOf('a report id that does not exist', null, authed(403, { enterprise: 404 })),
    ],
    'GET /api/v1/exports/risk-reports/{id}.xlsx': readTargets.map(([key, label, expect]) => ({
      label: `${label} as XLSX`, expect,
      send: (t) => get(`${API}/exports/risk-reports/${idOf(key)}.xlsx`, { token: t }),
      check: (res) => assert.match(res.headers.get('content-type') || '', /spreadsheetml/),
      unchanged(res) {
        if (key) assert.ok(!res.text.includes(R().reports[key].enterprise_name), 'the refusal does not show the report');
      },
    })),
  };
}
