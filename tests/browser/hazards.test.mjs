// Browser end-to-end test of the hazard pages on the demo data: an enterprise
// reports a major hazard with its five-point plan (五落实) and a photo, and
// submits it for acceptance, without being offered the acceptance itself; a
// regulator finds it (full-text search, CSV export) and accepts it (验收销号);
// the dashboard (一张图) counts one more closed hazard for the year. Also an
// overdue general hazard, red in the list and on the workbench, and the list
// on a 375 px screen.
//
// Run by tests/suites/browser.sh against a real server loaded with
// `hazardnet demo --no-serve` (users enterprise, regulator, … with the demo
// password):
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR node --test --test-reporter=tap tests/browser/hazards.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { BASE, TMP, browserTest } from './lib.mjs';

const CJK = /[\u3400-\u9fff]/;

const suffix = String(Date.now()).slice(-6);
const MAJOR = `储罐区可燃气体报警器失效${suffix}`;
const GENERAL = `配电室未设置挡鼠板${suffix}`;

// Dates in Beijing, as the server counts them.
function shanghaiDate(daysFromToday = 0) {
  return new Date(Date.now() + daysFromToday * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
const TODAY = shanghaiDate(0);

// A small real PNG (24×16, red and white stripes), made here so the test
// needs no fixture file: signature, IHDR, IDAT (zlib), IEND, each with CRC.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function makePng(w, h) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;   // bit depth
  ihdr[9] = 2;   // colour type: RGB
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);   // filter byte 0, then RGB
    for (let x = 0; x < w; x++) {
      const red = Math.floor(x / 4) % 2 === 0;
      row.set(red ? [198, 40, 40] : [255, 255, 255], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PHOTO = { name: 'baojingqi-before.png', mimeType: 'image/png', buffer: makePng(24, 16) };

const ui = browserTest({ name: 'hazards', context: { acceptDownloads: true }, vueWarnings: false });
const { pages, problems, signIn, shot } = ui;   // pages: one signed-in page per demo user
const state = {};        // what one step hands to the next

// The 已销号 card of 一张图, as a number, once the statistics are shown.
async function dashboardClosed(page) {
  await page.locator('#nav').getByRole('link', { name: '一张图' }).click();
  await page.getByRole('heading', { name: '一张图' }).waitFor();
  const card = page.locator('.stat[data-stat="closed"]');
  await card.waitFor();
  assert.equal((await card.locator('.stat-label').textContent()).trim(), '已销号');
  const text = (await card.locator('.stat-value').textContent()).trim();
  assert.match(text, /^\d+$/, `closed count should be a number, got "${text}"`);
  return Number(text);
}

// The labels of the action buttons on a hazard's page.
async function actionLabels(page) {
  const panel = page.locator('.panel-actions');
  await panel.waitFor();
  return (await panel.locator('.action-buttons button').allTextContents()).map((s) => s.trim());
}

test('the regulator reads the closed count of the year on the dashboard', shot(async () => {
  const page = await signIn('regulator');
  const labels = (await page.locator('#nav a').allTextContents()).map((s) => s.trim());
  assert.ok(labels.includes('隐患') && labels.includes('一张图'), `regulator navigation: ${labels.join(' ')}`);
  state.closedBefore = await dashboardClosed(page);
  // The year selector starts at this year; the rate cards never make up a 0%.
  assert.equal(await page.getByLabel('年度').inputValue(), TODAY.slice(0, 4));
  for (const key of ['closure_rate', 'on_time_rate']) {
    const v = (await page.locator(`.stat[data-stat="${key}"] .stat-value`).textContent()).trim();
    assert.match(v, /^(—|\d+(\.\d)?%)$/, `${key} shows "${v}"`);
  }
  assert.ok(await page.locator('.dash-grid canvas').count() >= 1, 'charts are drawn');
  // The monthly trend: a number for every month up to this one, nothing
  // for the months to come (the demo's hazards fill the months before).
  const trend = await page.evaluate(() => {
    const panel = [...document.querySelectorAll('.dash-grid .panel')].find((p) => p.querySelector('h2').textContent === '月度趋势');
    const el = panel.querySelector('.chart');
    const o = echarts.getInstanceByDom(el).getOption();
    return { months: o.xAxis[0].data, found: o.series[0].data, closed: o.series[1].data };
  });
  const month = Number(TODAY.slice(5, 7));
  assert.equal(trend.months.length, 12, 'the whole year on the axis');
  for (let i = 0; i < 12; i++) {
    for (const k of ['found', 'closed']) {
      if (i < month) assert.equal(typeof trend[k][i], 'number', `${k} of ${trend.months[i]} is a number`);
      else assert.equal(trend[k][i], null, `${k} of ${trend.months[i]}, to come, is not drawn`);
    }
  }
  assert.ok(trend.found.slice(0, month).some((v) => v > 0), 'some months have hazards found');
}));

test('a major hazard without its five-point plan is refused next to the fields', shot(async () => {
  const page = await signIn('enterprise');
  await page.locator('#nav').getByRole('link', { name: '隐患' }).click();
  await page.getByRole('heading', { name: '隐患', exact: true }).waitFor();
  await page.getByRole('link', { name: '上报隐患' }).click();
  await page.getByRole('heading', { name: '上报隐患' }).waitFor();
  // An enterprise reports its own hazards: no enterprise to pick.
  assert.equal(await page.locator('#h-enterprise').count(), 0);
  assert.equal(await page.getByLabel('判定依据').count(), 0, 'no 判定依据 for a general hazard');

  await page.getByLabel('隐患名称').fill(MAJOR);
  await page.getByLabel('重大隐患').check();
  await page.getByLabel('判定依据').waitFor();
  await page.getByLabel('隐患类别').selectOption({ label: '物的不安全状态' });
  await page.getByLabel('隐患部位').fill('一号储罐区东侧');
  await page.getByLabel('整改责任人').fill('次仁多吉');
  await page.getByRole('button', { name: '上报' }).click();
  for (const f of ['basis', 'plan.measures', 'plan.funds', 'plan.deadline', 'plan.contingency']) {
    const err = page.locator(`[data-field="${f}"] .field-error`);
    await err.waitFor();
    assert.match((await err.textContent()).trim(), CJK, `${f} error in Chinese`);
  }
  assert.match(page.url(), /#\/hazards\/new$/, 'still on the form');
}));

test('the enterprise reports the major hazard with its plan and a photo', shot(async () => {
  const page = pages.enterprise;
  ui.current = page;
  await page.getByLabel('判定依据').fill('《危险化学品企业重大事故隐患判定标准》第十条');
  await page.getByLabel('隐患描述').fill('一号储罐区两台可燃气体报警器探头失效，无法报警。');
  await page.getByLabel('整改措施').fill('更换失效探头，对全部报警器进行标定，接入 DCS 系统。');
  await page.getByLabel('整改资金（元）').fill('12500');
  await page.getByLabel('整改期限').fill(shanghaiDate(30));
  await page.getByLabel('应急预案').fill('整改期间每两小时人工巡检，配备便携式检测仪。');
  await page.getByLabel('隐患照片（整改前）').setInputFiles(PHOTO);
  await page.locator('.file-names', { hasText: PHOTO.name }).waitFor();
  await page.getByRole('button', { name: '上报' }).click();

  await page.waitForURL(/#\/hazards\/\d+$/);
  state.hazardPath = new URL(page.url()).hash;
  await page.getByRole('heading', { name: MAJOR }).waitFor();
  const head = page.locator('.hazard-head');
  await head.locator('.badge', { hasText: '整改中' }).waitFor();
  assert.match(await head.textContent(), /重大隐患/);
  const plan = page.locator('.panel', { has: page.getByRole('heading', { name: '整改方案（五落实）' }) });
  const planText = await plan.textContent();
  assert.match(planText, /次仁多吉/);
  assert.match(planText, /12,500 元/);
  assert.match(planText, /每两小时人工巡检/);

  // The photo is an attachment of kind "before", shown from its URL.
  const img = page.locator('.thumbs img[alt*="整改前"]');
  await img.waitFor();
  await page.waitForFunction(() => {
    const i = document.querySelector('.thumbs img');
    return i && i.complete && i.naturalWidth > 0;
  });
  assert.equal(await img.evaluate((i) => i.naturalWidth), 24);
}));

test('the enterprise submits it for acceptance and is not offered the acceptance', shot(async () => {
  const page = pages.enterprise;
  ui.current = page;
  // A major hazard: no 立查立改 for the enterprise, only 提交验收.
  assert.deepEqual(await actionLabels(page), ['提交验收']);
  await page.getByRole('button', { name: '提交验收' }).click();
  await page.getByRole('button', { name: '确认提交验收' }).click();
  const err = page.locator('[data-field="evidence"] .field-error');
  await err.waitFor();
  assert.match((await err.textContent()).trim(), /整改情况/);
  await page.getByLabel('整改情况').fill('已更换两台探头并完成标定，报警测试正常。');
  await page.getByRole('button', { name: '确认提交验收' }).click();

  await page.locator('.hazard-head .badge', { hasText: '待验收' }).waitFor();
  await page.locator('.timeline li', { hasText: '提交验收' }).waitFor();
  assert.match(await page.locator('.timeline').textContent(), /已更换两台探头/);
  // Nothing left for the enterprise: in particular no 验收销号.
  assert.equal(await page.getByRole('button', { name: '验收销号' }).count(), 0);
  assert.equal(await page.locator('.panel-actions .action-buttons').count(), 0);
  assert.match(await page.locator('.panel-actions').textContent(), /负有监管职责的部门/);
}));

test('the enterprise reports an overdue general hazard and the list marks it red', shot(async () => {
  const page = pages.enterprise;
  ui.current = page;
  await page.goto(BASE + '/#/hazards/new');
  await page.getByRole('heading', { name: '上报隐患' }).waitFor();
  await page.getByLabel('隐患名称').fill(GENERAL);
  await page.getByLabel('隐患类别').selectOption({ label: '管理缺陷' });
  await page.getByLabel('发现日期').fill(shanghaiDate(-20));
  await page.getByLabel('现在制定整改方案').check();
  await page.getByLabel('整改责任人').fill('李四');
  await page.getByLabel('整改期限').fill(shanghaiDate(-5));
  await page.getByRole('button', { name: '上报' }).click();
  await page.waitForURL(/#\/hazards\/\d+$/);
  await page.locator('.hazard-head .badge', { hasText: '已逾期' }).waitFor();

  await page.locator('#nav').getByRole('link', { name: '隐患' }).click();
  const row = page.locator('table tbody tr', { hasText: GENERAL });
  await row.waitFor();
  assert.match(await row.getAttribute('class'), /row-overdue/);
  assert.match(await row.textContent(), /已逾期/);
  const other = page.locator('table tbody tr', { hasText: MAJOR });
  assert.doesNotMatch((await other.getAttribute('class')) || '', /row-overdue/);

  // The 已逾期 filter keeps the overdue one only.
  await page.getByLabel('已逾期').check();
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/overdue=true/);
  // Wait for the filtered answer to replace the table, not for the old one.
  await page.locator('table tbody tr', { hasText: MAJOR }).waitFor({ state: 'detached' });
  await page.locator('table tbody tr', { hasText: GENERAL }).waitFor();
  assert.equal(await page.locator('table tbody tr', { hasText: MAJOR }).count(), 0);
}));

test('the regulator finds the hazard by full-text search and accepts it', shot(async () => {
  const page = pages.regulator;
  ui.current = page;
  await page.locator('#nav').getByRole('link', { name: '隐患' }).click();
  await page.getByRole('heading', { name: '隐患', exact: true }).waitFor();
  await page.getByLabel('关键字').fill('报警器失效' + suffix);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/q=/);
  const row = page.locator('table tbody tr', { hasText: MAJOR });
  await row.waitFor();
  // The hazard is also on the unfiltered list the page showed before: wait
  // for the filtered answer to replace it (a second row left = a failure).
  await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1, null,
    { timeout: 15000 }).catch(() => {});
  assert.equal(await page.locator('table tbody tr').count(), 1);
  // The CSV export follows the list's filters.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '导出 CSV' }).click(),
  ]);
  const csv = path.join(TMP, `hazards-${suffix}.csv`);
  await download.saveAs(csv);
  const text = (await fs.readFile(csv, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n/);
  assert.match(lines[0], /隐患编号/);
  assert.equal(lines.length, 2, `one hazard in the export, got ${lines.length - 1}`);
  assert.match(lines[1], new RegExp(MAJOR));

  await row.getByRole('link', { name: MAJOR }).click();
  await page.getByRole('heading', { name: MAJOR }).waitFor();
  assert.equal(new URL(page.url()).hash, state.hazardPath);

  const labels = await actionLabels(page);
  assert.ok(labels.includes('验收销号') && labels.includes('退回整改'), `regulator actions: ${labels.join(' ')}`);
  assert.ok(!labels.includes('提交验收'), 'no 提交验收 on a hazard waiting for acceptance');
  await page.getByRole('button', { name: '验收销号' }).click();
  await page.getByLabel('验收意见').fill('现场核查，报警器工作正常，同意销号。');
  await page.getByRole('button', { name: '确认验收销号' }).click();

  await page.locator('.hazard-head .badge', { hasText: '已销号' }).waitFor();
  const accepted = page.locator('.timeline li', { hasText: '验收销号' });
  await accepted.waitFor();
  assert.match(await page.locator('.timeline').textContent(), /同意销号/);
  // Who: the regulator's name and org, not its login.
  assert.match(await accepted.locator('.tl-meta').textContent(), /应急管理局 李强（拉萨市应急管理局）/);
  assert.match(await page.locator('dl.details').first().textContent(), new RegExp(`销号日期\\s*${TODAY}`));
  assert.equal(await page.getByRole('button', { name: '验收销号' }).count(), 0, 'accepted once only');
}));

test('the dashboard counts one more closed hazard for the year', shot(async () => {
  const page = pages.regulator;
  ui.current = page;
  assert.equal(typeof state.closedBefore, 'number', 'the count before was read');
  const after = await dashboardClosed(page);
  assert.equal(after, state.closedBefore + 1);
}));

test('the workbench lists the overdue hazard and links to it', shot(async () => {
  const page = pages.enterprise;
  ui.current = page;
  await page.locator('#nav').getByRole('link', { name: '工作台' }).click();
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  const todo = page.locator('.todo', { hasText: GENERAL });
  await todo.waitFor();
  assert.match(await todo.textContent(), /已逾期/);
  await todo.getByRole('link').click();
  await page.getByRole('heading', { name: GENERAL }).waitFor();
}));

test("the regulator's workbench lists some overdue hazards, says how many there are and opens them all", shot(async () => {
  const page = pages.regulator;
  ui.current = page;
  await page.locator('#nav').getByRole('link', { name: '工作台' }).click();
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  const more = page.locator('.todo-more [data-more="overdue"]');
  await more.waitFor();
  const m = (await more.textContent()).match(/共 (\d+) 条，以上列出 (\d+) 条/);
  assert.ok(m, `the line says how many: "${await more.textContent()}"`);
  const card = page.locator('.stat', { hasText: '逾期隐患' }).locator('.stat-value');
  assert.equal(Number((await card.textContent()).trim()), Number(m[1]), 'the same count as the card');
  assert.ok(Number(m[1]) > Number(m[2]), 'more than are listed');
  assert.equal(await page.locator('.todo', { hasText: '已逾期 YH-' }).count(), Number(m[2]), 'as many listed as it says');
  await more.getByRole('link', { name: '查看全部' }).click();
  await page.waitForURL(/#\/hazards\?overdue=true/);
  await page.locator('.pager', { hasText: `共 ${m[1]} 条` }).waitFor();
}));

test("a hazard of the demo's history reads its record in Chinese", shot(async () => {
  const page = pages.regulator;
  ui.current = page;
  // Newest first: the last of the first page is one of the demo's, not of these tests.
  await page.goto(BASE + '/#/hazards?status=closed');
  await page.locator('table tbody tr').first().waitFor();
  const row = page.locator('table tbody tr').last();
  await row.waitFor();
  await row.getByRole('link').first().click();
  const entry = page.locator('.timeline li.tl-import');
  await entry.waitFor();
  assert.equal((await entry.locator('strong').textContent()).trim(), '导入历史记录');
  assert.match(await entry.locator('.tl-head').textContent(), /导入时状态：已销号/);
  assert.match(await entry.locator('.tl-meta').textContent(), /系统（命令行）/, 'recorded by a command, not a user');
}));

test('a hazard fixed on the spot says so where a deadline would be, on the list and on its page', shot(async () => {
  const page = pages.enterprise;
  ui.current = page;
  // The demo's enterprise fixed this one on the spot today (立查立改).
  await page.goto(BASE + '/#/hazards?q=' + encodeURIComponent('配电室灭火器压力不足'));
  const row = page.locator('table tbody tr', { hasText: '配电室灭火器压力不足' });
  await row.waitFor();
  assert.equal((await row.locator('td[data-label="整改期限"]').textContent()).trim(), '立查立改');
  await row.getByRole('link', { name: '配电室灭火器压力不足' }).click();
  await page.getByRole('heading', { name: '配电室灭火器压力不足' }).waitFor();
  const dd = page.locator('dl.details').first().locator('div', { hasText: '整改期限' }).locator('dd');
  assert.equal((await dd.textContent()).trim(), '立查立改');
}));

test('on a 375 px screen the hazard list reads as cards', shot(async () => {
  const page = pages.regulator;
  ui.current = page;
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(BASE + '/#/hazards');
  await page.locator('table tbody tr', { hasText: MAJOR }).waitFor();
  assert.equal(await page.locator('#nav').isVisible(), false, 'navigation folded');
  assert.equal(await page.locator('table thead').isVisible(), false, 'rows are cards');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  const f = path.join(TMP, 'browser-hazards-375.png');
  await page.screenshot({ path: f, fullPage: true });
  console.log(`# screenshot: ${f}`);
  await page.setViewportSize({ width: 1280, height: 860 });
}));

test('no script error or CSP violation on any page', () => {
  assert.deepEqual(problems, []);
});
