// Browser end-to-end test of the campaign's notices and lists on the demo
// data: the office publishes a short plan whose task falls to 拉萨市应急管理局,
// then issues a 督办 to that department citing the task (the form first
// refuses what is missing); the regulator (a user of the department) finds
// it on its workbench as 未回复, opens it and replies; the office sees the
// reply on the notice; the regulator adds a 制度 to its measures list on the
// plan page and moves it to 已出台 (refused without its document first),
// then files its yearly report; the office sets the yearly report day and
// starts a 督办 from a task of the plan page.
//
// Run by tests/suites/browser.sh against a fresh server loaded with
// `hazardnet demo --no-serve`:
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR node --test --test-reporter=tap tests/browser/campaign.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, TMP, browserTest } from './lib.mjs';


const TITLE = '拉萨市危险化学品安全专项督导工作方案';
const TASK = '开展危险化学品重大危险源企业专项督导';
const PLAN = [
  TITLE,
  '一、工作任务',
  `（一）${TASK}。2027年6月底前完成全部重大危险源企业督导（拉萨市应急管理局牵头）。`,
  '',
].join('\n');
const NOTICE_TITLE = '关于危险化学品专项督导进度滞后的督办通知';
const REPLY = '已召开专题会议部署，督导工作已完成 60%，月底前全部完成。';
const MEASURE = '危险化学品企业安全风险研判制度';
const TODAY = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const YEAR = TODAY.slice(0, 4);
const inDays = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

const ui = browserTest({ name: 'campaign' });
const { pages, problems, signIn, shot } = ui;
const state = {};

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('the office publishes a plan whose task falls to 拉萨市应急管理局', shot(async () => {
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
  const row = page.locator('.unit-table tbody tr').first();
  await row.waitFor();
  const unit = await row.getAttribute('data-unit');
  if (!(await row.locator('.mapped').count())) {
    await page.getByLabel(`“${unit}”对应的单位`).fill('应急管理局');
    await page.getByRole('option', { name: /^拉萨市应急管理局\s/ }).click();
    await row.getByRole('button', { name: '保存对应' }).click();
    await row.locator('.mapped').waitFor();
  }
  await page.locator('.panel-publish').getByRole('button', { name: '发布', exact: true }).click();
  await page.getByRole('button', { name: '确认发布' }).click();
  await page.locator('.hazard-head .badge', { hasText: '已发布' }).waitFor();
  await page.locator('.task-group', { hasText: '拉萨市应急管理局' }).waitFor();
  // The office has no task in it: its lists are read-only, with an org filter.
  const lists = page.locator('.panel-lists');
  await lists.getByRole('tab', { name: '问题隐患清单' }).waitFor();
  assert.equal(await lists.getByRole('button', { name: '新增问题隐患' }).count(), 0);
  await lists.getByLabel('单位').waitFor();
  // The office sets the plan's yearly report day; the board of the year shows the org with tasks as 未报送.
  await lists.getByRole('tab', { name: '年度/总结报告' }).click();
  await lists.getByLabel('年度报告截止日（月-日）').fill('13-40');
  await lists.getByRole('button', { name: '保存截止日' }).click();
  assert.match(await lists.locator('[data-field="year_report_day"] .field-error').textContent(), /月-日/);
  await lists.getByLabel('年度报告截止日（月-日）').fill('12-15');
  await lists.getByRole('button', { name: '保存截止日' }).click();
  await lists.getByText('每年 12月15日 前报送').waitFor();
  await lists.locator('.report-summary', { hasText: `截止 ${YEAR}-12-15` }).waitFor();
  const boardRow = lists.locator('.report-board tbody tr', { hasText: '拉萨市应急管理局' });
  assert.match(await boardRow.textContent(), /未报送/);
  // 督办 on a task opens the issue form with the task's org, plan and task filled in.
  await page.locator('.task-group .task', { hasText: TASK }).getByRole('link', { name: '督办' }).click();
  await page.getByRole('heading', { name: '发布督办通报' }).waitFor();
  await page.locator('.chips .chip', { hasText: '拉萨市应急管理局' }).waitFor();
  await page.getByLabel(new RegExp(TASK)).waitFor();
  assert.equal(await page.getByLabel(new RegExp(TASK)).isChecked(), true, 'the task is cited');
  assert.equal(await page.getByLabel('所属方案').inputValue(), /plans\/(\d+)/.exec(state.planPath)[1]);
}));

test('the office issues a 督办 to the department citing the task; the form refuses what is missing', shot(async () => {
  const page = pages.office;
  ui.current = page;
  await page.locator('#nav').getByRole('link', { name: '督办通报' }).click();
  await page.getByRole('heading', { name: '督办通报', exact: true }).waitFor();
  await page.getByRole('link', { name: '发布督办通报' }).click();
  await page.getByRole('heading', { name: '发布督办通报' }).waitFor();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  assert.match(await page.locator('[data-field="title"] .field-error').textContent(), /请填写标题/);
  assert.match(await page.locator('[data-field="targets"] .field-error').textContent(), /请至少选择一个对象单位/);
  assert.match(await page.locator('[data-field="due_on"] .field-error').textContent(), /督办须填写回复期限/);

  await page.getByLabel('标题').fill(NOTICE_TITLE);
  await page.getByLabel('正文').fill('你单位专项督导进度滞后，请于期限内报送整改落实情况。');
  await page.getByLabel('对象单位').fill('应急管理局');
  await page.getByRole('option', { name: /^拉萨市应急管理局\s/ }).click();
  await page.locator('.chips .chip', { hasText: '拉萨市应急管理局' }).waitFor();
  await page.getByLabel('所属方案').selectOption({ label: TITLE });
  await page.getByLabel(new RegExp(TASK)).check();
  await page.getByLabel('回复期限').fill(inDays(7));
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.waitForURL(/#\/notices\/\d+$/);
  state.noticePath = new URL(page.url()).hash;
  await page.locator('.page-title', { hasText: /^督办〔/ }).waitFor();
  const heading = await page.locator('.page-title').textContent();
  assert.match(heading, new RegExp(`^督办〔${YEAR}〕\\d+号$`), `the notice is numbered: ${heading}`);
  state.code = heading.trim();
  const target = page.locator('.target-table tbody tr', { hasText: '拉萨市应急管理局' });
  assert.match(await target.textContent(), /未回复/);
  assert.match(await target.getAttribute('class'), /row-missing/);
  assert.match(await page.locator('.cite-list').textContent(), new RegExp(TASK));
}));

test('the department sees the 督办 on its workbench as 未回复 and replies once', shot(async () => {
  const page = await signIn('regulator');
  const panel = page.locator('.panel-notices');
  await panel.getByRole('heading', { name: '督办通报' }).waitFor();
  const item = panel.locator('.notice-item', { hasText: NOTICE_TITLE });
  await item.waitFor();
  assert.match(await item.textContent(), /未回复/);
  assert.match(await item.getAttribute('class'), /notice-pending/);
  await item.getByRole('link').click();
  await page.waitForURL(/#\/notices\/\d+$/);
  const form = page.locator('.reply-form');
  await form.getByRole('button', { name: '提交回复' }).click();
  assert.match(await form.locator('[data-field="text"] .field-error').textContent(), /请填写回复内容/);
  await form.getByLabel('回复内容').fill(REPLY);
  await form.getByRole('button', { name: '提交回复' }).click();
  const own = page.locator('.target-table tbody tr', { hasText: '拉萨市应急管理局' });
  await own.locator('.badge', { hasText: '已回复' }).waitFor();
  assert.equal(await page.locator('.reply-form').count(), 0, 'no second reply');
  assert.ok((await own.textContent()).includes(REPLY));
}));

test('the office sees the department\'s reply on the notice', shot(async () => {
  const page = pages.office;
  ui.current = page;
  await page.goto(BASE + '/' + state.noticePath);
  await page.reload();
  const row = page.locator('.target-table tbody tr', { hasText: '拉萨市应急管理局' });
  await row.locator('.badge', { hasText: '已回复' }).waitFor();
  assert.ok((await row.textContent()).includes(REPLY), 'the reply text');
  assert.doesNotMatch((await row.getAttribute('class')) || '', /row-missing/);
  await page.locator('#nav').getByRole('link', { name: '督办通报' }).click();
  const listRow = page.locator('.notice-table tbody tr', { hasText: NOTICE_TITLE });
  await listRow.waitFor();
  assert.match(await listRow.textContent(), /已回复 1\/1/);
}));

test('the department adds a 制度 to its measures list and moves it to 已出台 with its document', shot(async () => {
  const page = pages.regulator;
  ui.current = page;
  await page.goto(BASE + '/' + state.planPath);
  const lists = page.locator('.panel-lists');
  await lists.getByRole('tab', { name: '制度措施清单' }).click();
  await page.waitForURL(/list=measures/);
  await lists.getByRole('button', { name: '新增制度措施' }).click();
  await lists.getByRole('button', { name: '保存' }).click();
  assert.match(await lists.locator('[data-field="title"] .field-error').textContent(), /请填写制度措施名称/);
  await lists.getByLabel('名称').fill(MEASURE);
  await lists.getByLabel('类别').selectOption('rule');
  await lists.getByLabel('所属任务').selectOption({ label: TASK });
  await lists.getByRole('button', { name: '保存' }).click();
  const entry = lists.locator('.list-entry', { hasText: MEASURE });
  await entry.waitFor();
  assert.match(await entry.textContent(), /计划制定/);
  assert.match(await entry.textContent(), /制度/);

  await entry.getByRole('button', { name: '更新状态' }).click();
  await entry.getByLabel('状态').selectOption('issued');
  await entry.getByRole('button', { name: '保存' }).click();
  assert.match(await entry.locator('[data-field="doc_number"] .field-error').textContent(), /须填写发文文号/);
  await entry.getByLabel('发文文号').fill(`拉应急发〔${YEAR}〕12号`);
  await entry.getByLabel('出台日期').fill(TODAY);
  await entry.getByRole('button', { name: '保存' }).click();
  await entry.locator('.badge', { hasText: '已出台' }).waitFor();
  assert.ok((await entry.textContent()).includes(`拉应急发〔${YEAR}〕12号`));
  assert.equal(await entry.getByRole('button', { name: '更新状态' }).count(), 0, 'an issued measure is final');

  // The department files its yearly report; the board then shows it in.
  await lists.getByRole('tab', { name: '年度/总结报告' }).click();
  const form = lists.locator('form', { hasText: `报送本单位${YEAR}年度报告` });
  await form.getByRole('button', { name: '报送' }).click();
  assert.match(await form.locator('[data-field="text"] .field-error').textContent(), /请填写报告内容/);
  await form.getByLabel('报告内容').fill('全年开展危险化学品专项督导 4 轮，督导企业 36 家。');
  await form.getByRole('button', { name: '报送' }).click();
  const boardRow = lists.locator('.report-board tbody tr', { hasText: '拉萨市应急管理局' });
  await boardRow.locator('.badge', { hasText: /^已报送$|^逾期报送$/ }).waitFor();
  assert.equal(await lists.locator('form', { hasText: '报送本单位' }).count(), 0, 'one report a year');

  await page.setViewportSize({ width: 375, height: 812 });
  const o = await overflow(page);
  assert.ok(o <= 0, `plan page with the lists scrolls sideways by ${o}px`);
  const f = path.join(TMP, 'browser-campaign-lists-375.png');
  await lists.screenshot({ path: f });
  console.log(`# screenshot: ${f}`);
  await page.setViewportSize({ width: 1280, height: 860 });
}));

test('no page error, CSP refusal or Vue warning on the way', () => {
  assert.deepEqual(problems, []);
});
