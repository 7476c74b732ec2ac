// Issue: sign in per role, sign out, protected URLs, language switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, login, shot } from '../lib/browser.js';
import * as api from '../lib/api.js';

const app = useApp();

const ROLES = { admin: 'admin', sxd: 'coordinator', bqlda: 'unit_editor', lanhdao: 'leader', stc: 'viewer' };

for (const [username, role] of Object.entries(ROLES)) {
  test(`${username} signs in and sees the dashboard as ${role}`, async () => {
    const tok = await api.token(app.base, username);
    const me = await api.ok(app.base, tok, '/api/v1/me');
    assert.equal(me.role, role, 'demo data role');
    const page = await app.page();
    await page.goto(`${app.base}/login`);
    await page.waitForSelector('#username');
    if (username === 'admin') await shot(page, 'login');
    await login(page, app.base, username);
    const user = page.locator('[data-testid=user-name]');
    assert.equal(await user.getAttribute('data-role'), role);
    assert.match(await user.innerText(), new RegExp(me.display_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(new URL(page.url()).pathname, '/');
    await page.waitForSelector('[data-testid=kpi-projects]');
    // The admin link is for administrators only.
    assert.equal(await page.locator('nav a[href="/admin"]').count(), role === 'admin' ? 1 : 0);

    await page.click('[data-testid=logout]');
    await page.waitForURL((u) => u.pathname === '/login');
    await page.waitForSelector('#username');
    assert.equal(await page.locator('[data-testid=user-name]').count(), 0);
    // Signed out for real: a protected page sends us back to the login form.
    await page.goto(`${app.base}/projects`);
    await page.waitForURL((u) => u.pathname === '/login');
  });
}

test('wrong password shows an error and stays on the login page', async () => {
  const page = await app.page();
  await page.goto(`${app.base}/login`);
  await page.fill('#username', 'bqlda');
  await page.fill('#password', 'not-the-password');
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[role=alert]');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.locator('[data-testid=user-name]').count(), 0);
});

test('the integrator machine account cannot sign in to the SPA with the demo password', async () => {
  const r = await api.post(app.base, null, '/api/v1/auth/login', { username: 'ioc', password: api.PASSWORD });
  assert.notEqual(r.status, 200, 'ioc is a machine client (token only)');
});

test('a protected URL visited signed out redirects to login and back after sign-in', async () => {
  const tok = await api.token(app.base, 'sxd');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  const target = `/projects?sector=${encodeURIComponent(list.items[0].sector)}`;
  const page = await app.page();
  await page.goto(`${app.base}${target}`);
  await page.waitForURL((u) => u.pathname === '/login');
  const next = new URL(page.url()).searchParams.get('next');
  assert.equal(next, target);
  await page.fill('#username', 'sxd');
  await page.fill('#password', api.PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((u) => u.pathname === '/projects');
  assert.equal(new URL(page.url()).searchParams.get('sector'), list.items[0].sector);
  await page.waitForSelector('[data-testid=user-name]');
  await page.waitForSelector('[data-testid=result-total]');
});

test('language switch: Vietnamese by default, English on toggle, back again', async () => {
  const page = await app.loggedIn('sxd');
  const nav = page.locator('nav a[href="/projects"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal((await nav.innerText()).trim(), 'Dự án');
  await page.click('[data-testid=lang-toggle]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal((await nav.innerText()).trim(), 'Projects');
  assert.equal((await page.locator('[data-testid=logout]').innerText()).trim(), 'Sign out');
  // The KPI text follows: English grouping and words.
  const kpi = page.locator('[data-testid=kpi-total-investment] .kpi-value');
  await page.waitForFunction(() => /billion/i.test(document.querySelector('[data-testid=kpi-total-investment]')?.innerText || ''));
  assert.doesNotMatch(await kpi.innerText(), /tỷ đồng/);
  // The choice survives a reload.
  await page.reload();
  await page.waitForSelector('[data-testid=user-name]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.click('[data-testid=lang-toggle]');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  assert.equal((await nav.innerText()).trim(), 'Dự án');
});
