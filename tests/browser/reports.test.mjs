// Browser end-to-end test of the monthly progress reports (填报进度 and
// 报送情况) on the demo data: the office pastes a short plan whose two tasks
// are led by 拉萨市应急管理局, maps that unit to the org of that name (unless
// the mapping is there already) and publishes it;
// the regulator (a user of 拉萨市应急管理局) files this month's report on the
// first task (text + 50 %, with a PDF attached) from the plan page, sees it
// in the task's history (the PDF as a download link that serves it)
// with the task now 进行中 at 50 %, is refused a second report for the same
// month, and finds the percent and the report state on its workbench
// (我的任务); the office's 报送情况 board shows the first task reported and
// the second one still 未报送, highlighted. The pages on a 375 px screen are
// kept as screenshots in HN_TMP.
//
// Run by tests/suites/browser.sh against a fresh server loaded with
// `hazardnet demo --no-serve` (unit mappings are kept per region and the
// plan pages' test maps 市应急管理局, which the parser also makes of
// 市应急局: this plan names its unit in full, which no other test maps):
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR node --test --test-reporter=tap tests/browser/reports.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, TMP, browserTest } from './lib.mjs';

const CJK = /[\u3400-\u9fff]/;
const EVIDENCE = { name: '整改佐证.pdf', mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% hazardnet browser test ${process.pid}\n%%EOF\n`) };

const TITLE = '拉萨市安全生产月度调度工作方案';
const FIRST = '开展危险化学品储存场所专项检查';
const SECOND = '推进化工园区安全整治提升';
const PLAN = [
  TITLE,
  '一、工作任务',
  `（一）${FIRST}。2027年6月底前完成全部储存场所检查（拉萨市应急管理局牵头）。`,
  `（二）${SECOND}。2027年12月底前完成园区整治提升（拉萨市应急管理局牵头）。`,
  '',
].join('\n');
const REPORT_TEXT = '已完成储存场所检查 12 家，发现隐患 5 处，已督促整改 3 处。';

const MONTH = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
const MONTH_LABEL = `${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月`;

const ui = browserTest({ name: 'reports' });
const { pages, problems, signIn, shot } = ui;
const state = {};

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('the office imports and publishes a plan whose two tasks fall to 拉萨市应急管理局', shot(async () => {
  const page = await signIn('office');
  await page.goto(BASE + '/#/plans/new');
  await page.getByRole('heading', { name: '导入方案' }).waitFor();
  await page.getByLabel('方案全文').fill(PLAN);
  await page.getByRole('button', { name: '解析预览' }).click();
  await page.locator('.import-preview').getByRole('heading', { name: '解析结果' }).waitFor();
  await page.getByRole('button', { name: '保存为草稿' }).click();
  await page.waitForURL(/#\/plans\/\d+$/);
  state.planPath = new URL(page.url()).hash;
  state.planId = Number(/plans\/(\d+)/.exec(state.planPath)[1]);
  await page.getByRole('heading', { name: TITLE }).waitFor();

  // The same steps as the plan pages' test: map the lead unit, publish.
  const row = page.locator('.unit-table tbody tr').first();
  await row.waitFor();
  const unit = await row.getAttribute('data-unit');
  assert.match(unit, /应急管理局$/);
  if (!(await row.locator('.mapped').count())) {
    await page.getByLabel(`“${unit}”对应的单位`).fill('应急管理局');
    await page.getByRole('option', { name: /^拉萨市应急管理局\s/ }).click();
    await row.getByRole('button', { name: '保存对应' }).click();
    await row.locator('.mapped').waitFor();
  }
  assert.equal((await row.locator('.mapped').textContent()).trim(), '拉萨市应急管理局');
  await page.locator('.panel-publish').getByRole('button', { name: '发布', exact: true }).click();
  await page.getByRole('button', { name: '确认发布' }).click();
  await page.locator('.hazard-head .badge', { hasText: '已发布' }).waitFor();
  const group = page.locator('.task-group', { hasText: '拉萨市应急管理局' });
  await group.waitFor();
  assert.equal(await group.locator('.task').count(), 2);
  // The office (安委办) leads nothing here: no 填报进度 panel for it.
  assert.equal(await page.locator('.panel-my-reports').count(), 0);
}));

test('the regulator files this month\'s report on its task: text and 50 %', shot(async () => {
  const page = await signIn('regulator');
  await page.goto(BASE + '/' + state.planPath);
  const panel = page.locator('.panel-my-reports');
  await panel.getByRole('heading', { name: '填报进度' }).waitFor();
  assert.equal(await panel.locator('.my-report').count(), 2, 'both tasks of its org');
  const item = panel.locator('.my-report', { hasText: FIRST });
  assert.match(await item.textContent(), /完成 0%/);
  assert.match(await item.textContent(), /未开始/);
  await item.getByRole('button', { name: '填报进度' }).click();
  await page.waitForURL(/task=\d+/);
  const form = item.locator('.report-form');
  await form.getByRole('heading', { name: `填报${MONTH_LABEL}进度` }).waitFor();
  await item.locator('.report-history').or(item.getByText('尚无报送记录')).waitFor();

  // The form checks its fields before sending.
  await form.getByRole('button', { name: '提交进度' }).click();
  assert.match(await form.locator('[data-field="text"] .field-error').textContent(), /请填写本月进展情况/);

  await form.getByLabel('进展情况').fill(REPORT_TEXT);
  await form.getByLabel('完成进度（%）').fill('50');
  await form.getByLabel('附件（选填）').setInputFiles(EVIDENCE);
  await form.locator('.file-names', { hasText: EVIDENCE.name }).waitFor();
  await form.getByRole('button', { name: '提交进度' }).click();
  await item.locator('.report-done', { hasText: `${MONTH_LABEL}进度已报送` }).waitFor();
  const entry = item.locator('.report-history li').first();
  await entry.waitFor();
  const text = await entry.textContent();
  assert.match(text, new RegExp(MONTH_LABEL));
  assert.match(text, /完成 50%/);
  assert.ok(text.includes(REPORT_TEXT), `the history shows the text: ${text}`);
  assert.match(text, /应急管理局 李强/, 'the reporter is named');
  // The attached PDF is listed as a link that downloads it.
  const link = entry.getByRole('link', { name: `附件：${EVIDENCE.name}` });
  await link.waitFor();
  const got = await page.evaluate(async (href) => {
    const r = await fetch(href);
    return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
  }, await link.getAttribute('href'));
  assert.equal(got.status, 200, JSON.stringify(got).slice(0, 300));
  assert.match(got.type || '', /^application\/pdf/);
  assert.equal(got.body, EVIDENCE.buffer.toString());
  assert.equal(await item.locator('.form-error').count(), 0, 'no upload failed');
  assert.equal(await item.locator('.report-form').count(), 0, 'the form is gone once the month is reported');
  // The task now stands at 50 %, in progress.
  await page.waitForFunction((title) => [...document.querySelectorAll('.panel-my-reports .my-report')]
    .some((el) => el.textContent.includes(title) && el.querySelector('.task-meta').textContent.includes('完成 50%')), FIRST);
  assert.match(await item.locator('.task-meta').textContent(), /进行中/);
  assert.match(await item.locator('.task-progress').textContent(), /完成 50%/);
  state.taskId = Number(await item.getAttribute('data-task'));

  // One report per task and month: the server refuses a second one.
  const second = await page.evaluate(async (id) => {
    const r = await fetch(`/api/v1/tasks/${id}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: '重复报送', percent: 60 }) });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, state.taskId);
  assert.equal(second.status, 409, JSON.stringify(second));
  assert.equal(second.body && second.body.error && second.body.error.code, 'conflict');

  await page.setViewportSize({ width: 375, height: 812 });
  const o = await overflow(page);
  assert.ok(o <= 0, `plan page with the report form scrolls sideways by ${o}px`);
  const f = path.join(TMP, 'browser-reports-task-375.png');
  await panel.screenshot({ path: f });
  console.log(`# screenshot: ${f}`);
  await page.setViewportSize({ width: 1280, height: 860 });
}));

test('the regulator\'s workbench shows each task\'s percent and whether this month\'s report is in', shot(async () => {
  const page = pages.regulator;
  ui.current = page;
  await page.locator('#nav').getByRole('link', { name: '工作台' }).click();
  const panel = page.locator('.my-tasks');
  await panel.getByRole('heading', { name: '我的任务' }).waitFor();
  const first = panel.locator('.task-todo', { hasText: FIRST });
  const second = panel.locator('.task-todo', { hasText: SECOND });
  await first.locator('.todo-report', { hasText: `${MONTH_LABEL}已报送` }).waitFor();
  assert.match(await first.textContent(), /完成 50%/);
  const todo = second.locator('.todo-report', { hasText: `${MONTH_LABEL}未报送` });
  await todo.waitFor();
  assert.match(await second.textContent(), /完成 0%/);
  // 去填报 opens the form of that task on the plan page.
  await todo.click();
  await page.waitForURL(/#\/plans\/\d+\?task=\d+/);
  await page.locator('.panel-my-reports .my-report', { hasText: SECOND }).locator('.report-form').waitFor();
}));

test('the office\'s 报送情况 board shows the task reported and the other still missing', shot(async () => {
  const page = pages.office;
  ui.current = page;
  await page.goto(BASE + '/' + state.planPath);
  await page.reload();   // the office was on this page already, before the report
  const board = page.locator('.panel-reporting');
  await board.getByRole('heading', { name: '报送情况' }).waitFor();
  assert.equal(await board.getByLabel('报送月份').inputValue(), MONTH);
  const reported = board.locator('tr', { hasText: FIRST });
  const missing = board.locator('tr', { hasText: SECOND });
  await reported.waitFor();
  assert.match(await reported.textContent(), /已报送|逾期报送/);
  assert.match(await reported.textContent(), /50%/);
  assert.match(await missing.textContent(), /未报送/);
  assert.match(await missing.getAttribute('class'), /row-missing/);
  assert.doesNotMatch((await reported.getAttribute('class')) || '', /row-missing/);
  // Missing ones first.
  const rows = await board.locator('tbody tr').allTextContents();
  assert.ok(rows.findIndex((t) => t.includes(SECOND)) < rows.findIndex((t) => t.includes(FIRST)), 'the missing task is listed first');
  assert.equal((await board.locator('.stat-reported .stat-value').textContent()).trim(), '1');
  assert.equal((await board.locator('.stat-missing .stat-value').textContent()).trim(), '1');
  assert.match(await board.locator('.stat-missing').getAttribute('class'), /stat-danger/);
  // The due day of the month is shown.
  assert.match(await board.textContent(), new RegExp(`应于 ${MONTH}-\\d\\d 前报送`));
  // Only what is missing.
  await board.getByLabel('显示').selectOption('missing');
  assert.equal(await board.locator('tbody tr').count(), 1);
  assert.match(await board.locator('tbody tr').first().textContent(), new RegExp(SECOND));
  await board.getByLabel('显示').selectOption('');

  await page.setViewportSize({ width: 375, height: 812 });
  const o = await overflow(page);
  assert.ok(o <= 0, `plan page with the board scrolls sideways by ${o}px`);
  const f = path.join(TMP, 'browser-reports-board-375.png');
  await board.screenshot({ path: f });
  console.log(`# screenshot: ${f}`);
  await page.setViewportSize({ width: 1280, height: 860 });
}));

test('the leader reads the board too; the regulator has none', shot(async () => {
  const page = await signIn('leader');
  await page.goto(BASE + '/' + state.planPath);
  const board = page.locator('.panel-reporting');
  await board.locator('tr', { hasText: SECOND }).waitFor();
  assert.match(await board.locator('tr', { hasText: SECOND }).textContent(), /未报送/);
  assert.equal(await page.locator('.panel-my-reports').count(), 0, 'a leader files no reports');
  assert.equal(await pages.regulator.locator('.panel-reporting').count(), 0);
  assert.match(await board.textContent(), CJK);
}));

test('no script error, Vue warning or CSP violation on any page', () => {
  assert.deepEqual(problems, []);
});
