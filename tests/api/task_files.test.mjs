// Files attached to tasks' monthly progress reports (DESIGN §3.5): JPEG,
// PNG or PDF by content, up to the upload limit, by the task's own org within
// 30 days of filing; listed on the report, downloaded by whoever sees the task.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, get, post, request, formOf, pngBytes, tokenOf, assertStatus, assertError, uniq, show,
} from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { planText } from './walk_plans.mjs';

let w;
before(async () => { w = await getWorld(); });

// A 拉萨 county's office and department, a user of each, and a published
// plan whose tasks are the department's; one task with this month's report.
async function reportedTask() {
  const admin = await tokenOf('admin');
  const county = w.regions.lhasaCounty.code;
  const mk = async (kind, name) => {
    const r = await post(`${API}/orgs`, { kind, name: `${name}${uniq()}`, region_code: county }, { token: admin });
    assertStatus(r, 201);
    return r.json;
  };
  const office = await mk('office', '县安委办');
  const dept = await mk('department', '县应急管理局');
  const userOf = async (org, role) => {
    const login = `tf-${role}-${uniq()}`;
    assertStatus(await post(`${API}/users`, { login, name: '附件测试', password: 'tf-pass-1234', role, org_id: org.id }, { token: admin }), 201);
    const s = await post(`${API}/session`, { login, password: 'tf-pass-1234' });
    assertStatus(s, 200);
    return s.json.token;
  };
  const officeToken = await userOf(office, 'office');
  const deptToken = await userOf(dept, 'regulator');
  const d = (await post(`${API}/plans`, { text: planText('县') }, { token: officeToken })).json;
  for (const name of ['市应急管理局', '市住房和城乡建设局']) {
    assertStatus(await post(`${API}/plans/${d.id}/units`, { name, org_id: dept.id }, { token: officeToken }), 200);
  }
  assertStatus(await post(`${API}/plans/${d.id}/publish`, { version: d.version }, { token: officeToken }), 200);
  const tasks = await get(`${API}/tasks?plan=${d.id}&limit=500`, { token: deptToken });
  assertStatus(tasks, 200);
  const task = tasks.json.items[0];
  const rep = await post(`${API}/tasks/${task.id}/reports`, { text: '已完成自动化改造方案', percent: 50 }, { token: deptToken });
  assertStatus(rep, 201);
  assert.deepEqual(rep.json.attachments, [], 'a new report has no files');
  return { task, report: rep.json, officeToken, deptToken };
}

const upload = (reportId, token, parts) => request('POST', `${API}/task-reports/${reportId}/attachments`, { token, form: formOf(parts) });

async function filesOf(t) {
  const r = await get(`${API}/tasks/${t.task.id}/reports`, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  const rep = r.json.items.find((x) => x.id === t.report.id);
  assert.ok(rep, 'the report is listed');
  return rep.attachments;
}

test('the task org uploads a photo and a PDF; the report lists them and its readers download the bytes', async () => {
  const t = await reportedTask();
  const png = pngBytes();
  const up = await upload(t.report.id, t.deptToken, [['file', png, '现场照片.png']]);
  assertStatus(up, 201, 'upload a PNG');
  assert.equal(up.json.mime, 'image/png');
  assert.equal(up.json.size, png.length);
  assert.equal(up.json.name, '现场照片.png');
  assert.match(up.json.sha256, /^[0-9a-f]{64}$/);
  const pdf = Buffer.from(`%PDF-1.4\n% hazardnet test ${uniq()}\n%%EOF\n`);
  const up2 = await upload(t.report.id, t.deptToken, [['file', pdf, '整改报告.pdf']]);
  assertStatus(up2, 201, 'upload a PDF');
  assert.equal(up2.json.mime, 'application/pdf');
  // The same file again changes nothing.
  assertStatus(await upload(t.report.id, t.deptToken, [['file', png, '再次.png']]), 201);
  const files = await filesOf(t);
  assert.deepEqual(files.map((f) => [f.sha256, f.name, f.mime, f.size]), [
    [up.json.sha256, '现场照片.png', 'image/png', png.length],
    [up2.json.sha256, '整改报告.pdf', 'application/pdf', pdf.length],
  ]);
  // The office of the region reads the task's reports, so it downloads them.
  for (const token of [t.deptToken, t.officeToken, await tokenOf('admin')]) {
    const g = await get(`${API}/task-reports/${t.report.id}/attachments/${up.json.sha256}`, { token });
    assertStatus(g, 200);
    assert.match(g.headers.get('content-type') || '', /^image\/png/);
    assert.ok(g.buf.equals(png), 'the bytes uploaded');
  }
  const g2 = await get(`${API}/task-reports/${t.report.id}/attachments/${up2.json.sha256}`, { token: t.officeToken });
  assertStatus(g2, 200);
  assert.ok(g2.buf.equals(pdf));
});

test('a file that is not JPEG, PNG or PDF is 415 naming file; an empty one or an extra field 422; nothing is attached', async () => {
  const t = await reportedTask();
  assertError(await upload(t.report.id, t.deptToken, [['file', Buffer.from('MZ not an image'), 'photo.png']]), 415, 'unsupported_media_type', 'file');
  assertError(await upload(t.report.id, t.deptToken, [['file', Buffer.from('<html>hi</html>'), 'a.html']]), 415, 'unsupported_media_type', 'file');
  assertError(await upload(t.report.id, t.deptToken, [['file', Buffer.alloc(0), 'empty.png']]), 422, 'invalid', 'file');
  assertError(await upload(t.report.id, t.deptToken, []), 422, 'invalid', 'file');
  assertError(await upload(t.report.id, t.deptToken, [['file', pngBytes(), 'a.png'], ['kind', 'before']]), 422, 'invalid', 'kind');
  assert.deepEqual(await filesOf(t), []);
});

test('a file over the upload limit (10 MiB) is 413 and attaches nothing', async () => {
  const t = await reportedTask();
  const big = Buffer.concat([pngBytes(), Buffer.alloc((10 << 20) + 1024, 0x41)]);
  assertError(await upload(t.report.id, t.deptToken, [['file', big, 'big.png']]), 413, 'too_large');
  assert.deepEqual(await filesOf(t), []);
});

test("a user of another org that sees the task is 403; one that does not see it 404; an unknown report or file 404", async () => {
  const t = await reportedTask();
  const png = pngBytes();
  assertError(await upload(t.report.id, t.officeToken, [['file', png, 'a.png']]), 403, 'forbidden');
  assertError(await upload(t.report.id, await tokenOf('admin'), [['file', png, 'a.png']]), 403, 'forbidden');
  assertError(await upload(t.report.id, await tokenOf('enterprise'), [['file', png, 'a.png']]), 404, 'not_found');
  assertError(await upload(987654321, t.deptToken, [['file', png, 'a.png']]), 404, 'not_found');
  assert.deepEqual(await filesOf(t), [], 'nothing was attached');
  const up = await upload(t.report.id, t.deptToken, [['file', png, 'a.png']]);
  assertStatus(up, 201, show(up));
  const ent = await get(`${API}/task-reports/${t.report.id}/attachments/${up.json.sha256}`, { token: await tokenOf('enterprise') });
  assertError(ent, 404, 'not_found');
  assert.ok(!ent.buf.includes(Buffer.from('hazardnet test image')), 'the refusal holds no file');
  assertError(await get(`${API}/task-reports/${t.report.id}/attachments/${'0'.repeat(64)}`, { token: t.deptToken }), 404, 'not_found');
  assertError(await get(`${API}/task-reports/${t.report.id}/attachments/abc`, { token: t.deptToken }), 404, 'not_found');
  // A file of another report is not served through this one.
  const other = await reportedTask();
  assertError(await get(`${API}/task-reports/${other.report.id}/attachments/${up.json.sha256}`, { token: await tokenOf('admin') }), 404, 'not_found');
});

test('a report holds at most 8 files (409 for the ninth)', async () => {
  const t = await reportedTask();
  for (let i = 0; i < 8; i++) assertStatus(await upload(t.report.id, t.deptToken, [['file', pngBytes(), `p${i}.png`]]), 201);
  const r = await upload(t.report.id, t.deptToken, [['file', pngBytes(), 'p9.png']]);
  assertError(r, 409, 'conflict', 'file');
  assert.equal((await filesOf(t)).length, 8);
});
