// Browser end-to-end test of the assessment (考核) on the demo data: the
// office publishes a short plan with an overdue task of 拉萨市住房和城乡建设局
// and a task of 拉萨市交通运输局 due in 2099, opens 考核 from the plan page,
// sees the ranking with the veto of the overdue task, is told when its
// weights do not add up to 100 and when the server refuses its bands, sets
// task completion to weigh 100 and sees the ranking computed again, then
// downloads the half-yearly bulletin as PDF (its text read back with
// pdftotext) and the statistics table. The leader reads the ranking but has
// no form. The page on a 375 px screen is kept as a screenshot in HN_TMP.
//
// Run by tests/suites/browser.sh against a fresh server loaded with
// `hazardnet demo --no-serve`:
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR node --test --test-reporter=tap tests/browser/assess.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { BASE, TMP, browserTest } from './lib.mjs';


const TITLE = '拉萨市安全生产考核测试工作方案';
const LATE = '开展建筑起重机械专项排查';
const LATER = '推进临水临崖路段安全防护';
const MEASURED = '提升重点企业自动化控制水平';
const PLAN = [
  TITLE,
  '一、工作任务',
  `（一）${LATE}。2025年6月底前完成全部起重机械排查（拉萨市住房和城乡建设局负责）。`,
  `（二）${LATER}。2099年12月底前完成防护设施建设（拉萨市交通运输局负责）。`,
  `（三）${MEASURED}。2099年12月底前重点企业自动化控制系统装备率达到100%（拉萨市应急管理局负责）。`,
  '',
].join('\n');
const HOUSING = '拉萨市住房和城乡建设局';
const TRANSPORT = '拉萨市交通运输局';

const ui = browserTest({ name: 'assess', context: { acceptDownloads: true } });
const { pages, problems, signIn, shot } = ui;
const state = {};

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('the office publishes a plan with an overdue task and one due in 2099', shot(async () => {
  const page = await signIn('office');
  await page.goto(BASE + '/#/plans/new');
  await page.getByRole('heading', { name: '导入方案' }).waitFor();
  await page.getByLabel('方案全文').fill(PLAN);
  await page.getByRole('button', { name: '解析预览' }).click();
  await page.locator('.import-preview').getByRole('heading', { name: '解析结果' }).waitFor();
  await page.getByRole('button', { name: '保存为草稿' }).click();
  await page.waitForURL(/#\/plans\/\d+$/);
  state.planPath = new URL(page.url()).hash;
  await page.getByRole('heading', { name: TITLE }).waitFor();
  const rows = page.locator('.unit-table tbody tr');
  await rows.first().waitFor();
  for (const [word, org] of [['住房', HOUSING], ['交通', TRANSPORT], ['应急', '拉萨市应急管理局']]) {
    const row = page.locator('.unit-table tbody tr', { hasText: word });
    const unit = await row.getAttribute('data-unit');
    if (!(await row.locator('.mapped').count())) {
      await page.getByLabel(`“${unit}”对应的单位`).fill(word);
      await page.getByRole('option', { name: new RegExp(`^${org}\\s`) }).click();
      await row.getByRole('button', { name: '保存对应' }).click();
      await row.locator('.mapped').waitFor();
    }
    assert.equal((await row.locator('.mapped').textContent()).trim(), org);
  }
  await page.locator('.panel-publish').getByRole('button', { name: '发布', exact: true }).click();
  await page.getByRole('button', { name: '确认发布' }).click();
  await page.locator('.hazard-head .badge', { hasText: '已发布' }).waitFor();
  // 考核与通报 on the plan page: the link and the three downloads.
  const panel = page.locator('.panel-assess');
  await panel.getByRole('heading', { name: '考核与通报' }).waitFor();
  for (const cls of ['dl-bulletin-pdf', 'dl-bulletin-xlsx', 'dl-statistics']) {
    assert.match(await panel.locator(`a.${cls}`).getAttribute('href'), /\/api\/v1\/exports\/plans\/\d+\/(bulletin\.(pdf|xlsx)\?half=\d{4}-H[12]|statistics\.xlsx\?month=\d{4}-\d{2})$/);
  }
}));

test('the regulator reports the actual value reached for its task\'s numeric target', shot(async () => {
  const page = await signIn('regulator');
  await page.goto(BASE + '/' + state.planPath);
  const item = page.locator('.panel-my-reports .my-report', { hasText: MEASURED });
  await item.waitFor();
  await item.getByRole('button', { name: '填报进度' }).click();
  const form = item.locator('.report-form');
  await form.waitFor();
  await form.getByLabel('进展情况').fill('已完成 17 家企业自动化控制系统改造。');
  await form.getByLabel('完成进度（%）').fill('30');
  await form.getByLabel(/目标值 100%/).fill('85');
  await form.getByRole('button', { name: '提交进度' }).click();
  await item.locator('.report-history .report-actual', { hasText: '实际 85' }).waitFor();
}));

test('the office opens 考核: the ranking shows the overdue task\'s veto', shot(async () => {
  ui.current = pages.office;
  const page = pages.office;
  ui.current = page;
  await page.locator('.panel-assess').getByRole('link', { name: '考核排名与设置' }).click();
  await page.waitForURL(/#\/plans\/\d+\/assessment/);
  await page.getByRole('heading', { name: `考核 · ${TITLE}` }).waitFor();
  const table = page.locator('.assess-table');
  const housing = table.locator('tbody tr', { hasText: HOUSING });
  await housing.waitFor();
  assert.match(await housing.locator('.cell-veto').textContent(), /任务逾期超过规定天数/);
  assert.match(await housing.getAttribute('class'), /row-vetoed/);
  assert.match(await housing.locator('[data-ind="task_completion"]').textContent(), /0\.0%.*0\/1/);
  assert.equal(await table.locator('tbody tr', { hasText: TRANSPORT }).count(), 1);
  assert.match(await page.locator('.panel-assess-config').textContent(), /当前为默认设置/);
}));

test('the office sets the weights: refused while they do not add up to 100 or the bands do not descend, then saved and the ranking follows', shot(async () => {
  const page = pages.office;
  ui.current = page;
  const form = page.locator('.panel-assess-config');
  for (const [k, v] of [['report_on_time', 0], ['task_completion', 90], ['target_attainment', 0], ['major_closure', 0], ['hazard_overdue', 0]]) {
    await form.locator(`#w-${k}`).fill(String(v));
  }
  assert.match(await form.textContent(), /合计 90/);
  await form.getByRole('button', { name: '保存设置' }).click();
  assert.match(await form.locator('[data-field="weights"] .form-error').textContent(), /应为 100/);
  await form.locator('#w-task_completion').fill('100');
  await form.locator('#b-excellent').fill('70');   // below 良好 (80): the server refuses
  await form.getByRole('button', { name: '保存设置' }).click();
  await form.locator('[data-field="bands"] .form-error').waitFor();
  assert.match(await form.locator('[data-field="bands"] .form-error').textContent(), /优秀 > 良好 > 合格/);
  await form.locator('#b-excellent').fill('90');
  await form.getByRole('button', { name: '保存设置' }).click();
  await form.getByText(/最后修改/).waitFor();
  const table = page.locator('.assess-table');
  await table.locator('thead th', { hasText: '任务完成率' }).filter({ hasText: '权重 100' }).waitFor();
  const housing = table.locator('tbody tr', { hasText: HOUSING });
  assert.equal((await housing.locator('.cell-total').textContent()).trim(), '0.0');
  assert.match(await housing.textContent(), /不合格/);
  const transport = table.locator('tbody tr', { hasText: TRANSPORT });
  assert.equal((await transport.locator('.cell-total').textContent()).trim(), '未考核', 'nothing of weight is due of it');
  assert.equal((await transport.locator('.cell-rank').textContent()).trim(), '—');

  await page.setViewportSize({ width: 375, height: 812 });
  const o = await overflow(page);
  assert.ok(o <= 0, `the 考核 page scrolls sideways by ${o}px`);
  const f = path.join(TMP, 'browser-assess-375.png');
  await page.screenshot({ path: f, fullPage: true });
  console.log(`# screenshot: ${f}`);
  await page.setViewportSize({ width: 1280, height: 860 });
}));

test('the office downloads the bulletin (PDF, its text read back) and the statistics table', shot(async () => {
  const page = pages.office;
  ui.current = page;
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a.dl-bulletin-pdf').click(),
  ]);
  assert.match(download.suggestedFilename(), /^bulletin-\d+-\d{4}-H[12]\.pdf$/);
  const file = path.join(TMP, `browser-assess-bulletin-${process.pid}.pdf`);
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const s of [TITLE, '工作情况通报', '逾期未完成任务', HOUSING, LATE, '考核排名', '任务完成率100分']) {
    assert.ok(text.includes(s), `the bulletin says ${s}`);
  }
  const [sheet] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a.dl-statistics').click(),
  ]);
  assert.match(sheet.suggestedFilename(), /^statistics-\d+-\d{4}-\d{2}\.xlsx$/);
  const xf = path.join(TMP, `browser-assess-statistics-${process.pid}.xlsx`);
  await sheet.saveAs(xf);
  assert.match(execFileSync('unzip', ['-t', xf], { encoding: 'utf8' }), /No errors detected/);
}));

test('the leader reads the ranking but has no form; the regulator has no 考核 on the plan page', shot(async () => {
  const page = await signIn('leader');
  await page.goto(BASE + '/' + state.planPath);
  await page.locator('.panel-assess').getByRole('link', { name: '考核排名' }).click();
  await page.locator('.assess-table tbody tr', { hasText: HOUSING }).waitFor();
  assert.equal(await page.locator('.panel-assess-config').count(), 0);
  const reg = await signIn('regulator');
  await reg.goto(BASE + '/' + state.planPath);
  await reg.getByRole('heading', { name: TITLE }).waitFor();
  assert.equal(await reg.locator('.panel-assess').count(), 0);
  assert.deepEqual(problems, [], 'no page errors, CSP refusals or Vue warnings');
}));
