// Helpers for the browser end-to-end tests (node:test + playwright-core from
// web/node_modules, no other npm dependencies). They drive Debian's
// /usr/bin/chromium and never download a browser. The server under test is
// named by the environment that tests/suites/browser.sh sets:
//   HN_URL             http://127.0.0.1:PORT of a running `hazardnet serve`
//   HN_TMP             where screenshots and downloads go (default: the
//                      system's temporary directory)
//   HN_ADMIN_PASSWORD  the password of the first admin
//   HN_DEMO_PASSWORD   the password of the demo users (default hazardnet-demo)

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';

const { chromium } = await import(new URL('../../web/node_modules/playwright-core/index.mjs', import.meta.url).href);

export const BASE = (process.env.HN_URL || '').replace(/\/+$/, '');
export const TMP = process.env.HN_TMP || os.tmpdir();
export const ADMIN_PASSWORD = process.env.HN_ADMIN_PASSWORD || '';
export const DEMO_PASSWORD = process.env.HN_DEMO_PASSWORD || 'hazardnet-demo';

/** The browser every test drives, and the arguments it is launched with. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Sets up a test file's browser: registers a `before` hook that asserts
 * HN_URL, awaits opts.beforeLaunch, launches Chromium and awaits
 * opts.afterLaunch, and an `after` hook that closes Chromium. (All in one
 * hook: Node 20 starts each top-level `before` as it is registered, so a
 * second one would not wait for the launch.) opts:
 *   name          failure screenshots are HN_TMP/browser-<name>-failure-<n>.png
 *                 (without a name: browser-failure-<n>.png)
 *   viewport      default { width: 1280, height: 860 }
 *   context       more browser context options, e.g. { acceptDownloads: true }
 *   timeout       each page's default timeout in ms, default 15000
 *   vueWarnings   whether [Vue warn] console warnings count as problems
 *                 (default true)
 *   acceptDialogs whether each page accepts confirm() and alert() itself
 *   beforeLaunch  an async function run before Chromium is launched (set-up
 *                 through the API that needs no browser)
 *   afterLaunch   an async function run once Chromium runs, with the
 *                 session (e.g. to open the file's one page with newPage)
 * Returns the session { pages, problems, current, newPage, signIn, shot };
 * its functions may be destructured.
 */
export function browserTest(opts = {}) {
  const contextOptions = {
    viewport: opts.viewport || { width: 1280, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(opts.context || {}),
  };
  const timeout = opts.timeout ?? 15000;
  const vueWarnings = opts.vueWarnings ?? true;
  const shotPrefix = opts.name ? `browser-${opts.name}-failure` : 'browser-failure';
  let browser;
  let failures = 0;

  const session = {
    /** One signed-in page per login, as signIn made them. */
    pages: {},
    /** Page errors, CSP refusals (and Vue warnings) seen on any page. */
    problems: [],
    /** The page a failure screenshot shows: the last one opened or signed in; a test may set it. */
    current: null,

    /**
     * A page of a browser context of its own, with the viewport, locale,
     * time zone and default timeout of this file, whose page errors, CSP
     * refusals (and Vue warnings) go to problems, prefixed with label when
     * there is one. Becomes current.
     */
    async newPage(label) {
      const prefix = label ? `${label}: ` : '';
      const context = await browser.newContext(contextOptions);
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      page.on('pageerror', (e) => session.problems.push(`${prefix}page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) session.problems.push(`${prefix}csp: ${m.text()}`);
        if (vueWarnings && m.type() === 'warning' && /\[Vue warn\]/.test(m.text())) session.problems.push(`${prefix}${m.text().slice(0, 300)}`);
      });
      if (opts.acceptDialogs) page.on('dialog', (d) => d.accept());
      session.current = page;
      return page;
    },

    /**
     * The page signed in as login (a demo user, with DEMO_PASSWORD) once
     * the navigation shows: made by newPage(login) on the first call, the
     * same page after. Becomes current.
     */
    async signIn(login) {
      if (session.pages[login]) return (session.current = session.pages[login]);
      const page = await session.newPage(login);
      await page.goto(BASE + '/');
      await page.getByLabel('账号').fill(login);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.locator('#nav').waitFor();
      session.pages[login] = page;
      return page;
    },

    /**
     * Wraps a test body: on failure, a full-page screenshot of current
     * goes to HN_TMP, its name printed as a TAP comment, and the failure
     * is thrown on.
     */
    shot(fn) {
      return async () => {
        try {
          await fn();
        } catch (e) {
          if (session.current) {
            const f = path.join(TMP, `${shotPrefix}-${++failures}.png`);
            await session.current.screenshot({ path: f, fullPage: true }).catch(() => {});
            console.log(`# failure screenshot: ${f}`);
          }
          throw e;
        }
      };
    },
  };

  before(async () => {
    assert.ok(BASE, 'HN_URL must name the server under test');
    if (opts.beforeLaunch) await opts.beforeLaunch();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    if (opts.afterLaunch) await opts.afterLaunch(session);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  return session;
}

/**
 * One request to the API (/api/v1 + p) without the browser: body an
 * object sent as JSON, token a Bearer token. Returns { status, json }
 * (json is null when the answer is not JSON).
 */
export async function api(method, p, body, token) {
  const res = await fetch(BASE + '/api/v1' + p, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  return { status: res.status, json };
}

/**
 * A GB 32100 unified social credit code of an enterprise of 城关区
 * (91540102…) made of a number's last nine digits, with its check
 * character, for a fresh enterprise.
 */
export function creditCode(seed) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first = `91540102${String(seed).padStart(9, '0').slice(-9)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += A.indexOf(first[i]) * W[i];
  return first + A[(31 - (sum % 31)) % 31];
}

/**
 * Through the API as the first admin (HN_ADMIN_PASSWORD): a fresh
 * 危险化学品 enterprise of 城关区 named name (above scale), its credit code
 * made of seed. Returns { admin (the admin's token), id (the enterprise's) }.
 */
export async function freshChemicalEnterprise(name, seed) {
  assert.ok(ADMIN_PASSWORD, 'HN_ADMIN_PASSWORD must be the admin password');
  const admin = (await api('POST', '/session', { login: 'admin', password: ADMIN_PASSWORD })).json.token;
  const inds = (await api('GET', '/industries', null, admin)).json.items;
  const org = await api('POST', '/orgs', {
    kind: 'enterprise', name, region_code: '540102000000', credit_code: creditCode(seed),
    industry: inds.find((i) => i.name === '危险化学品').id, scale: 'above',
  }, admin);
  assert.equal(org.status, 201, `a fresh enterprise: ${JSON.stringify(org.json)}`);
  return { admin, id: org.json.id };
}
