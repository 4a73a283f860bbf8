// Browser end-to-end test of 风险分级管控 (双重预防): a fresh enterprise's
// safety officer assesses a risk point with LEC in the form, sees the score
// and level computed live, saves it and sees the colour the server gave it
// on the risk point and on the enterprise's own page (本单位); a
// re-assessment to 重大 turns the enterprise red; a check item gets its
// task, and a "发现隐患" record reports the hazard, which opens in 隐患.
//
// Run by tests/suites/browser.sh against a real server with the demo data:
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR HN_ADMIN_PASSWORD=… node --test tests/browser/risks.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, browserTest, api, freshChemicalEnterprise } from './lib.mjs';

const suffix = String(Date.now()).slice(-6);
const LOGIN = `risk-ui-${suffix}`;
const PASSWORD = 'risk-ui-pass-1';
const RISK = `液氨储罐区${suffix}`;
const ITEM = `氨气泄漏报警器完好有效${suffix}`;

let page;
let enterpriseId;

// A fresh enterprise and its safety officer (through the API, before the
// browser starts), then one page for the whole scenario.
const ui = browserTest({
  name: 'risks',
  viewport: { width: 1280, height: 900 },
  vueWarnings: false,
  async beforeLaunch() {
    let admin;
    ({ admin, id: enterpriseId } = await freshChemicalEnterprise(`拉萨风险测试化工有限公司${suffix}`, Date.now() % 1e9));
    const u = await api('POST', '/users', { login: LOGIN, name: '安全员 卓玛', password: PASSWORD, role: 'enterprise', org_id: enterpriseId }, admin);
    assert.equal(u.status, 201, `its safety officer: ${JSON.stringify(u.json)}`);
  },
  async afterLaunch(session) {
    page = await session.newPage();
  },
});
const { problems, shot } = ui;

// The colour class of the 风险等级 badge on 本单位.
async function ownColour() {
  await page.locator('#nav').getByRole('link', { name: '本单位' }).click();
  const row = page.locator('.details div', { has: page.locator('dt', { hasText: /^风险等级$/ }) });
  await row.waitFor();
  return row.locator('dd');
}

test('an enterprise assesses a risk point with LEC and sees its colour on the risk point and on its own page', shot(async () => {
  await page.goto(BASE + '/');
  await page.getByLabel('账号').fill(LOGIN);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#nav').waitFor();
  assert.equal((await (await ownColour()).textContent()).trim(), '未评定', 'no risk point yet: no colour');

  await page.locator('#nav').getByRole('link', { name: '风险分级管控' }).click();
  await page.getByRole('link', { name: '新增风险点' }).click();
  await page.getByLabel('风险点名称').fill(RISK);
  await page.getByLabel('类型').selectOption({ label: '场所区域' });
  await page.getByLabel('中毒和窒息').check();
  await page.getByLabel('容器爆炸').check();
  const preview = page.locator('[data-test="risk-preview"]');
  assert.match(await preview.textContent(), /选择各项取值后显示/);
  await page.getByLabel('L 事故发生的可能性').selectOption({ label: '3 — 可能，但不经常' });
  await page.getByLabel('E 暴露于危险环境的频繁程度').selectOption({ label: '6 — 每天工作时间内暴露' });
  await page.getByLabel('C 发生事故产生的后果').selectOption({ label: '7 — 严重，重伤' });
  // 3 × 6 × 7 = 126: 一般风险, shown before anything is sent.
  await preview.getByText('126').waitFor();
  assert.match(await preview.textContent(), /一般风险（黄）/);
  await page.getByLabel('C 发生事故产生的后果').selectOption({ label: '40 — 灾难，数人死亡' });
  await preview.getByText('720').waitFor();
  assert.match(await preview.textContent(), /重大风险（红）/, 'the preview follows the pickers');
  await page.getByLabel('C 发生事故产生的后果').selectOption({ label: '7 — 严重，重伤' });
  await page.getByLabel('工程技术措施').fill('氨气泄漏报警与喷淋联锁');
  await page.getByLabel('应急处置措施').fill('佩戴正压式空气呼吸器，关闭紧急切断阀');
  await page.getByLabel('管控层级').selectOption({ label: '车间' });
  await page.getByLabel('责任人', { exact: true }).fill('次仁');
  await page.getByRole('button', { name: '保存' }).click();

  // The risk point's page: the level and score the server computed.
  await page.getByRole('heading', { name: RISK }).waitFor();
  const level = page.locator('.details div', { has: page.locator('dt', { hasText: /^风险等级$/ }) }).locator('.badge');
  assert.equal((await level.textContent()).trim(), '一般风险');
  assert.match(await level.getAttribute('class'), /risk-yellow/);
  const entColour = page.locator('.details div', { has: page.locator('dt', { hasText: /^企业风险等级$/ }) }).locator('.badge');
  assert.match(await entColour.getAttribute('class'), /risk-yellow/);

  // The enterprise page shows the colour.
  const own = await ownColour();
  assert.equal((await own.textContent()).trim(), '黄');
  assert.match(await own.locator('.badge').getAttribute('class'), /risk-yellow/);
}));

test('a re-assessment to 重大 turns the enterprise red, and the history keeps the level before', shot(async () => {
  await page.locator('#nav').getByRole('link', { name: '风险分级管控' }).click();
  const row = page.locator('tr', { hasText: RISK });
  assert.match(await row.locator('.badge').getAttribute('class'), /risk-yellow/, 'the list shows the colour chip');
  await row.getByRole('link', { name: RISK }).click();
  await page.getByRole('button', { name: '重新评价' }).click();
  const form = page.getByRole('form', { name: '重新评价' });
  await form.getByLabel('L 事故发生的可能性').selectOption({ label: '6 — 相当可能' });
  await form.getByLabel('E 暴露于危险环境的频繁程度').selectOption({ label: '6 — 每天工作时间内暴露' });
  await form.getByLabel('C 发生事故产生的后果').selectOption({ label: '15 — 非常严重，一人死亡' });
  await form.locator('[data-test="risk-preview"]').getByText('540').waitFor();
  await form.getByLabel('复评原因').fill('储罐扩容后复评');
  await form.getByRole('button', { name: '保存评价' }).click();
  await page.locator('tr', { hasText: '储罐扩容后复评' }).waitFor();
  const last = page.locator('tr', { hasText: '储罐扩容后复评' });
  assert.match(await last.textContent(), /一般风险.*重大风险/);
  // 下载告知卡: the risk point's card, a PDF the signed-in browser may fetch.
  const got = await page.evaluate(async (u) => {
    const r = await fetch(u);
    const b = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), magic: String.fromCharCode(...b.slice(0, 5)) };
  }, await page.getByRole('link', { name: '下载告知卡' }).getAttribute('href'));
  assert.equal(got.status, 200, 'the card downloads');
  assert.match(got.type || '', /^application\/pdf/);
  assert.equal(got.magic, '%PDF-');
  await page.locator('#nav').getByRole('link', { name: '风险分级管控' }).click();
  assert.match(await page.getByRole('link', { name: '下载告知卡' }).getAttribute('href'), /\/exports\/risk-cards\.pdf$/,
    "the list offers the enterprise's cards");
  const own = await ownColour();
  assert.equal((await own.textContent()).trim(), '红');
}));

test('a check item gets its task; recording 发现隐患 reports the hazard', shot(async () => {
  await page.locator('#nav').getByRole('link', { name: '风险分级管控' }).click();
  await page.locator('tr', { hasText: RISK }).getByRole('link', { name: RISK }).click();
  await page.getByRole('button', { name: '添加排查项' }).click();
  const form = page.getByRole('form', { name: '添加排查项' });
  await form.getByLabel('对应措施').selectOption({ label: '工程技术措施' });
  await form.getByLabel('排查周期').selectOption({ label: '每日' });
  await form.getByLabel('排查内容').fill(ITEM);
  await form.getByLabel('排查方法').fill('现场试验报警');
  await form.getByLabel('排查层级').selectOption({ label: '班组' });
  await form.getByLabel('责任人').fill('班长 扎西');
  await form.getByRole('button', { name: '保存排查项' }).click();
  await page.locator('tr', { hasText: ITEM }).waitFor();

  await page.locator('#nav').getByRole('link', { name: '排查任务' }).click();
  const task = page.locator('tr', { hasText: ITEM });
  await task.getByRole('button', { name: '记录' }).click();
  const rec = page.getByRole('form', { name: `记录排查结果：${ITEM}` });
  await rec.getByLabel('发现隐患').check();
  await rec.getByLabel('排查情况').fill('2号探头无响应');
  await rec.getByLabel('隐患类别').selectOption({ label: '物的不安全状态' });
  await rec.getByRole('button', { name: '保存并上报隐患' }).click();
  await page.getByRole('status').getByText('排查发现的隐患已上报').waitFor();
  await page.getByRole('status').getByRole('link', { name: '查看隐患' }).click();
  await page.getByRole('heading', { name: ITEM }).waitFor();
  assert.match(await page.locator('main, body').first().textContent(), new RegExp(RISK), 'the hazard names its risk point');
}));

test('no script error or CSP violation on the risk pages', () => {
  assert.deepEqual(problems, []);
});
