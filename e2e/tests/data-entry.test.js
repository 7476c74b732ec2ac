// Beyond the weekly form: a coordinator records a yearly capital plan from the project page
// and the dashboard's allocated capital follows; an unsent weekly entry survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, shot } from '../lib/browser.js';
import * as api from '../lib/api.js';

const app = useApp();

test('a coordinator adds a capital plan on the project page and the dashboard follows', async () => {
  const tok = await api.token(app.base, 'sxd');
  const before = await api.ok(app.base, tok, '/api/v1/dashboard/overview');
  const year = before.year;
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  // A project without an ODA plan this year (plans are unique per project, year and source).
  let project = null;
  for (const p of list.items) {
    const plans = await api.ok(app.base, tok, `/api/v1/projects/${p.id}/capital-plans`);
    if (!plans.some((x) => x.year === year && x.source === 'oda')) { project = p; break; }
  }
  assert.ok(project, 'a project without an ODA plan this year');

  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/projects/${project.id}`);
  await page.click('[data-testid=add-capital-plan]');
  await page.fill('#cp-year', String(year));
  await page.selectOption('#cp-source', 'oda');
  await page.fill('#cp-amount', '7.000.000.000');
  await page.fill('#cp-note', 'Vốn ODA bổ sung (e2e)');
  await page.click('[data-testid=save-capital-plan]');
  await page.waitForSelector('[data-testid=capital-plan-form]', { state: 'detached' });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=capital-plans] td')].some((td) => td.innerText.includes('Vốn ODA bổ sung (e2e)')));
  await shot(page, 'project-capital-plans');

  const after = await api.ok(app.base, tok, '/api/v1/dashboard/overview');
  assert.equal(BigInt(after.capital_allocated) - BigInt(before.capital_allocated), 7_000_000_000n, 'allocated capital grows by the plan');
  await page.goto(`${app.base}/`);
  await page.waitForSelector('[data-testid=kpi-capital-allocated]');
  assert.equal(await page.getAttribute('[data-testid=kpi-capital-allocated]', 'data-value'), after.capital_allocated);

  // A bad amount is refused on its field and nothing is saved.
  await page.goto(`${app.base}/projects/${project.id}`);
  await page.click('[data-testid=add-capital-plan]');
  await page.fill('#cp-year', String(year));
  await page.selectOption('#cp-source', 'other');
  await page.fill('#cp-amount', 'mười tỷ');
  await page.click('[data-testid=save-capital-plan]');
  await page.waitForSelector('#cp-amount-error');
  const plans = await api.ok(app.base, tok, `/api/v1/projects/${project.id}/capital-plans`);
  assert.ok(!plans.some((x) => x.year === year && x.source === 'other' && x.note === ''), 'nothing saved');
});

test('an unsent weekly entry survives a reload, and is gone once submitted', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  const project = list.items.find((p) => p.can_edit && Number(p.progress.actual_percent) < 95);
  assert.ok(project, 'bqlda has an editable project');
  const reportsBefore = (await api.ok(app.base, tok, `/api/v1/projects/${project.id}/reports`)).length;

  const page = await app.loggedIn('bqlda');
  await page.goto(`${app.base}/projects/${project.id}/update`);
  await page.waitForSelector('[data-testid=submit-weekly]');
  assert.equal(await page.locator('[data-testid=draft-restored]').count(), 0, 'no draft at first');
  await page.fill('#work_done', 'Nháp: đổ bê tông trụ T5 (e2e)');
  await page.click('[data-testid=add-disbursement]');
  await page.fill('#disb-0-amount', '250.000.000');

  await page.reload();
  await page.waitForSelector('[data-testid=draft-restored]');
  assert.equal(await page.inputValue('#work_done'), 'Nháp: đổ bê tông trụ T5 (e2e)');
  assert.equal(await page.inputValue('#disb-0-amount'), '250.000.000');
  await shot(page, 'weekly-draft-restored');

  await page.click('[data-testid=submit-weekly]');
  await page.waitForSelector('[data-testid=save-success]');
  const reports = await api.ok(app.base, tok, `/api/v1/projects/${project.id}/reports`);
  assert.equal(reports.length, reportsBefore + 1, 'one report added');
  const latest = reports.reduce((a, b) => (a.as_of >= b.as_of ? a : b));
  assert.equal(latest.work_done, 'Nháp: đổ bê tông trụ T5 (e2e)', 'the restored text is what was saved');
  await page.reload();
  await page.waitForSelector('[data-testid=submit-weekly]');
  assert.equal(await page.locator('[data-testid=draft-restored]').count(), 0, 'the draft is gone after submitting');
  assert.equal(await page.inputValue('#work_done'), '');
});

test('a unit editor corrects their project\'s actual start date from the project page', async () => {
  const tok = await api.token(app.base, 'bqlgt');
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  const today = (await api.ok(app.base, tok, '/api/v1/dashboard/overview')).as_of;
  const project = list.items.find((p) => p.can_edit && p.planned_start < today && p.actual_end === null);
  assert.ok(project, 'bqlgt has an editable project that has started');
  const wanted = project.planned_start; // a plausible correction, not in the future

  const page = await app.loggedIn('bqlgt');
  await page.goto(`${app.base}/projects/${project.id}`);
  await page.click('[data-testid=edit-project]');
  await page.waitForSelector('[data-testid=project-form] #p-actual-start');
  assert.equal(await page.inputValue('#p-code'), project.code, 'the form starts from the stored project');
  // Who owns the project is the province's decision: shown, not offered (the API answers 403).
  for (const select of ['#p-investor', '#p-managing']) {
    assert.ok(await page.isDisabled(select), `${select} is disabled for a unit editor`);
  }
  assert.equal(await page.inputValue('#p-investor'), String(project.investor.id), 'the stored investor is shown');
  await page.fill('#p-actual-start', wanted);
  await page.click('[data-testid=save-project]');
  await page.waitForSelector('[data-testid=project-form]', { state: 'detached' });
  const after = await api.ok(app.base, tok, `/api/v1/projects/${project.id}`);
  assert.equal(after.actual_start, wanted);
  assert.equal(after.version, project.version + 1, 'one write');
  assert.equal(after.name, project.name, 'the rest is unchanged');
  assert.deepEqual(after.localities.map((l) => l.code).sort(), project.localities.map((l) => l.code).sort());
  assert.equal(after.investor.id, project.investor.id, 'the owner is unchanged');

  // Someone else's project offers no edit button.
  const other = list.items.find((p) => !p.can_edit);
  await page.goto(`${app.base}/projects/${other.id}`);
  await page.waitForSelector('[data-testid=report-history]');
  assert.equal(await page.locator('[data-testid=edit-project]').count(), 0);
});
