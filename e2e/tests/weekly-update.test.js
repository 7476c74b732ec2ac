// Issue: the weekly e-form — a unit editor's update reaches the dashboard; validation errors
// sit on their field and save nothing; a 412 conflict keeps what was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, shot } from '../lib/browser.js';
import * as api from '../lib/api.js';

const app = useApp();

const hundredths = (s) => Math.round(Number(s) * 100);
const fromHundredths = (n) => (n / 100).toFixed(2).replace(/\.?0+$/, '');

/** bqlda's editable, unfinished projects, fresh from the API. */
async function editable(tok) {
  const list = await api.ok(app.base, tok, '/api/v1/projects?per_page=100');
  return list.items.filter((p) => p.can_edit && Number(p.progress.actual_percent) < 95 && p.progress.status !== 'completed');
}

async function reportCount(tok, id) {
  return (await api.ok(app.base, tok, `/api/v1/projects/${id}/reports`)).length;
}

/** Opens the form and waits until it shows the project's latest values. */
async function openForm(page, id) {
  await page.goto(`${app.base}/projects/${id}/update`);
  await page.waitForSelector('[data-testid=submit-weekly]');
  await page.waitForSelector('#actual_percent');
}

/** Records the weekly-update POSTs a page sends. */
function watchPosts(page) {
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/weekly-update')) posts.push(r.url()); });
  return posts;
}

test('a unit editor submits a weekly update and the dashboard reflects it', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const candidates = await editable(tok);
  const project = candidates.find((p) => p.open_difficulties === 0) || candidates[0];
  assert.ok(project, 'bqlda has an editable project');
  const before = await api.ok(app.base, tok, '/api/v1/dashboard/overview');
  const reportsBefore = await reportCount(tok, project.id);
  const today = before.as_of;
  const newPercent = fromHundredths(hundredths(project.progress.actual_percent) + 75); // +0.75 pp
  const outputDelta = 5_000_000_000n;
  const newOutput = (BigInt(project.progress.output_value) + outputDelta).toString();
  const amount = 1_234_000_000n;

  const page = await app.loggedIn('bqlda');
  // From the table: the row says bqlda may edit; the detail page offers the form.
  await page.goto(`${app.base}/projects/${project.id}`);
  await page.waitForSelector('h1');
  assert.ok((await page.locator('h1').innerText()).includes(project.code), `h1 shows ${project.code}`);
  await page.click('[data-testid=weekly-update-link]');
  await page.waitForURL((u) => u.pathname === `/projects/${project.id}/update`);
  await page.waitForSelector('[data-testid=submit-weekly]');
  assert.equal(Number((await page.inputValue('#actual_percent')).replace(',', '.')), Number(project.progress.actual_percent),
    'form starts from the latest report');

  await page.fill('#as_of', today);
  await page.fill('#actual_percent', newPercent.replace('.', ',')); // typed the Vietnamese way
  await page.fill('#output_value', newOutput);
  await page.fill('#work_done', 'Thi công hoàn thiện mặt đường (kiểm thử e2e).');
  await page.fill('#next_week_plan', 'Tiếp tục thi công.');
  await page.click('[data-testid=add-disbursement]');
  await page.fill('#disb-0-paid_on', today);
  await page.fill('#disb-0-amount', amount.toString());
  await page.fill('#disb-0-note', 'Tạm ứng đợt e2e');
  await page.click('[data-testid=submit-weekly]');
  await page.waitForSelector('[data-testid=save-success]');

  const reports = await api.ok(app.base, tok, `/api/v1/projects/${project.id}/reports`);
  assert.equal(reports.length, reportsBefore + 1);
  const latest = reports.find((r) => r.as_of === today);
  assert.ok(latest, 'a report for today');
  assert.equal(Number(latest.actual_percent), Number(newPercent));
  assert.equal(latest.output_value, newOutput);

  const after = await api.ok(app.base, tok, '/api/v1/dashboard/overview');
  assert.equal(BigInt(after.disbursed) - BigInt(before.disbursed), amount, 'overview disbursed grows by the amount');
  assert.equal(BigInt(after.output_value) - BigInt(before.output_value), outputDelta, 'overview output grows by the delta');

  await page.goto(`${app.base}/`);
  await page.waitForSelector(`[data-testid=kpi-disbursed][data-value="${after.disbursed}"]`);
  assert.equal(await page.getAttribute('[data-testid=kpi-output-value]', 'data-value'), after.output_value);

  // The detail page shows the new report in its history.
  await page.goto(`${app.base}/projects/${project.id}`);
  await page.waitForSelector(`[data-testid=report-history] tr[data-report-id="${latest.id}"]`);
  for (const t of ['chart-project-progress', 'chart-project-disbursement', 'project-difficulties', 'project-alerts']) {
    assert.equal(await page.locator(`[data-testid=${t}]`).count(), 1, t);
  }
  // Audit trail is for admins and coordinators only.
  assert.equal(await page.locator('[data-testid=audit-trail]').count(), 0, 'no audit trail for a unit editor');
});

test('client-side validation: 150 % is refused on its field and nothing is sent', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const project = (await editable(tok))[1];
  const count = await reportCount(tok, project.id);
  const page = await app.loggedIn('bqlda');
  const posts = watchPosts(page);
  await openForm(page, project.id);
  await page.fill('#actual_percent', '150');
  await page.click('[data-testid=submit-weekly]');
  await page.waitForSelector('#actual_percent-error');
  assert.ok(await page.isVisible('#actual_percent-error'));
  assert.equal(await page.getAttribute('#actual_percent', 'aria-invalid'), 'true');
  assert.ok((await page.locator('#actual_percent-error').innerText()).trim().length > 0);
  await shot(page, 'weekly-validation-error');
  assert.deepEqual(posts, [], 'no request sent');
  assert.equal(await reportCount(tok, project.id), count, 'nothing saved');
  assert.equal(await page.locator('[data-testid=save-success]').count(), 0);
});

test('server-side validation: a lower percent than a report saved meanwhile → 422 on the field', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const project = (await editable(tok))[2];
  const o = await api.ok(app.base, tok, '/api/v1/dashboard/overview');
  const page = await app.loggedIn('bqlda');
  const posts = watchPosts(page);
  await openForm(page, project.id);

  // Someone else files yesterday's report with a higher percent after the form loaded, so
  // the client's check (against the reports it read) passes and the server refuses.
  const prev = hundredths(project.progress.actual_percent);
  // A date between the latest report and today.
  const latestOn = (await api.ok(app.base, tok, `/api/v1/projects/${project.id}/reports`)).map((x) => x.as_of).sort().pop();
  const yesterday = new Date(Date.parse(`${latestOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  assert.ok(yesterday < o.as_of, `room for a report between ${latestOn} and ${o.as_of}`);
  const r = await api.post(app.base, tok, `/api/v1/projects/${project.id}/weekly-update`, {
    report: { as_of: yesterday, actual_percent: fromHundredths(prev + 300), output_value: project.progress.output_value },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const count = await reportCount(tok, project.id);

  await page.fill('#as_of', o.as_of);
  await page.fill('#actual_percent', fromHundredths(prev + 100));
  await page.fill('#correction_reason', '');
  await page.click('[data-testid=submit-weekly]');
  await page.waitForSelector('#actual_percent-error');
  assert.equal(posts.length, 1, 'the form did send it');
  assert.equal(await page.getAttribute('#actual_percent', 'aria-invalid'), 'true');
  assert.equal(await reportCount(tok, project.id), count, 'nothing saved');
  assert.equal(await page.locator('[data-testid=save-success]').count(), 0);
  assert.equal(await page.inputValue('#actual_percent'), fromHundredths(prev + 100), 'input kept');
});

test('412 conflict on a difficulty keeps the typed input and re-apply then saves', async () => {
  const tok = await api.token(app.base, 'bqlda');
  const admin = await api.token(app.base, 'admin');
  let project;
  let diff;
  for (const p of await editable(tok)) {
    if (p.open_difficulties === 0) continue;
    const ds = await api.ok(app.base, tok, `/api/v1/projects/${p.id}/difficulties`);
    diff = ds.find((d) => d.status !== 'resolved');
    if (diff) { project = p; break; }
  }
  assert.ok(project && diff, 'an editable project with an open difficulty');
  const o = await api.ok(app.base, tok, '/api/v1/dashboard/overview');
  const count = await reportCount(tok, project.id);

  const page = await app.loggedIn('bqlda');
  await openForm(page, project.id);
  await page.waitForSelector(`[data-difficulty-id="${diff.id}"]`);
  await page.click(`[data-testid=edit-difficulty-${diff.id}]`);
  await page.waitForSelector(`#diff-${diff.id}-status`);
  const typed = {
    '#as_of': o.as_of,
    '#actual_percent': fromHundredths(hundredths(project.progress.actual_percent) + 50),
    '#work_done': 'Khối lượng tuần này (kiểm thử xung đột).',
    [`#diff-${diff.id}-proposed_solution`]: 'Đề xuất mới của chủ đầu tư (e2e).',
  };
  for (const [sel, v] of Object.entries(typed)) await page.fill(sel, v);
  await page.selectOption(`#diff-${diff.id}-status`, 'in_progress');

  // Meanwhile the administrator changes the same difficulty.
  const cur = await api.get(app.base, admin, `/api/v1/projects/${project.id}/difficulties/${diff.id}`);
  assert.equal(cur.status, 200);
  const etag = cur.headers.get('etag');
  assert.ok(etag, 'difficulty has an ETag');
  const d = cur.body;
  const adminNote = 'Sở Tài chính đã làm việc với nhà tài trợ (quản trị, e2e).';
  const put = await api.put(app.base, admin, `/api/v1/projects/${project.id}/difficulties/${diff.id}`, {
    category: d.category, title: d.title, detail: d.detail, proposed_solution: adminNote,
    responsible_unit_id: d.responsible_unit ? d.responsible_unit.id : null,
    needs_leader_direction: d.needs_leader_direction, status: d.status, raised_on: d.raised_on,
    resolved_on: d.resolved_on, resolution_note: d.resolution_note,
  }, { 'if-match': etag });
  assert.equal(put.status, 200, JSON.stringify(put.body));

  await page.click('[data-testid=submit-weekly]');
  await page.waitForSelector('[data-testid=conflict]');
  await shot(page, 'weekly-conflict');
  assert.ok((await page.locator(`[data-difficulty-id="${diff.id}"]`).innerText()).includes(adminNote), 'the newer data is shown');
  for (const [sel, v] of Object.entries(typed)) assert.equal(await page.inputValue(sel), v, `${sel} kept`);
  assert.equal(await page.inputValue(`#diff-${diff.id}-status`), 'in_progress');
  assert.equal(await reportCount(tok, project.id), count, 'nothing saved on 412');

  await page.click('[data-testid=reapply]');
  await page.click('[data-testid=submit-weekly]');
  await page.waitForSelector('[data-testid=save-success]');
  assert.equal(await reportCount(tok, project.id), count + 1);
  const after = await api.ok(app.base, tok, `/api/v1/projects/${project.id}/difficulties/${diff.id}`);
  assert.equal(after.proposed_solution, typed[`#diff-${diff.id}-proposed_solution`]);
  assert.equal(after.status, 'in_progress');
});
