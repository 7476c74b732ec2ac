// Issue: phone widths (390×844) without horizontal page overflow; the IOC wall at 1920×1080
// rotates its groups with no header or login prompt. Saves the screenshots of the pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, shot, pageOverflow, PHONE, WALL, DESKTOP } from '../lib/browser.js';
import * as api from '../lib/api.js';

const app = useApp();

/** null when the page fits its width, else a message naming the culprits. */
async function overflowProblem(page, what) {
  const over = await pageOverflow(page);
  if (over > 1) {
    // Name the widest offenders to help fixing.
    const culprits = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
    });
    return `${what}: page overflows horizontally by ${over}px; e.g. ${culprits.join(', ')}`;
  }
  return null;
}

test('phone 390×844: dashboard, table, detail and weekly form fit the width', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  const project = list.items.find((p) => p.can_edit && p.open_difficulties > 0) || list.items.find((p) => p.can_edit);
  const page = await app.loggedIn('bqlda', { viewport: PHONE });
  const problems = [];
  const noOverflow = async (p, what) => { const m = await overflowProblem(p, what); if (m) problems.push(m); };

  await page.goto(`${app.base}/`);
  await page.waitForSelector('[data-testid=chart-status] li[data-key]');
  await noOverflow(page, 'dashboard');
  await shot(page, 'dashboard-phone');
  await shot(page, 'dashboard-phone-top', { fullPage: false });

  await page.goto(`${app.base}/projects`);
  await page.waitForSelector('[data-testid=project-table] tbody tr');
  await noOverflow(page, 'project table');
  assert.ok(await page.locator('.table-wrap [data-testid=project-table]').count() === 1, 'table scrolls inside .table-wrap');
  await shot(page, 'projects-phone', { fullPage: false });

  await page.goto(`${app.base}/projects/${project.id}`);
  await page.waitForFunction((code) => document.querySelector('h1')?.innerText.includes(code), project.code);
  await page.waitForSelector('[data-testid=report-history]');
  await noOverflow(page, 'project detail');
  await shot(page, 'project-detail-phone', { fullPage: false });

  await page.goto(`${app.base}/projects/${project.id}/update`);
  await page.waitForSelector('[data-testid=submit-weekly]');
  await page.click('[data-testid=add-disbursement]');
  await page.click('[data-testid=add-difficulty]');
  await page.waitForSelector('#newdiff-0-title');
  await noOverflow(page, 'weekly form');
  await shot(page, 'weekly-phone', { fullPage: false });
  assert.deepEqual(problems, [], 'no horizontal overflow at 390 px');
});

async function noOverflow(page, what) {
  const m = await overflowProblem(page, what);
  if (m) assert.fail(m);
}

test('project detail page (desktop) shows its sections and charts', async () => {
  const tok = await api.token(app.base, 'sxd');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100&has_open_difficulties=true');
  const project = list.items[0];
  const reports = await api.ok(app.base, tok, `/api/v1/projects/${project.id}/reports`);
  const diffs = await api.ok(app.base, tok, `/api/v1/projects/${project.id}/difficulties`);
  const page = await app.loggedIn('sxd', { viewport: DESKTOP });
  await page.goto(`${app.base}/projects/${project.id}`);
  await page.waitForFunction((code) => document.querySelector('h1')?.innerText.includes(code), project.code);
  await page.waitForSelector('[data-testid=report-history]');
  assert.equal(await page.locator('[data-testid=weekly-update-link]').count(), project.can_edit ? 1 : 0);
  await page.waitForSelector('[data-testid=audit-trail]'); // coordinator sees the audit trail
  const shownReports = await page.locator('[data-testid=report-history] [data-report-id]').count();
  assert.ok(shownReports > 0 && shownReports <= reports.length, `report rows ${shownReports} of ${reports.length}`);
  const shownDiffs = await page.locator('[data-testid=project-difficulties] [data-difficulty-id]').evaluateAll((es) => es.map((e) => Number(e.dataset.difficultyId)));
  assert.ok(shownDiffs.length > 0 && shownDiffs.every((id) => diffs.some((d) => d.id === id)), 'difficulties are the project\'s');
  for (const c of ['chart-project-progress', 'chart-project-disbursement']) await page.waitForSelector(`[data-testid=${c}] svg`);
  await noOverflow(page, 'project detail desktop');
  await shot(page, 'project-detail');
  await shot(page, 'project-detail-top', { fullPage: false });
});

test('wall 1920×1080: full screen, no header or login prompt, groups rotate', async () => {
  const page = await app.loggedIn('lanhdao', { viewport: WALL });
  await page.goto(`${app.base}/wall?rotate=2`);
  await page.waitForSelector('[data-testid=wall] [data-testid=wall-group]');
  assert.equal(await page.locator('header.topbar').count(), 0, 'no header on the wall');
  assert.equal(await page.locator('#username').count(), 0, 'no login prompt');
  assert.equal(await page.locator('[data-testid=logout]').count(), 0);
  await noOverflow(page, 'wall');
  const box = await page.locator('[data-testid=wall]').boundingBox();
  assert.ok(box.width >= WALL.width - 20, `wall uses the full width (${box.width})`);

  const group = () => page.getAttribute('[data-testid=wall-group]', 'data-group');
  const order = ['overview', 'progress', 'disbursement', 'difficulties', 'direction'];
  const first = await group();
  assert.ok(order.includes(first), `first group ${first}`);
  await shot(page, 'wall', { fullPage: false });
  const seen = [first];
  for (let k = 1; k < order.length; k++) {
    const expected = order[(order.indexOf(first) + k) % order.length];
    await page.waitForSelector(`[data-testid=wall-group][data-group=${expected}]`, { timeout: 10_000 });
    seen.push(expected);
    await noOverflow(page, `wall ${expected}`);
  }
  assert.equal(new Set(seen).size, order.length);
});
