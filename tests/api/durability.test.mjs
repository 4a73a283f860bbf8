// Durability: what the server answered 2xx for is in the store. A server of
// this test's own (same store as the server under test) creates and
// changes an org, is killed with SIGKILL the moment the answer arrives,
// and a new server finds everything it acknowledged.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, request, startServer, sanitizerErrors, freshCreditCode, uniq, ADMIN_PASSWORD, assertStatus,
} from './lib.mjs';

const servers = [];
after(async () => {
  for (const s of servers) if (s.alive()) await s.stop('SIGKILL');
});

async function start() {
  const s = await startServer();
  servers.push(s);
  return s;
}

const at = (s, method, path, opts = {}) => request(method, path, { ...opts, base: s.url });

test('an org acknowledged with 201 survives kill -9 of the server right after, as does a change and the session', async () => {
  const first = await start();
  const signIn = await at(first, 'POST', `${API}/session`, { body: { login: 'admin', password: ADMIN_PASSWORD } });
  assertStatus(signIn, 200);
  const token = signIn.json.token;
  const county = (await at(first, 'GET', `${API}/regions?parent=540100000000`, { token })).json.items[0].code;
  const inds = (await at(first, 'GET', `${API}/industries`, { token })).json.items;
  const body = {
    kind: 'enterprise', name: `持久性测试化工有限公司${uniq()}`, region_code: county,
    credit_code: freshCreditCode(county.slice(0, 6)), industry: inds.find((i) => i.name === '危险化学品').id,
  };
  const created = await at(first, 'POST', `${API}/orgs`, { token, body });
  assertStatus(created, 201);
  const changed = await at(first, 'PATCH', `${API}/orgs/${created.json.id}`, { token, body: { version: 1, address: '拉萨市持久路9号' } });
  assertStatus(changed, 200);
  // No grace: SIGKILL the moment the 200 is read.
  const killed = await first.stop('SIGKILL');
  assert.equal(killed.signal, 'SIGKILL', 'the first server died by SIGKILL');
  assert.deepEqual(sanitizerErrors(first.stderr()), []);

  const second = await start();
  const got = await at(second, 'GET', `${API}/orgs/${created.json.id}`, { token });
  assertStatus(got, 200, 'the session and the org outlived the server');
  assert.equal(got.json.name, body.name);
  assert.equal(got.json.credit_code, body.credit_code);
  assert.equal(got.json.address, '拉萨市持久路9号');
  assert.equal(got.json.version, 2);
  // And the credit code is still taken.
  const dup = await at(second, 'POST', `${API}/orgs`, { token, body: { ...body, name: `${body.name}二` } });
  assertStatus(dup, 409);
  const stopped = await second.stop('SIGTERM');
  assert.deepEqual(sanitizerErrors(second.stderr()), [], 'no sanitizer report from the restarted server');
  assert.equal(stopped.code, 0, `the restarted server exits 0 on SIGTERM: ${JSON.stringify(stopped)} ${second.stderr()}`);
});

test('a burst of creates, each acknowledged, all survive kill -9 mid-burst', async () => {
  const s = await start();
  const token = (await at(s, 'POST', `${API}/session`, { body: { login: 'admin', password: ADMIN_PASSWORD } })).json.token;
  const acked = [];
  const pending = [];
  for (let i = 0; i < 20; i++) {
    const body = { kind: 'office', name: `持久性批量${uniq()}`, region_code: '540100000000' };
    pending.push(at(s, 'POST', `${API}/orgs`, { token, body }).then((r) => { if (r.status === 201) acked.push(r.json); }, () => {}));
    if (i === 12) {
      let timer;
      await Promise.race([Promise.all(pending.slice(0, 8)), new Promise((r) => { timer = setTimeout(r, 5000); })]);
      clearTimeout(timer);
      s.proc.kill('SIGKILL');
    }
  }
  await Promise.all(pending);
  await s.exited;
  assert.ok(acked.length >= 1, `some creates were acknowledged before the kill (${acked.length})`);
  const s2 = await start();
  for (const o of acked) {
    const r = await at(s2, 'GET', `${API}/orgs/${o.id}`, { token });
    assertStatus(r, 200, `acknowledged org ${o.id} survived`);
    assert.equal(r.json.name, o.name);
  }
  const stopped = await s2.stop('SIGTERM');
  assert.equal(stopped.code, 0);
  assert.deepEqual(sanitizerErrors(s2.stderr()), []);
});
