//! One task: its directive, units, deadline against today, the pending extension request,
//! the last done report, its history and the actions the caller may take.

use ioc_domain::dto::{TaskEventView, TaskView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::actions::TaskActions;
use crate::api::{self, ApiResult};
use crate::components::{loaded, DeadlineBadge};
use crate::format;
use crate::i18n::i18n;

async fn load(id: i32) -> ApiResult<(TaskView, String, Vec<TaskEventView>)> {
    let path = format!("/api/v1/tasks/{id}");
    let (task, events) = futures::join!(
        api::get_with_etag::<TaskView>(&path),
        api::get::<Vec<TaskEventView>>(format!("/api/v1/tasks/{id}/events")),
    );
    let (task, tag) = task?;
    let tag = tag.unwrap_or_else(|| api::etag("task", task.id, task.version));
    Ok((task, tag, events?))
}

#[component]
pub fn TaskDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        load(id())
    });
    let on_done = Callback::new(move |_| reload.update(|n| *n += 1));
    view! {
        <section class="page task">
            {loaded(data, move |(t, tag, events)| view! { <TaskBody t=t etag=tag events=events on_done=on_done /> })}
        </section>
    }
}

#[component]
fn TaskBody(t: TaskView, etag: String, events: Vec<TaskEventView>, on_done: Callback<()>) -> impl IntoView {
    let i = i18n();
    let (state, src, prio) = (t.state, t.directive_source, t.priority);
    view! {
        <p><a href="/tasks">{move || i.t("‹ Danh sách nhiệm vụ", "‹ All tasks")}</a></p>
        <div class="page-head">
            <h1 data-testid="task-title">{t.description.clone()}</h1>
            <span class=format!("tag state-{}", state.as_str()) data-testid="task-state" data-value=state.as_str()>
                {move || i.t(state.label_vi(), state.label_en())}
            </span>
        </div>
        <dl class="facts">
            <dt>{move || i.t("Ý kiến chỉ đạo", "Directive")}</dt>
            <dd><a href=format!("/directives/{}", t.directive_id)>{t.directive_text.clone()}</a></dd>
            <dt>{move || i.t("Nguồn", "Source")}</dt>
            <dd>{move || i.t(src.label_vi(), src.label_en())}{t.directive_document_number.clone().map(|n| format!(" {n}"))}
                {t.directive_meeting_id.map(|m| view! { " · "<a href=format!("/meetings/{m}")>{i.t("cuộc họp", "meeting")}</a> })}</dd>
            <dt>{move || i.t("Độ khẩn", "Priority")}</dt><dd>{move || i.t(prio.label_vi(), prio.label_en())}</dd>
            <dt>{move || i.t("Đơn vị chủ trì", "Lead unit")}</dt><dd data-testid="task-lead-unit">{t.lead_unit.name.clone()}</dd>
            <dt>{move || i.t("Đơn vị phối hợp", "Supporting units")}</dt>
            <dd>{t.supporting_units.iter().map(|u| u.name.clone()).collect::<Vec<_>>().join("; ")}</dd>
            <dt>{move || i.t("Người thực hiện", "Assignee")}</dt><dd>{t.assignee.clone().map(|a| a.display_name).unwrap_or_else(|| "—".into())}</dd>
            <dt>{move || i.t("Thời hạn", "Deadline")}</dt>
            <dd data-testid="task-deadline">{format::date(t.deadline)}" "<DeadlineBadge status=t.deadline_status days=t.days_overdue />
                {(t.deadline != t.original_deadline).then(|| format!(" ({} {})", i.t("hạn ban đầu", "originally"), format::date(t.original_deadline)))}</dd>
            <dt>{move || i.t("Kết quả cần đạt", "Expected result")}</dt><dd>{t.expected_result.clone()}</dd>
            <dt>{move || i.t("Dự án liên quan", "Projects")}</dt>
            <dd>{t.projects.iter().map(|p| view! { <a class="tag" href=format!("/projects/{}", p.id)>{p.code.clone()}</a> }).collect_view()}</dd>
        </dl>
        {t.extension_request.clone().map(|x| view! {
            <div class="banner warn" data-testid="extension-pending">
                {format!("{} {} — {}: {} ({}, {})", i.t("Xin gia hạn đến", "Extension requested to"), format::date(x.requested_deadline),
                    i.t("lý do", "reason"), x.reason, x.requested_by.display_name, format::datetime(x.requested_at))}
            </div>
        })}
        {t.last_report.clone().map(|r| view! {
            <div class="solution" data-testid="done-report">
                <strong>{move || i.t("Báo cáo hoàn thành", "Done report")}</strong>
                {format!(" {} ({}): {}", format::date(r.reported_on), r.reported_by.display_name, r.note)}
                {r.evidence.clone().map(|e| {
                    let link = e.starts_with("https://") || e.starts_with("http://");
                    view! { <div>{i.t("Minh chứng: ", "Evidence: ")}
                        {if link { view! { <a href=e.clone() rel="noopener noreferrer" target="_blank">{e.clone()}</a> }.into_any() } else { view! { <span>{e.clone()}</span> }.into_any() }}
                    </div> }
                })}
            </div>
        })}
        <TaskActions task=t.clone() etag=etag on_done=on_done />
        <h2>{move || i.t("Lịch sử xử lý", "History")}</h2>
        <ol class="history" data-testid="task-history">
            {events.into_iter().map(|e| { let kind = e.kind; view! {
                <li data-kind=kind.as_str()>
                    <strong>{move || i.t(kind.label_vi(), kind.label_en())}</strong>
                    {format!(" · {} · {}", e.actor.display_name, format::datetime(e.at))}
                    {e.deadline.map(|d| format!(" · {} {}", i.t("thời hạn", "deadline"), format::date(d)))}
                    {(!e.note.is_empty()).then(|| view! { <div>{e.note.clone()}</div> })}
                    {e.evidence.clone().map(|ev| view! { <div class="muted">{format!("{}{ev}", i.t("Minh chứng: ", "Evidence: "))}</div> })}
                </li>
            }}).collect_view()}
        </ol>
    }
}
