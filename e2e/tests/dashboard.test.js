// Issue: the dashboard shows the API's numbers; filters narrow the table and charts and
// live in the URL (they survive a reload).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, shot } from '../lib/browser.js';
import * as api from '../lib/api.js';
import { billions, pct1, parseCount } from '../lib/format.js';

const app = useApp();

const MONEY = {
  'total-investment': 'total_investment',
  'capital-allocated': 'capital_allocated',
  'output-value': 'output_value',
  disbursed: 'disbursed',
};
const STATUSES = ['ahead', 'on_track', 'at_risk', 'delayed', 'completed'];

async function kpi(page, id) {
  const el = page.locator(`[data-testid=kpi-${id}]`);
  return { value: await el.getAttribute('data-value'), text: (await el.innerText()).replace(/\s+/g, ' ') };
}

async function checkDashboardAgainst(page, o) {
  await page.waitForSelector('[data-testid=kpi-projects]');
  assert.equal((await kpi(page, 'projects')).value, String(o.projects), 'kpi-projects');
  for (const [id, key] of Object.entries(MONEY)) {
    const k = await kpi(page, id);
    assert.equal(k.value, o[key], `kpi-${id} data-value`);
    assert.ok(k.text.includes(billions(o[key])), `kpi-${id} text "${k.text}" should show ${billions(o[key])}`);
  }
  const rate = await kpi(page, 'disbursement-rate');
  if (o.disbursement_rate_percent === null) {
    assert.equal(rate.value, '');
  } else {
    assert.equal(Number(rate.value), Number(o.disbursement_rate_percent), 'kpi-disbursement-rate');
    assert.ok(rate.text.includes(pct1(o.disbursement_rate_percent)), `rate text "${rate.text}" should show ${pct1(o.disbursement_rate_percent)}`);
  }
  for (const s of STATUSES) {
    const li = page.locator(`[data-testid=chart-status] li[data-key=${s}]`);
    assert.equal(parseCount(await li.innerText()), o.by_status[s], `legend ${s}`);
  }
}

test('dashboard numbers match the API overview, in Vietnamese formatting', async () => {
  const tok = await api.token(app.base, 'lanhdao');
  const o = await api.ok(app.base, tok, '/api/v1/dashboard/overview');
  const page = await app.loggedIn('lanhdao');
  await page.waitForSelector('[data-testid=chart-status] li[data-key=on_track]');
  await checkDashboardAgainst(page, o);
  assert.equal(STATUSES.reduce((a, s) => a + o.by_status[s], 0), o.projects);

  const text = await page.locator('[data-testid=kpi-total-investment]').innerText();
  assert.match(text, /tỷ đồng/);
  assert.match(text, /\d,\d/, 'decimal comma');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');

  // The other groups are there and carry data.
  for (const g of ['overview', 'progress', 'disbursement', 'difficulties', 'alerts']) {
    assert.equal(await page.locator(`section[data-group=${g}]`).count(), 1, `group ${g}`);
  }
  for (const c of ['chart-phase', 'chart-progress-time', 'chart-disbursement', 'chart-difficulties']) {
    assert.equal(await page.locator(`[data-testid=${c}]`).count(), 1, c);
  }
  const phases = await page.locator('[data-testid=chart-phase] .bar-row').evaluateAll(
    (rows) => rows.map((r) => [r.dataset.key, Number(r.dataset.value)]));
  assert.deepEqual(Object.fromEntries(phases), Object.fromEntries(o.by_phase.map((p) => [p.phase, p.projects])));
  assert.ok(await page.locator('[data-testid=chart-progress-time] svg path, [data-testid=chart-progress-time] svg polyline').count() > 0,
    'progress-over-time chart draws lines');

  const progress = await api.ok(app.base, tok, '/api/v1/dashboard/progress?top=10&per_page=1');
  assert.equal(parseCount(await page.locator('[data-testid=delayed-total]').innerText()), progress.delayed_total);
  const counts = await api.ok(app.base, tok, '/api/v1/alerts/counts');
  assert.equal(parseCount(await page.locator('[data-testid=alerts-open]').innerText()), counts.total_open);
  const as = await page.locator('[data-testid=as-of]').innerText();
  const [y, m, d] = o.as_of.split('-');
  assert.ok(as.includes(`${d}/${m}/${y}`), `as-of "${as}" shows ${o.as_of}`);
  await shot(page, 'dashboard');
});

/** A sector value that selects some but not all projects. */
function pickSector(items) {
  const counts = {};
  for (const p of items) counts[p.sector] = (counts[p.sector] || 0) + 1;
  const [sector] = Object.entries(counts).filter(([, n]) => n > 0 && n < items.length).sort((a, b) => b[1] - a[1])[0];
  return sector;
}

test('filtering by sector narrows the table and the dashboard, and survives a reload', async () => {
  const tok = await api.token(app.base, 'sxd');
  const all = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  const sector = pickSector(all.items);
  const filtered = await api.ok(app.base, tok, `/api/v1/projects?sector=${sector}&per_page=100`);
  assert.ok(filtered.total > 0 && filtered.total < all.total);

  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/projects`);
  const total = page.locator('[data-testid=result-total]');
  await page.waitForSelector('[data-testid=project-table] tbody tr');
  assert.equal(await total.getAttribute('data-value'), String(all.total));
  await shot(page, 'project-table');

  await page.waitForSelector(`#f-sector option[value="${sector}"]`, { state: 'attached' });
  await page.selectOption('#f-sector', sector);
  await page.waitForURL((u) => u.searchParams.get('sector') === sector);
  await page.waitForSelector(`[data-testid=result-total][data-value="${filtered.total}"]`);
  const rowIds = await page.locator('[data-testid=project-table] tbody tr').evaluateAll((rs) => rs.map((r) => Number(r.dataset.projectId)));
  const expectedIds = new Set(filtered.items.map((p) => p.id));
  assert.ok(rowIds.length > 0 && rowIds.every((id) => expectedIds.has(id)), 'rows are the filtered projects');

  await page.reload();
  await page.waitForSelector('[data-testid=result-total]');
  assert.equal(await total.getAttribute('data-value'), String(filtered.total));
  await page.waitForSelector(`#f-sector option[value="${sector}"]`, { state: 'attached' });
  assert.equal(await page.inputValue('#f-sector'), sector);

  // The same query on the dashboard.
  const o = await api.ok(app.base, tok, `/api/v1/dashboard/overview?sector=${sector}`);
  assert.equal(o.projects, filtered.total);
  await page.goto(`${app.base}/?sector=${sector}`);
  await page.waitForSelector(`[data-testid=kpi-projects][data-value="${o.projects}"]`);
  await checkDashboardAgainst(page, o);
  await page.waitForSelector(`#f-sector option[value="${sector}"]`, { state: 'attached' });
  assert.equal(await page.inputValue('#f-sector'), sector);

  // Clearing the filters restores everything.
  await page.click('[data-testid=clear-filters]');
  await page.waitForURL((u) => !u.searchParams.has('sector'));
  await page.waitForSelector(`[data-testid=kpi-projects][data-value="${all.total}"]`);
});

test('status=delayed and the open-difficulties checkbox narrow the table like the API', async () => {
  const tok = await api.token(app.base, 'sxd');
  const all = await api.ok(app.base, tok, '/api/v1/projects?per_page=1');
  const delayed = await api.ok(app.base, tok, '/api/v1/projects?status=delayed&per_page=100');
  assert.ok(delayed.total < all.total);
  assert.ok(delayed.items.every((p) => p.progress.status === 'delayed'));
  const both = await api.ok(app.base, tok, '/api/v1/projects?status=delayed&has_open_difficulties=true&per_page=100');

  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/projects`);
  await page.waitForSelector('#f-status option[value=delayed]', { state: 'attached' });
  await page.selectOption('#f-status', 'delayed');
  await page.waitForURL((u) => u.searchParams.get('status') === 'delayed');
  await page.waitForSelector(`[data-testid=result-total][data-value="${delayed.total}"]`);
  const statuses = await page.locator('[data-testid=project-table] tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.status));
  assert.equal(statuses.length, delayed.items.length);
  assert.ok(statuses.every((s) => s === 'delayed'));
  // The badge says it in words, not colour alone.
  const badge = (await page.locator('[data-testid=project-table] tbody tr .status-badge').first().innerText()).trim();
  assert.ok(badge.length > 2, `status badge text "${badge}"`);

  await page.check('#f-difficulties');
  await page.waitForURL((u) => u.searchParams.get('has_open_difficulties') === 'true' && u.searchParams.get('status') === 'delayed');
  await page.waitForSelector(`[data-testid=result-total][data-value="${both.total}"]`);
  await page.reload();
  await page.waitForSelector(`[data-testid=result-total][data-value="${both.total}"]`);
  assert.equal(await page.isChecked('#f-difficulties'), true);
});

test('sorting by total investment follows the API order and is in the URL', async () => {
  const tok = await api.token(app.base, 'sxd');
  const sorted = await api.ok(app.base, tok, '/api/v1/projects?sort=-total_investment&per_page=20');
  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/projects`);
  await page.waitForSelector('[data-testid=project-table] tbody tr');
  await page.click('button.sort[data-sort=total_investment]');
  await page.waitForURL((u) => u.searchParams.get('sort') === 'total_investment');
  await page.click('button.sort[data-sort=total_investment]');
  await page.waitForURL((u) => u.searchParams.get('sort') === '-total_investment');
  const expected = sorted.items.map((p) => String(p.id));
  await page.waitForFunction((first) => document.querySelector('[data-testid=project-table] tbody tr')?.dataset.projectId === first, expected[0]);
  const ids = await page.locator('[data-testid=project-table] tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.projectId));
  assert.deepEqual(ids, expected);
});

test('the pager moves to the next page of the API result', async () => {
  const tok = await api.token(app.base, 'sxd');
  const p1 = await api.ok(app.base, tok, '/api/v1/projects?sort=code&page=1&per_page=20');
  const p2 = await api.ok(app.base, tok, '/api/v1/projects?sort=code&page=2&per_page=20');
  const pages = Math.ceil(p1.total / 20);
  assert.ok(pages >= 2, 'demo data fills more than one page');
  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/projects`);
  await page.waitForSelector('[data-testid=project-table] tbody tr');
  const info = page.locator('[data-testid=page-info]');
  assert.match(await info.innerText(), new RegExp(`\\b1\\s*/\\s*${pages}\\b`));
  const ids = () => page.locator('[data-testid=project-table] tbody tr').evaluateAll((rs) => rs.map((r) => Number(r.dataset.projectId)));
  assert.deepEqual(await ids(), p1.items.map((x) => x.id));
  const pager = page.locator('nav.pager');
  const next = pager.locator('button').last();
  const nextText = (await next.innerText()).trim();
  assert.ok(nextText.length < 20 && /Sau/.test(nextText), `next button label is "${nextText}"`);
  assert.equal(await pager.locator('button').first().isDisabled(), true, 'previous disabled on page 1');
  await next.click();
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  await page.waitForFunction((first) => document.querySelector('[data-testid=project-table] tbody tr')?.dataset.projectId === String(first), p2.items[0].id);
  assert.deepEqual(await ids(), p2.items.map((x) => x.id));
  assert.match(await info.innerText(), new RegExp(`\\b2\\s*/\\s*${pages}\\b`));
});

test('CSV and Excel exports download non-empty files of the filtered projects', async () => {
  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/projects?status=delayed`);
  await page.waitForSelector('[data-testid=project-table]');
  for (const [testid, ext] of [['export-csv', 'csv'], ['export-xlsx', 'xlsx']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
    assert.ok(download.suggestedFilename().endsWith(`.${ext}`), download.suggestedFilename());
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const buf = Buffer.concat(chunks);
    assert.ok(buf.length > 0, `${ext} is empty`);
    if (ext === 'csv') {
      assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');
      const tok = await api.token(app.base, 'sxd');
      const delayed = await api.ok(app.base, tok, '/api/v1/projects?status=delayed&per_page=100');
      const text = buf.toString('utf8');
      for (const p of delayed.items) assert.ok(text.includes(p.code), `CSV has ${p.code}`);
    } else {
      assert.equal(buf.subarray(0, 2).toString(), 'PK', 'xlsx is a zip');
    }
  }
});

test('the filter bar narrows the alerts too: dashboard widget, its link and the alerts page', async () => {
  const tok = await api.token(app.base, 'sxd');
  const filter = 'has_open_difficulties=true';
  const counts = await api.ok(app.base, tok, `/api/v1/alerts/counts?${filter}`);
  const list = await api.ok(app.base, tok, `/api/v1/alerts?${filter}&per_page=100`);
  const unfiltered = await api.ok(app.base, tok, '/api/v1/alerts?per_page=1');
  assert.equal(list.total, counts.total_open, 'API list and counts agree');
  assert.ok(list.total < unfiltered.total, 'the filter narrows the alerts');
  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/?${filter}`);
  await page.waitForSelector('[data-testid=alerts-open]');
  assert.equal((await page.innerText('[data-testid=alerts-open]')).trim(), String(counts.total_open));
  await page.click('[data-testid=all-alerts]');
  await page.waitForURL((u) => u.pathname === '/alerts' && u.searchParams.get('has_open_difficulties') === 'true');
  await page.waitForSelector('[data-testid=alerts-total]');
  assert.equal(await page.getAttribute('[data-testid=alerts-total]', 'data-value'), String(list.total));
  const shown = await page.locator('[data-alert-id]').evaluateAll((els) => els.map((e) => Number(e.dataset.alertId)));
  const expected = new Set(list.items.map((a) => a.id));
  assert.ok(shown.length > 0 && shown.every((id) => expected.has(id)), 'only the filtered projects\' alerts are listed');
  assert.ok(await page.isChecked('#f-difficulties'), 'the filter bar shows the filter');
});
