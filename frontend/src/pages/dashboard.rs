//! The province's four dashboard groups (seed 000 appendix §II) and the active alerts; the
//! same widgets make up the IOC wall.

use ioc_domain::dto::{
    AlertCounts, AlertView, DifficultyBoard, DisbursementBoard, Overview, Page, ProgressBoard, ProjectDisbursement,
};
use ioc_domain::{Lang, ProgressStatus, VndTotal};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rust_decimal::prelude::ToPrimitive;

use crate::api::{self, ApiError};
use crate::charts::{Bar, BarList, Doughnut, LineChart, Series, Slice};
use crate::components::{loaded, status_hex, Kpi};
use crate::filters::{self, FilterBar};
use crate::format;
use crate::i18n::{i18n, I18n};

/// Everything the dashboard shows, fetched together for one filter.
#[derive(Clone)]
pub struct DashboardData {
    pub overview: Overview,
    pub progress: ProgressBoard,
    pub disbursement: DisbursementBoard,
    pub difficulties: DifficultyBoard,
    pub alerts: Page<AlertView>,
    pub alert_counts: AlertCounts,
}

pub async fn load(filter: Vec<(&'static str, String)>) -> Result<DashboardData, ApiError> {
    let with = |extra: &[(&'static str, &str)]| {
        let mut pairs = filter.clone();
        pairs.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        api::query(&pairs)
    };
    let overview_url = format!("/api/v1/dashboard/overview{}", with(&[("weeks", "26")]));
    let progress_url = format!(
        "/api/v1/dashboard/progress{}",
        with(&[("top", "10"), ("per_page", "1")])
    );
    let disbursement_url = format!(
        "/api/v1/dashboard/disbursement{}",
        with(&[("top", "5"), ("per_page", "1")])
    );
    let difficulties_url = format!("/api/v1/dashboard/difficulties{}", with(&[("top", "8")]));
    let counts_url = format!("/api/v1/alerts/counts{}", with(&[]));
    let (overview, progress, disbursement, difficulties, counts) = futures::join!(
        api::get::<Overview>(&overview_url),
        api::get::<ProgressBoard>(&progress_url),
        api::get::<DisbursementBoard>(&disbursement_url),
        api::get::<DifficultyBoard>(&difficulties_url),
        api::get::<AlertCounts>(&counts_url),
    );
    let alerts_url = format!(
        "/api/v1/alerts{}",
        with(&[("open", "true"), ("acknowledged", "false"), ("per_page", "6")])
    );
    let alerts = api::get::<Page<AlertView>>(alerts_url).await?;
    Ok(DashboardData {
        overview: overview?,
        progress: progress?,
        disbursement: disbursement?,
        difficulties: difficulties?,
        alerts,
        alert_counts: counts?,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i = i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filters::current));
    let data = LocalResource::new(move || load(filter.get()));
    // Its own request: the direction group failing does not hide the four others.
    let direction = LocalResource::new(move || crate::pages::direction_group::load(filter.get()));
    let projects_link = move || format!("/projects{}", api::query(&filter.get()));
    view! {
        <section class="page dashboard">
            <div class="page-head">
                <h1>{move || i.t("Tổng quan dự án trọng điểm", "Key projects overview")}</h1>
                <a class="btn secondary" href=projects_link data-testid="to-project-table">
                    {move || i.t("Xem bảng dự án", "Open the project table")}
                </a>
            </div>
            <FilterBar />
            {loaded(data, move |d| view! {
                    <p class="muted as-of" data-testid="as-of">
                        {move || i.t("Số liệu đến ngày", "Figures as of")}" "{format::date(d.overview.as_of)}
                    </p>
                    <OverviewGroup data=d.overview.clone() />
                    <ProgressGroup data=d.progress.clone() />
                    <DisbursementGroup data=d.disbursement.clone() />
                    <DifficultyGroup data=d.difficulties.clone() />
                    {loaded(direction, |b| view! { <crate::pages::direction_group::DirectionGroup data=b /> })}
                    <AlertsWidget alerts=d.alerts.clone() counts=d.alert_counts.clone() />
                }
                .into_any())}
        </section>
    }
}

fn dec_f64(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// For drawing only (f64 keeps 15 significant digits): an amount or a total.
pub fn vnd_f64(v: impl Into<VndTotal>) -> f64 {
    v.into().to_f64()
}

/// Axis labels in billions of đồng, neutral grouping (thin spaces) for both languages.
fn billions_axis(v: f64) -> String {
    let b = (v / 1e9).round() as i64;
    ioc_domain::money::group_digits(&b.to_string(), Lang::Vi)
}

fn percent_axis(v: f64) -> String {
    format!("{v:.0}%")
}

pub fn status_slices(i: I18n, counts: &ioc_domain::dto::StatusCounts) -> Vec<Slice> {
    let lang = i.lang();
    [
        (ProgressStatus::OnTrack, counts.on_track),
        (ProgressStatus::Ahead, counts.ahead),
        (ProgressStatus::AtRisk, counts.at_risk),
        (ProgressStatus::Delayed, counts.delayed),
        (ProgressStatus::Completed, counts.completed),
    ]
    .into_iter()
    .map(|(s, n)| Slice {
        key: s.as_str().into(),
        label: s.label(lang).into(),
        value: n as f64,
        colour: status_hex(s),
        display: format::count(n, lang),
    })
    .collect()
}

#[component]
pub fn OverviewGroup(data: Overview) -> impl IntoView {
    let i = i18n();
    let d = StoredValue::new(data);
    let get = move || d.get_value();
    let money = move |v: VndTotal| format::money(v, i.lang());
    let by_phase = move || {
        let refs = crate::filters::ref_data();
        get()
            .by_phase
            .iter()
            .map(|p| Bar {
                key: p.phase.as_str().into(),
                label: refs.label(|l| &l.phases, p.phase.as_str()),
                value: p.projects as f64,
                display: format::count(p.projects, i.lang()),
                colour: "#1565c0",
            })
            .collect::<Vec<_>>()
    };
    let weeks = move || {
        let o = get();
        let base = o.progress_over_time.first().map(|w| w.week_start);
        let x = move |d: chrono::NaiveDate| base.map_or(0.0, |b| (d - b).num_days() as f64 / 7.0);
        let actual = o
            .progress_over_time
            .iter()
            .filter(|w| w.reports > 0)
            .map(|w| (x(w.week_start), Some(dec_f64(w.avg_actual_percent.value()))))
            .collect();
        let planned = o
            .progress_over_time
            .iter()
            .filter(|w| w.reports > 0)
            .map(|w| (x(w.week_start), Some(dec_f64(w.avg_planned_percent.value()))))
            .collect();
        vec![
            Series {
                name: i.t("Thực hiện bình quân", "Average actual").into(),
                colour: "#1565c0",
                dashed: false,
                points: actual,
            },
            Series {
                name: i.t("Kế hoạch bình quân", "Average planned").into(),
                colour: "#6b7280",
                dashed: true,
                points: planned,
            },
        ]
    };
    let week_ticks = move || {
        let o = get();
        let n = o.progress_over_time.len();
        let base = o.progress_over_time.first().map(|w| w.week_start);
        o.progress_over_time
            .iter()
            .enumerate()
            .filter(|(k, _)| n < 8 || k % (n / 6).max(1) == 0)
            .map(|(_, w)| {
                let x = base.map_or(0.0, |b| (w.week_start - b).num_days() as f64 / 7.0);
                (x, w.week_start.format("%d/%m").to_string())
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="group" aria-labelledby="g-overview" data-group="overview">
            <h2 id="g-overview">{move || i.t("1. Tổng quan", "1. Overview")}</h2>
            <div class="kpis">
                <Kpi id="projects" label=Signal::derive(move || i.t("Số dự án", "Projects").to_owned())
                    value=Signal::derive(move || format::count(get().projects, i.lang()))
                    raw=Signal::derive(move || get().projects.to_string()) />
                <Kpi id="total-investment" label=Signal::derive(move || i.t("Tổng mức đầu tư", "Total investment").to_owned())
                    value=Signal::derive(move || money(get().total_investment))
                    raw=Signal::derive(move || get().total_investment.dong().to_string()) />
                <Kpi id="capital-allocated" label=Signal::derive(move || format!("{} {}", i.t("Vốn bố trí năm", "Capital allocated"), get().year))
                    value=Signal::derive(move || money(get().capital_allocated))
                    raw=Signal::derive(move || get().capital_allocated.dong().to_string()) />
                <Kpi id="output-value" label=Signal::derive(move || i.t("Sản lượng đạt được", "Output value achieved").to_owned())
                    value=Signal::derive(move || money(get().output_value))
                    raw=Signal::derive(move || get().output_value.dong().to_string()) />
                <Kpi id="disbursed" label=Signal::derive(move || i.t("Đã giải ngân", "Disbursed").to_owned())
                    value=Signal::derive(move || money(get().disbursed))
                    raw=Signal::derive(move || get().disbursed.dong().to_string()) />
                <Kpi id="disbursement-rate" label=Signal::derive(move || i.t("Tỷ lệ giải ngân", "Disbursement rate").to_owned())
                    value=Signal::derive(move || format::opt_pct(get().disbursement_rate_percent, i.lang()))
                    raw=Signal::derive(move || get().disbursement_rate_percent.map(|d| d.normalize().to_string()).unwrap_or_default()) />
            </div>
            <div class="charts">
                <div class="panel">
                    <h3>{move || i.t("Tình trạng tiến độ", "Progress status")}</h3>
                    <Doughnut testid="chart-status"
                        title=Signal::derive(move || i.t("Số dự án theo tình trạng", "Projects by status").to_owned())
                        slices=Signal::derive(move || status_slices(i, &get().by_status))
                        centre=Signal::derive(move || format::count(get().by_status.total(), i.lang())) />
                </div>
                <div class="panel">
                    <h3>{move || i.t("Theo giai đoạn", "By phase")}</h3>
                    <BarList testid="chart-phase"
                        title=Signal::derive(move || i.t("Số dự án theo giai đoạn", "Projects by phase").to_owned())
                        bars=Signal::derive(by_phase) />
                </div>
                <div class="panel wide">
                    <h3>{move || i.t("Tiến độ theo thời gian (% bình quân)", "Progress over time (average %)")}</h3>
                    <LineChart testid="chart-progress-time"
                        title=Signal::derive(move || i.t("Tiến độ bình quân theo tuần", "Average progress by week").to_owned())
                        series=Signal::derive(weeks) x_ticks=Signal::derive(week_ticks) y_label=percent_axis y_max=100.0 />
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn ProgressGroup(data: ProgressBoard) -> impl IntoView {
    let i = i18n();
    let d = StoredValue::new(data);
    view! {
        <section class="group" aria-labelledby="g-progress" data-group="progress">
            <h2 id="g-progress">{move || i.t("2. Theo dõi tiến độ", "2. Progress")}</h2>
            <div class="panel">
                <h3>
                    {move || i.t("Dự án chậm tiến độ", "Projects behind schedule")}
                    " "<span class="count" data-testid="delayed-total">{move || format::count(d.get_value().delayed_total, i.lang())}</span>
                </h3>
                <div class="table-wrap">
                <table class="data">
                    <thead><tr>
                        <th scope="col">{move || i.t("Dự án", "Project")}</th>
                        <th scope="col">{move || i.t("Chủ đầu tư", "Investor")}</th>
                        <th scope="col" class="num">{move || i.t("Thực hiện", "Actual")}</th>
                        <th scope="col" class="num">{move || i.t("Kế hoạch", "Planned")}</th>
                        <th scope="col" class="num">{move || i.t("Chênh lệch", "Gap")}</th>
                        <th scope="col">{move || i.t("Dự báo hoàn thành", "Forecast finish")}</th>
                    </tr></thead>
                    <tbody>
                        {move || d.get_value().delayed.into_iter().map(|p| view! {
                            <tr>
                                <td><a href=format!("/projects/{}", p.id)>{p.code.clone()}" — "{p.name.clone()}</a></td>
                                <td>{p.investor.clone()}</td>
                                <td class="num">{format::pct(p.actual_percent, i.lang())}</td>
                                <td class="num">{format::pct(p.planned_percent, i.lang())}</td>
                                <td class="num red-text">{format!("{} {}", format::decimal_pct(p.gap_pp, 1, i.lang()).trim_end_matches('%'), i.t("điểm %", "pp"))}</td>
                                <td>{format::opt_date(p.forecast_finish)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </div>
        </section>
    }
}

fn disbursement_rows(i: I18n, rows: Vec<ProjectDisbursement>, testid: &'static str) -> impl IntoView {
    view! {
        <ol class="rank" data-testid=testid>
            {rows.into_iter().map(|p| view! {
                <li>
                    <a href=format!("/projects/{}", p.id)>{p.code.clone()}" — "{p.name.clone()}</a>
                    <span class="rank-value">{format::opt_pct(p.rate_percent, i.lang())}
                        " ("{format::money(p.disbursed, i.lang())}" / "{format::money(p.plan, i.lang())}")"</span>
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn DisbursementGroup(data: DisbursementBoard) -> impl IntoView {
    let i = i18n();
    let d = StoredValue::new(data);
    let series = move || {
        let b = d.get_value();
        let planned = b
            .by_month
            .iter()
            .map(|m| (f64::from(m.month), Some(vnd_f64(m.planned_cumulative))))
            .collect();
        let actual = b
            .by_month
            .iter()
            .map(|m| (f64::from(m.month), m.actual_cumulative.map(vnd_f64)))
            .collect();
        vec![
            Series {
                name: i.t("Kế hoạch lũy kế", "Planned (cumulative)").into(),
                colour: "#6b7280",
                dashed: true,
                points: planned,
            },
            Series {
                name: i.t("Thực tế lũy kế", "Actual (cumulative)").into(),
                colour: "#0b6e4f",
                dashed: false,
                points: actual,
            },
        ]
    };
    let ticks = move || {
        (1..=12u32)
            .map(|m| {
                (
                    f64::from(m),
                    if i.lang() == Lang::En {
                        format!("M{m}")
                    } else {
                        format!("T{m}")
                    },
                )
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="group" aria-labelledby="g-disbursement" data-group="disbursement">
            <h2 id="g-disbursement">{move || format!("{} {}", i.t("3. Theo dõi giải ngân năm", "3. Disbursement in"), d.get_value().year)}</h2>
            <div class="kpis small">
                <Kpi id="disb-plan" label=Signal::derive(move || i.t("Kế hoạch vốn", "Capital plan").to_owned())
                    value=Signal::derive(move || format::money(d.get_value().plan, i.lang()))
                    raw=Signal::derive(move || d.get_value().plan.dong().to_string()) />
                <Kpi id="disb-done" label=Signal::derive(move || i.t("Đã giải ngân", "Disbursed").to_owned())
                    value=Signal::derive(move || format::money(d.get_value().disbursed, i.lang()))
                    raw=Signal::derive(move || d.get_value().disbursed.dong().to_string()) />
                <Kpi id="disb-rate" label=Signal::derive(move || i.t("Tỷ lệ / kế hoạch đến nay", "Rate / planned to date").to_owned())
                    value=Signal::derive(move || format!("{} / {}", format::opt_pct(d.get_value().rate_percent, i.lang()), format::pct(d.get_value().planned_rate_percent, i.lang())))
                    raw=Signal::derive(move || d.get_value().rate_percent.map(|r| r.normalize().to_string()).unwrap_or_default()) />
            </div>
            <div class="charts">
                <div class="panel wide">
                    <h3>{move || i.t("Giải ngân lũy kế so với kế hoạch (tỷ đồng)", "Cumulative disbursement vs plan (billion VND)")}</h3>
                    <LineChart testid="chart-disbursement"
                        title=Signal::derive(move || i.t("Giải ngân lũy kế theo tháng", "Cumulative disbursement by month").to_owned())
                        series=Signal::derive(series) x_ticks=Signal::derive(ticks) y_label=billions_axis />
                </div>
                <div class="panel">
                    <h3>{move || i.t("Giải ngân thấp nhất", "Lowest disbursement")}</h3>
                    {move || disbursement_rows(i, d.get_value().lowest, "lowest-disbursement")}
                </div>
                <div class="panel">
                    <h3>{move || i.t("Giải ngân cao nhất", "Highest disbursement")}</h3>
                    {move || disbursement_rows(i, d.get_value().highest, "highest-disbursement")}
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn DifficultyGroup(data: DifficultyBoard) -> impl IntoView {
    let i = i18n();
    let d = StoredValue::new(data);
    let bars = move || {
        let refs = crate::filters::ref_data();
        d.get_value()
            .open_by_category
            .iter()
            .map(|c| Bar {
                key: c.category.as_str().into(),
                label: refs.label(|l| &l.difficulty_categories, c.category.as_str()),
                value: c.open as f64,
                display: format::count(c.open, i.lang()),
                colour: "#b45309",
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="group" aria-labelledby="g-difficulties" data-group="difficulties">
            <h2 id="g-difficulties">{move || i.t("4. Khó khăn, vướng mắc", "4. Difficulties")}</h2>
            <div class="charts">
                <div class="panel">
                    <h3>
                        {move || i.t("Đang mở theo nhóm", "Open by category")}
                        " "<span class="count" data-testid="difficulties-open">{move || format::count(d.get_value().open_total, i.lang())}</span>
                    </h3>
                    <BarList testid="chart-difficulties"
                        title=Signal::derive(move || i.t("Khó khăn đang mở theo nhóm", "Open difficulties by category").to_owned())
                        bars=Signal::derive(bars) />
                </div>
                <div class="panel wide">
                    <h3>
                        {move || i.t("Cần lãnh đạo chỉ đạo", "Needing leaders' direction")}
                        " "<span class="count">{move || format::count(d.get_value().needing_direction_total, i.lang())}</span>
                    </h3>
                    <ul class="direction-list" data-testid="needing-direction">
                        {move || d.get_value().needing_direction.into_iter().map(|x| {
                            let refs = crate::filters::ref_data();
                            view! {
                                <li>
                                    <a href=format!("/projects/{}", x.project_id)>{x.project_code.clone()}</a>
                                    " · "<strong>{x.title.clone()}</strong>
                                    <span class="tag">{refs.label(|l| &l.difficulty_categories, x.category.as_str())}</span>
                                    <div class="muted">
                                        {format!("{} {} · {} {}", i.t("Nêu từ", "Raised"), format::date(x.raised_on), x.age_days, i.t("ngày", "days"))}
                                        {x.responsible_unit.clone().map(|u| format!(" · {}", u.name))}
                                    </div>
                                    {(!x.proposed_solution.is_empty()).then(|| view! {
                                        <div class="solution">{i.t("Đề xuất: ", "Proposed: ")}{x.proposed_solution.clone()}</div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn AlertsWidget(alerts: Page<AlertView>, counts: AlertCounts) -> impl IntoView {
    let i = i18n();
    let query = use_query_map();
    let all_link = move || format!("/alerts{}", api::query(&query.with(filters::current)));
    let a = StoredValue::new(alerts);
    let c = StoredValue::new(counts);
    view! {
        <section class="group" aria-labelledby="g-alerts" data-group="alerts">
            <h2 id="g-alerts">
                {move || i.t("Cảnh báo đang mở", "Open alerts")}
                " "<span class="count" data-testid="alerts-open">{move || format::count(c.get_value().total_open, i.lang())}</span>
            </h2>
            <div class="chips">
                {move || c.get_value().by_type.into_iter().map(|t| view! {
                    <span class="chip" data-type=t.alert_type.as_str()>{i.pick(&t.title_vi, &t.title_en)}": "<strong>{t.open}</strong></span>
                }).collect_view()}
            </div>
            <ul class="alert-list">
                {move || a.get_value().items.into_iter().map(|x| view! {
                    <li class=format!("sev-{}", x.severity.as_str())>
                        <a href=format!("/projects/{}", x.project_id)>{x.project_code.clone()}</a>
                        " · "{i.pick(&x.title_vi, &x.title_en)}
                        <div class="muted">{i.pick(&x.message_vi, &x.message_en)}</div>
                    </li>
                }).collect_view()}
            </ul>
            <a href=all_link data-testid="all-alerts">{move || i.t("Tất cả cảnh báo →", "All alerts →")}</a>
        </section>
    }
}
