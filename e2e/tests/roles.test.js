// Issue: a read-only viewer sees no edit controls and the API refuses a forced edit;
// coordinators acknowledge alerts; the admin page is for admins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, shot } from '../lib/browser.js';
import * as api from '../lib/api.js';

const app = useApp();

test('viewer (stc) sees no edit controls, and the API refuses a forced edit', async () => {
  const tok = await api.token(app.base, 'stc');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  assert.ok(list.items.every((p) => p.can_edit === false), 'API: viewer may edit nothing');
  const project = list.items.find((p) => p.open_difficulties > 0) || list.items[0];

  const page = await app.loggedIn('stc');
  assert.equal(await page.getAttribute('[data-testid=user-name]', 'data-role'), 'viewer');
  await page.goto(`${app.base}/projects`);
  await page.waitForSelector('[data-testid=project-table] tbody tr');
  const canEdit = await page.locator('[data-testid=project-table] tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.canEdit));
  assert.ok(canEdit.length > 0 && canEdit.every((v) => v === 'false'), `rows data-can-edit: ${canEdit}`);

  await page.goto(`${app.base}/projects/${project.id}`);
  await page.waitForFunction((code) => document.querySelector('h1')?.innerText.includes(code), project.code);
  await page.waitForSelector('[data-testid=report-history]');
  assert.equal(await page.locator('[data-testid=weekly-update-link]').count(), 0, 'no weekly-update link');
  assert.equal(await page.locator('[data-testid=edit-project]').count(), 0, 'no edit-project link');
  assert.equal(await page.locator('[data-testid^=edit-difficulty]').count(), 0, 'no difficulty edit buttons');
  assert.equal(await page.locator('[data-testid=audit-trail]').count(), 0, 'no audit trail for a viewer');

  await page.goto(`${app.base}/projects/${project.id}/update`);
  await page.waitForSelector('[data-testid=forbidden]');
  assert.equal(await page.locator('[data-testid=submit-weekly]').count(), 0, 'no submit button');

  await page.goto(`${app.base}/alerts`);
  await page.waitForSelector('[data-alert-id]');
  assert.equal(await page.locator('[data-testid^=ack-]').count(), 0, 'viewer cannot acknowledge alerts');

  // A forced edit through the API.
  const one = await api.get(app.base, tok, `/api/v1/projects/${project.id}`);
  assert.equal(one.status, 200);
  const etag = one.headers.get('etag');
  assert.match(etag, /project-\d+-v\d+/);
  const v = one.body;
  const input = {
    code: v.code, name: v.name, description: v.description, group: v.group, sector: v.sector, phase: v.phase,
    investor_unit_id: v.investor.id, managing_unit_id: v.managing_unit ? v.managing_unit.id : null,
    locality_codes: v.localities.map((l) => l.code), latitude: v.latitude, longitude: v.longitude,
    is_key_project: v.is_key_project, total_investment: v.total_investment, planned_start: v.planned_start,
    planned_end: v.planned_end, actual_start: v.actual_start, actual_end: v.actual_end, baseline: v.baseline,
  };
  const r = await api.put(app.base, tok, `/api/v1/projects/${project.id}`, { ...input, name: `${v.name} (sửa trái phép)` }, { 'if-match': etag });
  assert.equal(r.status, 403, JSON.stringify(r.body));
  assert.match(r.headers.get('content-type'), /application\/problem\+json/);
  assert.equal(r.body.status, 403);
  const w = await api.post(app.base, tok, `/api/v1/projects/${project.id}/weekly-update`, {
    report: { as_of: project.progress.as_of, actual_percent: project.progress.actual_percent, output_value: project.progress.output_value },
  });
  assert.equal(w.status, 403);
  const again = await api.ok(app.base, tok, `/api/v1/projects/${project.id}`);
  assert.equal(again.name, one.body.name, 'unchanged');
  assert.equal(again.version, one.body.version);
  // The same request is well formed: an administrator's identical PUT goes through.
  const ctl = await api.put(app.base, await api.token(app.base, 'admin'), `/api/v1/projects/${project.id}`, input, { 'if-match': etag });
  assert.equal(ctl.status, 200, `control PUT as admin: ${JSON.stringify(ctl.body)}`);
});

test('a unit editor cannot edit another unit\'s project', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  const other = list.items.find((p) => !p.can_edit);
  assert.ok(other, 'a project of another unit');
  const page = await app.loggedIn('bqlda');
  await page.goto(`${app.base}/projects/${other.id}`);
  await page.waitForFunction((code) => document.querySelector('h1')?.innerText.includes(code), other.code);
  assert.equal(await page.locator('[data-testid=weekly-update-link]').count(), 0);
  await page.goto(`${app.base}/projects/${other.id}/update`);
  await page.waitForSelector('[data-testid=forbidden]');
  assert.equal(await page.locator('[data-testid=submit-weekly]').count(), 0);
});

test('a coordinator acknowledges an alert with a note', async () => {
  const tok = await api.token(app.base, 'sxd');
  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/alerts`);
  await page.waitForSelector('[data-alert-id]');
  await shot(page, 'alerts');
  const total = Number(await page.getAttribute('[data-testid=alerts-total]', 'data-value'));
  const open = await api.ok(app.base, tok, '/api/v1/alerts?open=true&per_page=1');
  assert.equal(total, open.total, 'alerts-total matches the API for the default filter');

  const btn = page.locator('[data-testid^=ack-]:not([data-testid^=ack-confirm]):not([data-testid^=ack-note])').first();
  const id = (await btn.getAttribute('data-testid')).replace('ack-', '');
  const before = await api.ok(app.base, tok, `/api/v1/alerts/${id}`);
  assert.equal(before.acknowledged_at ?? null, null);
  await btn.click();
  const note = 'Sở Xây dựng đã đôn đốc chủ đầu tư (e2e).';
  await page.fill(`#ack-note-${id}`, note);
  await page.click(`[data-testid=ack-confirm-${id}]`);
  await page.waitForSelector(`[data-testid=acked-${id}], [data-alert-id="${id}"]:not(:has([data-testid=ack-${id}]))`);
  const after = await api.ok(app.base, tok, `/api/v1/alerts/${id}`);
  assert.ok(after.acknowledged_at, 'acknowledged in the API');
  assert.equal(after.ack_note, note);
});

test('the admin page is for administrators only', async () => {
  const page = await app.loggedIn('admin');
  await page.goto(`${app.base}/admin`);
  for (const t of ['projects', 'units', 'users', 'tokens', 'reference']) {
    await page.waitForSelector(`[data-testid=admin-tab-${t}]`);
  }
  await page.click('[data-testid=admin-tab-users]');
  const users = await api.ok(app.base, await api.token(app.base, 'admin'), '/api/v1/users');
  const names = (Array.isArray(users) ? users : users.items).map((u) => u.username);
  await page.waitForFunction((n) => document.body.innerText.includes(n), 'lanhdao');
  assert.ok(names.includes('lanhdao'));
  await shot(page, 'admin');

  const viewer = await app.loggedIn('lanhdao');
  assert.equal(await viewer.locator('nav a[href="/admin"]').count(), 0);
  await viewer.goto(`${app.base}/admin`);
  await viewer.waitForSelector('[data-testid=user-name]');
  await viewer.waitForTimeout(500); // let the page settle: nothing should appear
  assert.equal(await viewer.locator('[data-testid^=admin-tab-]').count(), 0, 'no admin tabs for a viewer');
});
