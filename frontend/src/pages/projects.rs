//! The project table: sortable, filtered by the shared filter bar, paginated, exportable.

use ioc_domain::dto::{Page, ProjectView};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::api;
use crate::components::{loaded, DisbursementBadge, ErrorBanner, Pager, StatusBadge};
use crate::filters::{self, set_query_with, FilterBar};
use crate::format;
use crate::i18n::i18n;

const PER_PAGE: u64 = 20;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i = i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let filter = Memo::new(move |_| query.with(filters::current));
    let sort = Memo::new(move |_| query.with(|q| q.get("sort").unwrap_or_else(|| "code".into())));
    let page = Memo::new(move |_| query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1u64)));
    let list = LocalResource::new(move || {
        let mut pairs = filter.get();
        pairs.push(("sort", sort.get()));
        pairs.push(("page", page.get().to_string()));
        pairs.push(("per_page", PER_PAGE.to_string()));
        async move { api::get::<Page<ProjectView>>(format!("/api/v1/projects{}", api::query(&pairs))).await }
    });
    let export_error = RwSignal::new(None);
    let export = move |ext: &'static str| {
        let qs = api::query(&filter.get_untracked());
        leptos::task::spawn_local(async move {
            let name = format!("du-an-trong-diem-{}.{ext}", format::today());
            match api::download(&format!("/api/v1/export/projects.{ext}{qs}"), &name).await {
                Ok(()) => export_error.set(None),
                Err(e) => export_error.set(Some(e)),
            }
        });
    };
    let (nav2, loc2) = (navigate.clone(), location.clone());
    let on_sort = move |key: &'static str| {
        let current = sort.get_untracked();
        let next = if current == key {
            format!("-{key}")
        } else {
            key.to_owned()
        };
        set_query_with(nav2.clone(), loc2.clone(), query, "sort", next);
    };
    let header = move |key: &'static str, vi: &'static str, en: &'static str, num: bool| {
        let on_sort = on_sort.clone();
        let aria = move || {
            let s = sort.get();
            if s == key {
                "ascending"
            } else if s == format!("-{key}") {
                "descending"
            } else {
                "none"
            }
        };
        let arrow = move || match aria() {
            "ascending" => " ▲",
            "descending" => " ▼",
            _ => "",
        };
        view! {
            <th scope="col" aria-sort=aria class:num=num>
                <button type="button" class="sort" data-sort=key on:click=move |_| on_sort(key)>
                    {move || i.t(vi, en)}<span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let on_page =
        Callback::new(move |p: u64| set_query_with(navigate.clone(), location.clone(), query, "page", p.to_string()));
    view! {
        <section class="page projects">
            <div class="page-head">
                <h1>{move || i.t("Danh sách dự án", "Projects")}</h1>
                <div class="actions">
                    <button type="button" class="btn secondary" data-testid="export-csv" on:click=move |_| export("csv")>
                        {move || i.t("Xuất CSV", "Export CSV")}
                    </button>
                    <button type="button" class="btn secondary" data-testid="export-xlsx" on:click=move |_| export("xlsx")>
                        {move || i.t("Xuất Excel", "Export Excel")}
                    </button>
                </div>
            </div>
            <FilterBar />
            <ErrorBanner error=export_error />
            {loaded(list, move |p| {
                    let total = p.total;
                    view! {
                        <p class="muted" data-testid="result-total" data-value=total.to_string()>
                            {format!("{} {}", format::count(total, i.lang()), i.t("dự án", "projects"))}
                        </p>
                        <div class="table-wrap">
                        <table class="data cards" data-testid="project-table">
                            <caption class="sr-only">{i.t("Dự án theo bộ lọc hiện tại", "Projects matching the filters")}</caption>
                            <thead><tr>
                                {header("code", "Mã", "Code", false)}
                                {header("name", "Tên dự án", "Name", false)}
                                <th scope="col">{move || i.t("Chủ đầu tư", "Investor")}</th>
                                {header("total_investment", "Tổng mức đầu tư", "Total investment", true)}
                                {header("actual_percent", "Hoàn thành", "Complete", true)}
                                {header("status", "Tình trạng", "Status", false)}
                                {header("disbursement_rate", "Giải ngân", "Disbursed", true)}
                                {header("planned_end", "Hoàn thành KH", "Planned end", false)}
                            </tr></thead>
                            <tbody>
                                {p.items.into_iter().map(|x| {
                                    let status = x.progress.status;
                                    view! {
                                        <tr data-project-id=x.id data-status=status.as_str() data-can-edit=x.can_edit.to_string()>
                                            <td data-label=i.t("Mã", "Code")><a href=format!("/projects/{}", x.id)>{x.code.clone()}</a></td>
                                            <td data-label=i.t("Tên dự án", "Name")>{x.name.clone()}
                                                {(x.open_difficulties > 0).then(|| view! {
                                                    <span class="tag warn">{format!("{} {}", x.open_difficulties, i.t("khó khăn", "difficulties"))}</span>
                                                })}
                                            </td>
                                            <td data-label=i.t("Chủ đầu tư", "Investor")>{x.investor.name.clone()}</td>
                                            <td data-label=i.t("Tổng mức đầu tư", "Total investment") class="num">{format::money(x.total_investment, i.lang())}</td>
                                            <td data-label=i.t("Hoàn thành", "Complete") class="num">{format::pct(x.progress.actual_percent, i.lang())}
                                                <span class="muted">{format!(" / {}", format::pct(x.progress.planned_percent, i.lang()))}</span></td>
                                            <td data-label=i.t("Tình trạng", "Status")><StatusBadge status=status /></td>
                                            <td data-label=i.t("Giải ngân", "Disbursed") class="num">{format::opt_pct(x.disbursement.rate_percent, i.lang())}
                                                " "<DisbursementBadge status=x.disbursement.status /></td>
                                            <td data-label=i.t("Hoàn thành KH", "Planned end")>{format::date(x.planned_end)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                        <Pager page=Signal::derive(move || page.get()) per_page=Signal::derive(|| PER_PAGE)
                            total=Signal::derive(move || total) on_page=on_page />
                    }
                    .into_any()
                })}
        </section>
    }
}
