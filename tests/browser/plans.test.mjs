// Browser end-to-end test of the plan pages (行动计划) on the demo data: the
// office imports the Shanghai town plan of the seed corpus from its text
// file, previews the outline beside the original text (a click on a node
// brings its line into view), saves it as a draft, is refused publication
// while its lead unit 镇安委会 names no org, maps it to 拉萨市安全生产委员会
// and publishes; the tasks appear grouped by org, the overdue one red, and
// the outline lights it red. A short pasted plan with a numbering fault
// shows the diagnostic in Chinese at its line; once published, its tasks
// reach the workbench (我的任务) of the department it names. The pages on a
// 375 px screen are kept as screenshots in HN_TMP.
//
// Run by tests/suites/browser.sh against a fresh server loaded with
// `hazardnet demo --no-serve` (a fresh server: unit mappings are kept per
// region, so 镇安委会 must not be mapped yet):
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR node --test --test-reporter=tap tests/browser/plans.test.mjs
// The seed plan is read from $HN_ROOT/../shared/seeds/ (HN_ROOT defaults to
// the repository this file is in). Uses playwright-core from
// web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BASE, TMP, browserTest } from './lib.mjs';

const ROOT = process.env.HN_ROOT || fileURLToPath(new URL('../..', import.meta.url));
const SEED = path.join(ROOT, '..', 'shared', 'seeds', '002_fcd541653ffc038f.txt');
const CJK = /[\u3400-\u9fff]/;

const SMALL_TITLE = '拉萨市危险化学品安全整治工作方案';
// Line 5 skips from 一、 to 三、: the parser reports it there.
const SMALL_PLAN = [
  SMALL_TITLE,
  '一、工作任务',
  '（一）开展危险化学品企业隐患排查。2024年6月底前完成全部企业排查（市应急管理局牵头，市公安局、市市场监管局配合）。',
  '（二）建设安全风险监测预警系统。2025年底前重大危险源企业监测预警系统接入率达到100%（市应急管理局牵头）。',
  '三、保障措施',
  '（一）加强组织领导。',
  '',
].join('\n');

function shanghaiDate(daysFromToday = 0) {
  return new Date(Date.now() + daysFromToday * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
const TODAY = shanghaiDate(0);

const ui = browserTest({
  name: 'plans',
  beforeLaunch: () => assert.ok(fs.existsSync(SEED), `seed plan ${SEED} exists`),
});
const { pages, problems, signIn, shot } = ui;
const state = {};

// Whether el's box lies (vertically) inside the box of container.
async function within(el, container) {
  const a = await el.boundingBox();
  const b = await container.boundingBox();
  return !!a && !!b && a.y >= b.y - 1 && a.y + Math.min(a.height, 20) <= b.y + b.height + 1;
}

// Picks an org for a unit in the 单位对应 table and saves the mapping.
async function mapUnit(page, unit, search, option) {
  const row = page.locator(`tr[data-unit="${unit}"]`);
  const input = page.getByLabel(`“${unit}”对应的单位`);
  await input.fill(search);
  await page.getByRole('option', { name: option }).click();
  await row.getByRole('button', { name: '保存对应' }).click();
  await row.locator('.mapped').waitFor();
  return row;
}

async function publish(page) {
  await page.locator('.panel-publish').getByRole('button', { name: '发布', exact: true }).click();
  await page.getByRole('button', { name: '确认发布' }).click();
}

test('the office imports the seed plan from its text file and previews the outline beside the text', shot(async () => {
  const page = await signIn('office');
  const labels = (await page.locator('#nav a').allTextContents()).map((s) => s.trim());
  assert.ok(labels.includes('行动计划'), `office navigation: ${labels.join(' ')}`);
  await page.locator('#nav').getByRole('link', { name: '行动计划' }).click();
  await page.getByRole('heading', { name: '行动计划', exact: true }).waitFor();
  await page.getByRole('link', { name: '导入方案' }).click();
  await page.getByRole('heading', { name: '导入方案' }).waitFor();

  await page.getByLabel('上传文本文件').setInputFiles(SEED);
  await page.waitForFunction(() => document.querySelector('#plan-text').value.includes('徐泾镇'));
  assert.equal(await page.getByRole('button', { name: '保存为草稿' }).isDisabled(), true, 'no saving before a preview');
  await page.getByRole('button', { name: '解析预览' }).click();

  const summary = page.locator('.import-preview');
  await summary.getByRole('heading', { name: '解析结果' }).waitFor();
  const text = await summary.textContent();
  assert.match(text, /徐泾镇安全生产治本攻坚三年行动方案/);
  assert.match(text, /青徐府〔2024〕11号/);
  assert.match(text, /每月 26 日前/);
  assert.match(await page.locator('.diagnostics').textContent(), /未发现格式问题/);

  // A node of the document: 设立镇三年行动工作专班 on line 22 of the file.
  const node = page.locator('.pane-outline .on', { hasText: '设立镇三年行动工作专班' });
  await node.waitFor();
  assert.match(await node.textContent(), /第 22 行/);
  assert.match(await node.textContent(), /督导\s*镇安委办/);
  // The lead unit and the deadline of 任务分工 (一).
  const lead = page.locator('.pane-outline .on', { hasText: '召开动员部署会' });
  assert.match(await lead.textContent(), /牵头\s*镇安委会/);
  assert.match(await lead.textContent(), /2024-03-31 前（2024年3月底前）/);

  // Its lines (the heading and its paragraph) are highlighted in the text.
  await node.locator('.on-head').click();
  const line = page.locator('.pane-text .src-line[data-line="22"]');
  await page.waitForFunction(() => document.querySelector('.pane-text .src-line[data-line="22"]').classList.contains('src-selected'));
  assert.match(await line.textContent(), /设立镇三年行动工作专班/);
  const body = page.locator('.pane-text .src-line[data-line="23"]');
  assert.match(await body.getAttribute('class'), /src-selected/);
  assert.match(await body.textContent(), /工作专班主要负责推动落实/);
  assert.doesNotMatch((await page.locator('.pane-text .src-line[data-line="24"]').getAttribute('class')) || '', /src-selected/);
  // Scrolled into view inside the text pane.
  await page.waitForTimeout(100);
  assert.ok(await within(line, page.locator('.pane-text .source')), 'line 22 is in view in the text pane');

  await page.getByRole('button', { name: '保存为草稿' }).click();
  await page.waitForURL(/#\/plans\/\d+$/);
  state.seedPath = new URL(page.url()).hash;
  await page.getByRole('heading', { name: /徐泾镇安全生产治本攻坚三年行动方案/ }).waitFor();
  await page.locator('.hazard-head .badge', { hasText: '草稿' }).waitFor();
}));

test('a unit mapped for the region before (by the demo plan) is mapped in a new import of it too', shot(async () => {
  const page = pages.office;
  ui.current = page;
  // The demo data holds the same document, published for 拉萨市 with 镇安委会
  // mapped to the committee: the mapping is remembered for the region.
  const row = page.locator('tr[data-unit="镇安委会"]');
  await row.waitFor();
  await row.locator('.mapped').waitFor();
  assert.equal((await row.locator('.mapped').textContent()).trim(), '拉萨市安全生产委员会');
  assert.doesNotMatch((await row.getAttribute('class')) || '', /row-unmapped/);
  assert.doesNotMatch(await row.textContent(), /牵头单位未对应/);

  await publish(page);
  await page.locator('.hazard-head .badge', { hasText: '已发布' }).waitFor();
  const group = page.locator('.task-group', { hasText: '拉萨市安全生产委员会' });
  await group.waitFor();
  const task = group.locator('.task', { hasText: '召开动员部署会' });
  await task.waitFor();
  assert.match(await task.textContent(), /期限 2024-03-31/);
  assert.match(await task.textContent(), /牵头/);
  if (TODAY > '2024-03-31') {
    assert.match(await task.getAttribute('class'), /task-overdue/);
    assert.match(await task.textContent(), /已逾期/);
  }
  // No publishing twice: the panel is gone.
  assert.equal(await page.locator('.panel-publish').count(), 0);

  // The outline lights the node by its task; the 红灯 filter keeps it.
  const node = page.locator('.panel-outline .on', { hasText: '召开动员部署会' });
  if (TODAY > '2024-03-31') assert.equal(await node.locator('.light-red').count(), 1);
  await page.getByLabel('亮灯').selectOption('red');
  await page.waitForURL(/light=red/);
  const matched = page.locator('.panel-outline .on:not(.on-context)');
  assert.equal(await matched.count(), 1, 'one node has a task, and it is overdue');
  assert.match(await matched.first().textContent(), /召开动员部署会/);
  await page.getByLabel('亮灯').selectOption('');
  // The unit filter: the node that names 镇安委办 as overseer.
  await page.getByLabel('责任单位').selectOption('镇安委办');
  await page.waitForURL(/unit=/);
  assert.match(await page.locator('.panel-outline .on:not(.on-context)').first().textContent(), /设立镇三年行动工作专班/);
  await page.getByLabel('责任单位').selectOption('');

  // A task's title opens its node in the outline, with its text.
  await task.locator('.task-title').click();
  await page.waitForURL(/node=\d+/);
  await node.locator('.on-text').waitFor();

  await page.locator('#nav').getByRole('link', { name: '行动计划' }).click();
  // The demo's plan has the same title: pick the row of the one just published.
  const listRow = page.locator('table tbody tr').filter({ has: page.locator(`a[href="${state.seedPath}"]`) }).first();
  await listRow.waitFor();
  assert.match(await listRow.textContent(), /已发布/);
  assert.match(await listRow.locator('td[data-label="任务"]').textContent(), /^\s*1\s*$/);
}));

test('a pasted plan with a numbering fault shows the diagnostic in Chinese at its line', shot(async () => {
  const page = pages.office;
  ui.current = page;
  await page.goto(BASE + '/#/plans/new');
  await page.getByRole('heading', { name: '导入方案' }).waitFor();
  await page.getByLabel('方案全文').fill(SMALL_PLAN);
  await page.getByRole('button', { name: '解析预览' }).click();
  const diag = page.locator('.diag-list li', { hasText: '第 5 行' });
  await diag.waitFor();
  assert.match(await diag.textContent(), /编号从“一、”跳到“三、”/);
  const line = page.locator('.pane-text .src-line[data-line="5"]');
  assert.match(await line.getAttribute('class'), /src-diag/);
  assert.match(await line.locator('.src-note').textContent(), /编号从“一、”跳到“三、”/);
  assert.equal((await line.locator('mark').textContent()).trim(), '三');

  // Changing the text after the preview asks for a new one before saving.
  await page.getByLabel('方案全文').fill(SMALL_PLAN + '（二）强化督导检查。\n');
  await page.getByText('原文已修改，请重新解析预览后再保存。').waitFor();
  assert.equal(await page.getByRole('button', { name: '保存为草稿' }).isDisabled(), true);
  await page.getByLabel('方案全文').fill(SMALL_PLAN);
  await page.getByRole('button', { name: '解析预览' }).click();
  await page.waitForFunction(() => !document.querySelector('.field-warn'));

  await page.getByRole('button', { name: '保存为草稿' }).click();
  await page.waitForURL(/#\/plans\/\d+$/);
  await page.getByRole('heading', { name: SMALL_TITLE }).waitFor();
  // Publishing is refused while its lead unit names no org, and the refusal
  // names the unit and marks its row.
  const row = page.locator('tr[data-unit="市应急管理局"]');
  await row.waitFor();
  assert.match(await row.getAttribute('class'), /row-unmapped/);
  assert.match(await row.textContent(), /牵头单位未对应/);
  await publish(page);
  const err = page.locator('.publish-error');
  await err.waitFor();
  const message = (await err.textContent()).trim();
  assert.match(message, CJK);
  assert.match(message, /市应急管理局/, `the refusal names the unit: ${message}`);
  await page.waitForFunction(() => document.querySelector('tr[data-unit="市应急管理局"]').classList.contains('row-refused'));
  await page.locator('.hazard-head .badge', { hasText: '草稿' }).waitFor();
  await page.waitForTimeout(600);   // the smooth scroll to the row
  const f = path.join(TMP, 'browser-plans-refused.png');
  await page.screenshot({ path: f });
  console.log(`# screenshot: ${f}`);
  // Once it is mapped the refusal is gone; the co units stay unmapped: no
  // task for them, and no refusal.
  await mapUnit(page, '市应急管理局', '应急管理局', /^拉萨市应急管理局\s/);
  assert.doesNotMatch((await row.getAttribute('class')) || '', /row-unmapped/);
  assert.equal(await page.locator('.publish-error').count(), 0, 'the refusal is gone once the unit is mapped');
  await publish(page);
  await page.locator('.hazard-head .badge', { hasText: '已发布' }).waitFor();
  const group = page.locator('.task-group', { hasText: '拉萨市应急管理局' });
  await group.waitFor();
  assert.equal(await group.locator('.task').count(), 2);
}));

test('the department sees the tasks of its org on its workbench, soonest first', shot(async () => {
  const page = await signIn('regulator');
  await page.locator('#nav').getByRole('link', { name: '工作台' }).click();
  const panel = page.locator('.my-tasks');
  await panel.getByRole('heading', { name: '我的任务' }).waitFor();
  const items = panel.locator('.task-todo');
  await items.first().waitFor();
  const texts = await items.allTextContents();
  const mine = texts.filter((t) => t.includes(SMALL_TITLE));
  assert.equal(mine.length, 2, `both tasks listed: ${texts.join(' | ')}`);
  const first = texts.findIndex((t) => t.includes('开展危险化学品企业隐患排查'));
  const second = texts.findIndex((t) => t.includes('建设安全风险监测预警系统'));
  assert.ok(first >= 0 && second > first, 'the task due 2024-06-30 comes before the one due 2025-12-31');
  if (TODAY > '2024-06-30') assert.match(texts[first], /已逾期/);
  await page.setViewportSize({ width: 375, height: 812 });
  const o = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(o <= 0, `workbench scrolls sideways by ${o}px`);
  const f = path.join(TMP, 'browser-plans-workbench-375.png');
  await panel.screenshot({ path: f });
  console.log(`# screenshot: ${f}`);
  await page.setViewportSize({ width: 1280, height: 860 });
  await items.nth(first).getByRole('link', { name: '开展危险化学品企业隐患排查' }).click();
  await page.waitForURL(/#\/plans\/\d+\?node=\d+/);
  await page.locator('.panel-outline .on.selected .on-text', { hasText: '开展危险化学品企业隐患排查' }).waitFor();
  // A regulator reads plans but does not map units or publish.
  assert.equal(await page.locator('.panel-publish').count(), 0);
  assert.equal(await page.getByRole('button', { name: '保存对应' }).count(), 0);
}));

test('on a 375 px screen the plan pages read without sideways scrolling', shot(async () => {
  const page = pages.office;
  ui.current = page;
  await page.setViewportSize({ width: 375, height: 812 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  await page.goto(BASE + '/' + state.seedPath);
  await page.locator('.task-group').first().waitFor();
  assert.equal(await page.locator('#nav').isVisible(), false, 'navigation folded');
  let o = await overflow();
  assert.ok(o <= 0, `plan page scrolls sideways by ${o}px`);
  let f = path.join(TMP, 'browser-plans-detail-375.png');
  await page.screenshot({ path: f, fullPage: true });
  console.log(`# screenshot: ${f}`);

  // The import page: one pane at a time; a node opens the text at its line.
  await page.goto(BASE + '/#/plans/new');
  await page.getByLabel('上传文本文件').setInputFiles(SEED);
  await page.waitForFunction(() => document.querySelector('#plan-text').value.includes('徐泾镇'));
  await page.getByRole('button', { name: '解析预览' }).click();
  await page.locator('.pane-outline .on', { hasText: '设立镇三年行动工作专班' }).waitFor();
  assert.equal(await page.locator('.pane-text').isVisible(), false, 'the text pane waits behind its tab');
  o = await overflow();
  assert.ok(o <= 0, `import page scrolls sideways by ${o}px`);
  f = path.join(TMP, 'browser-plans-import-375.png');
  await page.screenshot({ path: f, fullPage: true });
  console.log(`# screenshot: ${f}`);
  await page.locator('.pane-outline .on', { hasText: '设立镇三年行动工作专班' }).locator('.on-head').click();
  await page.locator('.pane-text').waitFor({ state: 'visible' });
  const line = page.locator('.pane-text .src-line[data-line="22"]');
  await page.waitForTimeout(150);
  assert.ok(await within(line, page.locator('.pane-text .source')), 'line 22 is in view');
  f = path.join(TMP, 'browser-plans-text-375.png');
  await page.screenshot({ path: f });
  console.log(`# screenshot: ${f}`);
  await page.getByRole('button', { name: '返回大纲' }).click();
  await page.locator('.pane-outline').waitFor({ state: 'visible' });
  await page.setViewportSize({ width: 1280, height: 860 });
}));

test('no script error, Vue warning or CSP violation on any page', () => {
  assert.deepEqual(problems, []);
});
