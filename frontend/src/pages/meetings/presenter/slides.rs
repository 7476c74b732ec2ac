//! The slides of presenter mode: the opening follow-up list, and one agenda item's card
//! (progress against plan, disbursement, open difficulties with their proposals, alerts,
//! open tasks, and the directives given on it in this meeting).

use chrono::{DateTime, Utc};
use ioc_domain::dto::{AgendaItemView, DirectiveView, FollowUpView, Page, SnapshotItem, TaskView};
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::inline::InlineDirective;
use crate::api::{self, ApiResult};
use crate::components::{loaded, DeadlineBadge, StatusBadge};
use crate::format;
use crate::i18n::i18n;

#[component]
pub fn FollowUpSlide(data: FollowUpView) -> impl IntoView {
    let i = i18n();
    let since = data.previous_meeting.as_ref().map(|m| {
        format!(
            "{} ({} – {})",
            m.title,
            data.since
                .map(format::date)
                .unwrap_or_else(|| format::datetime(m.starts_at)),
            format::date(data.until)
        )
    });
    let n = data.tasks.len();
    view! {
        <section class="slide follow-up" data-testid="slide-follow-up">
            <h2>{move || i.t("Ý kiến chỉ đạo đến hạn, quá hạn từ cuộc họp trước", "Directives due or overdue since the last meeting")}</h2>
            <p class="muted">{since.map(|s| format!("{} {s}", i.t("Kể từ", "Since"))).unwrap_or_else(|| i.t("Chưa có cuộc họp trước cùng loại.", "No earlier meeting of this kind.").to_owned())}</p>
            {(n == 0).then(|| view! { <p class="empty">{i.t("Không có nhiệm vụ đến hạn hoặc quá hạn.", "No task due or overdue.")}</p> })}
            <table class="data big" data-testid="follow-up-tasks">
                <thead><tr>
                    <th scope="col">{move || i.t("Nhiệm vụ", "Task")}</th>
                    <th scope="col">{move || i.t("Chủ trì", "Lead unit")}</th>
                    <th scope="col">{move || i.t("Thời hạn", "Deadline")}</th>
                    <th scope="col">{move || i.t("Tình trạng", "State")}</th>
                </tr></thead>
                <tbody>
                    {data.tasks.into_iter().map(|t| { let state = t.state; view! {
                        <tr data-task-id=t.id data-deadline-status=t.deadline_status.as_str()>
                            <td>{t.description.clone()}</td>
                            <td>{t.lead_unit.name.clone()}</td>
                            <td>{format::date(t.deadline)}" "<DeadlineBadge status=t.deadline_status days=t.days_overdue /></td>
                            <td>{move || i.t(state.label_vi(), state.label_en())}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn pct(d: Option<Decimal>) -> String {
    format::opt_pct(d, i18n().lang())
}

/// Open tasks of a project (any directive), for its slide.
async fn open_tasks(project_id: i32) -> ApiResult<Vec<TaskView>> {
    api::get::<Page<TaskView>>(format!(
        "/api/v1/tasks?project_id={project_id}&state=assigned,acknowledged,in_progress,reported_done&per_page=50"
    ))
    .await
    .map(|p| p.items)
}

#[component]
pub fn ItemSlide(
    agenda: Option<AgendaItemView>,
    item: Option<SnapshotItem>,
    live: bool,
    taken_at: DateTime<Utc>,
    directives: LocalResource<ApiResult<Vec<DirectiveView>>>,
    meeting_id: i32,
    chair_id: i32,
    can_record: bool,
    added: RwSignal<u32>,
) -> impl IntoView {
    let i = i18n();
    let lang = i.lang();
    let Some(a) = agenda else {
        return view! { <p>{i.t("Không có mục này.", "No such item.")}</p> }.into_any();
    };
    let project_id = a.project.id;
    let tasks = LocalResource::new(move || {
        added.track();
        open_tasks(project_id)
    });
    let figures = item.map(|it| {
        let p = it.progress.clone();
        let d = it.disbursement.clone();
        let gap = p.actual_percent.value() - p.planned_percent.value();
        view! {
            <div class="slide-figures">
                <div class="kpi" data-testid="slide-progress" data-value=p.actual_percent.value().to_string()>
                    <div class="kpi-label">{move || i.t("Tiến độ thực tế / kế hoạch", "Progress actual / plan")}</div>
                    <div class="kpi-value">{format!("{} / {}", format::pct(p.actual_percent, lang), format::pct(p.planned_percent, lang))}</div>
                    <div class="progress-vs-plan" aria-hidden="true">
                        <span class="bar-plan" style:width=format!("{}%", p.planned_percent.value())></span>
                        <span class="bar-actual" style:width=format!("{}%", p.actual_percent.value())></span>
                    </div>
                    <div class="kpi-hint">{format!("{} {} {}", i.t("Chênh lệch", "Gap"), format::decimal(gap, 1, lang), i.t("điểm %", "points"))}" "<StatusBadge status=p.status /></div>
                </div>
                <div class="kpi" data-testid="slide-disbursement">
                    <div class="kpi-label">{move || format!("{} {}", i.t("Giải ngân năm", "Disbursement"), d.year)}</div>
                    <div class="kpi-value">{pct(d.rate_percent)}</div>
                    <div class="kpi-hint">{format!("{} / {}", format::money(d.disbursed, lang), format::money(d.plan, lang))}</div>
                </div>
            </div>
            <div class="slide-cols">
                <div>
                    <h3>{move || i.t("Khó khăn, vướng mắc và đề xuất", "Difficulties and proposals")}</h3>
                    <ul class="slide-list" data-testid="slide-difficulties">
                        {it.open_difficulties.into_iter().map(|df| view! {
                            <li><strong>{df.title.clone()}</strong>
                                {(!df.proposed_solution.is_empty()).then(|| view! { <div class="solution">{format!("{}: {}", i.t("Đề xuất", "Proposal"), df.proposed_solution)}</div> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
                <div>
                    <h3>{move || i.t("Cảnh báo", "Alerts")}</h3>
                    <ul class="slide-list" data-testid="slide-alerts">
                        {it.open_alerts.into_iter().map(|al| view! { <li>{i.pick(&al.title_vi, &al.title_en)}</li> }).collect_view()}
                    </ul>
                </div>
            </div>
        }
    });
    let this_meeting = move || {
        directives
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.projects.iter().any(|p| p.id == project_id))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="slide item" data-testid="slide-item" data-project-id=project_id>
            <h2>{format!("{}. {} — {}", a.position, a.project.code, a.project.name)}</h2>
            {a.difficulty_title.clone().map(|t| view! { <p class="lead">{format!("{}: {t}", i.t("Vướng mắc", "Difficulty"))}</p> })}
            {(!a.notes.is_empty()).then(|| view! { <p class="muted">{a.notes.clone()}</p> })}
            <p class="muted figures-source" data-testid="figures-source" data-live=live.to_string()>
                {if live { i.t("Số liệu trực tiếp", "Live figures").to_owned() } else { format!("{} {}", i.t("Số liệu lúc", "Figures as of"), format::datetime(taken_at)) }}
            </p>
            {figures}
            <div class="slide-cols">
                <div>
                    <h3>{move || i.t("Nhiệm vụ đang thực hiện", "Open tasks")}</h3>
                    {loaded(tasks, move |ts| view! {
                        <ul class="slide-list" data-testid="slide-tasks">
                            {ts.into_iter().map(|t| view! {
                                <li>{format!("{} — {} ({})", t.description, t.lead_unit.name, format::date(t.deadline))}" "
                                    <DeadlineBadge status=t.deadline_status days=t.days_overdue /></li>
                            }).collect_view()}
                        </ul>
                    })}
                </div>
                <div>
                    <h3>{move || i.t("Ý kiến chỉ đạo tại cuộc họp", "Directives in this meeting")}</h3>
                    <ul class="slide-list" data-testid="slide-directives">
                        {move || this_meeting().into_iter().map(|d| view! {
                            <li data-directive-id=d.id>{d.text.clone()}
                                {d.tasks.iter().map(|t| view! { <div class="muted">{format!("{} · {}", t.lead_unit.name, format::date(t.deadline))}</div> }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                    {can_record.then(|| view! { <InlineDirective meeting_id=meeting_id chair_id=chair_id project_id=project_id added=added /> })}
                </div>
            </div>
        </section>
    }
    .into_any()
}
