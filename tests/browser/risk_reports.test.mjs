// Browser end-to-end test of 年度风险报告 (风险清单及年度风险分析) on the demo
// data: the regulator (拉萨市应急管理局) finds the demo enterprise on the
// 未报送 board of this year; the enterprise opens 年度风险报告 from 风险分级管控,
// drafts this year's report (the counts by colour appear), writes the
// analysis and the principal and submits it, then sees it as reported with
// the frozen list, in its past reports, and the Excel link; the regulator
// sees the report in its list with its download, and the board one shorter.
//
// Run by tests/suites/browser.sh against a fresh server with the demo data:
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR node --test --test-reporter=tap tests/browser/risk_reports.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, browserTest } from './lib.mjs';

const TODAY = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const YEAR = Number(TODAY.slice(0, 4));
const ANALYSIS = `${YEAR}年度共辨识风险点若干处，重大风险已落实工程技术和管理措施，总体可控。`;

const ui = browserTest({ name: 'risk-reports', acceptDialogs: true });
const { problems, signIn, shot } = ui;
const state = {};

// The number in a tab's label: 未报送（3） → 3.
async function tabCount(page, name) {
  const text = await page.getByRole('tab', { name: new RegExp(`^${name}`) }).textContent();
  const m = /（(\d+)）/.exec(text);
  assert.ok(m, `the tab says how many: ${text}`);
  return Number(m[1]);
}

test('the regulator finds the demo enterprise on this year\'s 未报送 board', shot(async () => {
  const page = await signIn('regulator');
  const ent = await signIn('enterprise');
  const me = await ent.evaluate(async () => (await (await fetch('/api/v1/session')).json()).user);
  state.enterpriseId = me.org_id;
  await signIn('regulator');
  await page.goto(BASE + '/#/risks/reports?tab=missing');
  await page.getByRole('heading', { name: '年度风险报告' }).waitFor();
  const row = page.locator(`.risk-report-board tr[data-enterprise="${state.enterpriseId}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /未报送/);
  state.missing = await tabCount(page, '未报送');
  state.reports = await tabCount(page, '报告');
  assert.ok(state.missing >= 1);
}));

test('the enterprise drafts, writes and submits this year\'s report from 风险分级管控', shot(async () => {
  const page = await signIn('enterprise');
  await page.goto(BASE + '/#/risks');
  await page.getByRole('link', { name: '年度风险报告' }).click();
  await page.waitForURL(/#\/risks\/reports/);
  await page.getByRole('button', { name: `起草 ${YEAR} 年度报告` }).click();
  const panel = page.locator('.own-risk-report');
  await panel.getByRole('heading', { name: new RegExp(`${YEAR} 年度风险报告`) }).waitFor();
  await panel.locator('.badge', { hasText: '草稿' }).waitFor();
  // the counts by colour preview the live list (the demo enterprise has risk points)
  const total = Number(/合计 (\d+)/.exec(await panel.locator('.report-counts').textContent())[1]);
  assert.ok(total > 0, 'the draft counts the risk points');
  state.total = total;

  // submitting without an analysis is refused next to the field
  await panel.getByRole('button', { name: '确认报送' }).click();
  await panel.locator('[data-field="analysis"] .field-error').waitFor();
  await page.getByLabel('年度风险分析').fill(ANALYSIS);
  await page.getByLabel('主要负责人（确认人）').fill('王总经理');
  await panel.getByRole('button', { name: '确认报送' }).click();
  const status = TODAY > `${YEAR}-12-20` ? '逾期报送' : '按时报送';
  await panel.locator('.badge', { hasText: status }).waitFor();
  assert.match(await panel.textContent(), new RegExp(ANALYSIS));
  assert.match(await panel.textContent(), /王总经理/);
  assert.equal(await panel.locator('.report-items tbody tr').count(), total, 'the frozen list, one row a risk point');
  const xlsx = panel.getByRole('link', { name: '下载报告（Excel）' });
  assert.match(await xlsx.getAttribute('href'), /\/api\/v1\/exports\/risk-reports\/\d+\.xlsx$/);
  const res = await page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, type: r.headers.get('content-type') };
  }, await xlsx.getAttribute('href'));
  assert.equal(res.status, 200);
  assert.match(res.type, /spreadsheetml/);
  const past = page.locator(`.past-reports tr[data-year="${YEAR}"]`);
  await past.waitFor();
  assert.match(await past.textContent(), new RegExp(status));
}));

test('the regulator sees the report with its download, and the board one shorter', shot(async () => {
  const page = await signIn('regulator');
  // This page has shown the reports since the first test: two hash changes
  // in a row may reach the router as one, which keeps the list loaded
  // then. A reload loads it anew.
  await page.goto(BASE + '/#/risks/reports?tab=reports');
  await page.reload();
  const row = page.locator(`.risk-report-list tr[data-enterprise="${state.enterpriseId}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /王总经理/);
  assert.match(await row.textContent(), new RegExp(`合计 ${state.total}`));
  assert.equal(await row.getByRole('link', { name: '下载 Excel' }).count(), 1);
  assert.equal(await tabCount(page, '报告'), state.reports + 1);
  assert.equal(await tabCount(page, '未报送'), state.missing - 1, 'the board shrank by one');
  await page.getByRole('tab', { name: /^未报送/ }).click();
  await page.waitForURL(/tab=missing/);
  assert.equal(await page.locator(`.risk-report-board tr[data-enterprise="${state.enterpriseId}"]`).count(), 0);
  assert.deepEqual(problems, [], 'no page errors, CSP refusals or Vue warnings');
}));
