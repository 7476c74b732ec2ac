// Headless Debian Chromium through playwright-core (no browser downloads), plus the shared
// per-file fixture: one fresh server and one browser per test file.
import { after, afterEach, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, startServer } from './server.js';
import { PASSWORD } from './api.js';

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const WALL = { width: 1920, height: 1080 };
export const TIMEOUT = 20_000;

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page in its own context (its own localStorage), recording console and page errors. */
export async function newPage(browser, { viewport = DESKTOP } = {}) {
  // Vietnamese locale and time zone, as the province's officers use it (date inputs show dd/mm/yyyy).
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.consoleErrors = [];
  page.pageErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.pageErrors.push(String(e && e.stack ? e.stack : e)));
  return page;
}

/** Signs in through the login form and waits for the header to show the user. */
export async function login(page, base, username, password = PASSWORD) {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=user-name]');
}

export async function shot(page, name, { fullPage = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/** Horizontal overflow of the whole page in CSS pixels (0 when none). */
export function pageOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Registers the hooks of one test file: a fresh server (fresh database with the demo data)
 * and a browser before, pages checked for uncaught errors after each test, all stopped after.
 * Returns an object whose `base`, `browser` are set once `before` has run.
 */
export function useApp() {
  const app = {
    base: null,
    browser: null,
    server: null,
    pages: [],
    async page(opts) {
      const p = await newPage(app.browser, opts);
      app.pages.push(p);
      return p;
    },
    async loggedIn(username, opts) {
      const p = await app.page(opts);
      await login(p, app.base, username);
      return p;
    },
  };
  before(async () => {
    app.server = await startServer();
    app.base = app.server.base;
    app.browser = await launch();
  }, { timeout: 120_000 });
  afterEach(async () => {
    const pages = app.pages.splice(0);
    const errors = [];
    for (const p of pages) {
      errors.push(...p.pageErrors);
      if (p.consoleErrors.length) console.log(`# console errors on ${p.url()}:\n#   ${p.consoleErrors.join('\n#   ')}`);
      await p.context().close().catch(() => {});
    }
    if (errors.length) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
  });
  after(async () => {
    if (app.browser) await app.browser.close().catch(() => {});
    if (app.server) await app.server.stop();
  });
  return app;
}
