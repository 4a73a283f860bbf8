// The scope walk's part for the campaign's two lists, notices and the
// yearly and final reports (DESIGN §3.3): an org's own users keep its lists
// and file its reports; the office, admins and leaders read every org's in
// their region, other roles their own org's; only the office (and admins in
// an office's name) issues notices, and only a target org replies, once.
// Imported by scope.test.mjs.

import assert from 'node:assert/strict';
import { API, get, post, patch, login, tokenOf, assertStatus, uniq } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const managers = (adminStatus, officeStatus) => all(403, { admin: adminStatus, office: officeStatus, anonymous: 401 });
const MISSING_ID = 987654321;
// The period of the walk's yearly reports (the walk plans have no period).
const WALK_YEAR = '2031';

function ago(n) {
  return new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
}
const problemBody = () => ({ description: `问题${uniq()}`, found_on: ago(3), responsible: '李四', deadline: ago(-20) });

/**
 * Entries of both lists of 拉萨's 应急管理局 in 拉萨's walk plan and of
 * 日喀则's department in its plan (made by a user of it), and a notice of
 * each city aimed at its department. plans: makeWalkPlans's result.
 */
export async function makeWalkCampaign(w, plans) {
  const admin = await tokenOf('admin');
  const reg = await tokenOf('regulator');
  const name = `walk-shigatse-dept-${uniq()}`;
  assertStatus(await post(`${API}/users`, { login: name, name: '日喀则部门用户', password: 'walk-dept-pass-1', role: 'regulator', org_id: w.orgs.shigatseDept.id }, { token: admin }), 201, 'a user of 日喀则 department');
  const shigatse = (await login(name, 'walk-dept-pass-1')).token;
  const out = { problems: {}, measures: {}, notices: {}, tokens: { shigatse } };
  for (const [key, t] of [['lhasa', reg], ['shigatse', shigatse]]) {
    const p = await post(`${API}/plans/${plans[key].id}/problems`, problemBody(), { token: t });
    assertStatus(p, 201, `a problem of the ${key} department`);
    out.problems[key] = p.json;
    const m = await post(`${API}/plans/${plans[key].id}/measures`, { kind: 'rule', title: `制度${uniq()}` }, { token: t });
    assertStatus(m, 201, `a measure of the ${key} department`);
    out.measures[key] = m.json;
  }
  out.notices.lhasa = (await issue('lhasa', w)).json;
  out.notices.shigatse = (await issue('shigatse', w)).json;
  return out;
}

/** A fresh 督办 of city key's office to its department (issued by the admin in the office's name). */
async function issue(key, w) {
  const office = key === 'lhasa' ? w.orgs.lhasaOffice : w.orgs.shigatseOffice;
  const dept = key === 'lhasa' ? w.orgs.lhasaDept : w.orgs.shigatseDept;
  const r = await post(`${API}/notices`, {
    kind: 'supervise', title: `督办${uniq()}`, body: '请按期整改并回复', targets: [dept.id],
    issuer_org_id: office.id, due_on: ago(-7),
  }, { token: await tokenOf('admin') });
  assertStatus(r, 201, `a 督办 of ${key}`);
  return r;
}

async function adminEntry(kind, planId, id) {
  const r = await get(`${API}/plans/${planId}/${kind}?limit=500`, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  const x = r.json.items.find((i) => i.id === id);
  assert.ok(x, `admin finds ${kind} ${id}`);
  return x;
}

async function adminNoticeCount() {
  const r = await get(`${API}/notices?limit=1`, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  return r.json.total;
}

export function campaignWalk(getW, getP, getC) {
  const P = () => getP();
  const C = () => getC();
  const planId = (key) => (key ? P()[key].id : MISSING_ID);
  const planReads = [
    ['lhasa', "拉萨's published plan", authed(200, { enterprise: 404 })],
    ['shigatse', "another city's published plan", authed(404, { admin: 200 })],
    [null, 'a plan id that does not exist', authed(404)],
  ];
  // Writing into a plan's lists: the org's own users only.
  const planWrites = [
    ['lhasa', "拉萨's plan (the department has tasks in it)", all(403, { regulator: 201, inspector: 201, enterprise: 404, anonymous: 401 })],
    ['shigatse', "another city's plan", all(404, { admin: 403, leader: 403, anonymous: 401 })],
    [null, 'a plan id that does not exist', all(404, { leader: 403, anonymous: 401 })],
  ];
  const entryWrites = [
    ['lhasa', "an entry of 拉萨's 应急管理局", all(403, { regulator: 200, inspector: 200, enterprise: 404, anonymous: 401 })],
    ['shigatse', "an entry of another city's department", all(404, { admin: 403, leader: 403, anonymous: 401 })],
    [null, 'an entry id that does not exist', all(404, { leader: 403, anonymous: 401 })],
  ];

  const listRead = (kind) => planReads.map(([key, label, expect]) => ({
    label, expect,
    send: (t) => get(`${API}/plans/${planId(key)}/${kind}?limit=500`, { token: t }),
    check(res, role) {
      const ids = res.json.items.map((x) => x.id);
      assert.ok(ids.includes(C()[kind][key].id), `${role} reads the ${key} department's entry`);
      assert.equal(res.json.total, res.json.items.length);
    },
  }));
  const listWrite = (kind, body) => planWrites.map(([key, label, expect]) => ({
    label, expect,
    async send(t) {
      this.before = key ? (await get(`${API}/plans/${planId(key)}/${kind}?limit=1`, { token: await tokenOf('admin') })).json.total : 0;
      return post(`${API}/plans/${planId(key)}/${kind}`, body(), { token: t });
    },
    check(res) { assert.equal(res.json.plan_id, planId(key)); assert.equal(res.json.version, 1); },
    async unchanged() {
      if (!key) return;
      const now = (await get(`${API}/plans/${planId(key)}/${kind}?limit=1`, { token: await tokenOf('admin') })).json.total;
      assert.equal(now, this.before, 'nothing was added');
    },
  }));
  const entryWrite = (kind, path, change) => entryWrites.map(([key, label, expect]) => ({
    label, expect,
    async send(t) {
      this.before = key ? await adminEntry(kind, planId(key), C()[kind][key].id) : null;
      this.value = `改${uniq()}`;
      return patch(`${API}/${path}/${this.before ? this.before.id : MISSING_ID}`,
        { version: this.before ? this.before.version : 1, ...change(this.value) }, { token: t });
    },
    check(res) { assert.equal(res.json.version, this.before.version + 1); },
    async unchanged(res) {
      if (!this.before) return;
      const now = await adminEntry(kind, planId(key), this.before.id);
      assert.equal(now.version, this.before.version, 'the entry keeps its version');
      if (res.status === 404) assert.ok(!res.text.includes(this.before.org_name), 'the refusal does not show the entry');
    },
  }));

  const noticeReads = [
    ['lhasa', "a 督办 of 拉萨's office to its 应急管理局", authed(200, { enterprise: 404 })],
    ['shigatse', "a 督办 of another city", authed(404, { admin: 200 })],
    [null, 'a notice id that does not exist', authed(404)],
  ];
  const noticeId = (key) => (key ? C().notices[key].id : MISSING_ID);
  const notify = (label, targetKey, expect) => ({
    label, expect,
    async send(t) {
      this.before = await adminNoticeCount();
      const w = getW();
      return post(`${API}/notices`, {
        kind: 'bulletin', title: `通报${uniq()}`, body: '通报正文', targets: [w.orgs[targetKey].id],
        issuer_org_id: w.orgs.lhasaOffice.id,
      }, { token: t });
    },
    check(res) { assert.match(res.json.code, /^通报〔\d{4}〕\d+号$/); assert.equal(res.json.targets_count, 1); },
    async unchanged() { assert.equal(await adminNoticeCount(), this.before, 'no notice was issued'); },
  });
  const reply = (label, key, expect) => ({
    label, expect,
    async send(t) {
      this.notice = key ? (await issue(key, getW())).json : null;
      return post(`${API}/notices/${this.notice ? this.notice.id : MISSING_ID}/replies`, { text: '收悉，正在整改' }, { token: t });
    },
    check(res) { assert.equal(res.json.my_reply, 'replied'); assert.equal(res.json.replied_count, 1); },
    async unchanged() {
      if (!this.notice) return;
      const r = await get(`${API}/notices/${this.notice.id}`, { token: await tokenOf('admin') });
      assert.equal(r.json.replied_count, 0, 'no reply was kept');
    },
  });
  const days = (label, key, expect) => ({
    label, expect,
    async send(t) {
      this.before = key ? (await get(`${API}/plans/${planId(key)}`, { token: await tokenOf('admin') })).json : null;
      this.day = this.before && this.before.year_report_day === '12-20' ? '12-18' : '12-20';
      return patch(`${API}/plans/${planId(key)}`, { version: this.before ? this.before.version : 1, year_report_day: this.day }, { token: t });
    },
    check(res) { assert.equal(res.json.year_report_day, this.day); assert.equal(res.json.version, this.before.version + 1); },
    async unchanged() {
      if (!this.before) return;
      const now = (await get(`${API}/plans/${planId(key)}`, { token: await tokenOf('admin') })).json;
      assert.equal(now.version, this.before.version);
      assert.equal(now.year_report_day, this.before.year_report_day);
    },
  });

  return {
    'PATCH /api/v1/plans/{id}': [
      days("拉萨's plan", 'lhasa', managers(200, 200)),
      days("another city's plan", 'shigatse', managers(200, 404)),
      days('a plan that does not exist', null, managers(404, 404)),
    ],
    'GET /api/v1/plans/{id}/problems': listRead('problems'),
    'POST /api/v1/plans/{id}/problems': listWrite('problems', problemBody),
    'PATCH /api/v1/plan-problems/{id}': entryWrite('problems', 'plan-problems', (v) => ({ measures: v })),
    'GET /api/v1/plans/{id}/measures': listRead('measures'),
    'POST /api/v1/plans/{id}/measures': listWrite('measures', () => ({ kind: 'standard', title: `标准${uniq()}` })),
    'PATCH /api/v1/plan-measures/{id}': entryWrite('measures', 'plan-measures', (v) => ({ description: v })),
    'GET /api/v1/plans/{id}/reports': planReads.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/plans/${planId(key)}/reports?period=${WALK_YEAR}`, { token: t }),
      check(res) {
        assert.equal(res.json.reported + res.json.missing, res.json.total);
        assert.equal(res.json.due, `${WALK_YEAR}-12-${res.json.due.slice(8)}`);
        assert.ok(res.json.items.every((x) => typeof x.reported === 'boolean'));
      },
    })),
    'POST /api/v1/plans/{id}/reports': planWrites.map(([key, label, expect]) => ({
      label,
      // The regulator files the year's report; the inspector of the same
      // department then finds it in already.
      expect: key === 'lhasa' ? { ...expect, inspector: 409 } : expect,
      send: (t) => post(`${API}/plans/${planId(key)}/reports`, { period: WALK_YEAR, text: '年度开展情况' }, { token: t }),
      check(res) { assert.equal(res.json.period, WALK_YEAR); assert.equal(res.json.reported, true); },
    })),
    'GET /api/v1/notices': [{
      label: 'the notices it sees', expect: authed(200),
      send: (t) => get(`${API}/notices?limit=500`, { token: t }),
      check(res, role) {
        const ids = res.json.items.map((n) => n.id);
        assert.equal(ids.includes(noticeId('lhasa')), role !== 'enterprise', `${role} and 拉萨's 督办`);
        assert.equal(ids.includes(noticeId('shigatse')), role === 'admin', `${role} and another city's 督办`);
      },
    }],
    'POST /api/v1/notices': [
      notify("a 通报 to 拉萨's 应急管理局", 'lhasaDept', all(403, { admin: 201, office: 201, anonymous: 401 })),
      notify("a 通报 to another city's department", 'shigatseDept', all(403, { admin: 201, office: 422, anonymous: 401 })),
    ],
    'GET /api/v1/notices/{id}': noticeReads.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/notices/${noticeId(key)}`, { token: t }),
      check(res) { assert.equal(res.json.id, noticeId(key)); assert.ok(Array.isArray(res.json.targets)); },
      unchanged(res) { if (key) assert.ok(!res.text.includes(C().notices[key].title), 'the refusal does not show the notice'); },
    })),
    'POST /api/v1/notices/{id}/replies': [
      reply("a 督办 aimed at 拉萨's 应急管理局", 'lhasa', all(403, { regulator: 201, inspector: 201, enterprise: 404, anonymous: 401 })),
      reply("a 督办 of another city", 'shigatse', all(404, { admin: 403, leader: 403, anonymous: 401 })),
      reply('a notice that does not exist', null, all(404, { leader: 403, anonymous: 401 })),
    ],
  };
}
