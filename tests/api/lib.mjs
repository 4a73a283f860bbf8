// Helpers for the API scenarios over real HTTP (node:test + fetch, no npm
// dependencies). The server under test is named by the environment that
// tests/suites/api.sh sets:
//   HN_URL             http://127.0.0.1:PORT of a running `hazardnet serve`
//   HN_ADMIN_PASSWORD  the password `init` gave the first admin
//   HN_STORE           sqlite | postgresql (what /healthz must report)
//   HN_BIN, HN_DATA, HN_PG_DB
//                      the binary and its store, for tests that start a
//                      server of their own (rate limit, kill -9)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import zlib from 'node:zlib';

export const BASE = (process.env.HN_URL || '').replace(/\/+$/, '');
export const ADMIN_PASSWORD = process.env.HN_ADMIN_PASSWORD || '';
export const STORE = process.env.HN_STORE || 'sqlite';
export const DEMO_PASSWORD = 'hazardnet-demo';
export const ROLES = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader'];
export const API = '/api/v1';

assert.ok(BASE, 'HN_URL must name the server under test');
assert.ok(ADMIN_PASSWORD, 'HN_ADMIN_PASSWORD must be set');

/**
 * One HTTP request. opts: token (Bearer), cookie (hn_session value),
 * body (an object, sent as JSON), raw (string or Buffer sent as is),
 * form (a FormData, sent as multipart/form-data), contentType (default
 * application/json when there is a body; null sends none), headers, base
 * (another server). Returns { status, headers, text, json, buf } (json is
 * null when the body is not JSON; buf holds the bytes).
 */
export async function request(method, path, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  let body;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (opts.raw !== undefined) body = opts.raw;
  if (opts.form !== undefined) body = opts.form; // FormData: fetch sets multipart/form-data
  else if (body !== undefined) {
    const ct = opts.contentType === undefined ? 'application/json' : opts.contentType;
    if (ct !== null) headers['Content-Type'] = ct;
  }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.Cookie = `hn_session=${opts.cookie}`;
  const res = await fetch((opts.base || BASE) + path, { method, headers, body, redirect: 'manual' });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json, buf };
}

export const get = (path, opts) => request('GET', path, opts);
export const post = (path, body, opts = {}) => request('POST', path, { ...opts, body });
export const patch = (path, body, opts = {}) => request('PATCH', path, { ...opts, body });
export const del = (path, opts) => request('DELETE', path, opts);

/** A FormData of [name, value] and [name, bytes, filename] parts. */
export function formOf(parts) {
  const fd = new FormData();
  for (const [name, value, filename] of parts) {
    if (filename === undefined) fd.append(name, value);
    else fd.append(name, new Blob([value]), filename);
  }
  return fd;
}

/** A small PNG: the signature, then bytes that make it unique per call. */
let pngSeq = 0;
export function pngBytes() {
  pngSeq += 1;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    Buffer.from(`hazardnet test image ${process.pid} ${Date.now()} ${pngSeq}`)]);
}

/** A short description of a response for assertion messages. */
export function show(res) {
  return `HTTP ${res.status} ${res.text.length > 400 ? res.text.slice(0, 400) + '…' : res.text}`;
}

/** Assert a status, with the body in the message when it differs. */
export function assertStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what ? what + ': ' : ''}expected HTTP ${status}, got ${show(res)}`);
}

/**
 * Assert a DESIGN §4 error: the status, {"error": {"code", "message",
 * "field"}} with the given code, and the field when one is given (null
 * for "no field"; undefined for "don't care").
 */
export function assertError(res, status, code, field) {
  assertStatus(res, status);
  assert.match(res.headers.get('content-type') || '', /^application\/json/, 'an error is JSON');
  assert.ok(res.json && typeof res.json.error === 'object' && res.json.error !== null,
    `error body has an "error" object: ${show(res)}`);
  assert.equal(res.json.error.code, code, `error code: ${show(res)}`);
  assert.equal(typeof res.json.error.message, 'string');
  assert.ok(res.json.error.message.length > 0, 'an error has a message');
  if (field !== undefined) assert.equal(res.json.error.field, field, `error field: ${show(res)}`);
}

/** Sign in; returns { token, user, res, cookie }. Fails the test unless 200. */
export async function login(loginName, password, base) {
  const res = await request('POST', `${API}/session`, { body: { login: loginName, password }, base });
  assertStatus(res, 200, `sign in as '${loginName}'`);
  assert.equal(typeof res.json.token, 'string');
  return { token: res.json.token, user: res.json.user, res, cookie: cookieValue(res) };
}

/** The hn_session value a response sets, or null. */
export function cookieValue(res) {
  const sc = res.headers.get('set-cookie') || '';
  const m = /(?:^|[;,]\s*)hn_session=([^;]*)/.exec(sc);
  return m ? m[1] : null;
}

export function passwordOf(role) {
  return role === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD;
}

const tokens = new Map();
/** A (cached) token of the demo user of role; 'anonymous' gives null. */
export async function tokenOf(role) {
  if (role === 'anonymous') return null;
  if (!tokens.has(role)) tokens.set(role, (await login(role, passwordOf(role))).token);
  return tokens.get(role);
}

/** Every item of a list endpoint, following `next`, with the first page's total. */
export async function listAll(path, token, limit = 500) {
  const items = [];
  let cursor = null;
  let total = null;
  for (let pages = 0; pages < 1000; pages++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    assertStatus(res, 200, `list ${path}`);
    assert.ok(Array.isArray(res.json.items), `a list has items: ${show(res)}`);
    if (total === null) total = res.json.total;
    items.push(...res.json.items);
    if (res.json.next === null) return { items, total };
    assert.equal(typeof res.json.next, 'string', 'next is a cursor string or null');
    cursor = encodeURIComponent(res.json.next);
  }
  throw new Error(`list ${path} never ended`);
}

/**
 * The routes of the route table in src/http/routes.c, as "METHOD /path"
 * (the source of truth that /api/v1/openapi.json must describe).
 */
export function routesFromSource() {
  const src = readFileSync(new URL('../../src/http/routes.c', import.meta.url), 'utf8');
  const out = [];
  for (const m of src.matchAll(/\{\s*M_([A-Z]+)\s*,\s*"([^"]+)"/g)) out.push(`${m[1]} ${m[2]}`);
  return out;
}

/**
 * The entries of a ZIP file (an XLSX) as { name: Buffer }, read through the
 * central directory (stored or deflated entries only, as XLSX writers make).
 */
export function unzip(buf) {
  const out = {};
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'a ZIP file has an end of central directory');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < n; k++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'a central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28);
    const xlen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + csize);
    assert.ok(method === 0 || method === 8, `entry ${name}: stored or deflated`);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

/** All the text of an XLSX file's XML parts, concatenated. */
export function xlsxText(buf) {
  return Object.entries(unzip(buf)).filter(([n]) => n.endsWith('.xml')).map(([, b]) => b.toString('utf8')).join('\n');
}

const xmlText = (s) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A sheet (default the first) of an XLSX file as rows of cell texts (shared, inline or plain values). */
export function xlsxRows(buf, n = 1) {
  const z = unzip(buf);
  const shared = z['xl/sharedStrings.xml']
    ? [...z['xl/sharedStrings.xml'].toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => xmlText(m[1])) : [];
  const sheet = z[`xl/worksheets/sheet${n}.xml`];
  assert.ok(sheet, `an XLSX file has sheet ${n}`);
  const rows = [];
  for (const row of sheet.toString('utf8').matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of row[1].matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const body = c[2] || '';
      const t = (/\bt="([^"]+)"/.exec(attrs) || [])[1];
      const v = (/<v>([\s\S]*?)<\/v>/.exec(body) || [])[1];
      if (t === 's') cells.push(shared[Number(v)] ?? '');
      else if (t === 'inlineStr') cells.push(xmlText((/<is>([\s\S]*?)<\/is>/.exec(body) || [])[1] || ''));
      else cells.push(v === undefined ? '' : xmlText(v));
    }
    rows.push(cells);
  }
  return rows;
}

/** The rows of a CSV text (RFC 4180 quoting; a UTF-8 BOM is dropped). */
export function csvRows(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let q = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// ---- GB 32100 unified social credit codes ----

export const CC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters. */
export function ccCheck(first17) {
  assert.equal(first17.length, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CC_ALPHABET.indexOf(first17[i]);
    assert.ok(v >= 0, `'${first17[i]}' is not in the GB 32100 alphabet`);
    sum += v * CC_WEIGHTS[i];
  }
  return CC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A valid code for region (6 digits), with 9 characters from seed. */
export function creditCode(region6, seed) {
  let body = `91${region6}`;
  let n = seed;
  for (let i = 0; i < 9; i++) {
    body += CC_ALPHABET[n % 31];
    n = Math.floor(n / 31) + 7 * i + 3;
  }
  return body + ccCheck(body);
}

let ccSeq = 0;
/** A fresh valid code, different on every call and every run. */
export function freshCreditCode(region6 = '540102') {
  ccSeq += 1;
  const seed = (Date.now() % 1e9) * 97 + process.pid * 7919 + ccSeq * 104729;
  return creditCode(region6, seed);
}

/** The same code with a wrong (but in-alphabet) check character. */
export function wrongCheck(code) {
  return code.slice(0, 17) + CC_ALPHABET[(CC_ALPHABET.indexOf(code[17]) + 1) % 31];
}

let nameSeq = 0;
/** A unique suffix for names and logins. */
export function uniq() {
  nameSeq += 1;
  return `${process.pid.toString(36)}${(Date.now() % 1e8).toString(36)}${nameSeq}`;
}

// ---- servers of a test's own ----

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The store options of the server under test, for servers a test starts. */
export function storeArgs() {
  assert.ok(process.env.HN_BIN, 'HN_BIN must name the server binary');
  assert.ok(process.env.HN_DATA, 'HN_DATA must name the data directory');
  const args = ['--data', process.env.HN_DATA];
  if (process.env.HN_PG_DB) args.push('--pg', process.env.HN_PG_DB);
  return args;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start `hazardnet serve` on a free port with extra environment; resolves
 * when GET /healthz answers 200. Returns { url, port, proc, stderr(),
 * exited, stop(signal) } where stop resolves to { code, signal } once it
 * exited. opts.host: the address to listen on (default 127.0.0.1; url
 * always names 127.0.0.1).
 */
export async function startServer(env = {}, opts = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const host = opts.host || '127.0.0.1';
  const proc = spawn(process.env.HN_BIN, [...storeArgs(), 'serve', '--listen', `${host}:${port}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  proc.stderr.on('data', (d) => { err += d; });
  proc.stdout.on('data', (d) => { out += d; });
  let exitInfo = null;
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => {
    exitInfo = { code, signal };
    resolve(exitInfo);
  }));
  const server = {
    url,
    port,
    proc,
    exited,
    stderr: () => err,
    stdout: () => out,
    alive: () => exitInfo === null,
    async stop(signal = 'SIGTERM') {
      if (exitInfo === null) proc.kill(signal);
      const t = setTimeout(() => { if (exitInfo === null) proc.kill('SIGKILL'); }, 60000);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
  const deadline = Date.now() + 60000; // ASan builds start slowly
  for (;;) {
    if (exitInfo !== null) throw new Error(`server exited during start (${JSON.stringify(exitInfo)}): ${err}`);
    try {
      const r = await fetch(`${url}/healthz`);
      await r.text();
      if (r.status === 200) return server;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`server did not answer /healthz within 60 s: ${err}`);
    }
    await sleep(100);
  }
}

/** Sanitizer reports in a server's stderr (none expected). */
export function sanitizerErrors(stderr) {
  return stderr.split('\n').filter((l) => /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:/.test(l));
}
