// Browser end-to-end test of 监督检查: a regulator sees a red enterprise among
// the enterprises due for inspection this quarter, records an inspection
// (四不两直) with two inspectors of its department through 登记检查, finds
// the record with its code, sees the enterprise leave the due list, and
// sees the inspection and the next due date on the enterprise's page.
//
// Run by tests/suites/browser.sh against a real server with the demo data:
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR HN_ADMIN_PASSWORD=… node --test tests/browser/inspections.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, browserTest, api, freshChemicalEnterprise } from './lib.mjs';

const suffix = String(Date.now()).slice(-6);
const ENTERPRISE = `拉萨检查测试化工有限公司${suffix}`;
const SUMMARY = `检查液氨储罐区和装卸作业，发现报警器未定期校验${suffix}`;

let page;
let enterpriseId;

/** The last day of the quarter holding today in Asia/Shanghai. */
function quarterEnd() {
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  return new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
}

// A fresh enterprise with a red risk point (through the API, before the
// browser starts), then one page for the whole scenario.
const ui = browserTest({
  name: 'inspections',
  viewport: { width: 1280, height: 900 },
  vueWarnings: false,
  async beforeLaunch() {
    let admin;
    ({ admin, id: enterpriseId } = await freshChemicalEnterprise(ENTERPRISE, (Date.now() + 77) % 1e9));
    const risk = await api('POST', '/risks', {
      enterprise_id: enterpriseId, name: `液氨储罐区${suffix}`, kind: 'place', tier: 'company', responsible: '次仁',
      assessment: { method: 'lec', l: 3, e: 3, c: 40 },
    }, admin);
    assert.equal(risk.status, 201, `a major risk point: ${JSON.stringify(risk.json)}`);
    assert.equal(risk.json.colour, 'red');
  },
  async afterLaunch(session) {
    page = await session.newPage();
  },
});
const { problems, shot } = ui;

// The due list filtered to red, loaded.
async function redDueList() {
  await page.locator('#nav').getByRole('link', { name: '监督检查' }).click();
  await page.getByRole('tab', { name: '待检查企业' }).click();
  const red = page.locator('button.colour-chip[data-colour="red"]');
  await red.waitFor();
  if ((await red.getAttribute('aria-pressed')) !== 'true') await red.click();
  await page.waitForFunction(() => location.hash.includes('colour=red'));
  await page.locator('table[aria-label="待检查企业"], .empty').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

test('a regulator sees a red enterprise due, records an inspection with two inspectors, and the enterprise leaves the due list', shot(async () => {
  await page.goto(BASE + '/');
  await page.getByLabel('账号').fill('regulator');
  await page.getByLabel('密码').fill('hazardnet-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#nav').waitFor();

  // The workbench says how many are due, and its to-do for the red ones
  // opens their list.
  const dueCard = page.locator('a.stat', { hasText: '待检查企业' });
  await dueCard.waitFor();
  assert.equal(await dueCard.getAttribute('href'), '#/inspections?tab=due');
  assert.ok(Number((await dueCard.locator('.stat-value').textContent()).trim()) >= 1, 'the card counts them');
  const redTodo = page.locator('.todo', { hasText: /红色（重大风险）企业 \d+ 家本期尚未检查/ });
  await redTodo.waitFor();
  assert.match(await redTodo.textContent(), new RegExp(`期限 ${quarterEnd()}`), "due by the quarter's end");
  await redTodo.locator('a.todo-title').click();
  await page.waitForFunction(() => location.hash.includes('tab=due') && location.hash.includes('colour=red'));
  await page.locator('tr', { hasText: ENTERPRISE }).waitFor();

  await redDueList();
  const row = page.locator('tr', { hasText: ENTERPRISE });
  await row.waitFor();
  assert.match(await row.locator('.badge').getAttribute('class'), /risk-red/);
  assert.equal((await row.locator('.due-by').textContent()).trim(), `${quarterEnd()} 前`, 'due by the end of the quarter');
  assert.match(await row.textContent(), /从未检查/);
  const redCount = Number((await page.locator('button.colour-chip[data-colour="red"] .stat-value').textContent()).trim());
  assert.ok(redCount >= 1, 'the red tile counts it');

  // 登记检查 from the row: the enterprise is filled in.
  await row.getByRole('link', { name: '登记检查' }).click();
  const form = page.getByRole('form', { name: '登记检查' });
  await form.waitFor();
  assert.equal(await form.locator('#insp-enterprise').inputValue(), ENTERPRISE);
  await form.getByLabel('检查类型').selectOption({ label: '四不两直' });
  const inspectors = form.getByRole('group', { name: '检查人员' });
  await inspectors.getByLabel(/李强/).waitFor();
  assert.equal(await inspectors.getByLabel(/李强/).isChecked(), true, 'the signed-in regulator is one of the inspectors');
  // One inspector is not enough: the form says so before sending.
  await form.getByLabel('检查情况').fill(SUMMARY);
  await form.getByRole('button', { name: '保存' }).click();
  await form.locator('[data-field="inspector_ids"] .field-error').waitFor();
  await inspectors.getByLabel(/王磊/).check();
  await form.getByRole('button', { name: '保存' }).click();

  // The record: its code, both inspectors, what was found.
  const heading = page.getByRole('heading', { name: /^检查记录 JC-540102-\d{4}-\d{6}$/ });
  await heading.waitFor();
  const code = (await heading.textContent()).replace('检查记录', '').trim();
  const details = page.locator('.details');
  assert.match(await details.locator('.inspectors').textContent(), /李强.*王磊|王磊.*李强/);
  assert.match(await details.textContent(), /四不两直/);
  assert.match(await details.textContent(), new RegExp(SUMMARY));

  // 检查记录 lists it.
  await page.getByRole('link', { name: '返回列表' }).click();
  await page.locator('table[aria-label="检查记录"]').getByRole('link', { name: code }).waitFor();

  // The enterprise has left the red due list.
  await redDueList();
  await page.waitForFunction((n) => {
    const v = document.querySelector('button.colour-chip[data-colour="red"] .stat-value');
    return v && Number(v.textContent.trim()) === n;
  }, redCount - 1);
  assert.equal(await page.locator('tr', { hasText: ENTERPRISE }).count(), 0, 'no longer due');

  // The enterprise's page: the last inspection, the next due date, the record.
  await page.goto(`${BASE}/#/enterprises/${enterpriseId}`);
  const last = page.locator('.details .last-inspected');
  await last.waitFor();
  assert.match((await last.textContent()).trim(), /^\d{4}-\d{2}-\d{2}$/);
  assert.match((await page.locator('.details .next-inspection').textContent()).trim(), /^\d{4}-\d{2}-\d{2} 前$/);
  assert.notEqual((await page.locator('.details .next-inspection').textContent()).trim(), `${quarterEnd()} 前`,
    'inspected this quarter: due next quarter');
  await page.locator('table[aria-label="本企业的检查记录"]').getByRole('link', { name: code }).waitFor();
  assert.deepEqual(problems, [], 'no page errors');
}));
