// Browser end-to-end test of 企业风险四色图 (components/risk-map.js): on 一张图
// the office sees the enterprises of /stats/risks/map drawn as markers, as
// many of each colour as the server sent (the legend's data-count and
// data-drawn, and the map's data-markers: the canvas has no elements to
// count), a label per child region, the enterprises without coordinates
// counted, a colour filter that takes a colour off and puts it back; a lone
// enterprise's marker opens its name and a link to its page; the same map
// on 风险分级管控. Nothing is fetched from another origin (no tiles) and the
// CSP refuses nothing.
//
// Run by tests/suites/browser.sh against a real server with the demo data:
//   HN_URL=http://127.0.0.1:PORT HN_TMP=DIR HN_ADMIN_PASSWORD=… node --test tests/browser/map.test.mjs
// Uses playwright-core from web/node_modules and Debian's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, ADMIN_PASSWORD, DEMO_PASSWORD, browserTest, api, creditCode } from './lib.mjs';

const suffix = String(Date.now()).slice(-6);
const COLOURS = ['red', 'orange', 'yellow', 'blue'];

let page;
const foreign = [];

// The town where the lone enterprise is the only one (the demo places its
// enterprises on counties), and the two fresh enterprises.
let town;
let lone;
let unplaced;

// The two fresh enterprises (through the API, before the browser starts),
// then one page for the whole scenario, which notes every request to another
// origin.
const ui = browserTest({
  name: 'map',
  viewport: { width: 1280, height: 900 },
  timeout: 20000,
  vueWarnings: false,
  async beforeLaunch() {
    assert.ok(ADMIN_PASSWORD, 'HN_ADMIN_PASSWORD must be the admin password');
    const admin = (await api('POST', '/session', { login: 'admin', password: ADMIN_PASSWORD })).json.token;
    const inds = (await api('GET', '/industries', null, admin)).json.items;
    const towns = await api('GET', '/regions?parent=540102000000', null, admin);
    assert.equal(towns.status, 200);
    assert.ok(towns.json.items.length > 0, '城关区 has towns');
    town = towns.json.items[towns.json.items.length - 1];
    const industry = inds.find((i) => i.name === '危险化学品').id;
    const make = async (name, where, coords, seed) => {
      const o = await api('POST', '/orgs', {
        kind: 'enterprise', name, region_code: where, credit_code: creditCode(seed), industry, scale: 'above', ...coords,
      }, admin);
      assert.equal(o.status, 201, `enterprise ${name}: ${JSON.stringify(o.json)}`);
      // D = 3 × 3 × 40 = 360: 重大, so the enterprise is red.
      const r = await api('POST', '/risks', {
        enterprise_id: o.json.id, name: `液氯储罐区${suffix}`, kind: 'place', accident_types: ['中毒和窒息'],
        assessment: { method: 'lec', l: 3, e: 3, c: 40 }, tier: 'company', responsible: '次仁',
      }, admin);
      assert.equal(r.status, 201, `its risk point: ${JSON.stringify(r.json)}`);
      return o.json;
    };
    lone = await make(`拉萨四色图测试化工有限公司${suffix}`, town.code, { lat: 29.652, lon: 91.132 }, Date.now() % 1e9);
    unplaced = await make(`拉萨无坐标测试化工有限公司${suffix}`, '540102000000', {}, (Date.now() + 7) % 1e9);
  },
  async afterLaunch(session) {
    page = await session.newPage();
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== new URL(BASE).origin) foreign.push(r.url());
    });
  },
});
const { problems, shot } = ui;

// Open a hash path and return the body of the map's request it makes.
async function openMap(hash) {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/stats/risks/map');
  await page.goto(BASE + '/' + hash);
  const res = await answer;
  assert.equal(res.status(), 200, 'the map endpoint answers');
  return res.json();
}

// What the legend and the map say once the markers are drawn.
async function legend(panel) {
  return panel.locator('.map-legend-item').evaluateAll((els) => Object.fromEntries(els.map((e) => [
    e.dataset.colour, { count: Number(e.dataset.count), drawn: Number(e.dataset.drawn), pressed: e.getAttribute('aria-pressed') },
  ])));
}

function byColour(enterprises) {
  const n = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const e of enterprises) n[e[3]]++;
  return n;
}

test('the office signs in; 一张图 draws as many markers of each colour as the server sent', shot(async () => {
  await page.goto(BASE + '/');
  await page.getByLabel('账号').fill('office');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#nav').waitFor();

  const data = await openMap('#/map');
  const want = byColour(data.enterprises);
  assert.ok(data.enterprises.length >= 2, `the demo city has placed coloured enterprises: ${data.enterprises.length}`);
  assert.ok(want.red >= 1, 'the fresh red enterprise is among them');
  assert.ok(data.enterprises.some((e) => e[0] === lone.id), 'the lone enterprise is on the map');
  assert.ok(!data.enterprises.some((e) => e[0] === unplaced.id), 'the one without coordinates is not');
  assert.ok(data.without_coordinates >= 1);

  const panel = page.locator('.map-panel', { has: page.getByRole('heading', { name: '企业风险四色图' }) });
  const box = panel.locator('.map-box');
  await panel.locator(`.map-box[data-markers="${data.enterprises.length}"]`).waitFor();
  assert.ok(await box.locator('canvas').count() >= 1, 'the markers are drawn on a canvas');
  assert.equal(await box.locator('.leaflet-tile').count(), 0, 'no tiles');
  const got = await legend(panel);
  for (const c of COLOURS) {
    assert.equal(got[c].count, want[c], `${c}: the legend counts what the server sent`);
    assert.equal(got[c].drawn, want[c], `${c}: the map draws as many markers`);
    assert.equal(got[c].pressed, 'true');
  }
  assert.match(await panel.locator('.map-legend-item[data-colour="red"]').textContent(), new RegExp(`红\\s*${want.red}`));
  assert.equal((await panel.locator('.map-unplaced').textContent()).trim(), String(data.without_coordinates),
    'the enterprises without coordinates are counted');
  // each child region a label at the centroid of its enterprises: 拉萨's counties
  assert.ok(data.regions.length >= 1);
  const labels = box.locator('.map-region-label');
  assert.equal(await labels.count(), data.regions.length, 'a label per child region');
  const texts = (await labels.allTextContents()).map((t) => t.trim());
  for (const [code, name, , , n] of data.regions) {
    assert.ok(texts.includes(`${name || code} ${n}`), `the label of ${name}`);
  }
  await panel.getByRole('button', { name: '地区标注' }).click();
  await box.locator('.map-region-label').first().waitFor({ state: 'detached' });
  await panel.getByRole('button', { name: '地区标注' }).click();
  await box.locator('.map-region-label').first().waitFor({ state: 'attached' });
  assert.equal(await labels.count(), data.regions.length, 'the labels come back');

  // Zoomed out, labels that would cover another are hidden, the others kept
  // whole; zoomed back in, they come back.
  const labelBoxes = () => box.locator('.map-region-label-text').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent.trim(), hidden: getComputedStyle(e).visibility === 'hidden',
      l: r.left, r: r.right, t: r.top, b: r.bottom };
  }));
  const overlap = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  // One step at a time, each to its end (the box says the zoom its labels
  // were sorted out at).
  const zoomTo = async (button, times) => {
    for (let i = 0; i < times; i++) {
      const want = Number(await box.getAttribute('data-zoom')) + (button === '放大' ? 1 : -1);
      await box.locator(button === '放大' ? '.leaflet-control-zoom-in' : '.leaflet-control-zoom-out').click();
      await panel.locator(`.map-box[data-zoom="${want}"]`).waitFor();
    }
  };
  const hiddenAtFit = (await labelBoxes()).filter((x) => x.hidden).length;
  await zoomTo('缩小', 3);
  const far = await labelBoxes();
  const shownFar = far.filter((x) => !x.hidden);
  assert.ok(far.some((x) => x.hidden), 'zoomed out, some labels are hidden');
  for (let i = 0; i < shownFar.length; i++) {
    for (let j = i + 1; j < shownFar.length; j++) {
      assert.ok(!overlap(shownFar[i], shownFar[j]), `${shownFar[i].text} and ${shownFar[j].text} do not overlap`);
    }
  }
  for (const h of far.filter((x) => x.hidden)) {
    assert.ok(shownFar.some((v) => overlap(h, v)), `${h.text} is hidden only because it would cover a label shown`);
  }
  await zoomTo('放大', 3);
  assert.equal((await labelBoxes()).filter((x) => x.hidden).length, hiddenAtFit, 'zoomed back in, the labels come back');

  // The filter by colour takes the red ones off and puts them back.
  await panel.locator('.map-legend-item[data-colour="red"]').click();
  await panel.locator(`.map-box[data-markers="${data.enterprises.length - want.red}"]`).waitFor();
  let now = await legend(panel);
  assert.equal(now.red.drawn, 0);
  assert.equal(now.red.pressed, 'false');
  assert.equal(now.blue.drawn, want.blue, 'the other colours stay');
  await panel.locator('.map-legend-item[data-colour="red"]').click();
  await panel.locator(`.map-box[data-markers="${data.enterprises.length}"]`).waitFor();
  now = await legend(panel);
  assert.equal(now.red.drawn, want.red);
}));

test("a lone enterprise's marker opens its name and a link to its page", shot(async () => {
  const data = await openMap(`#/map?region=${town.code}`);
  assert.equal(data.enterprises.length, 1, `only the lone enterprise in ${town.name}`);
  const panel = page.locator('.map-panel');
  const box = panel.locator('.map-box[data-markers="1"]');
  await box.waitFor();
  assert.equal((await legend(panel)).red.drawn, 1);
  // One marker: the map is centred on it.
  const b = await box.boundingBox();
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  const popup = page.locator('.leaflet-popup-content .map-popup');
  await popup.waitFor();
  assert.equal((await popup.locator('strong').textContent()).trim(), lone.name);
  const link = popup.getByRole('link', { name: '查看企业' });
  assert.equal(await link.getAttribute('href'), `#/orgs/${lone.id}`);
  await link.click();
  await page.getByRole('heading', { name: lone.name }).waitFor();
}));

test('风险分级管控 shows the same map', shot(async () => {
  const data = await openMap('#/risks');
  const panel = page.locator('.map-panel');
  await panel.locator(`.map-box[data-markers="${data.enterprises.length}"]`).waitFor();
  const want = byColour(data.enterprises);
  const got = await legend(panel);
  for (const c of COLOURS) assert.equal(got[c].drawn, want[c], `${c} on 风险分级管控`);
  assert.deepEqual(problems, [], 'no page errors and nothing refused by the CSP');
  assert.deepEqual(foreign, [], 'nothing is fetched from another origin');
}));
