// The scope walk's part for the assessment (考核) of a plan and the
// documents made from it (DESIGN §3.3): the office and admins configure it;
// they and leaders read the ranking, the half-yearly bulletin and the
// monthly statistics table; departments see the plan but not its
// assessment (403); enterprises and other cities do not see the plan (404).
// Uses the published walk plans of walk_plans.mjs. Imported by scope.test.mjs.

import assert from 'node:assert/strict';
import { API, get, request, tokenOf, assertStatus, unzip } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const MISSING_ID = 987654321;

export const put = (path, body, opts = {}) => request('PUT', path, { ...opts, body });

/** This half-year and month in Asia/Shanghai, as the server counts them. */
export function thisPeriods() {
  const d = new Date(Date.now() + 8 * 3600 * 1000).toISOString();
  const month = d.slice(0, 7);
  return { month, half: `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`, year: d.slice(0, 4) };
}

async function adminConfig(id) {
  const r = await get(`${API}/plans/${id}/assessment-config`, { token: await tokenOf('admin') });
  assertStatus(r, 200, `admin reads the assessment configuration of plan ${id}`);
  return r.json;
}

/** A configuration body that differs from cfg (the weights rotate). */
export function otherConfig(cfg) {
  const keys = Object.keys(cfg.weights);
  const weights = {};
  keys.forEach((k, i) => { weights[k] = cfg.weights[keys[(i + 1) % keys.length]]; });
  return { weights, bands: cfg.bands, veto: cfg.veto, version: cfg.version };
}

export function assessWalk(getW, getP) {
  const P = () => getP();
  const idOf = (key) => (key ? P()[key].id : MISSING_ID);
  const readers = authed(403, { admin: 200, office: 200, leader: 200, enterprise: 404 });
  const readTargets = [
    ['lhasa', "拉萨's published plan", readers],
    ['shigatse', "another city's published plan", authed(404, { admin: 200 })],
    [null, 'a plan id that does not exist', authed(404)],
  ];
  const { half, month } = thisPeriods();

  const reads = (path, check) => readTargets.map(([key, label, expect]) => ({
    label, expect,
    send: (t) => get(`${API}/plans/${idOf(key)}${path}`, { token: t }),
    check: (res) => check(res, key),
  }));
  const download = (file, query, type, check) => readTargets.map(([key, label, expect]) => ({
    label, expect,
    send: (t) => get(`${API}/exports/plans/${idOf(key)}/${file}?${query}`, { token: t }),
    check(res) {
      assert.match(res.headers.get('content-type') || '', type);
      check(res, key);
    },
    unchanged(res) { assert.match(res.headers.get('content-type') || '', /json/, 'a refusal is a JSON error, not the file'); },
  }));
  const xlsxOk = (res) => { assert.ok(Object.keys(unzip(res.buf)).includes('xl/workbook.xml'), 'an XLSX workbook'); };

  const configure = (label, key, expect) => ({
    label, expect,
    async send(t) {
      this.before = key ? await adminConfig(idOf(key)) : null;
      const body = this.before ? otherConfig(this.before)
        : { weights: { report_on_time: 20, task_completion: 20, target_attainment: 20, major_closure: 20, hazard_overdue: 20 },
          bands: { excellent: 90, good: 80, pass: 60 }, veto: { major_hazard_overdue: true, task_overdue_days: 30, cap: 'good' }, version: 0 };
      this.body = body;
      return put(`${API}/plans/${idOf(key)}/assessment-config`, body, { token: t });
    },
    async check(res) {
      assert.deepEqual(res.json.weights, this.body.weights);
      assert.equal(res.json.version, this.before.version + 1);
      assert.deepEqual((await adminConfig(idOf(key))).weights, this.body.weights, 'the configuration is kept');
    },
    async unchanged() {
      if (!key) return;
      const now = await adminConfig(idOf(key));
      assert.equal(now.version, this.before.version, 'the configuration is as it was');
      assert.deepEqual(now.weights, this.before.weights);
    },
  });

  return {
    'GET /api/v1/plans/{id}/assessment-config': reads('/assessment-config', (res, key) => {
      assert.equal(res.json.plan_id, idOf(key));
      assert.equal(Object.values(res.json.weights).reduce((a, b) => a + b, 0), 100);
    }),
    'PUT /api/v1/plans/{id}/assessment-config': [
      configure("拉萨's published plan", 'lhasa', all(403, { admin: 200, office: 200, enterprise: 404, anonymous: 401 })),
      configure("another city's published plan", 'shigatse', all(404, { admin: 200, leader: 403, anonymous: 401 })),
      configure('a plan id that does not exist', null, all(404, { leader: 403, anonymous: 401 })),
    ],
    'GET /api/v1/plans/{id}/assessment': reads(`/assessment?period=${half}`, (res, key) => {
      assert.equal(res.json.plan_id, idOf(key));
      assert.equal(res.json.period, half);
      assert.ok(res.json.items.length >= 1, 'the responsible orgs are ranked');
      for (const row of res.json.items) assert.equal(row.indicators.length, 5);
    }),
    'GET /api/v1/exports/plans/{id}/bulletin.pdf': download('bulletin.pdf', `half=${half}`, /^application\/pdf/, (res) => {
      assert.equal(res.buf.subarray(0, 5).toString('latin1'), '%PDF-');
    }),
    'GET /api/v1/exports/plans/{id}/bulletin.xlsx': download('bulletin.xlsx', `half=${half}`, /spreadsheetml/, xlsxOk),
    'GET /api/v1/exports/plans/{id}/statistics.xlsx': download('statistics.xlsx', `month=${month}`, /spreadsheetml/, xlsxOk),
  };
}
