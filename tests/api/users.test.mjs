// User administration (admins only): create, list, read, change with a
// version; roles must fit their org's kind; passwords and hashes never
// leave the server; disabling a user ends its sessions.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, get, post, patch, login, tokenOf, listAll, assertStatus, assertError, uniq,
} from './lib.mjs';
import { getWorld } from './fixtures.mjs';

let w;
let admin;
before(async () => {
  w = await getWorld();
  admin = await tokenOf('admin');
});

const NO_SECRETS = /pw_hash|argon2|"password"|hazardnet-demo|user-pass-/;

async function userTotal() {
  const r = await get(`${API}/users?limit=1`, { token: admin });
  assertStatus(r, 200);
  return r.json.total;
}

async function create(extra = {}) {
  const body = { login: `u-${uniq()}`, name: '用户测试', phone: '13800000000', password: 'user-pass-123', role: 'office', org_id: w.orgs.lhasaOffice.id, ...extra };
  const res = await post(`${API}/users`, body, { token: admin });
  return { body, res };
}

test('an admin creates a user: 201 with its fields and no password or hash', async () => {
  const { body, res } = await create();
  assertStatus(res, 201);
  assert.ok(Number.isInteger(res.json.id) && res.json.id > 0);
  assert.equal(res.json.login, body.login);
  assert.equal(res.json.name, body.name);
  assert.equal(res.json.phone, body.phone);
  assert.equal(res.json.role, 'office');
  assert.equal(res.json.org_id, w.orgs.lhasaOffice.id);
  assert.equal(res.json.org_name, w.orgs.lhasaOffice.name);
  assert.equal(res.json.active, true);
  assert.equal(res.json.locked, false);
  assert.equal(res.json.version, 1);
  assert.doesNotMatch(res.text, NO_SECRETS);
  // The new user can sign in with the password it was given.
  const s = await login(body.login, body.password);
  assert.equal(s.user.id, res.json.id);
});

test('a created user is in the list and reads back the same, without secrets', async () => {
  const { body, res } = await create();
  assertStatus(res, 201);
  const one = await get(`${API}/users/${res.json.id}`, { token: admin });
  assertStatus(one, 200);
  assert.deepEqual(one.json, res.json);
  const list = await get(`${API}/users?q=${body.login}`, { token: admin });
  assertStatus(list, 200);
  assert.deepEqual(list.json.items.map((u) => u.id), [res.json.id]);
  assert.equal(list.json.total, 1);
  const everyone = await listAll(`${API}/users`, admin, 100);
  assert.ok(everyone.items.some((u) => u.id === res.json.id));
  assert.ok(everyone.items.some((u) => u.login === 'admin'));
  assert.equal(everyone.items.length, everyone.total);
  for (const u of everyone.items) assert.ok(!('pw_hash' in u) && !('password' in u), `user ${u.login} shows no secret`);
  const page = await get(`${API}/users?limit=500`, { token: admin });
  assert.doesNotMatch(page.text, NO_SECRETS);
});

test('the user list filters by role and org', async () => {
  const byRole = await listAll(`${API}/users?role=regulator`, admin, 100);
  assert.ok(byRole.items.length >= 1);
  assert.ok(byRole.items.every((u) => u.role === 'regulator'));
  const byOrg = await listAll(`${API}/users?org=${w.orgs.lhasaDept.id}`, admin, 100);
  assert.deepEqual(byOrg.items.map((u) => u.login).filter((l) => ['regulator', 'inspector'].includes(l)).sort(), ['inspector', 'regulator']);
  assert.ok(byOrg.items.every((u) => u.org_id === w.orgs.lhasaDept.id));
  assertError(await get(`${API}/users?role=root`, { token: admin }), 422, 'invalid', 'role');
  assertError(await get(`${API}/users?org=abc`, { token: admin }), 422, 'invalid', 'org');
});

test('a change with the current version applies and bumps the version; a stale one is 409', async () => {
  const { res } = await create();
  const id = res.json.id;
  const a = await patch(`${API}/users/${id}`, { version: 1, name: '新名字', phone: '13900000000' }, { token: admin });
  assertStatus(a, 200);
  assert.equal(a.json.name, '新名字');
  assert.equal(a.json.phone, '13900000000');
  assert.equal(a.json.version, 2);
  assert.doesNotMatch(a.text, NO_SECRETS);
  const stale = await patch(`${API}/users/${id}`, { version: 1, name: '过期写入' }, { token: admin });
  assertError(stale, 409, 'stale_version', 'version');
  const now = await get(`${API}/users/${id}`, { token: admin });
  assert.equal(now.json.name, '新名字');
  assert.equal(now.json.version, 2);
});

test('a changed password works and the old one no longer does', async () => {
  const { body, res } = await create();
  const r = await patch(`${API}/users/${res.json.id}`, { version: 1, password: 'changed-pass-9' }, { token: admin });
  assertStatus(r, 200);
  assert.doesNotMatch(r.text, /changed-pass-9|argon2/);
  assertError(await post(`${API}/session`, { login: body.login, password: body.password }), 401, 'unauthorized');
  await login(body.login, 'changed-pass-9');
});

test("a new password set by an admin ends the user's open sessions", async () => {
  const { body, res } = await create();
  const s = await login(body.login, body.password);
  assertStatus(await get(`${API}/session`, { token: s.token }), 200);
  assertStatus(await patch(`${API}/users/${res.json.id}`, { version: 1, password: 'reset-pass-77' }, { token: admin }), 200);
  assertError(await get(`${API}/session`, { token: s.token }), 401, 'unauthorized');
  await login(body.login, 'reset-pass-77');
});

test('a role that does not fit its org\'s kind is 422 and creates no user', async () => {
  const cases = [
    ['enterprise', 'lhasaDept', 'role'],
    ['regulator', 'ownEnterprise', 'role'],
    ['inspector', 'lhasaOffice', 'role'],
    ['office', 'lhasaDept', 'role'],
    ['office', 'ownEnterprise', 'role'],
    ['leader', 'lhasaChem', 'role'],
  ];
  for (const [role, orgKey, field] of cases) {
    const before = await userTotal();
    const { res } = await create({ role, org_id: w.orgs[orgKey].id });
    assertError(res, 422, 'invalid', field);
    assert.equal(await userTotal(), before, `${role} in ${orgKey} was not created`);
  }
});

test('a non-admin user without an org, or with an unknown org, is 422 org_id', async () => {
  for (const extra of [{ org_id: null }, { org_id: 987654321 }]) {
    const before = await userTotal();
    const body = { login: `u-${uniq()}`, name: '无单位', password: 'user-pass-123', role: 'regulator', ...extra };
    assertError(await post(`${API}/users`, body, { token: admin }), 422, 'invalid', 'org_id');
    assert.equal(await userTotal(), before);
  }
  const noOrg = { login: `u-${uniq()}`, name: '无单位', password: 'user-pass-123', role: 'office' };
  assertError(await post(`${API}/users`, noOrg, { token: admin }), 422, 'invalid', 'org_id');
});

test('changing a user into a role that does not fit its org is 422 and changes nothing', async () => {
  const { res } = await create();
  const r = await patch(`${API}/users/${res.json.id}`, { version: 1, role: 'enterprise' }, { token: admin });
  assertError(r, 422, 'invalid', 'role');
  const moved = await patch(`${API}/users/${res.json.id}`, { version: 1, org_id: w.orgs.lhasaChem.id }, { token: admin });
  assertError(moved, 422, 'invalid', 'role');
  const now = await get(`${API}/users/${res.json.id}`, { token: admin });
  assert.equal(now.json.role, 'office');
  assert.equal(now.json.org_id, w.orgs.lhasaOffice.id);
  assert.equal(now.json.version, 1);
});

test('non-admins cannot create, list, read or change users (403), and nothing changes', async () => {
  const { res } = await create();
  const id = res.json.id;
  for (const role of ['office', 'regulator', 'inspector', 'enterprise', 'leader']) {
    const t = await tokenOf(role);
    const before = await userTotal();
    const c = await post(`${API}/users`, { login: `sneaky-${uniq()}`, name: 'x', password: 'sneaky-pass-1', role: 'admin' }, { token: t });
    assertError(c, 403, 'forbidden');
    assert.equal(await userTotal(), before, `${role} created no user`);
    assertError(await get(`${API}/users`, { token: t }), 403, 'forbidden');
    assertError(await get(`${API}/users/${id}`, { token: t }), 403, 'forbidden');
    const p = await patch(`${API}/users/${id}`, { version: 1, role: 'admin' }, { token: t });
    assertError(p, 403, 'forbidden');
    // Not even its own account.
    const self = (await get(`${API}/session`, { token: t })).json.user;
    assertError(await patch(`${API}/users/${self.id}`, { version: self.version, role: 'admin' }, { token: t }), 403, 'forbidden');
  }
  const now = await get(`${API}/users/${id}`, { token: admin });
  assert.equal(now.json.version, 1);
  assert.equal(now.json.role, 'office');
});

test("a disabled user's session stops working and it cannot sign in again", async () => {
  const { body, res } = await create();
  const s = await login(body.login, body.password);
  assertStatus(await get(`${API}/session`, { token: s.token }), 200);
  const off = await patch(`${API}/users/${res.json.id}`, { version: 1, active: false }, { token: admin });
  assertStatus(off, 200);
  assert.equal(off.json.active, false);
  assertError(await get(`${API}/session`, { token: s.token }), 401, 'unauthorized');
  assertError(await get(`${API}/orgs`, { cookie: s.cookie }), 401, 'unauthorized');
  const again = await post(`${API}/session`, { login: body.login, password: body.password });
  assertError(again, 401, 'unauthorized');
  assert.equal(again.headers.get('set-cookie'), null);
  // Enabled again, it signs in; the old session stays ended.
  const on = await patch(`${API}/users/${res.json.id}`, { version: 2, active: true }, { token: admin });
  assertStatus(on, 200);
  await login(body.login, body.password);
});

test('a disabled user\'s sign-in attempts do not lock it', async () => {
  const { body, res } = await create();
  assertStatus(await patch(`${API}/users/${res.json.id}`, { version: 1, active: false }, { token: admin }), 200);
  for (let i = 0; i < 7; i++) await post(`${API}/session`, { login: body.login, password: `wrong-${i}-password` });
  const now = await get(`${API}/users/${res.json.id}`, { token: admin });
  assert.equal(now.json.locked, false);
});

test('an admin cannot disable or demote itself (409), and stays an admin', async () => {
  const me = (await get(`${API}/session`, { token: admin })).json.user;
  assertError(await patch(`${API}/users/${me.id}`, { version: me.version, active: false }, { token: admin }), 409, 'conflict', 'active');
  assertError(await patch(`${API}/users/${me.id}`, { version: me.version, role: 'office', org_id: w.orgs.lhasaOffice.id }, { token: admin }), 409, 'conflict', 'role');
  const after = (await get(`${API}/session`, { token: admin })).json.user;
  assert.equal(after.role, 'admin');
  assert.equal(after.active, true);
  assert.equal(after.version, me.version);
});

test('a promoted user gets the new role\'s scope on its next request', async () => {
  const { res } = await create({ role: 'leader' });
  const s = await login(res.json.login, 'user-pass-123');
  assertError(await patch(`${API}/orgs/${w.orgs.lhasaChem.id}`, { version: 1, phone: '1' }, { token: s.token }), 403, 'forbidden');
  const up = await patch(`${API}/users/${res.json.id}`, { version: 1, role: 'office' }, { token: admin });
  assertStatus(up, 200);
  const org = (await get(`${API}/orgs/${w.orgs.lhasaChem.id}`, { token: admin })).json;
  const r = await patch(`${API}/orgs/${org.id}`, { version: org.version, phone: '0891-7777777' }, { token: s.token });
  assertStatus(r, 200, 'the same session now writes as an office');
});

test('a user moved to an enterprise org sees only that enterprise', async () => {
  const { res } = await create();
  const s = await login(res.json.login, 'user-pass-123');
  const before = await get(`${API}/orgs?limit=1`, { token: s.token });
  assert.ok(before.json.total > 1);
  const moved = await patch(`${API}/users/${res.json.id}`, { version: 1, role: 'enterprise', org_id: w.orgs.lhasaBuild.id }, { token: admin });
  assertStatus(moved, 200);
  const after = await get(`${API}/orgs`, { token: s.token });
  assertStatus(after, 200);
  assert.deepEqual(after.json.items.map((o) => o.id), [w.orgs.lhasaBuild.id]);
  assertError(await get(`${API}/orgs/${w.orgs.lhasaChem.id}`, { token: s.token }), 404, 'not_found');
});
