//! One project: general information, progress and disbursement charts, report history,
//! difficulties, alerts and (for admins and coordinators) the audit trail.

use chrono::{Datelike, NaiveDate};
use ioc_domain::dto::{
    AlertView, AuditEntryView, CapitalPlanView, DifficultyView, DisbursementView, Page, ProgressReportView, ProjectView,
};
use ioc_domain::{planned_percent_at, DifficultyStatus, VndTotal};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rust_decimal::prelude::ToPrimitive;

use crate::api::{self, ApiError};
use crate::charts::{LineChart, Series};
use crate::components::{loaded, DisbursementBadge, StatusBadge};
use crate::filters::ref_data;
use crate::format;
use crate::i18n::{i18n, I18n};
use crate::pages::dashboard::vnd_f64;
use crate::session;

#[derive(Clone)]
struct Detail {
    project: ProjectView,
    reports: Vec<ProgressReportView>,
    plans: Vec<CapitalPlanView>,
    disbursements: Vec<DisbursementView>,
    difficulties: Vec<DifficultyView>,
    alerts: Vec<AlertView>,
    audit: Option<Page<AuditEntryView>>,
}

async fn load(id: i32) -> Result<Detail, ApiError> {
    let base = format!("/api/v1/projects/{id}");
    let (project, reports, plans, disbursements, difficulties, alerts) = futures::join!(
        api::get::<ProjectView>(&base),
        api::get::<Vec<ProgressReportView>>(format!("{base}/reports")),
        api::get::<Vec<CapitalPlanView>>(format!("{base}/capital-plans")),
        api::get::<Vec<DisbursementView>>(format!("{base}/disbursements")),
        api::get::<Vec<DifficultyView>>(format!("{base}/difficulties")),
        api::get::<Vec<AlertView>>(format!("{base}/alerts")),
    );
    let audit = if session::is_coordinator_or_admin() {
        api::get::<Page<AuditEntryView>>(format!("/api/v1/audit?project_id={id}&per_page=30"))
            .await
            .ok()
    } else {
        None
    };
    Ok(Detail {
        project: project?,
        reports: reports?,
        plans: plans?,
        disbursements: disbursements?,
        difficulties: difficulties?,
        alerts: alerts?,
        audit,
    })
}

pub fn project_id() -> Memo<i32> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse().ok()).unwrap_or(0)))
}

#[component]
pub fn ProjectDetailPage() -> impl IntoView {
    let i = i18n();
    let id = project_id();
    // Bumped after a write on the page (capital plans), to read everything again.
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        load(id.get())
    });
    view! {
        <section class="page project-detail">
            <p><a href="/projects">{move || i.t("← Danh sách dự án", "← All projects")}</a></p>
            {loaded(data, move |d| view! { <DetailView d=d reload=reload /> }.into_any())}
        </section>
    }
}

#[component]
fn DetailView(d: Detail, reload: RwSignal<u32>) -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let p = d.project.clone();
    let pid = p.id;
    let status = p.progress.status;
    let lang = move || i.lang();
    let localities = p
        .localities
        .iter()
        .map(|l| l.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let fact = |vi: &'static str, en: &'static str, v: String| {
        view! { <dt>{move || i.t(vi, en)}</dt><dd>{v}</dd> }
    };
    let progress_series = progress_series(i, &d);
    let (disb_series, year) = disbursement_series(i, &d);
    let first_date = p
        .planned_start
        .min(d.reports.iter().map(|r| r.as_of).min().unwrap_or(p.planned_start));
    let last_date = p.planned_end.max(p.progress.forecast_finish.unwrap_or(p.planned_end));
    let ticks = year_ticks(first_date, last_date);
    let editing = RwSignal::new(false);
    let sector = refs.label(|l| &l.sectors, p.sector.as_str());
    let phase = refs.label(|l| &l.phases, p.phase.as_str());
    let group = refs.label(|l| &l.project_groups, p.group.as_str());
    view! {
        <div class="page-head">
            <h1>{p.code.clone()}" — "{p.name.clone()}</h1>
            <div class="actions">
                <StatusBadge status=status />
                {p.can_edit.then(|| view! {
                    <a class="btn primary" data-testid="weekly-update-link" href=format!("/projects/{pid}/update")>
                        {move || i.t("Cập nhật tuần", "Weekly update")}
                    </a>
                })}
                {p.can_edit.then(|| view! {
                    <button type="button" class="btn secondary" data-testid="edit-project"
                        aria-expanded=move || editing.get().to_string()
                        on:click=move |_| editing.update(|e| *e = !*e)>
                        {move || i.t("Sửa thông tin", "Edit details")}
                    </button>
                })}
            </div>
        </div>
        <Show when=move || editing.get()>
            <crate::pages::admin::projects::ProjectForm id=Some(pid)
                on_done=Callback::new(move |_| { editing.set(false); reload.update(|n| *n += 1); }) />
        </Show>
        {p.archived.then(|| view! { <div class="banner warn">{move || i.t("Dự án đã lưu trữ.", "This project is archived.")}</div> })}
        <div class="detail-grid">
            <div class="panel">
                <h2>{move || i.t("Thông tin chung", "General information")}</h2>
                <dl class="facts">
                    {fact("Chủ đầu tư", "Investor", p.investor.name.clone())}
                    {fact("Đơn vị quản lý", "Managing unit", p.managing_unit.as_ref().map(|u| u.name.clone()).unwrap_or_else(|| "—".into()))}
                    {fact("Địa điểm", "Location", localities)}
                    {fact("Lĩnh vực", "Sector", sector)}
                    {fact("Giai đoạn", "Phase", phase)}
                    {fact("Nhóm", "Group", group)}
                    <dt>{move || i.t("Tổng mức đầu tư", "Total investment")}</dt>
                    <dd>{move || format::money(p.total_investment, lang())}<br/>
                        <small class="muted">{move || format::money_full(p.total_investment, lang())}</small></dd>
                    {fact("Khởi công / hoàn thành (KH)", "Planned start / end", format!("{} – {}", format::date(p.planned_start), format::date(p.planned_end)))}
                    {fact("Khởi công / hoàn thành (TT)", "Actual start / end", format!("{} – {}", format::opt_date(p.actual_start), format::opt_date(p.actual_end)))}
                </dl>
                {(!p.description.is_empty()).then(|| view! { <p>{p.description.clone()}</p> })}
            </div>
            <div class="panel">
                <h2>{move || i.t("Tiến độ và giải ngân", "Progress and disbursement")}</h2>
                <dl class="facts" data-testid="project-progress">
                    <dt>{move || i.t("Hoàn thành thực tế", "Actual complete")}</dt>
                    <dd data-value=p.progress.actual_percent.value().normalize().to_string()>{move || format::pct(p.progress.actual_percent, lang())}</dd>
                    <dt>{move || i.t("Theo kế hoạch", "Planned")}</dt>
                    <dd>{move || format::pct(p.progress.planned_percent, lang())}</dd>
                    <dt>{move || i.t("Sản lượng đạt được", "Output value")}</dt>
                    <dd>{move || format::money(p.progress.output_value, lang())}</dd>
                    <dt>{move || i.t("Báo cáo gần nhất", "Latest report")}</dt>
                    <dd>{format::opt_date(p.progress.latest_report_on)}</dd>
                    <dt>{move || i.t("Chỉ số SPI", "SPI")}</dt>
                    <dd>{move || p.progress.spi.map(|s| format::decimal(s, 2, lang())).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{move || i.t("Dự báo hoàn thành", "Forecast finish")}</dt>
                    <dd>{format::opt_date(p.progress.forecast_finish)}</dd>
                    <dt>{move || format!("{} {}", i.t("Giải ngân năm", "Disbursed in"), p.disbursement.year)}</dt>
                    <dd>{move || format!("{} / {} ({})", format::money(p.disbursement.disbursed, lang()), format::money(p.disbursement.plan, lang()), format::opt_pct(p.disbursement.rate_percent, lang()))}
                        " "<DisbursementBadge status=p.disbursement.status /></dd>
                </dl>
            </div>
            <div class="panel">
                <h2>{move || i.t("Tiến độ thực hiện so với kế hoạch", "Actual vs planned progress")}</h2>
                <LineChart testid="chart-project-progress"
                    title=Signal::derive(move || i.t("Tỷ lệ hoàn thành theo thời gian", "Percent complete over time").to_owned())
                    series=Signal::derive(move || progress_series.clone())
                    x_ticks=Signal::derive(move || ticks.clone()) y_label=|v| format!("{v:.0}%") y_max=100.0 />
            </div>
            <div class="panel">
                <h2>{move || format!("{} {} ({})", i.t("Giải ngân lũy kế năm", "Cumulative disbursement"), year, i.t("tỷ đồng", "billion VND"))}</h2>
                <LineChart testid="chart-project-disbursement"
                    title=Signal::derive(move || i.t("Giải ngân so với kế hoạch", "Disbursement against plan").to_owned())
                    series=Signal::derive(move || disb_series.clone())
                    x_ticks=Signal::derive(move || (1..=12).map(|m| (f64::from(m), format!("{}{m}", i.t("T", "M")))).collect::<Vec<_>>())
                    y_label=|v| format!("{:.0}", v / 1e9) />
            </div>
        </div>
        <crate::pages::capital_plans::CapitalPlans pid=pid plans=d.plans.clone() can_edit=p.can_edit reload=reload />
        <ReportHistory reports=d.reports.clone() />
        <Difficulties items=d.difficulties.clone() />
        <ProjectAlerts items=d.alerts.clone() />
        {d.audit.clone().map(|a| view! { <AuditTrail page=a /> })}
    }
}

fn date_x(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// The start, each 1 January inside the span, and the end (labels `mm/yyyy` at the ends).
fn year_ticks(from: NaiveDate, to: NaiveDate) -> Vec<(f64, String)> {
    let years: Vec<i32> = (from.year() + 1..=to.year()).collect();
    let step = (years.len() / 5).max(1);
    let mut ticks = vec![(date_x(from), from.format("%m/%Y").to_string())];
    let span = (date_x(to) - date_x(from)).max(1.0);
    ticks.extend(
        years
            .into_iter()
            .step_by(step)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            // Leave room for the end labels.
            .filter(|d| (date_x(*d) - date_x(from)) / span > 0.12 && (date_x(to) - date_x(*d)) / span > 0.12)
            .map(|d| (date_x(d), d.year().to_string())),
    );
    ticks.push((date_x(to), to.format("%m/%Y").to_string()));
    ticks
}

fn progress_series(i: I18n, d: &Detail) -> Vec<Series> {
    let p = &d.project;
    let span = (p.planned_end - p.planned_start).num_days().max(1);
    let planned = (0..=24)
        .map(|k| {
            let day = p.planned_start + chrono::Duration::days(span * k / 24);
            let v = planned_percent_at(p.planned_start, p.planned_end, &p.baseline, day).value();
            (date_x(day), v.to_f64())
        })
        .collect();
    let mut reports = d.reports.clone();
    reports.sort_by_key(|r| r.as_of);
    let actual: Vec<(f64, Option<f64>)> = reports
        .iter()
        .map(|r| (date_x(r.as_of), r.actual_percent.value().to_f64()))
        .collect();
    let mut out = vec![
        Series {
            name: i.t("Kế hoạch", "Planned").into(),
            colour: "#6b7280",
            dashed: true,
            points: planned,
        },
        Series {
            name: i.t("Thực hiện", "Actual").into(),
            colour: "#1565c0",
            dashed: false,
            points: actual.clone(),
        },
    ];
    if let (Some(last), Some(finish)) = (reports.last(), p.progress.forecast_finish) {
        if p.progress.actual_percent.value() < rust_decimal::Decimal::ONE_HUNDRED {
            out.push(Series {
                name: format!("{} ({})", i.t("Dự báo", "Forecast"), format::date(finish)),
                colour: "#c62828",
                dashed: true,
                points: vec![
                    (date_x(last.as_of), last.actual_percent.value().to_f64()),
                    (date_x(finish), Some(100.0)),
                ],
            });
        }
    }
    out
}

fn disbursement_series(i: I18n, d: &Detail) -> (Vec<Series>, i32) {
    let year = d.project.disbursement.year;
    let today = format::today();
    let plans: Vec<&CapitalPlanView> = d.plans.iter().filter(|p| p.year == year).collect();
    let planned = (1..=12u32)
        .map(|m| {
            let total: f64 = plans
                .iter()
                .map(|p| vnd_f64(p.amount) * p.schedule[(m - 1) as usize].value().to_f64().unwrap_or(0.0) / 100.0)
                .sum();
            (f64::from(m), Some(total))
        })
        .collect();
    let actual = (1..=12u32)
        .map(|m| {
            let month_start = NaiveDate::from_ymd_opt(year, m, 1).expect("valid month");
            if year == today.year() && month_start > today {
                return (f64::from(m), None);
            }
            let sum: VndTotal = d
                .disbursements
                .iter()
                .filter(|x| x.paid_on.year() == year && x.paid_on.month() <= m)
                .map(|x| x.amount)
                .sum();
            (f64::from(m), Some(vnd_f64(sum)))
        })
        .collect();
    (
        vec![
            Series {
                name: i.t("Kế hoạch", "Plan").into(),
                colour: "#6b7280",
                dashed: true,
                points: planned,
            },
            Series {
                name: i.t("Thực tế", "Actual").into(),
                colour: "#0b6e4f",
                dashed: false,
                points: actual,
            },
        ],
        year,
    )
}

#[component]
fn ReportHistory(reports: Vec<ProgressReportView>) -> impl IntoView {
    let i = i18n();
    let mut reports = reports;
    reports.sort_by_key(|r| std::cmp::Reverse(r.as_of));
    let total = reports.len();
    let reports = StoredValue::new(reports);
    let show_all = RwSignal::new(false);
    view! {
        <section class="panel section" aria-labelledby="h-reports">
            <h2 id="h-reports">{move || i.t("Lịch sử báo cáo tuần", "Weekly report history")}</h2>
            <div class="table-wrap">
            <table class="data" data-testid="report-history">
                <thead><tr>
                    <th scope="col">{move || i.t("Ngày báo cáo", "As of")}</th>
                    <th scope="col" class="num">{move || i.t("Thực hiện", "Actual")}</th>
                    <th scope="col" class="num">{move || i.t("Kế hoạch", "Planned")}</th>
                    <th scope="col" class="num">{move || i.t("Sản lượng", "Output value")}</th>
                    <th scope="col">{move || i.t("Công việc đã làm", "Work done")}</th>
                    <th scope="col">{move || i.t("Kế hoạch tuần tới", "Next week")}</th>
                </tr></thead>
                <tbody>
                    {move || reports.get_value().into_iter().take(if show_all.get() { usize::MAX } else { 12 }).map(|r| view! {
                        <tr data-report-id=r.id>
                            <td>{format::date(r.as_of)}</td>
                            <td class="num">{format::pct(r.actual_percent, i.lang())}</td>
                            <td class="num">{format::pct(r.planned_percent, i.lang())}</td>
                            <td class="num">{format::money(r.output_value, i.lang())}</td>
                            <td>{r.work_done.clone()}
                                {r.correction_reason.clone().map(|c| view! { <div class="muted">{i.t("Điều chỉnh: ", "Correction: ")}{c}</div> })}</td>
                            <td>{r.next_week_plan.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <Show when=move || { !show_all.get() && total > 12 }>
                <button type="button" class="btn link" on:click=move |_| show_all.set(true)>
                    {move || format!("{} ({})", i.t("Xem tất cả báo cáo", "Show every report"), total)}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn Difficulties(items: Vec<DifficultyView>) -> impl IntoView {
    let i = i18n();
    let refs = ref_data();
    let items = StoredValue::new(items);
    view! {
        <section class="panel section" aria-labelledby="h-diff">
            <h2 id="h-diff">{move || i.t("Khó khăn, vướng mắc", "Difficulties")}</h2>
            {move || items.with_value(Vec::is_empty).then(|| view! {
                <p class="muted">{i.t("Không có khó khăn, vướng mắc nào được ghi nhận.", "No difficulties recorded.")}</p>
            })}
            <ul class="direction-list" data-testid="project-difficulties">
                {move || items.get_value().into_iter().map(|x| {
                    let cls = if x.status == DifficultyStatus::Resolved { "status-badge green" } else if x.status == DifficultyStatus::InProgress { "status-badge yellow" } else { "status-badge red" };
                    view! {
                        <li data-difficulty-id=x.id>
                            <strong>{x.title.clone()}</strong>
                            <span class="tag">{refs.label(|l| &l.difficulty_categories, x.category.as_str())}</span>
                            " "<span class=cls>{refs.label(|l| &l.difficulty_statuses, x.status.as_str())}</span>
                            {x.needs_leader_direction.then(|| view! { <span class="tag warn">{i.t("Cần chỉ đạo", "Needs direction")}</span> })}
                            <div class="muted">{format!("{} {}", i.t("Nêu ngày", "Raised"), format::date(x.raised_on))}
                                {x.responsible_unit.clone().map(|u| format!(" · {}", u.name))}</div>
                            {(!x.detail.is_empty()).then(|| view! { <div>{x.detail.clone()}</div> })}
                            {(!x.proposed_solution.is_empty()).then(|| view! { <div class="solution">{i.t("Đề xuất: ", "Proposed: ")}{x.proposed_solution.clone()}</div> })}
                            {x.resolution_note.clone().map(|n| view! { <div class="solution">{i.t("Kết quả: ", "Resolution: ")}{n}" ("{format::opt_date(x.resolved_on)}")"</div> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ProjectAlerts(items: Vec<AlertView>) -> impl IntoView {
    let i = i18n();
    let items = StoredValue::new(items);
    view! {
        <section class="panel section" aria-labelledby="h-alerts">
            <h2 id="h-alerts">{move || i.t("Cảnh báo", "Alerts")}</h2>
            <ul class="alert-list" data-testid="project-alerts">
                {move || items.get_value().into_iter().map(|a| view! {
                    <li class=format!("sev-{}", a.severity.as_str()) data-alert-id=a.id>
                        <strong>{i.pick(&a.title_vi, &a.title_en)}</strong>
                        {if a.closed_at.is_some() { i.t(" (đã đóng)", " (closed)") } else { "" }}
                        <div class="muted">{i.pick(&a.message_vi, &a.message_en)}</div>
                        <div class="muted">{format!("{} {}", i.t("Mở lúc", "Opened"), format::datetime(a.opened_at))}
                            {a.ack_note.clone().map(|n| format!(" · {}: {n}", i.t("Đã tiếp nhận", "Acknowledged")))}</div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn AuditTrail(page: Page<AuditEntryView>) -> impl IntoView {
    let i = i18n();
    let page = StoredValue::new(page);
    view! {
        <section class="panel section" aria-labelledby="h-audit">
            <h2 id="h-audit">{move || i.t("Nhật ký thay đổi", "Audit trail")}</h2>
            <div class="table-wrap">
            <table class="data" data-testid="audit-trail">
                <thead><tr>
                    <th scope="col">{move || i.t("Thời điểm", "When")}</th>
                    <th scope="col">{move || i.t("Người thực hiện", "Who")}</th>
                    <th scope="col">{move || i.t("Thao tác", "Action")}</th>
                    <th scope="col">{move || i.t("Đối tượng", "Record")}</th>
                    <th scope="col">{move || i.t("Sau thay đổi", "After")}</th>
                </tr></thead>
                <tbody>
                    {move || page.get_value().items.is_empty().then(|| view! {
                        <tr><td colspan="5" class="muted">{i.t("Chưa có thay đổi nào được ghi nhận.", "No changes recorded yet.")}</td></tr>
                    })}
                    {move || page.get_value().items.into_iter().map(|e| view! {
                        <tr>
                            <td>{format::datetime(e.at)}</td>
                            <td>{e.username.clone()}</td>
                            <td>{e.action.clone()}</td>
                            <td>{format!("{} #{}", e.entity, e.entity_id)}</td>
                            <td><div class="diff">{e.after.as_ref().map(|v| serde_json::to_string(v).unwrap_or_default()).unwrap_or_default()}</div></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
