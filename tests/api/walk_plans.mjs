// The scope walk's part for plan documents and their tasks (DESIGN §3.3):
// the office (and admins) keep, map and publish plans of their region;
// government orgs of the region read them; enterprises do not see them.
// Imported by scope.test.mjs.

import assert from 'node:assert/strict';
import { API, get, post, tokenOf, listAll, assertStatus, uniq } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const managers = (adminStatus, officeStatus) => all(403, { admin: adminStatus, office: officeStatus, anonymous: 401 });
const MISSING_ID = 987654321;
const LHASA = '540100000000';
const SHIGATSE = '540200000000';

/** A short plan document of city with two tasks and their lead units. */
export function planText(city) {
  return `${city}安全生产专项整治三年行动实施方案

为深入贯彻落实安全生产专项整治三年行动部署，制定本方案。

一、工作目标
到2022年底，重大安全风险得到有效管控。

二、重点任务
（一）危险化学品安全整治。2022年底前完成重点企业自动化改造（市应急管理局牵头，市公安局、市交通运输局、市消防救援支队配合）。
（二）建筑施工安全整治。2021年6月底前完成起重机械隐患排查（市住房和城乡建设局负责）。
`;
}

async function plansAs(role) {
  const t = await tokenOf(role);
  const out = [];
  let cursor = '';
  for (let i = 0; i < 100; i++) {
    const r = await get(`${API}/plans?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { token: t });
    assertStatus(r, 200, `${role} lists plans`);
    out.push(...r.json.items);
    if (r.json.next === null) return out;
    cursor = r.json.next;
  }
  throw new Error('the plan list never ended');
}

async function adminPlan(id) {
  const r = await get(`${API}/plans/${id}`, { token: await tokenOf('admin') });
  assertStatus(r, 200, `admin reads plan ${id}`);
  return r.json;
}

/** A draft plan of the region, made by the admin (its lead units are mapped by makeWalkPlans). */
async function adminDraft(region) {
  const r = await post(`${API}/plans`, { text: planText(region === LHASA ? '拉萨市' : '日喀则市'), region_code: region },
    { token: await tokenOf('admin') });
  assertStatus(r, 201, `admin keeps a draft plan of ${region}`);
  return r.json;
}

/** Published plans of 拉萨 and of 日喀则, with their lead units mapped to orgs. */
export async function makeWalkPlans(w) {
  const admin = await tokenOf('admin');
  const orgs = (await listAll(`${API}/orgs?kind=department`, admin)).items;
  const housing = orgs.find((o) => o.name === '拉萨市住房和城乡建设局');
  assert.ok(housing, 'the demo has 拉萨市住房和城乡建设局');
  const out = {};
  for (const [key, region, map] of [
    ['lhasa', LHASA, { 市应急管理局: w.orgs.lhasaDept.id, 市住房和城乡建设局: housing.id }],
    ['shigatse', SHIGATSE, { 市应急管理局: w.orgs.shigatseDept.id, 市住房和城乡建设局: w.orgs.shigatseDept.id }],
  ]) {
    const draft = await adminDraft(region);
    for (const [name, orgId] of Object.entries(map)) {
      assertStatus(await post(`${API}/plans/${draft.id}/units`, { name, org_id: orgId }, { token: admin }), 200, `map ${name}`);
    }
    const pub = await post(`${API}/plans/${draft.id}/publish`, { version: draft.version }, { token: admin });
    assertStatus(pub, 200, `publish the ${key} plan`);
    assert.ok(pub.json.published.tasks >= 2, 'publishing makes tasks');
    out[key] = pub.json;
  }
  return out;
}

export function planWalk(getW, getP) {
  const P = () => getP();
  const readers = { enterprise: 404 };
  const seesLhasa = (role) => !['enterprise', 'anonymous'].includes(role);
  const readTargets = [
    ['lhasa', "拉萨's published plan", authed(200, readers)],
    ['shigatse', "another city's published plan", authed(404, { admin: 200 })],
    [null, 'a plan id that does not exist', authed(404)],
  ];
  const idOf = (key) => (key ? P()[key].id : MISSING_ID);
  // The task of each walk plan led by its city's 应急管理局 (the regulator's department).
  const taskIds = {};
  async function taskOf(key) {
    if (!key) return MISSING_ID;
    if (!taskIds[key]) {
      const w = getW();
      const dept = key === 'lhasa' ? w.orgs.lhasaDept.id : w.orgs.shigatseDept.id;
      const r = await get(`${API}/tasks?plan=${P()[key].id}&org=${dept}&limit=500`, { token: await tokenOf('admin') });
      assertStatus(r, 200, `admin lists the ${key} plan's tasks`);
      assert.ok(r.json.items.length >= 1, `the ${key} plan has a task of its 应急管理局`);
      taskIds[key] = r.json.items[0].id;
    }
    return taskIds[key];
  }
  const taskTargets = [
    ['lhasa', "a task of 拉萨's published plan", authed(200, readers)],
    ['shigatse', "a task of another city's plan", authed(404, { admin: 200 })],
    [null, 'a task id that does not exist', authed(404)],
  ];
  const reportOn = (label, key, expect) => ({
    label, expect,
    async send(t) {
      return post(`${API}/tasks/${await taskOf(key)}/reports`, { text: `完成情况${uniq()}`, percent: 40 }, { token: t });
    },
    check(res) { assert.equal(res.json.percent, 40); assert.equal(typeof res.json.late, 'boolean'); },
  });

  const create = (label, region, expect) => ({
    label, expect,
    async send(t) {
      this.before = (await plansAs('admin')).length;
      return post(`${API}/plans`, { text: planText('测试市'), region_code: region }, { token: t });
    },
    check(res) {
      assert.equal(res.json.status, 'draft');
      assert.equal(res.json.region_code, region);
      assert.equal(res.json.title, '测试市安全生产专项整治三年行动实施方案');
    },
    async unchanged(res) {
      if (res.status === 422) assert.equal(res.json.error.field, 'region_code');
      assert.equal((await plansAs('admin')).length, this.before, 'no plan was kept');
    },
  });

  // Map a unit the plan names (each target its own) to one of two orgs:
  // whichever it is not mapped to now, so that a refusal can be seen to
  // leave the mapping as it was.
  const mappingOf = async (key, name) => {
    const u = (await adminPlan(idOf(key))).units.find((x) => x.name === name);
    assert.ok(u, `the plan names '${name}'`);
    return u.org_id;
  };
  const mapUnit = (label, key, name, orgKeys, expect) => ({
    label, expect,
    async send(t) {
      const ids = orgKeys.map((k) => getW().orgs[k].id);
      this.current = key ? await mappingOf(key, name) : null;
      this.org = ids.find((id) => id !== this.current);
      return post(`${API}/plans/${idOf(key)}/units`, { name, org_id: this.org }, { token: t });
    },
    async check(res) {
      assert.equal(res.json.org_id, this.org);
      assert.equal(await mappingOf(key, name), this.org, 'the mapping is kept');
    },
    async unchanged() {
      if (key) assert.equal(await mappingOf(key, name), this.current, 'the mapping is as it was');
    },
  });

  const publish = (label, region, expect) => ({
    label, expect,
    async send(t) {
      this.before = region ? await adminDraft(region) : null;
      return post(`${API}/plans/${this.before ? this.before.id : MISSING_ID}/publish`, { version: this.before ? this.before.version : 1 }, { token: t });
    },
    check(res) {
      assert.equal(res.json.status, 'published');
      assert.ok(res.json.published.tasks >= 2);
    },
    async unchanged() {
      if (!this.before) return;
      const now = await adminPlan(this.before.id);
      assert.equal(now.status, 'draft', 'the plan stays a draft');
      assert.equal(now.version, this.before.version);
    },
  });

  return {
    'POST /api/v1/plans/parse': [{
      label: 'a plan document (parsed, not kept)', expect: authed(200),
      async send(t) {
        this.before = (await plansAs('admin')).length;
        return post(`${API}/plans/parse`, { text: planText('拉萨市') }, { token: t });
      },
      async check(res) {
        assert.equal(res.json.title, '拉萨市安全生产专项整治三年行动实施方案');
        assert.ok(res.json.nodes.some((n) => n.lead.includes('市应急管理局')));
        assert.equal((await plansAs('admin')).length, this.before, 'parsing keeps nothing');
      },
    }],
    'GET /api/v1/plans': [{
      label: 'the plans it may read', expect: authed(200),
      async send(t, role) { this.role = role; return get(`${API}/plans?limit=500`, { token: t }); },
      check(res, role) {
        const ids = res.json.items.map((p) => p.id);
        assert.equal(ids.includes(P().lhasa.id), seesLhasa(role), `${role} and 拉萨's plan`);
        assert.equal(ids.includes(P().shigatse.id), role === 'admin', `${role} and another city's plan`);
        if (role !== 'admin') assert.ok(res.json.items.every((p) => p.region_code.startsWith('5401')));
      },
    }],
    'POST /api/v1/plans': [
      create('a plan of its own city', LHASA, managers(201, 201)),
      create('a plan of another city', SHIGATSE, managers(201, 422)),
    ],
    'GET /api/v1/plans/{id}': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/plans/${idOf(key)}`, { token: t }),
      check: (res) => { assert.equal(res.json.id, idOf(key)); assert.ok(Array.isArray(res.json.nodes) && res.json.nodes.length >= 4); },
      unchanged(res) { if (key) assert.ok(!res.text.includes('重点任务'), 'the refusal does not show the plan'); },
    })),
    'GET /api/v1/plans/{id}/source': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/plans/${idOf(key)}/source`, { token: t }),
      check: (res) => {
        assert.match(res.headers.get('content-type') || '', /^text\/plain/);
        assert.ok(res.text.includes('安全生产专项整治三年行动'), 'the document as it was imported');
      },
      unchanged(res) { if (key) assert.ok(!res.text.includes('重点任务'), 'the refusal does not show the plan'); },
    })),
    'POST /api/v1/plans/{id}/units': [
      mapUnit("a unit of 拉萨's plan to a 拉萨 org", 'lhasa', '市公安局', ['lhasaDept', 'lhasaOffice'], managers(200, 200)),
      mapUnit("a unit of 拉萨's plan to another city's org", 'lhasa', '市交通运输局', ['shigatseDept', 'shigatseOffice'], managers(200, 422)),
      mapUnit("a unit of another city's plan", 'shigatse', '市消防救援支队', ['shigatseDept', 'shigatseOffice'], managers(200, 404)),
      mapUnit('a unit of a plan that does not exist', null, '市公安局', ['lhasaDept', 'lhasaOffice'], managers(404, 404)),
    ],
    'POST /api/v1/plans/{id}/publish': [
      publish("a draft plan of 拉萨", LHASA, managers(200, 200)),
      publish("a draft plan of another city", SHIGATSE, managers(200, 404)),
      publish('a plan that does not exist', null, managers(404, 404)),
    ],
    'GET /api/v1/tasks': [{
      label: 'the tasks of the orgs it sees', expect: authed(200),
      send: (t) => get(`${API}/tasks?limit=500`, { token: t }),
      async check(res, role) {
        const t = await tokenOf(role);
        const plans = new Set(res.json.items.map((x) => x.plan_id));
        assert.equal(plans.has(P().shigatse.id), role === 'admin', `${role} and another city's tasks`);
        if (['admin', 'office', 'leader'].includes(role)) assert.ok(plans.has(P().lhasa.id), `${role} sees 拉萨's tasks`);
        if (role === 'enterprise') assert.deepEqual(res.json.items, [], 'an enterprise has no plan tasks');
        for (const orgId of new Set(res.json.items.map((x) => x.org_id))) {
          assertStatus(await get(`${API}/orgs/${orgId}`, { token: t }), 200, `${role} sees the org of its task ${orgId}`);
        }
      },
    }],
    'GET /api/v1/tasks/{id}': taskTargets.map(([key, label, expect]) => ({
      label, expect,
      async send(t) { return get(`${API}/tasks/${await taskOf(key)}`, { token: t }); },
      async check(res) { assert.equal(res.json.id, await taskOf(key)); assert.equal(typeof res.json.percent, 'number'); },
    })),
    'GET /api/v1/tasks/{id}/reports': taskTargets.map(([key, label, expect]) => ({
      label, expect,
      async send(t) { return get(`${API}/tasks/${await taskOf(key)}/reports`, { token: t }); },
      check(res) { assert.ok(Array.isArray(res.json.items)); assert.equal(res.json.total, res.json.items.length); },
    })),
    'POST /api/v1/tasks/{id}/reports': [
      // Only the task's own org reports, once a month: the regulator files it,
      // the inspector of the same department then finds it in already.
      reportOn("a task of 拉萨's 应急管理局", 'lhasa',
        all(403, { regulator: 201, inspector: 409, enterprise: 404, anonymous: 401 })),
      reportOn("a task of another city's department", 'shigatse',
        all(404, { admin: 403, leader: 403, anonymous: 401 })),
      reportOn('a task that does not exist', null, all(404, { leader: 403, anonymous: 401 })),
    ],
    'GET /api/v1/plans/{id}/reporting': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/plans/${idOf(key)}/reporting`, { token: t }),
      check(res) {
        assert.equal(res.json.reported + res.json.missing, res.json.total);
        assert.ok(res.json.items.every((x) => typeof x.reported === 'boolean'));
      },
    })),
  };
}
