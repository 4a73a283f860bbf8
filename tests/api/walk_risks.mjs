// The scope walk's part for dual prevention (双重预防, DESIGN §3.2): risk
// points, their re-assessments, check items, check tasks and their records,
// the four-colour statistics and the risk list. Scope exactly as for hazards;
// only an enterprise (its own) and the admin write, every other role reads.
// Imported by scope.test.mjs; targets follow its shape.

import assert from 'node:assert/strict';
import { API, get, post, patch, del, tokenOf, assertStatus, uniq, xlsxRows } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const MISSING_ID = 987654321;

/** A risk point body: LEC 3 × 6 × 7 = 126, 一般 (yellow). */
export function riskBody(enterpriseId, extra = {}) {
  return {
    ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
    name: `储罐区${uniq()}`, kind: 'place', location: '罐区东侧', hazard_factors: '可燃液体泄漏、静电',
    accident_types: ['火灾', '容器爆炸'], assessment: { method: 'lec', l: 3, e: 6, c: 7 },
    measures: { engineering: '可燃气体报警联锁', management: '动火作业审批', emergency: '泄漏处置卡' },
    tier: 'workshop', responsible: '张工', ...extra,
  };
}

export function itemBody(riskId, extra = {}) {
  return {
    risk_id: riskId, measure: 'engineering', what: `可燃气体报警器完好${uniq()}`, how: '现场试验报警',
    cadence: 'daily', tier: 'team', responsible: '班组长', ...extra,
  };
}

async function adminRisk(w, orgKey) {
  const r = await post(`${API}/risks`, riskBody(w.orgs[orgKey].id), { token: await tokenOf('admin') });
  assertStatus(r, 201, `admin identifies a risk point of ${orgKey}`);
  return r.json;
}

async function adminRiskNow(id) {
  const r = await get(`${API}/risks/${id}`, { token: await tokenOf('admin') });
  assertStatus(r, 200, `admin reads risk point ${id}`);
  return r.json;
}

/** A fresh check item of risk point riskId and its task of today. */
async function adminItemAndTask(riskId) {
  const admin = await tokenOf('admin');
  const it = await post(`${API}/check-items`, itemBody(riskId), { token: admin });
  assertStatus(it, 201, `admin adds a check item to risk point ${riskId}`);
  const tasks = await get(`${API}/check-tasks?item=${it.json.id}`, { token: admin });
  assertStatus(tasks, 200);
  assert.equal(tasks.json.items.length, 1, 'a new item has its task of the current period');
  return { item: it.json, task: tasks.json.items[0] };
}

/** Risk points of the demo enterprise, a 拉萨 建筑施工 one and a 日喀则 one, each with an item and a task. */
export async function makeWalkRisks(w) {
  const out = {};
  for (const [key, org] of [['own', 'ownEnterprise'], ['build', 'lhasaBuild'], ['shigatse', 'shigatseChem']]) {
    const risk = await adminRisk(w, org);
    const { item, task } = await adminItemAndTask(risk.id);
    out[key] = { risk, item, task };
  }
  return out;
}

export function riskWalk(getW, getR) {
  const w = () => getW();
  const R = () => getR();
  const ORGS = { own: 'ownEnterprise', build: 'lhasaBuild', shigatse: 'shigatseChem' };
  const readTargets = [
    ['own', 'of the demo enterprise (拉萨 危险化学品)', authed(200)],
    ['build', "of a 拉萨 建筑施工 enterprise (not the department's industry)",
      authed(200, { regulator: 404, inspector: 404, enterprise: 404 })],
    ['shigatse', "of another city's enterprise", authed(404, { admin: 200 })],
    [null, 'an id that does not exist', authed(404)],
  ];
  // Writes: the role decides first (403), then the scope (404).
  const writeTargets = [
    ['own', 'of the demo enterprise (the enterprise user\'s own)', authed(403, { admin: 200, enterprise: 200 })],
    ['build', 'of another 拉萨 enterprise', authed(403, { admin: 200, enterprise: 404 })],
    ['shigatse', "of another city's enterprise", authed(403, { admin: 200, enterprise: 404 })],
    [null, 'an id that does not exist', authed(403, { admin: 404, enterprise: 404 })],
  ];
  const as201 = (exp) => Object.fromEntries(Object.entries(exp).map(([k, v]) => [k, v === 200 ? 201 : v]));
  const as204 = (exp) => Object.fromEntries(Object.entries(exp).map(([k, v]) => [k, v === 200 ? 204 : v]));
  // nameOf() is read when the refusal comes, after the fixtures exist.
  const hidden = (nameOf) => (res) => {
    const name = nameOf();
    if (name) assert.ok(!res.text.includes(name), 'the refusal does not show the object');
    assert.ok(!('id' in (res.json || {})), 'the refusal is an error');
  };
  const sees = (role, key) => readTargets.find(([k]) => k === key)[2][role] === 200;

  const riskRead = (suffix, check) => readTargets.map(([key, label, expect]) => ({
    label: `a risk point ${label}`, expect,
    send: (t) => get(`${API}/risks/${key ? R()[key].risk.id : MISSING_ID}${suffix}`, { token: t }),
    check: (res) => check(res, key),
    unchanged: hidden(() => key && R()[key].risk.name),
  }));

  return {
    'GET /api/v1/risk-methods': [{
      label: 'the methods\' tables and bands', expect: authed(200),
      send: (t) => get(`${API}/risk-methods`, { token: t }),
      check(res) {
        assert.deepEqual(res.json.lec.l, [10, 6, 3, 1, 0.5, 0.2, 0.1]);
        assert.deepEqual(res.json.lec.bands, { red: 320, orange: 160, yellow: 70 });
        assert.deepEqual(res.json.ls.bands, { red: 20, orange: 15, yellow: 9 });
        assert.equal(res.json.accident_types.length, 20);
      },
    }],
    'GET /api/v1/risks': [{
      label: 'the risk points of 西藏', expect: authed(200),
      send: (t) => get(`${API}/risks?region=540000000000&limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.id);
        for (const key of ['own', 'build', 'shigatse']) {
          assert.equal(ids.includes(R()[key].risk.id), sees(role, key), `${role} and the ${key} risk point`);
        }
        if (role === 'enterprise') assert.ok(res.json.items.every((x) => x.enterprise_id === w().orgs.ownEnterprise.id));
      },
    }],
    'POST /api/v1/risks': Object.entries({
      own: authed(403, { admin: 201, enterprise: 201 }),
      build: authed(403, { admin: 201, enterprise: 404 }),
      shigatse: authed(403, { admin: 201, enterprise: 404 }),
    }).map(([key, expect]) => ({
      label: `a risk point ${readTargets.find(([k]) => k === key)[1]}`, expect,
      send(t) { this.sent = riskBody(w().orgs[ORGS[key]].id); return post(`${API}/risks`, this.sent, { token: t }); },
      check(res) {
        assert.equal(res.json.enterprise_id, w().orgs[ORGS[key]].id);
        assert.equal(res.json.score, 126);
        assert.equal(res.json.level, 'general');
        assert.equal(res.json.colour, 'yellow');
      },
      async unchanged() {
        const r = await get(`${API}/risks?q=${encodeURIComponent(this.sent.name)}`, { token: await tokenOf('admin') });
        assert.deepEqual(r.json.items, [], 'no risk point was made');
      },
    })),
    'GET /api/v1/risks/{id}': riskRead('', (res, key) => assert.equal(res.json.id, R()[key].risk.id)),
    'GET /api/v1/risks/{id}/assessments': riskRead('/assessments', (res) => {
      assert.ok(res.json.items.length >= 1);
      assert.equal(res.json.items[0].level_before, null, 'the first assessment has no level before');
    }),
    'PATCH /api/v1/risks/{id}': writeTargets.map(([key, label, expect]) => ({
      label: `a risk point ${label}`, expect,
      async send(t) {
        this.before = key ? await adminRiskNow(R()[key].risk.id) : null;
        this.name = `改名风险点${uniq()}`;
        return patch(`${API}/risks/${this.before ? this.before.id : MISSING_ID}`,
          { version: this.before ? this.before.version : 1, name: this.name }, { token: t });
      },
      check(res) {
        assert.equal(res.json.name, this.name);
        assert.equal(res.json.version, this.before.version + 1);
        assert.equal(res.json.level, this.before.level, 'the assessment is untouched');
      },
      async unchanged(res) {
        if (!this.before) return;
        hidden(() => this.before.name)(res);
        const now = await adminRiskNow(this.before.id);
        assert.equal(now.version, this.before.version, 'the risk point keeps its version');
      },
    })),
    'POST /api/v1/risks/{id}/assessments': writeTargets.map(([key, label, expect]) => ({
      label: `a risk point ${label}`, expect: as201(expect),
      async send(t) {
        this.before = key ? await adminRiskNow(R()[key].risk.id) : null;
        return post(`${API}/risks/${this.before ? this.before.id : MISSING_ID}/assessments`, {
          version: this.before ? this.before.version : 1, reason: '复评', assessment: { method: 'ls', l: 3, s: 3 },
        }, { token: t });
      },
      check(res) {
        assert.equal(res.json.assessment.method, 'ls');
        assert.equal(res.json.score, 9);
        assert.equal(res.json.level, 'general');
        assert.equal(res.json.version, this.before.version + 1);
      },
      async unchanged() {
        if (!this.before) return;
        const now = await adminRiskNow(this.before.id);
        assert.equal(now.version, this.before.version, 'no re-assessment happened');
      },
    })),
    'GET /api/v1/check-items': [{
      label: 'the check items of 西藏', expect: authed(200),
      send: (t) => get(`${API}/check-items?limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.id);
        for (const key of ['own', 'build', 'shigatse']) {
          assert.equal(ids.includes(R()[key].item.id), sees(role, key), `${role} and the ${key} item`);
        }
      },
    }],
    'POST /api/v1/check-items': writeTargets.map(([key, label, expect]) => ({
      label: `an item of a risk point ${label}`, expect: as201(expect),
      send(t) {
        this.sent = itemBody(key ? R()[key].risk.id : MISSING_ID);
        return post(`${API}/check-items`, this.sent, { token: t });
      },
      check(res) {
        assert.equal(res.json.risk_id, R()[key].risk.id);
        assert.equal(res.json.what, this.sent.what);
      },
      async unchanged(res) {
        if (res.status === 404) assert.equal(res.json.error.field, 'risk_id');
        if (!key) return;
        const r = await get(`${API}/check-items?risk=${R()[key].risk.id}&limit=500`, { token: await tokenOf('admin') });
        assert.ok(!r.json.items.some((x) => x.what === this.sent.what), 'no item was added');
      },
    })),
    'GET /api/v1/check-items/{id}': readTargets.map(([key, label, expect]) => ({
      label: `an item ${label}`, expect,
      send: (t) => get(`${API}/check-items/${key ? R()[key].item.id : MISSING_ID}`, { token: t }),
      check: (res) => assert.equal(res.json.id, R()[key].item.id),
      unchanged: hidden(() => key && R()[key].item.what),
    })),
    'PATCH /api/v1/check-items/{id}': writeTargets.map(([key, label, expect]) => ({
      label: `an item ${label}`, expect,
      async send(t) {
        this.before = key ? (await get(`${API}/check-items/${R()[key].item.id}`, { token: await tokenOf('admin') })).json : null;
        this.how = `查看记录${uniq()}`;
        return patch(`${API}/check-items/${this.before ? this.before.id : MISSING_ID}`,
          { version: this.before ? this.before.version : 1, how: this.how }, { token: t });
      },
      check(res) { assert.equal(res.json.how, this.how); assert.equal(res.json.version, this.before.version + 1); },
      async unchanged() {
        if (!this.before) return;
        const now = await get(`${API}/check-items/${this.before.id}`, { token: await tokenOf('admin') });
        assert.equal(now.json.version, this.before.version, 'the item keeps its version');
      },
    })),
    'DELETE /api/v1/check-items/{id}': writeTargets.map(([key, label, expect]) => ({
      label: `a fresh item ${label}`, expect: as204(expect),
      async send(t) {
        this.item = key ? (await adminItemAndTask(R()[key].risk.id)).item : null;
        return del(`${API}/check-items/${this.item ? this.item.id : MISSING_ID}`, { token: t });
      },
      async check() {
        const now = await get(`${API}/check-items/${this.item.id}`, { token: await tokenOf('admin') });
        assert.equal(now.json.active, false, 'the item is retired, not gone');
      },
      async unchanged() {
        if (!this.item) return;
        const now = await get(`${API}/check-items/${this.item.id}`, { token: await tokenOf('admin') });
        assert.equal(now.json.active, true, 'the item is still active');
      },
    })),
    'GET /api/v1/check-tasks': [{
      label: 'the check tasks of 西藏', expect: authed(200),
      send: (t) => get(`${API}/check-tasks?region=540000000000&limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((x) => x.id);
        for (const key of ['own', 'build', 'shigatse']) {
          assert.equal(ids.includes(R()[key].task.id), sees(role, key), `${role} and the ${key} task`);
        }
      },
    }, {
      label: 'the missed check tasks', expect: authed(200),
      send: (t) => get(`${API}/check-tasks?missed=true&limit=500`, { token: t }),
      check(res) {
        assert.ok(res.json.items.every((x) => x.status === 'pending' && x.missed), 'only missed tasks');
      },
    }],
    'GET /api/v1/check-tasks/{id}': readTargets.map(([key, label, expect]) => ({
      label: `a task ${label}`, expect,
      send: (t) => get(`${API}/check-tasks/${key ? R()[key].task.id : MISSING_ID}`, { token: t }),
      check: (res) => assert.equal(res.json.id, R()[key].task.id),
      unchanged: hidden(() => key && R()[key].item.what),
    })),
    'POST /api/v1/check-tasks/{id}/records': writeTargets.map(([key, label, expect]) => ({
      label: `a fresh task ${label}`, expect: as201(expect),
      async send(t) {
        this.task = key ? (await adminItemAndTask(R()[key].risk.id)).task : null;
        return post(`${API}/check-tasks/${this.task ? this.task.id : MISSING_ID}/records`,
          { result: 'ok', note: '正常' }, { token: t });
      },
      check(res) {
        assert.equal(res.json.status, 'done');
        assert.equal(res.json.record.result, 'ok');
      },
      async unchanged() {
        if (!this.task) return;
        const now = await get(`${API}/check-tasks/${this.task.id}`, { token: await tokenOf('admin') });
        assert.equal(now.json.status, 'pending', 'the task is still to do');
      },
    })),
    'GET /api/v1/stats/risks': [{
      label: "its own city's four colours", expect: authed(200),
      send: (t) => get(`${API}/stats/risks?region=540100000000`, { token: t }),
      async check(res, role) {
        const list = await get(`${API}/risks?region=540100000000&limit=1`, { token: await tokenOf(role) });
        const t = res.json.total.risks;
        assert.equal(t.red + t.orange + t.yellow + t.blue, list.json.total, `${role}: the colours count the risk points it lists`);
      },
    }, {
      label: "another city's four colours", expect: authed(200),
      send: (t) => get(`${API}/stats/risks?region=540200000000`, { token: t }),
      check(res, role) {
        const t = res.json.total.risks;
        const n = t.red + t.orange + t.yellow + t.blue;
        if (role === 'admin') assert.ok(n >= 1, 'the admin counts 日喀则\'s risk points');
        else assert.equal(n, 0, `${role} counts nothing of another city`);
      },
    }],
    // The map: an enterprise is on it when the caller sees it and it has
    // coordinates (the demo's have, 日喀则's fixture has none: counted apart).
    'GET /api/v1/stats/risks/map': [{
      label: "西藏's four-colour map", expect: authed(200),
      send: (t) => get(`${API}/stats/risks/map?region=540000000000`, { token: t }),
      check(res, role) {
        const onMap = res.json.enterprises.map((e) => e[0]);
        for (const key of ['own', 'build']) {
          assert.equal(onMap.includes(w().orgs[ORGS[key]].id), sees(role, key), `${role} and the ${key} enterprise`);
        }
        assert.ok(!onMap.includes(w().orgs.shigatseChem.id), 'no coordinates: not on the map');
        if (role === 'enterprise') assert.deepEqual(onMap, [w().orgs.ownEnterprise.id], 'an enterprise sees itself');
      },
    }, {
      label: "another city's four-colour map", expect: authed(200),
      send: (t) => get(`${API}/stats/risks/map?region=540200000000`, { token: t }),
      check(res, role) {
        if (role === 'admin') {
          assert.ok(res.json.without_coordinates >= 1, "the admin counts 日喀则's enterprise without coordinates");
        } else {
          assert.deepEqual(res.json.enterprises, [], `${role} sees nothing of another city`);
          assert.equal(res.json.without_coordinates, 0, `${role} counts nothing of another city`);
        }
      },
    }, {
      label: 'a colour that does not exist', expect: authed(422),
      send: (t) => get(`${API}/stats/risks/map?colour=green`, { token: t }),
      unchanged: (res) => { if (res.status === 422) assert.equal(res.json.error.field, 'colour'); },
    }],
    'GET /api/v1/exports/risks.xlsx': readTargets.map(([key, label, expect]) => ({
      label: `the risk list of the enterprise ${label}`, expect,
      send: (t) => get(`${API}/exports/risks.xlsx?enterprise=${key ? w().orgs[ORGS[key]].id : MISSING_ID}`, { token: t }),
      async check(res) {
        const rows = xlsxRows(res.buf);
        const now = await adminRiskNow(R()[key].risk.id); // the walk renames it
        assert.equal(rows[0][2], '风险点名称');
        assert.ok(rows.some((r) => r.includes(now.name)), 'the list holds the enterprise\'s risk point');
        assert.ok(rows.slice(1).every((r) => r[1] === w().orgs[ORGS[key]].name), 'and only that enterprise\'s');
      },
      unchanged: hidden(() => key && R()[key].risk.name),
    })),
    'GET /api/v1/exports/risks/{id}/card.pdf': readTargets.map(([key, label, expect]) => ({
      label: `the notice card of a risk point ${label}`, expect,
      send: (t) => get(`${API}/exports/risks/${key ? R()[key].risk.id : MISSING_ID}/card.pdf`, { token: t }),
      check(res) {
        assert.match(res.headers.get('content-type') || '', /^application\/pdf/);
        assert.equal(res.buf.subarray(0, 5).toString('latin1'), '%PDF-');
      },
      unchanged(res) {
        assert.match(res.headers.get('content-type') || '', /json/, 'a refusal is a JSON error, not the file');
        hidden(() => key && R()[key].risk.name)(res);
      },
    })),
    'GET /api/v1/exports/risk-cards.pdf': readTargets.map(([key, label, expect]) => ({
      label: `the notice cards of the enterprise ${label}`, expect,
      send: (t) => get(`${API}/exports/risk-cards.pdf?enterprise=${key ? w().orgs[ORGS[key]].id : MISSING_ID}`, { token: t }),
      check(res) {
        assert.match(res.headers.get('content-type') || '', /^application\/pdf/);
        assert.equal(res.buf.subarray(0, 5).toString('latin1'), '%PDF-');
      },
      unchanged(res) {
        assert.match(res.headers.get('content-type') || '', /json/, 'a refusal is a JSON error, not the file');
      },
    })),
  };
}
