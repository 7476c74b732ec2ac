//! Tasks (nhiệm vụ) of the leaders' directives: the filtered list with the follow-up report
//! download, one task with its history and actions, and a directive with its tasks.

mod actions;
mod detail;
mod directive;

pub use detail::TaskDetailPage;
pub use directive::DirectivePage;

use ioc_domain::direction::{DirectiveSource, TaskState};
use ioc_domain::dto::{Page, TaskView};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api;
use crate::components::{loaded, DeadlineBadge, ErrorBanner, Pager};
use crate::filters::{ref_data, set_query_with};
use crate::format;
use crate::i18n::i18n;

const PER_PAGE: u64 = 25;

/// The task filters, as in the URL and in `GET /tasks`.
pub const KEYS: &[&str] = &[
    "unit",
    "state",
    "deadline_from",
    "deadline_to",
    "project_id",
    "source",
    "meeting_id",
    "overdue",
    "due_soon",
];

fn current(q: &leptos_router::params::ParamsMap) -> Vec<(&'static str, String)> {
    KEYS.iter()
        .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| (*k, v)))
        .collect()
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let error = RwSignal::new(None::<api::ApiError>);
    let filter = Memo::new(move |_| query.with(current));
    let list = LocalResource::new(move || {
        let mut pairs = filter.get();
        pairs.push(("page", query.with(|q| q.get("page").unwrap_or_else(|| "1".into()))));
        pairs.push(("per_page", PER_PAGE.to_string()));
        let qs = api::query(&pairs);
        async move { api::get::<Page<TaskView>>(format!("/api/v1/tasks{qs}")).await }
    });
    let projects =
        LocalResource::new(|| api::get::<Page<ioc_domain::dto::ProjectView>>("/api/v1/projects?per_page=200"));
    let value = move |k: &'static str| query.with(|q| q.get(k).unwrap_or_default());
    let set = move |k: &'static str, v: String| set_query_with(navigate.clone(), location.clone(), query, k, v);
    let (s1, s2, s3, s4, s5, s6, s7, s8) = (
        set.clone(),
        set.clone(),
        set.clone(),
        set.clone(),
        set.clone(),
        set.clone(),
        set.clone(),
        set.clone(),
    );
    let on_page = Callback::new(move |p: u64| set("page", p.to_string()));
    // The follow-up report takes the unit and the deadline range of the list.
    let report = move |_| {
        let qs = query.with_untracked(|q| {
            api::query(&[
                ("unit", q.get("unit").unwrap_or_default()),
                ("from", q.get("deadline_from").unwrap_or_default()),
                ("to", q.get("deadline_to").unwrap_or_default()),
            ])
        });
        leptos::task::spawn_local(async move {
            let name = format!(
                "tinh-hinh-thuc-hien-y-kien-chi-dao-{}.xlsx",
                format::today().format("%Y%m%d")
            );
            if let Err(e) = api::download(&format!("/api/v1/tasks/report.xlsx{qs}"), &name).await {
                error.set(Some(e));
            }
        });
    };
    view! {
        <section class="page tasks">
            <div class="page-head">
                <h1>{move || i.t("Nhiệm vụ chỉ đạo", "Directive tasks")}</h1>
                <button type="button" class="btn secondary" data-testid="tasks-report" on:click=report>
                    {move || i.t("Tải báo cáo tình hình thực hiện (XLSX)", "Download the follow-up report (XLSX)")}
                </button>
            </div>
            <ErrorBanner error=error />
            <form class="filter-bar" role="search" on:submit=|ev| ev.prevent_default() aria-label=move || i.t("Lọc nhiệm vụ", "Filter tasks")>
                <div class="filter">
                    <label for="t-unit">{move || i.t("Đơn vị", "Unit")}</label>
                    <select id="t-unit" on:change=move |ev| s1("unit", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {move || refs.units.get().into_iter().map(|u| { let id = u.id.to_string(); let sel = value("unit") == id; view! {
                            <option value=id selected=sel>{u.name.clone()}</option>
                        }}).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="t-state">{move || i.t("Trạng thái", "State")}</label>
                    <select id="t-state" on:change=move |ev| s2("state", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {TaskState::ALL.iter().map(|s| { let s = *s; view! {
                            <option value=s.as_str() selected=move || value("state") == s.as_str()>{move || i.t(s.label_vi(), s.label_en())}</option>
                        }}).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="t-from">{move || i.t("Hạn từ ngày", "Deadline from")}</label>
                    <input id="t-from" type="date" prop:value=move || value("deadline_from") on:change=move |ev| s3("deadline_from", event_target_value(&ev)) />
                </div>
                <div class="filter">
                    <label for="t-to">{move || i.t("Hạn đến ngày", "Deadline to")}</label>
                    <input id="t-to" type="date" prop:value=move || value("deadline_to") on:change=move |ev| s4("deadline_to", event_target_value(&ev)) />
                </div>
                <div class="filter">
                    <label for="t-project">{move || i.t("Dự án", "Project")}</label>
                    <select id="t-project" on:change=move |ev| s5("project_id", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {move || projects.get().and_then(Result::ok).map(|p| p.items.into_iter().map(|p| { let id = p.id.to_string(); let sel = value("project_id") == id; view! {
                            <option value=id selected=sel>{format!("{} — {}", p.code, p.name)}</option>
                        }}).collect_view())}
                    </select>
                </div>
                <div class="filter">
                    <label for="t-source">{move || i.t("Nguồn chỉ đạo", "Source")}</label>
                    <select id="t-source" on:change=move |ev| s6("source", event_target_value(&ev))>
                        <option value="">{move || i.t("Tất cả", "All")}</option>
                        {DirectiveSource::ALL.iter().map(|s| { let s = *s; view! {
                            <option value=s.as_str() selected=move || value("source") == s.as_str()>{move || i.t(s.label_vi(), s.label_en())}</option>
                        }}).collect_view()}
                    </select>
                </div>
                <div class="filter check">
                    <input id="t-overdue" type="checkbox" prop:checked=move || value("overdue") == "true"
                        on:change=move |ev| s7("overdue", if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                    <label for="t-overdue">{move || i.t("Chỉ nhiệm vụ quá hạn", "Overdue only")}</label>
                </div>
                <div class="filter check">
                    <input id="t-due-soon" type="checkbox" prop:checked=move || value("due_soon") == "true"
                        on:change=move |ev| s8("due_soon", if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                    <label for="t-due-soon">{move || i.t("Sắp đến hạn", "Due soon")}</label>
                </div>
            </form>
            {loaded(list, move |p| {
                let (total, page) = (p.total, p.page);
                view! {
                    <p class="muted" data-testid="tasks-total" data-value=total.to_string()>
                        {format!("{} {}", format::count(total, i.lang()), i.t("nhiệm vụ", "tasks"))}
                    </p>
                    <div class="table-wrap">
                        <table class="data" data-testid="tasks-table">
                            <thead><tr>
                                <th scope="col">{move || i.t("Nhiệm vụ", "Task")}</th>
                                <th scope="col">{move || i.t("Chủ trì", "Lead unit")}</th>
                                <th scope="col">{move || i.t("Thời hạn", "Deadline")}</th>
                                <th scope="col">{move || i.t("Trạng thái", "State")}</th>
                                <th scope="col">{move || i.t("Nguồn", "Source")}</th>
                            </tr></thead>
                            <tbody>
                                {p.items.into_iter().map(|t| { let (state, src) = (t.state, t.directive_source); view! {
                                    <tr data-task-id=t.id data-state=state.as_str() data-deadline-status=t.deadline_status.as_str()>
                                        <td><a href=format!("/tasks/{}", t.id)>{t.description.clone()}</a>
                                            {t.projects.iter().map(|p| view! { <span class="tag">{p.code.clone()}</span> }).collect_view()}</td>
                                        <td>{t.lead_unit.name.clone()}</td>
                                        <td>{format::date(t.deadline)}" "<DeadlineBadge status=t.deadline_status days=t.days_overdue /></td>
                                        <td>{move || i.t(state.label_vi(), state.label_en())}</td>
                                        <td>{move || i.t(src.label_vi(), src.label_en())}{t.directive_document_number.clone().map(|n| format!(" {n}"))}</td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager page=Signal::derive(move || page) per_page=Signal::derive(|| PER_PAGE)
                        total=Signal::derive(move || total) on_page=on_page />
                }
            })}
        </section>
    }
}
