// Issue 9: the Content-Security-Policy forbids inline and evaluated script (the SPA keeps its
// tokens in localStorage). The main pages, the wall and the API docs must run under it
// without a single violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from '../lib/browser.js';
import * as api from '../lib/api.js';

const app = useApp();

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page) {
  await page.context().addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.cspConsole = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) page.cspConsole.push(m.text()); });
}

async function violations(page) {
  return [...(await page.evaluate(() => window.__csp || [])), ...page.cspConsole];
}

test('the app runs under its Content-Security-Policy on every main page', async () => {
  const res = await fetch(`${app.base}/`);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);

  const tok = await api.token(app.base, 'sxd');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=5');
  const id = list.items[0].id;
  const page = await app.page();
  await watchViolations(page);
  await page.goto(`${app.base}/login`);
  await page.fill('#username', 'sxd');
  await page.fill('#password', api.PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=user-name]');
  const found = [];
  for (const [path, ready] of [
    ['/', '[data-testid=chart-status] li[data-key]'],
    ['/projects', 'table, .card'],
    [`/projects/${id}`, 'h1'],
    [`/projects/${id}/update`, 'form'],
    ['/alerts', 'h1'],
    ['/admin', 'h1'],
    ['/wall', 'body'],
  ]) {
    await page.goto(`${app.base}${path}`);
    await page.waitForSelector(ready);
    await page.waitForTimeout(300);
    found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
  }
  assert.deepEqual(found, [], 'no CSP violation');
});

test('the API docs run under their own policy', async () => {
  const page = await app.page();
  await watchViolations(page);
  await page.goto(`${app.base}/api/docs/`);
  await page.waitForSelector('.swagger-ui .opblock');
  await page.waitForTimeout(300);
  assert.deepEqual(await violations(page), [], 'no CSP violation in Swagger UI');
});
