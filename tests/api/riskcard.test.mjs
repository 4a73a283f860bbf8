// 岗位风险告知卡 (DESIGN §3.2): a risk point's notice card as PDF, read back
// with pdftotext — the name, the level word and colour, an accident type,
// the measures by kind, the emergency measures, the tier, the responsible
// person, the enterprise and the date; and the cards of all current risk
// points of an enterprise, one a page (a retired one left out). Outside the
// scope the card is not found.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, get, post, patch, tokenOf, assertStatus, assertError, uniq, freshCreditCode } from './lib.mjs';
import { getWorld } from './fixtures.mjs';
import { riskBody } from './walk_risks.mjs';

let w;
before(async () => { w = await getWorld(); });

async function as(role) { return { token: await tokenOf(role) }; }

function pdf(buf, tool, args) {
  const dir = mkdtempSync(join(tmpdir(), 'hn-card-'));
  try {
    writeFileSync(join(dir, 'c.pdf'), buf);
    return execFileSync(tool, [...args, join(dir, 'c.pdf'), ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// pdftotext spaces CJK glyphs unevenly: compare without white space.
const textOf = (buf) => pdf(buf, 'pdftotext', ['-enc', 'UTF-8']).replace(/\s+/g, '');
const pagesOf = (buf) => Number(pdf(buf, 'pdfinfo', []).match(/^Pages:\s+(\d+)/m)[1]);

async function createRisk(role, body) {
  const r = await post(`${API}/risks`, body, await as(role));
  assertStatus(r, 201, `${role} identifies "${body.name}"`);
  return r.json;
}

test("a risk point's card shows what the post must know, and only to who may read the risk point", async () => {
  // LEC 10 × 6 × 7 = 420: 重大 (red)
  const body = riskBody(w.orgs.ownEnterprise.id, {
    assessment: { method: 'lec', l: 10, e: 6, c: 7 }, accident_types: ['火灾', '中毒和窒息'], tier: 'company',
    measures: { engineering: '可燃气体报警联锁', management: '动火作业审批', training: '岗前安全培训',
      ppe: '佩戴防静电服', emergency: '立即切断物料并报告值班长' },
    responsible: `李经理${uniq()}`,
  });
  const rp = await createRisk('enterprise', body);
  assert.equal(rp.level, 'major');
  const res = await get(`${API}/exports/risks/${rp.id}/card.pdf`, await as('enterprise'));
  assertStatus(res, 200);
  assert.match(res.headers.get('content-type'), /^application\/pdf/);
  assert.match(res.headers.get('content-disposition') || '', /risk-card-\d+\.pdf/);
  assert.equal(pagesOf(res.buf), 1, 'a card is one page');
  const text = textOf(res.buf);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  for (const s of ['岗位风险告知卡', rp.name, '重大风险', '红色', '可燃液体泄漏、静电', '火灾', '中毒和窒息',
    '工程技术', '可燃气体报警联锁', '管理', '动火作业审批', '培训教育', '岗前安全培训', '个体防护', '佩戴防静电服',
    '应急处置措施', '立即切断物料并报告值班长', '管控层级', '公司', body.responsible,
    w.orgs.ownEnterprise.name.replace(/\s+/g, ''), today]) {
    assert.ok(text.includes(s), `the card says ${s}:\n${text}`);
  }
  assert.ok(!text.includes('一般风险'), 'no other level is named');

  // the level follows a re-assessment: LS 3 × 5 = 15, 较大 (orange)
  const again = await post(`${API}/risks/${rp.id}/assessments`,
    { version: rp.version, reason: '增设联锁后复评', assessment: { method: 'ls', l: 3, s: 5 } }, await as('enterprise'));
  assertStatus(again, 201);
  const text2 = textOf((await get(`${API}/exports/risks/${rp.id}/card.pdf`, await as('office'))).buf);
  assert.ok(text2.includes('较大风险') && text2.includes('橙色'), 'the card shows the level now in force');
  assert.ok(!text2.includes('重大风险'));

  // outside the scope: not found, as a JSON error, the name not shown
  const other = await createRisk('admin', riskBody(w.orgs.shigatseChem.id));
  for (const role of ['enterprise', 'office', 'regulator']) {
    const r = await get(`${API}/exports/risks/${other.id}/card.pdf`, await as(role));
    assertError(r, 404, 'not_found');
    assert.ok(!r.text.includes(other.name));
  }
  assertError(await get(`${API}/exports/risks/987654321/card.pdf`, await as('admin')), 404, 'not_found');
  assertStatus(await get(`${API}/exports/risks/${other.id}/card.pdf`), 401);
});

test("an enterprise's cards: one page each for its current risk points, the retired one left out", async () => {
  const admin = await as('admin');
  const base = w.orgs.lhasaChem;
  const o = await post(`${API}/orgs`, {
    kind: 'enterprise', name: `告知卡测试企业${uniq()}`, region_code: base.region_code,
    credit_code: freshCreditCode(base.region_code.slice(0, 6)), industry: base.industry, scale: 'above',
  }, admin);
  assertStatus(o, 201, 'a fresh enterprise');
  const ent = o.json;

  const empty = await get(`${API}/exports/risk-cards.pdf?enterprise=${ent.id}`, admin);
  assertStatus(empty, 200);
  assert.ok(textOf(empty.buf).includes('暂无在用的风险点'), 'no risk point: the file says so');

  const red = await createRisk('admin', riskBody(ent.id, { assessment: { method: 'ls', l: 5, s: 5 } }));
  const blue = await createRisk('admin', riskBody(ent.id, { assessment: { method: 'lec', l: 3, e: 3, c: 7 } }));
  const gone = await createRisk('admin', riskBody(ent.id));
  assertStatus(await patch(`${API}/risks/${gone.id}`, { version: gone.version, active: false }, admin), 200);

  const res = await get(`${API}/exports/risk-cards.pdf?enterprise=${ent.id}`, await as('office'));
  assertStatus(res, 200);
  assert.match(res.headers.get('content-type'), /^application\/pdf/);
  assert.equal(pagesOf(res.buf), 2, 'one page a current risk point');
  const text = textOf(res.buf);
  for (const s of [red.name, blue.name, '重大风险', '红色', '低风险', '蓝色', ent.name]) {
    assert.ok(text.includes(s), `the cards say ${s}`);
  }
  assert.ok(!text.includes(gone.name), 'the retired risk point has no card');
  assert.ok(text.indexOf(red.name) < text.indexOf(blue.name), 'in the order they were identified');

  // refusals: no enterprise named (but an enterprise user means their own), out of scope, not an enterprise
  assertError(await get(`${API}/exports/risk-cards.pdf`, await as('office')), 422, 'invalid', 'enterprise');
  const own = await get(`${API}/exports/risk-cards.pdf`, await as('enterprise'));
  assertStatus(own, 200);
  assert.ok(textOf(own.buf).includes(w.orgs.ownEnterprise.name.replace(/\s+/g, '')), "the enterprise user's own cards");
  assertError(await get(`${API}/exports/risk-cards.pdf?enterprise=${ent.id}`, await as('enterprise')), 404, 'not_found', 'enterprise');
  assertError(await get(`${API}/exports/risk-cards.pdf?enterprise=${w.orgs.shigatseChem.id}`, await as('office')), 404, 'not_found', 'enterprise');
  assertError(await get(`${API}/exports/risk-cards.pdf?enterprise=${w.orgs.lhasaOffice.id}`, admin), 404, 'not_found', 'enterprise');
  assertError(await get(`${API}/exports/risk-cards.pdf?enterprise=abc`, admin), 422, 'invalid', 'enterprise');
});
