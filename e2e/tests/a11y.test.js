// Issue: accessible — keyboard navigation, labels on inputs, contrast that passes WCAG AA.
// The checks compute what a screen reader and a contrast checker would: each form control's
// accessible name, and the contrast of every visible text run against its real background.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from '../lib/browser.js';
import * as api from '../lib/api.js';

const app = useApp();

/** Controls without an accessible name (label[for], wrapping label, aria-label(ledby)). */
function unlabelled(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      const byFor = el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      const named = byFor || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!named) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}

/** Text runs whose contrast is below WCAG AA (4.5:1, or 3:1 for large text). */
function lowContrast(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const blend = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
      a: 1,
    });
    // The background actually behind an element: the stack of ancestors' colours.
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      }
      return layers.reverse().reduce((under, top) => blend(top, under), { r: 255, g: 255, b: 255, a: 1 });
    };
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent.trim() || el.closest('svg, option, noscript')) continue;
      seen.add(el);
      const rect = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || cs.visibility === 'hidden' || cs.display === 'none') continue;
      if (el.closest('[disabled]')) continue; // WCAG exempts inactive controls
      let fg = parse(cs.color);
      if (!fg) continue;
      let opacity = 1;
      for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const bg = background(el);
      fg = blend({ ...fg, a: fg.a * opacity }, bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)}:1 "${n.textContent.trim().slice(0, 40)}" <${el.tagName.toLowerCase()} class="${el.className}">`);
    }
    return bad;
  });
}

test('keyboard only: skip link, sign in with Tab and Enter, reach the navigation', async () => {
  const page = await app.page();
  await page.goto(`${app.base}/login`);
  await page.waitForSelector('#username');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', 'the skip link comes first');
  await page.focus('#username');
  await page.keyboard.type('sxd');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
  await page.keyboard.type(api.PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=kpi-projects]');
  // Tab from the top reaches the main navigation links in order.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const visited = [];
  for (let k = 0; k < 8; k++) {
    await page.keyboard.press('Tab');
    visited.push(await page.evaluate(() => document.activeElement.getAttribute('href') || document.activeElement.tagName));
  }
  for (const href of ['/', '/projects', '/alerts']) assert.ok(visited.includes(href), `Tab reaches ${href}: ${visited}`);
  // A sort header is a real button: Enter on it sorts.
  await page.goto(`${app.base}/projects`);
  await page.waitForSelector('button.sort[data-sort=name]');
  await page.focus('button.sort[data-sort=name]');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('sort') === 'name');
  assert.equal(await page.getAttribute('th:has(button[data-sort=name])', 'aria-sort'), 'ascending');
});

test('every form control has a label and the text contrast passes WCAG AA', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  const mine = list.items.find((p) => p.can_edit);
  const page = await app.loggedIn('bqlda');
  const pages = [
    ['/', '[data-testid=kpi-projects]'],
    ['/projects', '[data-testid=project-table] tbody tr'],
    [`/projects/${mine.id}`, '[data-testid=report-history]'],
    [`/projects/${mine.id}/update`, '[data-testid=submit-weekly]'],
    ['/alerts', '[data-alert-id]'],
  ];
  for (const [path, ready] of pages) {
    await page.goto(`${app.base}${path}`);
    await page.waitForSelector(ready);
    if (path.endsWith('/update')) {
      await page.click('[data-testid=add-disbursement]');
      await page.click('[data-testid=add-difficulty]');
      await page.fill('#actual_percent', '150');
      await page.click('[data-testid=submit-weekly]');
      await page.waitForSelector('#actual_percent-error');
      assert.equal(await page.getAttribute('#actual_percent', 'aria-invalid'), 'true');
      assert.ok((await page.getAttribute('#actual_percent', 'aria-describedby')).includes('actual_percent-error'),
        'the error is tied to its input');
      // Focus moves to the invalid field once the errors have rendered.
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'actual_percent');
    }
    assert.deepEqual(await unlabelled(page), [], `unlabelled controls on ${path}`);
    assert.deepEqual(await lowContrast(page), [], `low-contrast text on ${path}`);
  }
  const wall = await app.loggedIn('lanhdao', { viewport: { width: 1920, height: 1080 } });
  await wall.goto(`${app.base}/wall`);
  await wall.waitForSelector('[data-testid=wall-group]');
  assert.deepEqual(await lowContrast(wall), [], 'low-contrast text on the wall');
});

test('the direction pages (tasks, meetings, inbox, settings) label every control and pass contrast', async () => {
  const page = await app.loggedIn('lanhdao');
  const pages = [
    ['/tasks', '[data-testid=tasks-total]'],
    ['/meetings', '[data-testid=meetings-table]'],
    ['/meetings/new', '[data-testid=meeting-save]'],
    ['/inbox', '[data-testid=inbox-total]'],
    ['/settings', '[data-testid=prefs] tbody tr'],
  ];
  for (const [path, ready] of pages) {
    await page.goto(`${app.base}${path}`);
    await page.waitForSelector(ready);
    if (path === '/meetings/new') await page.click('[data-testid=agenda-add]');
    assert.deepEqual(await unlabelled(page), [], `unlabelled controls on ${path}`);
    assert.deepEqual(await lowContrast(page), [], `low-contrast text on ${path}`);
  }
});
