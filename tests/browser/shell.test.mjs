// Browser end-to-end test of the web UI shell: login, navigation, creating an
// enterprise through the form (region picker, industry, credit code checked
// by the server), the list, and the phone-sized layout.
//
// Run by tests/suites/browser.sh against a real server:
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR node --test --test-reporter=tap tests/browser/shell.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium;
// never downloads a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, TMP, ADMIN_PASSWORD, browserTest } from './lib.mjs';

const ADMIN = { login: 'admin', password: ADMIN_PASSWORD || 'secret-pass-1' };
const CJK = /[\u3400-\u9fff]/;

// GB 32100 unified social credit code.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i]);
    assert.ok(v >= 0, `bad credit code character ${first17[i]}`);
    sum += v * WEIGHTS[i];
  }
  return CHARS[(31 - (sum % 31)) % 31];
}
function validCreditCode() {
  // 91 = enterprise, 540100 = 拉萨市, then 9 characters of organisation code.
  let body = '91540100MA6T0';
  const seed = Date.now() + process.pid;
  for (let i = 0, n = seed; i < 4; i++, n = Math.floor(n / 31)) body += CHARS[n % 31];
  return body + checkChar(body);
}

const suffix = String(Date.now()).slice(-6);
const ENTERPRISE = `拉萨测试化工有限公司${suffix}`;
const GOOD_CODE = validCreditCode();
// Same code with a wrong check character: right format, wrong checksum.
const BAD_CODE = GOOD_CODE.slice(0, 17) + CHARS[(CHARS.indexOf(GOOD_CODE[17]) + 1) % 31];

// One page for the whole scenario; failure screenshots are
// browser-failure-<n>.png.
let page;
const ui = browserTest({
  vueWarnings: false,
  async afterLaunch(session) {
    page = await session.newPage();
  },
});
const { problems, shot } = ui;   // problems: script errors and CSP violations seen on any page

test('the app loads under the CSP and shows the login form', shot(async () => {
  const res = await page.goto(BASE + '/');
  assert.equal(res.status(), 200);
  await page.getByLabel('账号').waitFor();
  await page.getByLabel('密码').waitFor();
  assert.match(await page.title(), /登录/);
  assert.deepEqual(problems, []);
}));

test('a wrong password shows an error and stays on the login form', shot(async () => {
  await page.getByLabel('账号').fill(ADMIN.login);
  await page.getByLabel('密码').fill(ADMIN.password + '-wrong');
  await page.getByRole('button', { name: '登录' }).click();
  const alert = page.locator('.login .form-error');
  await alert.waitFor();
  const text = (await alert.textContent()).trim();
  assert.match(text, CJK, `error should be in Chinese, got "${text}"`);
  assert.match(text, /账号或密码/);
  assert.equal(await page.locator('#nav').count(), 0, 'no frame without a session');
}));

test('the right password signs in to the workbench with the admin navigation', shot(async () => {
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  const nav = page.locator('#nav');
  await nav.waitFor();
  const labels = (await nav.locator('a').allTextContents()).map((s) => s.trim());
  assert.deepEqual(labels, ['工作台', '单位管理', '隐患', '风险分级管控', '排查任务', '行动计划', '督办通报', '监督检查', '一张图', '用户管理', '行业管理']);
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  await page.getByRole('button', { name: '退出' }).waitFor();
  assert.match(await page.locator('.topbar').textContent(), /系统管理员/);
}));

test('an enterprise with a bad credit code is refused next to the field', shot(async () => {
  await page.locator('#nav').getByRole('link', { name: '单位管理' }).click();
  await page.getByRole('heading', { name: '单位管理' }).waitFor();
  await page.getByRole('link', { name: '新增单位' }).click();
  await page.getByRole('heading', { name: '新增单位' }).waitFor();

  await page.getByLabel('单位类型').selectOption({ label: '生产经营单位' });
  await page.getByLabel('单位名称').fill(ENTERPRISE);
  // Cascading picker: each level's options load after the level above.
  const picker = page.locator('[data-field="region_code"]');
  await picker.getByLabel('省').selectOption({ label: '西藏自治区' });
  await picker.getByLabel('市').selectOption({ label: '拉萨市' });
  await picker.getByLabel('县（区）').selectOption({ label: '城关区' });
  await picker.getByLabel('乡镇（街道）').waitFor();   // the next level appears once a county is chosen

  const industry = page.getByLabel('行业', { exact: true });
  await industry.locator('option').nth(1).waitFor({ state: 'attached' });
  const industryName = (await industry.locator('option').nth(1).textContent()).trim();
  await industry.selectOption({ index: 1 });
  await page.locator('input[name="o-scale"][value="above"]').check();

  await page.getByLabel('统一社会信用代码').fill(BAD_CODE.toLowerCase());
  assert.equal(await page.getByLabel('统一社会信用代码').inputValue(), BAD_CODE, 'input is upper-cased');
  await page.getByRole('button', { name: '保存' }).click();
  const fieldError = page.locator('[data-field="credit_code"] .field-error');
  await fieldError.waitFor();
  assert.match((await fieldError.textContent()).trim(), CJK);
  assert.match(page.url(), /#\/orgs\/new$/, 'still on the form');

  await page.getByLabel('统一社会信用代码').fill(GOOD_CODE);
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/#\/orgs\/\d+$/);   // the new org's own page
  await page.getByRole('heading', { name: ENTERPRISE }).waitFor();
  await page.locator('#nav').getByRole('link', { name: '单位管理' }).click();
  await page.waitForURL(/#\/orgs$/);
  // The demo data fills the first pages of the list: find it by its name.
  await page.getByLabel('名称或信用代码').fill(ENTERPRISE);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/q=/);
  const row = page.locator('table tbody tr', { hasText: ENTERPRISE });
  await row.waitFor();
  const rowText = await row.textContent();
  assert.match(rowText, /生产经营单位/);
  assert.match(rowText, new RegExp(GOOD_CODE));
  assert.match(rowText, new RegExp(industryName.replace(/（已停用）$/, '')));
}));

test('the enterprise can be found by the list filters and opened', shot(async () => {
  await page.getByLabel('名称或信用代码').fill(GOOD_CODE);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/q=/);
  await page.locator('table tbody tr', { hasText: ENTERPRISE }).waitFor();
  assert.equal(await page.locator('table tbody tr').count(), 1);
  await page.getByRole('link', { name: ENTERPRISE }).click();
  await page.getByRole('heading', { name: ENTERPRISE }).waitFor();
  // The region shows as its full path, resolved through the region API.
  await page.locator('dl.details', { hasText: '拉萨市' }).waitFor();
  const details = await page.locator('dl.details').textContent();
  assert.match(details, /西藏自治区\s*拉萨市\s*城关区/);
  assert.match(details, /规上/);
  assert.match(details, new RegExp(GOOD_CODE));
}));

test('on a 375 px screen the navigation is collapsed and the list still reads', shot(async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(BASE + '/#/orgs?q=' + encodeURIComponent(ENTERPRISE));
  const row = page.locator('table tbody tr', { hasText: ENTERPRISE });
  await row.waitFor();
  const nav = page.locator('#nav');
  const toggle = page.locator('.nav-toggle');
  assert.equal(await nav.isVisible(), false, 'navigation hidden');
  assert.equal(await toggle.isVisible(), true, 'menu button shown');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  const shot = path.join(TMP, 'browser-orgs-375.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`# screenshot: ${shot}`);

  await toggle.click();
  await nav.waitFor({ state: 'visible' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await nav.getByRole('link', { name: '工作台' }).click();
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  assert.equal(await nav.isVisible(), false, 'navigation folds after choosing a page');
}));

test('signing out returns to the login form', shot(async () => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('账号').waitFor();
  await page.goto(BASE + '/#/orgs');
  await page.getByLabel('密码').waitFor();
  assert.equal(await page.locator('#nav').count(), 0);
  assert.deepEqual(problems, [], 'no script error or CSP violation on any page');
}));
