// The scope walk's part for the hazard network (DESIGN §3.1): who may
// report, read, move and trace hazards of enterprises inside and outside
// their scope. Imported by scope.test.mjs; the targets follow its shape
// (label, expect by caller, send, check, unchanged).

import assert from 'node:assert/strict';
import {
  API, get, post, request, tokenOf, assertStatus, show, uniq, formOf, pngBytes, xlsxText, xlsxRows, csvRows, listAll,
} from './lib.mjs';

const WHO = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader', 'anonymous'];
const all = (status, except = {}) => Object.fromEntries(WHO.map((r) => [r, except[r] ?? status]));
const authed = (status, except = {}) => all(status, { anonymous: 401, ...except });
const MISSING_ID = 987654321;

// A date in the past in Asia/Shanghai (found_at may not be in the future).
export function daysAgo(n) {
  const d = new Date(Date.now() + 8 * 3600e3 - n * 86400e3);
  return d.toISOString().slice(0, 10);
}

/** A general hazard body for the enterprise with id enterpriseId. */
export function hazardBody(enterpriseId, extra = {}) {
  return {
    enterprise_id: enterpriseId, title: `消防通道堵塞${uniq()}`, description: '二号仓库消防通道堆放杂物',
    location: '二号仓库', category: 'unsafe_condition', grade: 'general', found_at: daysAgo(2), ...extra,
  };
}

/** A fresh hazard reported by the admin for the org w.orgs[key]. */
export async function adminHazard(w, key, extra = {}) {
  const body = hazardBody(w.orgs[key].id, extra);
  delete body.source;
  const r = await post(`${API}/hazards`, { ...body, source: 'inspection' }, { token: await tokenOf('admin') });
  assertStatus(r, 201, `admin reports a hazard of ${key}`);
  return r.json;
}

async function adminHazardNow(id) {
  const r = await get(`${API}/hazards/${id}`, { token: await tokenOf('admin') });
  assertStatus(r, 200, `admin reads hazard ${id}`);
  return r.json;
}

async function adminFindHazard(title) {
  const r = await get(`${API}/hazards?q=${encodeURIComponent(title)}`, { token: await tokenOf('admin') });
  assertStatus(r, 200);
  return r.json.items.filter((h) => h.title === title);
}

/**
 * The walk entries of the hazard routes. w is the world of fixtures.mjs;
 * hz() gives the hazards made before the walk: own (of the demo
 * enterprise, 拉萨 危险化学品), build (拉萨 建筑施工), shigatse (another city).
 */
export function hazardWalk(getW, hz) {
  const w = () => getW();
  const readTargets = [
    ['own', "a hazard of the demo enterprise (拉萨 危险化学品)", authed(200)],
    ['build', "a hazard of a 拉萨 建筑施工 enterprise (not the department's industry)",
      authed(200, { regulator: 404, inspector: 404, enterprise: 404 })],
    ['shigatse', "a hazard of another city's enterprise", authed(404, { admin: 200 })],
    [null, 'a hazard id that does not exist', authed(404)],
  ];
  const idOf = (key) => (key ? hz()[key].id : MISSING_ID);
  const photoOf = (key) => {
    const h = hz()[key];
    assert.ok(h.photo, `the walk's photo of hazard ${h.id} could be attached: ${h.photoError}`);
    return h.photo;
  };
  const attachmentCount = async (key) => {
    const r = await get(`${API}/hazards/${idOf(key)}/attachments`, { token: await tokenOf('admin') });
    assertStatus(r, 200);
    return r.json.items.length;
  };
  const hidden = (key) => (res) => {
    if (!key) return;
    assert.ok(!res.text.includes(hz()[key].title), 'the refusal does not show the hazard');
    assert.ok(!('id' in (res.json || {})), 'the refusal is an error, not a hazard');
  };

  const create = (label, orgKey, expect, field) => ({
    label, expect,
    send(t) { this.sent = hazardBody(w().orgs[orgKey].id); return post(`${API}/hazards`, this.sent, { token: t }); },
    check(res, role) {
      assert.equal(res.json.title, this.sent.title);
      assert.equal(res.json.enterprise_id, w().orgs[orgKey].id);
      assert.equal(res.json.status, 'open');
      assert.equal(res.json.source, role === 'enterprise' ? 'self_check' : 'inspection');
      assert.match(res.json.code, new RegExp(`^YH-${w().orgs[orgKey].region_code.slice(0, 6)}-\\d{4}-\\d{6}$`));
    },
    async unchanged(res) {
      if (field && res.status === 422) assert.equal(res.json.error.field, field);
      assert.deepEqual(await adminFindHazard(this.sent.title), [], 'no hazard was reported');
    },
  });

  // A transition on a hazard made for this one request.
  const move = (label, orgKey, body, expect, after) => ({
    label, expect,
    async send(t) {
      this.before = orgKey ? await adminHazard(w(), orgKey) : null;
      return post(`${API}/hazards/${this.before ? this.before.id : MISSING_ID}/transitions`,
        { version: this.before ? this.before.version : 1, ...body }, { token: t });
    },
    check(res) {
      assert.equal(res.json.id, this.before.id);
      assert.equal(res.json.version, this.before.version + 1);
      assert.equal(res.json.status, after);
    },
    async unchanged(res) {
      if (!this.before) return;
      assert.ok(!res.text.includes(this.before.title), 'the refusal does not show the hazard');
      const now = await adminHazardNow(this.before.id);
      assert.equal(now.version, this.before.version, 'the hazard keeps its version');
      assert.equal(now.status, this.before.status, 'and its status');
    },
  });
  const plan = { event: 'plan', plan: { responsible: '安全员 次仁', deadline: daysAgo(-30) } };
  const voidIt = { event: 'void', reason: '重复登记' };

  return {
    'GET /api/v1/hazards': [
      {
        label: 'filtered to its own city', expect: authed(200),
        send: (t) => get(`${API}/hazards?region=540100000000&limit=500`, { token: t }),
        async check(res, role) {
          // The demo's hazards fill more than one page: walk them all.
          const all = await listAll(`${API}/hazards?region=540100000000`, await tokenOf(role));
          assert.equal(all.items.length, all.total, 'the pages hold as many hazards as the total says');
          assert.equal(res.json.total, all.total);
          const ids = all.items.map((h) => h.id);
          assert.ok(ids.includes(hz().own.id), 'sees the demo enterprise\'s hazard');
          assert.equal(ids.includes(hz().build.id), !['regulator', 'inspector', 'enterprise'].includes(role));
          if (role === 'enterprise') assert.ok(all.items.every((h) => h.enterprise_id === w().orgs.ownEnterprise.id));
        },
      },
      {
        label: 'filtered to another city', expect: authed(200),
        send: (t) => get(`${API}/hazards?region=540200000000&limit=500`, { token: t }),
        check(res, role) {
          const ids = res.json.items.map((h) => h.id);
          if (role === 'admin') assert.ok(ids.includes(hz().shigatse.id));
          else { assert.deepEqual(ids, [], `${role} sees no hazard of another city`); assert.equal(res.json.total, 0); }
        },
      },
    ],
    'POST /api/v1/hazards': [
      create("a hazard of the demo enterprise (拉萨 危险化学品)", 'ownEnterprise',
        authed(201, { office: 403, leader: 403 })),
      create("a hazard of a 拉萨 建筑施工 enterprise (not the department's industry)", 'lhasaBuild',
        authed(201, { office: 403, regulator: 404, inspector: 404, enterprise: 404, leader: 403 })),
      create("a hazard of another city's enterprise", 'shigatseChem',
        authed(404, { admin: 201, leader: 403 })),
    ],
    'GET /api/v1/hazards/{id}': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/hazards/${idOf(key)}`, { token: t }),
      check: (res) => { assert.equal(res.json.id, idOf(key)); assert.equal(res.json.title, hz()[key].title); },
      unchanged: hidden(key),
    })),
    'GET /api/v1/hazards/{id}/events': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/hazards/${idOf(key)}/events`, { token: t }),
      check: (res) => {
        assert.ok(Array.isArray(res.json.items) && res.json.items.length >= 1, 'the report is the first event');
        assert.equal(res.json.items[0].to, 'open');
      },
      unchanged: hidden(key),
    })),
    'GET /api/v1/stats/hazards': [
      {
        label: "its own city's statistics", expect: authed(200),
        send: (t) => get(`${API}/stats/hazards?region=540100000000`, { token: t }),
        async check(res, role) {
          // The statistics count exactly the hazards of this year the role may list.
          const year = res.json.year;
          const mine = (await listAll(`${API}/hazards?region=540100000000`, await tokenOf(role))).items;
          // Void hazards were recorded in error: statistics leave them out.
          const found = mine.filter((h) => h.found_at.startsWith(String(year)) && h.status !== 'void');
          assert.equal(res.json.total.found, found.length, `${role}: found this year`);
          assert.ok(res.json.total.found >= 1, 'the walk\'s hazards are counted');
          assert.equal(res.json.by_month.length, 12);
        },
      },
      {
        label: "another city's statistics", expect: authed(200),
        send: (t) => get(`${API}/stats/hazards?region=540200000000`, { token: t }),
        check(res, role) {
          if (role === 'admin') assert.ok(res.json.total.found >= 1, 'the admin counts 日喀则\'s hazards');
          else {
            assert.equal(res.json.total.found, 0, `${role} counts nothing of another city`);
            assert.deepEqual(res.json.by_region, [], 'and no region of it');
            assert.equal(res.json.zero_clearance.found, 0);
          }
        },
      },
    ],
    'GET /api/v1/hazards/{id}/attachments': readTargets.map(([key, label, expect]) => ({
      label, expect,
      send: (t) => get(`${API}/hazards/${idOf(key)}/attachments`, { token: t }),
      check: (res) => assert.ok(res.json.items.some((a) => a.sha256 === photoOf(key).sha256), 'the photo is listed'),
      unchanged: hidden(key),
    })),
    'POST /api/v1/hazards/{id}/attachments': readTargets.map(([key, label, expect]) => ({
      label,
      // Writing: the leader never may; otherwise whoever sees the hazard.
      expect: { ...Object.fromEntries(Object.entries(expect).map(([r, st]) => [r, st === 200 ? 201 : st])), leader: 403 },
      async send(t) {
        this.count = key ? await attachmentCount(key) : 0;
        this.bytes = pngBytes();
        return request('POST', `${API}/hazards/${idOf(key)}/attachments`, { token: t, form: formOf([['kind', 'before'], ['file', this.bytes, 'before.png']]) });
      },
      check(res) {
        assert.equal(res.json.mime, 'image/png');
        assert.equal(res.json.size, this.bytes.length);
        assert.match(res.json.sha256, /^[0-9a-f]{64}$/);
      },
      async unchanged(res) {
        hidden(key)(res);
        if (!key) return;
        assert.equal(await attachmentCount(key), this.count, 'no attachment was added');
      },
    })),
    'GET /api/v1/hazards/{id}/attachments/{sha}': [
      ...readTargets.map(([key, label, expect]) => ({
        label: `${label}: its photo`, expect,
        send: (t) => get(`${API}/hazards/${idOf(key)}/attachments/${photoOf(key || 'own').sha256}`, { token: t }),
        check(res) {
          assert.match(res.headers.get('content-type') || '', /^image\/png/);
          assert.ok(res.buf.equals(photoOf(key).bytes), 'the bytes uploaded');
          assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        },
        unchanged: (res) => assert.ok(!res.buf.includes(Buffer.from('hazardnet test image')), 'the refusal holds no file'),
      })),
      {
        label: "a hazard of the demo enterprise, with another city's photo", expect: authed(404),
        send: (t) => get(`${API}/hazards/${hz().own.id}/attachments/${photoOf('shigatse').sha256}`, { token: t }),
        unchanged: (res) => assert.ok(!res.buf.includes(Buffer.from('hazardnet test image')), 'the refusal holds no file'),
      },
    ],
    ...exportWalk(w, hz),
    'POST /api/v1/hazards/{id}/transitions': [
      move("planning a hazard of the demo enterprise", 'ownEnterprise', plan,
        authed(200, { office: 403, leader: 403 }), 'rectifying'),
      move("planning a hazard of a 拉萨 建筑施工 enterprise", 'lhasaBuild', plan,
        authed(200, { office: 403, regulator: 404, inspector: 404, enterprise: 404, leader: 403 }), 'rectifying'),
      move("planning a hazard of another city's enterprise", 'shigatseChem', plan,
        authed(404, { admin: 200, leader: 403 }), 'rectifying'),
      move("voiding a hazard of the demo enterprise", 'ownEnterprise', voidIt,
        authed(200, { enterprise: 403, leader: 403 }), 'void'),
      move("voiding a hazard of another city's enterprise", 'shigatseChem', voidIt,
        authed(404, { admin: 200, leader: 403 }), 'void'),
      move('a hazard id that does not exist', null, plan, authed(404, { leader: 403 })),
    ],
  };
}

const CODE = /YH-\d{6}-\d{4}-\d{6}/g;

/** The hazard codes in an export (CSV text or the XML inside an XLSX). */
export function exportedCodes(res, xlsx) {
  const text = xlsx ? xlsxText(res.buf) : res.text;
  return [...new Set(text.match(CODE) || [])].sort();
}

// Each export and the list filter that gives the same hazards.
const EXPORTS = [
  ['hazards', ''], ['major-ledger', '&grade=major'], ['listed', '&grade=major&listed=true'],
];

function exportWalk(w, hz) {
  const out = {};
  for (const [name, filter] of EXPORTS) {
    for (const ext of ['csv', 'xlsx']) {
      const xlsx = ext === 'xlsx';
      const type = xlsx ? /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/ : /^text\/csv/;
      out[`GET /api/v1/exports/${name}.${ext}`] = [
        {
          label: 'its own city', expect: authed(200),
          send: (t) => get(`${API}/exports/${name}.${ext}?region=540100000000`, { token: t }),
          async check(res, role) {
            assert.match(res.headers.get('content-type') || '', type);
            assert.match(res.headers.get('content-disposition') || '', new RegExp(`attachment; filename="${name}\\.${ext}"`));
            const list = (await listAll(`${API}/hazards?region=540100000000${filter}`, await tokenOf(role))).items;
            const want = [...new Set(list.map((h) => h.code))].sort();
            assert.deepEqual(exportedCodes(res, xlsx), want, `${role}: the export holds exactly the hazards the role lists`);
            assert.ok(!exportedCodes(res, xlsx).includes(hz().shigatse.code), 'nothing of another city');
            if (name !== 'hazards' || role === 'enterprise') return;
            assert.equal(exportedCodes(res, xlsx).includes(hz().build.code), !['regulator', 'inspector'].includes(role));
          },
        },
        {
          label: 'another city', expect: authed(200),
          send: (t) => get(`${API}/exports/${name}.${ext}?region=540200000000`, { token: t }),
          check(res, role) {
            const codes = exportedCodes(res, xlsx);
            if (role === 'admin') {
              const want = name === 'hazards' ? hz().shigatse.code : hz().shigatseMajor.code;
              assert.ok(codes.includes(want), `the admin's export holds ${want}`);
            } else assert.deepEqual(codes, [], `${role} exports nothing of another city`);
          },
        },
      ];
    }
  }
  // 隐患排查治理统计表: a row per child region and 合计; 排查隐患 (found) is the second column.
  for (const ext of ['csv', 'xlsx']) {
    const xlsx = ext === 'xlsx';
    const rowsOf = (res) => (xlsx ? xlsxRows(res.buf) : csvRows(res.text)).filter((r) => r.some((c) => c !== ''));
    // A sheet with no data rows may leave out 合计: that is a count of 0.
    const totalOf = (rows) => {
      const t = rows.find((r) => r[0] === '合计');
      if (!t) {
        assert.equal(rows.length, 1, `a sheet without 合计 has only its header: ${JSON.stringify(rows)}`);
        return 0;
      }
      return Number(t[1]);
    };
    const year = () => daysAgo(2).slice(0, 4);
    out[`GET /api/v1/exports/hazard-stats.${ext}`] = [
      {
        label: 'its own city', expect: authed(200),
        send: (t) => get(`${API}/exports/hazard-stats.${ext}?period=${year()}&region=540100000000`, { token: t }),
        async check(res, role) {
          const rows = rowsOf(res);
          assert.equal(rows[0][0], '区域', 'the header');
          const mine = (await listAll(`${API}/hazards?region=540100000000`, await tokenOf(role))).items;
          const found = mine.filter((h) => h.found_at.startsWith(year()) && h.status !== 'void').length;
          assert.ok(found >= 1);
          assert.equal(totalOf(rows), found, `${role}: 合计 counts exactly the hazards it may list`);
          const shigatse = (await get(`${API}/regions?parent=540200000000`, { token: await tokenOf('admin') })).json.items.map((g) => g.name);
          assert.ok(!rows.some((r) => shigatse.includes(r[0])), 'no county of another city');
        },
      },
      {
        label: 'another city', expect: authed(200),
        send: (t) => get(`${API}/exports/hazard-stats.${ext}?period=${year()}&region=540200000000`, { token: t }),
        check(res, role) {
          const rows = rowsOf(res);
          if (role === 'admin') assert.ok(totalOf(rows) >= 2, 'the admin counts 日喀则\'s hazards');
          else {
            assert.equal(totalOf(rows), 0, `${role} counts nothing of another city`);
            assert.deepEqual(rows.filter((r) => r[0] !== '区域' && r[0] !== '合计'), [], 'and lists no region of it');
          }
        },
      },
    ];
  }
  return out;
}

/** The hazards the read targets need, reported by the admin, each with a photo. */
export async function makeWalkHazards(w) {
  const admin = await tokenOf('admin');
  const out = {};
  for (const [key, org] of [['own', 'ownEnterprise'], ['build', 'lhasaBuild'], ['shigatse', 'shigatseChem']]) {
    const h = await adminHazard(w, org);
    const bytes = pngBytes();
    const r = await request('POST', `${API}/hazards/${h.id}/attachments`, { token: admin, form: formOf([['kind', 'before'], ['file', bytes, 'photo.png']]) });
    // A failed upload fails the attachment cases (photoOf), not the whole walk.
    out[key] = { ...h, photo: r.status === 201 ? { ...r.json, bytes } : null, photoError: r.status === 201 ? null : show(r) };
    // A major hazard listed for supervision (挂牌督办), for the ledger and the list of listed ones.
    const major = await adminHazard(w, org, { grade: 'major', basis: '重大事故隐患判定标准第五条' });
    const listed = await post(`${API}/hazards/${major.id}/transitions`, {
      event: 'list', version: major.version, level: 'city', listing_deadline: daysAgo(-60),
    }, { token: admin });
    assertStatus(listed, 200, `admin lists major hazard ${major.id} for supervision`);
    out[`${key}Major`] = listed.json;
  }
  return out;
}
