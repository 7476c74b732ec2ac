// Issue 10: the direction loop in the browser. A coordinator runs the review meeting in
// presenter mode and records a directive with a task for a Ban QLDA; that unit's editor sees
// the badge, acknowledges, reports done; the coordinator confirms; the demo's overdue tasks
// show on the dashboard group and on the wall; the conclusions notice downloads as a DOCX.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, shot, pageOverflow, PHONE, WALL } from '../lib/browser.js';
import * as api from '../lib/api.js';
import { isZip, readEntry } from '../lib/zip.js';

const app = useApp();

const DIRECTIVE = 'Yêu cầu Ban QLDA Đầu tư xây dựng tỉnh hoàn thành bàn giao mặt bằng, báo cáo kết quả trước hạn';

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

// Shared by the steps below (one scenario, in order).
const S = {};

test('a coordinator runs a meeting in presenter mode and records a directive with a task for a Ban QLDA', async () => {
  const tok = await api.token(app.base, 'sxd');
  const units = await api.ok(app.base, tok, '/api/v1/units');
  const unit = units.find((u) => u.code === 'BQLDA-DTXD');
  assert.ok(unit, 'demo unit BQLDA-DTXD');
  S.unit = unit;
  let projects = await api.ok(app.base, tok, `/api/v1/projects?investor=${unit.id}&per_page=200`);
  if (projects.items.length === 0) projects = await api.ok(app.base, tok, `/api/v1/projects?managing_unit=${unit.id}&per_page=200`);
  assert.ok(projects.items.length > 0, 'a project of the Ban QLDA');
  const project = projects.items[0];
  S.project = project;

  // The leader's office schedules the meeting through the form (the chair is the leader).
  const leader = await app.loggedIn('lanhdao');
  await leader.goto(`${app.base}/meetings`);
  await leader.click('[data-testid=new-meeting]');
  await leader.fill('#mt-title', 'Giao ban tiến độ dự án trọng điểm (kiểm thử)');
  await leader.selectOption('#mt-kind', 'weekly_review');
  await leader.fill('#mt-starts', `${isoDate(new Date())}T08:00`);
  await leader.fill('#mt-location', 'Phòng họp số 1, UBND tỉnh');
  assert.equal(await leader.locator('#mt-chair option:checked').innerText(), 'Trần Văn Minh', 'the leader chairs');
  await leader.click('[data-testid=agenda-add]');
  await leader.waitForSelector(`[data-testid=agenda-row] select option[value="p:${project.id}"]`, { state: 'attached' });
  await leader.locator('[data-testid=agenda-row] select').first().selectOption(`p:${project.id}`);
  await leader.locator('[data-testid=agenda-row] input').first().fill('Tiến độ giải phóng mặt bằng');
  await leader.check(`#mt-unit-${unit.id}`);
  await leader.click('[data-testid=meeting-save]');
  await leader.waitForSelector('[data-testid=meeting-title]');
  const m = leader.url().match(/\/meetings\/(\d+)$/);
  assert.ok(m, `on the meeting page: ${leader.url()}`);
  S.meetingId = Number(m[1]);
  assert.equal(await leader.getAttribute('[data-testid=meeting-state]', 'data-value'), 'scheduled');

  // The coordinator runs it on the IOC screen.
  const page = await app.loggedIn('sxd', { viewport: WALL });
  await page.goto(`${app.base}/meetings/${S.meetingId}`);
  // Start: the snapshot is frozen and presenter mode opens.
  await page.click('[data-testid=meeting-start]');
  await page.waitForSelector('[data-testid=presenter]');
  assert.equal(await page.locator('header.topbar').count(), 0, 'no app header in presenter mode');
  await page.waitForSelector('[data-testid=slide-follow-up]');
  await page.click('[data-testid=fullscreen]');
  await page.waitForFunction(() => document.fullscreenElement !== null, null, { timeout: 5_000 });

  // Keyboard: → to the project, ← back, PageDown forward again.
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector(`[data-testid=slide-item][data-project-id="${project.id}"]`);
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('[data-testid=slide-follow-up]');
  await page.keyboard.press('PageDown');
  await page.waitForSelector('[data-testid=slide-item]');
  assert.match(await page.innerText('[data-testid=timer-meeting]'), /\d\d:\d\d/);
  assert.equal(await page.getAttribute('[data-testid=figures-source]', 'data-live'), 'false', 'the snapshot first');
  await page.click('[data-testid=toggle-live]');
  await page.waitForSelector('[data-testid=figures-source][data-live=true]');
  await page.click('[data-testid=toggle-live]');
  await page.waitForSelector('[data-testid=figures-source][data-live=false]');

  // A directive typed inline becomes a directive and a task at once.
  const deadline = new Date(Date.now() + 14 * 86400_000);
  await page.fill('#dir-text', DIRECTIVE);
  await page.selectOption('#dir-unit', String(unit.id));
  await page.fill('#dir-deadline', isoDate(deadline));
  await page.click('[data-testid=dir-submit]');
  await page.waitForSelector(`[data-testid=slide-directives] li:has-text("${DIRECTIVE}")`);
  await page.waitForSelector(`[data-testid=slide-tasks] li:has-text("${DIRECTIVE}")`);
  await shot(page, 'presenter-1920x1080', { fullPage: false });

  // Arrow keys while typing stay in the field.
  await page.focus('#dir-text');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('[data-testid=slide-item]');

  const tasks = await api.ok(app.base, tok, `/api/v1/tasks?meeting_id=${S.meetingId}&per_page=50`);
  const task = tasks.items.find((t) => t.description === DIRECTIVE);
  assert.ok(task, 'the task exists in the API');
  assert.equal(task.lead_unit.id, unit.id);
  assert.equal(task.state, 'assigned');
  S.taskId = task.id;

  // Esc leaves full screen, a second Esc leaves presenter mode.
  await page.click('body');
  await page.evaluate(() => document.fullscreenElement && document.exitFullscreen());
  await page.keyboard.press('Escape');
  await page.waitForURL(`${app.base}/meetings/${S.meetingId}`);
});

test('the Ban QLDA editor sees the badge and the new task in the inbox (on a phone)', async () => {
  const page = await app.loggedIn('bqlda', { viewport: PHONE });
  await page.waitForSelector('[data-testid=inbox-badge]');
  const before = Number(await page.getAttribute('[data-testid=inbox-badge]', 'data-value'));
  assert.ok(before >= 1, 'unread count');
  await page.click('[data-testid=inbox-link]');
  await page.waitForSelector('.inbox-item');
  assert.equal(await pageOverflow(page), 0, 'no horizontal overflow on the phone');
  await shot(page, 'inbox-phone', { fullPage: false });
  const item = page.locator(`.inbox-item.unread:has(a[href="/tasks/${S.taskId}"])`).first();
  await item.waitFor();
  // Opening it marks it read (the badge follows at once) and leads to the task.
  await item.locator(`a[href="/tasks/${S.taskId}"]`).click();
  await page.waitForURL(`${app.base}/tasks/${S.taskId}`);
  await page.waitForFunction((n) => {
    const b = document.querySelector('[data-testid=inbox-badge]');
    return (b ? Number(b.dataset.value) : 0) === n - 1;
  }, before);
});

test('the Ban QLDA editor acknowledges, starts and reports done with evidence (on a phone)', async () => {
  const page = await app.loggedIn('bqlda', { viewport: PHONE });
  await page.goto(`${app.base}/tasks/${S.taskId}`);
  const step = async (action, to, fill = {}) => {
    await page.click(`[data-testid=action-${action}]`);
    for (const [sel, v] of Object.entries(fill)) await page.fill(sel, v);
    await page.click('[data-testid=transition-submit]');
    await page.waitForSelector(`[data-testid=task-state][data-value=${to}]`);
  };
  await page.waitForSelector('[data-testid=task-state][data-value=assigned]');
  // A unit editor never sees the coordinator's buttons.
  assert.equal(await page.locator('[data-testid=action-confirm]').count(), 0);
  await step('acknowledge', 'acknowledged');
  await step('start', 'in_progress');
  // The done report needs its note: the form says so before sending.
  await page.click('[data-testid=action-report_done]');
  await page.click('[data-testid=transition-submit]');
  await page.waitForSelector('[data-testid=transition-form] .field-error');
  await page.click('[data-testid=transition-form] button:not([type=submit])');
  await step('report_done', 'reported_done', {
    '#tr-note': 'Đã bàn giao toàn bộ mặt bằng cho nhà thầu.',
    '#tr-evidence': 'Báo cáo số 15/BC-BQLDA',
  });
  await page.waitForSelector('[data-testid=done-report]:has-text("15/BC-BQLDA")');
  assert.equal(await page.locator('[data-testid=action-report_done]').count(), 0, 'no second done report');
  assert.equal(await pageOverflow(page), 0, 'task page fits the phone');
});

test('the coordinator confirms the reported task; its history shows every step', async () => {
  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/tasks/${S.taskId}`);
  await page.waitForSelector('[data-testid=task-state][data-value=reported_done]');
  await page.click('[data-testid=action-confirm]');
  await page.click('[data-testid=transition-submit]');
  await page.waitForSelector('[data-testid=task-state][data-value=confirmed]');
  const kinds = await page.locator('[data-testid=task-history] li').evaluateAll((ls) => ls.map((l) => l.dataset.kind));
  for (const k of ['created', 'acknowledge', 'start', 'report_done', 'confirm']) {
    assert.ok(kinds.includes(k), `history has ${k}: ${kinds}`);
  }
});

test('an overdue task shows on the dashboard group and on the wall', async () => {
  const tok = await api.token(app.base, 'lanhdao');
  // A directive a year old whose task was due eleven months ago: overdue, and the oldest.
  const day = (n) => isoDate(new Date(Date.now() - n * 86400_000));
  const created = await api.post(app.base, tok, '/api/v1/directives', {
    text: 'Hoàn thành hồ sơ quyết toán dự án (kiểm thử quá hạn)',
    issued_on: day(365),
    source: 'document',
    document_number: '123/TB-UBND',
    priority: 'high',
    project_ids: [S.project.id],
    tasks: [{ description: 'Hoàn thành hồ sơ quyết toán dự án (kiểm thử quá hạn)', lead_unit_id: S.unit.id, deadline: day(330) }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const overdueId = created.body.tasks[0].id;
  const board = await api.ok(app.base, tok, '/api/v1/dashboard/direction?top=8');
  assert.ok(board.overdue_total > 0, 'overdue tasks');
  assert.ok(board.oldest_overdue.some((t) => t.task_id === overdueId), 'the year-old task is among the oldest overdue');
  const page = await app.loggedIn('lanhdao');
  // Leaders have the direction entries in the navigation.
  await page.waitForSelector('nav.mainnav a[href="/tasks"]');
  await page.waitForSelector('nav.mainnav a[href="/meetings"]');
  await page.waitForSelector('[data-testid=direction-group] [data-testid=oldest-overdue] li');
  assert.equal(await page.getAttribute('[data-testid=direction-group] [data-testid=kpi-tasks-overdue]', 'data-value'),
    String(board.overdue_total));
  const shown = await page.locator('[data-testid=oldest-overdue] li').evaluateAll((ls) => ls.map((l) => Number(l.dataset.taskId)));
  assert.deepEqual(shown, board.oldest_overdue.map((t) => t.task_id));

  const wall = await app.loggedIn('lanhdao', { viewport: WALL });
  await wall.goto(`${app.base}/wall?start=direction&rotate=600`);
  await wall.waitForSelector(`[data-testid=wall-group][data-group=direction] [data-testid=oldest-overdue] li[data-task-id="${overdueId}"]`);
  assert.equal(await pageOverflow(wall), 0);
  await shot(wall, 'wall-direction', { fullPage: false });
});

test('the conclusions notice prints and downloads as a DOCX with the directive in it', async () => {
  const page = await app.loggedIn('sxd');
  await page.goto(`${app.base}/meetings/${S.meetingId}`);
  await page.waitForSelector('[data-testid=meeting-close]');
  await page.click('[data-testid=meeting-close]');
  await page.waitForSelector('[data-testid=meeting-state][data-value=closed]');
  await page.click('[data-testid=meeting-print]');
  await page.waitForSelector(`[data-testid=conclusions]:has-text("${DIRECTIVE}")`);
  const doc = await page.innerText('[data-testid=conclusions]');
  assert.match(doc, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(doc, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(doc, /Nơi nhận:/);
  assert.ok(doc.includes(S.unit.name), 'the lead unit is named');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=conclusions-docx]')]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const buf = await readFile(await download.path());
  assert.ok(isZip(buf), 'a DOCX is a zip starting with PK');
  const xml = readEntry(buf, 'word/document.xml');
  assert.ok(xml, 'word/document.xml in the package');
  const text = xml.replace(/<[^>]+>/g, '');
  assert.ok(text.includes(DIRECTIVE), 'the directive text is in the document');
  assert.ok(text.includes('THÔNG BÁO'), 'the notice title');
});
