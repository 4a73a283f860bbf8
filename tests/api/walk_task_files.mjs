// The scope walk's part for files attached to tasks' progress reports
// (DESIGN §3.5): only a user of the task's own org attaches one; whoever
// sees the task downloads it; out of scope is 404. Imported by scope.test.mjs.

import assert from 'node:assert/strict';
import { API, get, request, formOf, pngBytes, tokenOf, assertStatus, uniq } from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const MISSING_ID = 987654321;

/** Last month in Asia/Shanghai as YYYY-MM (this month's report is the plan walk's). */
export function lastMonth() {
  const d = new Date(Date.now() + 8 * 3600e3);
  const m = d.getUTCMonth(); // 0-based: the previous month's 1-based number, or 0
  return m === 0 ? `${d.getUTCFullYear() - 1}-12` : `${d.getUTCFullYear()}-${String(m).padStart(2, '0')}`;
}

/** The first task of a plan led by org dept, as the admin sees it. */
async function taskOf(planId, dept) {
  const r = await get(`${API}/tasks?plan=${planId}&org=${dept}&limit=500`, { token: await tokenOf('admin') });
  assertStatus(r, 200, `admin lists plan ${planId}'s tasks`);
  assert.ok(r.json.items.length >= 1, `plan ${planId} has a task of org ${dept}`);
  return r.json.items[0].id;
}

/**
 * Last month's progress report on a task of each walk plan's 应急管理局
 * (拉萨's by the regulator, 日喀则's by the campaign walk's user of that
 * department), each with a PNG attached. plans: makeWalkPlans's result;
 * campaign: makeWalkCampaign's (for the 日喀则 token).
 */
export async function makeWalkTaskFiles(w, plans, campaign) {
  const out = {};
  for (const [key, dept, token] of [
    ['lhasa', w.orgs.lhasaDept.id, await tokenOf('regulator')],
    ['shigatse', w.orgs.shigatseDept.id, campaign.tokens.shigatse],
  ]) {
    const task = await taskOf(plans[key].id, dept);
    const rep = await request('POST', `${API}/tasks/${task}/reports`,
      { token, body: { period: lastMonth(), text: `附件测试${uniq()}`, percent: 30 } });
    assertStatus(rep, 201, `the ${key} department reports on task ${task}`);
    const bytes = pngBytes();
    const up = await request('POST', `${API}/task-reports/${rep.json.id}/attachments`,
      { token, form: formOf([['file', bytes, '现场照片.png']]) });
    assertStatus(up, 201, `the ${key} department attaches a photo to report ${rep.json.id}`);
    out[key] = { task, report: rep.json, file: { ...up.json, bytes } };
  }
  return out;
}

/** Walk entries of the task report file routes; tf() gives makeWalkTaskFiles's result. */
export function taskFileWalk(tf) {
  const reportId = (key) => (key ? tf()[key].report.id : MISSING_ID);
  const fileCount = async (key) => {
    const r = await get(`${API}/tasks/${tf()[key].task}/reports`, { token: await tokenOf('admin') });
    assertStatus(r, 200);
    const rep = r.json.items.find((x) => x.id === reportId(key));
    assert.ok(rep, `report ${reportId(key)} is listed`);
    return rep.attachments.length;
  };
  const noFile = (res) => assert.ok(!res.buf.includes(Buffer.from('hazardnet test image')), 'the refusal holds no file');
  const upload = (label, key, expect) => ({
    label, expect,
    async send(t) {
      this.count = key ? await fileCount(key) : 0;
      this.bytes = pngBytes();
      return request('POST', `${API}/task-reports/${reportId(key)}/attachments`,
        { token: t, form: formOf([['file', this.bytes, '整改记录.png']]) });
    },
    async check(res) {
      assert.equal(res.json.mime, 'image/png');
      assert.equal(res.json.size, this.bytes.length);
      assert.equal(res.json.name, '整改记录.png');
      assert.match(res.json.sha256, /^[0-9a-f]{64}$/);
      assert.equal(await fileCount(key), this.count + 1, 'the file is listed on the report');
    },
    async unchanged() {
      if (key) assert.equal(await fileCount(key), this.count, 'no file was added');
    },
  });
  const download = (label, key, fileKey, expect) => ({
    label, expect,
    send: (t) => get(`${API}/task-reports/${reportId(key)}/attachments/${tf()[fileKey].file.sha256}`, { token: t }),
    check(res) {
      assert.match(res.headers.get('content-type') || '', /^image\/png/);
      assert.ok(res.buf.equals(tf()[fileKey].file.bytes), 'the bytes uploaded');
    },
    unchanged: noFile,
  });
  return {
    'POST /api/v1/task-reports/{id}/attachments': [
      // Only the report's own org (拉萨's 应急管理局: the regulator and the inspector).
      upload("a report on a task of 拉萨's 应急管理局", 'lhasa',
        all(403, { regulator: 201, inspector: 201, enterprise: 404, anonymous: 401 })),
      upload("a report on a task of another city's department", 'shigatse',
        all(404, { admin: 403, leader: 403, anonymous: 401 })),
      upload('a report that does not exist', null, all(404, { leader: 403, anonymous: 401 })),
    ],
    'GET /api/v1/task-reports/{id}/attachments/{sha}': [
      download("a report on a task of 拉萨's plan: its photo", 'lhasa', 'lhasa', authed(200, { enterprise: 404 })),
      download("a report on a task of another city's plan: its photo", 'shigatse', 'shigatse', authed(404, { admin: 200 })),
      download("a report on a task of 拉萨's plan, with another city's photo", 'lhasa', 'shigatse', authed(404)),
      download('a report that does not exist', null, 'lhasa', authed(404)),
    ],
  };
}
