//! One directive (ý kiến chỉ đạo) with its tasks.

use ioc_domain::dto::DirectiveView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::{loaded, DeadlineBadge};
use crate::format;
use crate::i18n::i18n;

#[component]
pub fn DirectivePage() -> impl IntoView {
    let i = i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let data = LocalResource::new(move || {
        let id = id();
        async move { api::get::<DirectiveView>(format!("/api/v1/directives/{id}")).await }
    });
    view! {
        <section class="page directive">
            <p><a href="/tasks">{move || i.t("‹ Danh sách nhiệm vụ", "‹ All tasks")}</a></p>
            {loaded(data, move |d| { let (src, prio) = (d.source, d.priority); view! {
                <h1>{move || i.t("Ý kiến chỉ đạo", "Directive")}</h1>
                <blockquote class="directive-text" data-testid="directive-text">{d.text.clone()}</blockquote>
                <dl class="facts">
                    <dt>{move || i.t("Người chỉ đạo", "Issued by")}</dt><dd>{d.issued_by.display_name.clone()}</dd>
                    <dt>{move || i.t("Người ghi", "Recorded by")}</dt><dd>{d.recorded_by.display_name.clone()}</dd>
                    <dt>{move || i.t("Ngày", "Date")}</dt><dd>{format::date(d.issued_on)}</dd>
                    <dt>{move || i.t("Nguồn", "Source")}</dt>
                    <dd>{move || i.t(src.label_vi(), src.label_en())}{d.document_number.clone().map(|n| format!(" {n}"))}
                        {d.meeting_id.map(|m| view! { " · "<a href=format!("/meetings/{m}")>{i.t("cuộc họp", "meeting")}</a> })}</dd>
                    <dt>{move || i.t("Độ khẩn", "Priority")}</dt><dd>{move || i.t(prio.label_vi(), prio.label_en())}</dd>
                    <dt>{move || i.t("Dự án liên quan", "Projects")}</dt>
                    <dd>{d.projects.iter().map(|p| view! { <a class="tag" href=format!("/projects/{}", p.id)>{format!("{} — {}", p.code, p.name)}</a> }).collect_view()}</dd>
                </dl>
                <h2>{move || i.t("Nhiệm vụ", "Tasks")}</h2>
                <ul class="task-list" data-testid="directive-tasks">
                    {d.tasks.into_iter().map(|t| { let state = t.state; view! {
                        <li data-task-id=t.id>
                            <a href=format!("/tasks/{}", t.id)>{t.description.clone()}</a>
                            <div class="muted">{format!("{} · {} ", t.lead_unit.name, format::date(t.deadline))}
                                <DeadlineBadge status=t.deadline_status days=t.days_overdue />" · "{move || i.t(state.label_vi(), state.label_en())}</div>
                        </li>
                    }}).collect_view()}
                </ul>
            }})}
        </section>
    }
}
