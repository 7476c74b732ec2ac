//! Alerts (cảnh báo): which warnings a project raises, how severe they are and what they say.
//!
//! The province asks for three alerts: progress below plan ("Dự án chậm tiến độ"),
//! disbursement below plan ("Dự án giải ngân chậm") and unresolved difficulties ("Dự án có
//! khó khăn, vướng mắc"). It adds an early warning (at risk before it is late) and data gaps:
//! the unit that does not update on time answers for it. This module is the pure rule —
//! given a project's derived facts, which alerts are active; the server opens and closes the
//! stored alerts when the answer changes.
//!
//! Severity:
//!
//! | type                | severity                                                        |
//! |---------------------|-----------------------------------------------------------------|
//! | `progress_delayed`  | high: the project is late already                               |
//! | `stale_data`        | high after more than 2 × `stale_after_days` without a report, else medium |
//! | `forecast_late`     | medium: an early warning, there is still time to act            |
//! | `disbursement_slow` | medium: money can still be paid out before the year ends        |
//! | `open_difficulty`   | medium when one needs the provincial leaders' direction, else low |
//!
//! Data gone quiet for twice the threshold is as serious as a delay: every other figure
//! shown for the project may be weeks old. A difficulty the unit handles itself is routine
//! until it needs a leader to decide.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{is_stale, DisbursementStatus, Percent, Phase, ProgressStatus, Thresholds, Vnd};

/// The kinds of alert, with their titles as the province words them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AlertType {
    ProgressDelayed,
    DisbursementSlow,
    OpenDifficulty,
    ForecastLate,
    StaleData,
    TaskOverdue,
}

impl AlertType {
    pub const ALL: &'static [AlertType] = &[
        AlertType::ProgressDelayed,
        AlertType::DisbursementSlow,
        AlertType::OpenDifficulty,
        AlertType::ForecastLate,
        AlertType::StaleData,
        AlertType::TaskOverdue,
    ];

    /// The stable wire and database name.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertType::ProgressDelayed => "progress_delayed",
            AlertType::DisbursementSlow => "disbursement_slow",
            AlertType::OpenDifficulty => "open_difficulty",
            AlertType::ForecastLate => "forecast_late",
            AlertType::StaleData => "stale_data",
            AlertType::TaskOverdue => "task_overdue",
        }
    }

    pub fn parse(s: &str) -> Option<AlertType> {
        AlertType::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    pub fn title_vi(self) -> &'static str {
        match self {
            AlertType::ProgressDelayed => "Dự án chậm tiến độ",
            AlertType::DisbursementSlow => "Dự án giải ngân chậm",
            AlertType::OpenDifficulty => "Dự án có khó khăn, vướng mắc",
            AlertType::ForecastLate => "Dự án có nguy cơ chậm tiến độ",
            AlertType::StaleData => "Dự án chậm cập nhật số liệu",
            AlertType::TaskOverdue => "Nhiệm vụ chỉ đạo quá hạn",
        }
    }

    pub fn title_en(self) -> &'static str {
        match self {
            AlertType::ProgressDelayed => "Project behind schedule",
            AlertType::DisbursementSlow => "Slow disbursement",
            AlertType::OpenDifficulty => "Project has unresolved difficulties",
            AlertType::ForecastLate => "Project at risk of delay",
            AlertType::StaleData => "Project data not updated",
            AlertType::TaskOverdue => "Directive task overdue",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AlertSeverity {
    Low,
    Medium,
    High,
}

impl AlertSeverity {
    pub const ALL: &'static [AlertSeverity] = &[AlertSeverity::Low, AlertSeverity::Medium, AlertSeverity::High];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertSeverity::Low => "low",
            AlertSeverity::Medium => "medium",
            AlertSeverity::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<AlertSeverity> {
        AlertSeverity::ALL.iter().copied().find(|v| v.as_str() == s)
    }
}

/// What the rule looks at: a project's derived state as of `today`.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertFacts {
    pub today: NaiveDate,
    pub phase: Phase,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_start: Option<NaiveDate>,
    /// Status including the finish forecast (see [`crate::forecast::with_forecast`]).
    pub progress_status: ProgressStatus,
    pub actual: Percent,
    /// Planned progress on `today`.
    pub planned: Percent,
    pub forecast_finish: Option<NaiveDate>,
    pub disbursement_status: DisbursementStatus,
    pub year_plan: Vnd,
    pub year_disbursed: Vnd,
    pub open_difficulties: u32,
    /// Of the open difficulties, those flagged as needing the leaders' direction.
    pub difficulties_needing_direction: u32,
    pub latest_report_on: Option<NaiveDate>,
    pub investor_unit: String,
    pub managing_unit: Option<String>,
    /// Tasks of directives related to the project, past their deadline and not confirmed.
    pub overdue_tasks: u32,
    /// Days past the deadline of the longest overdue of them (0 when none).
    pub oldest_overdue_task_days: i64,
    /// Archived projects left the key list: they raise nothing.
    pub archived: bool,
}

/// An alert the facts call for, with its message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveAlert {
    pub alert_type: AlertType,
    pub severity: AlertSeverity,
    pub message_vi: String,
    pub message_en: String,
}

/// The alerts active for `f`, in [`AlertType::ALL`] order.
pub fn active_alerts(f: &AlertFacts, t: &Thresholds) -> Vec<ActiveAlert> {
    if f.archived {
        return vec![];
    }
    [
        progress_delayed(f),
        disbursement_slow(f),
        open_difficulty(f),
        forecast_late(f),
        stale_data(f, t),
        task_overdue(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The unit that answers for a project's updates: the managing unit (Ban QLDA) when the
/// investor delegated, else the investor.
pub fn responsible_unit(investor: &str, managing: Option<&str>) -> String {
    managing.unwrap_or(investor).to_owned()
}

fn alert(alert_type: AlertType, severity: AlertSeverity, vi: String, en: String) -> Option<ActiveAlert> {
    Some(ActiveAlert {
        alert_type,
        severity,
        message_vi: vi,
        message_en: en,
    })
}

fn progress_delayed(f: &AlertFacts) -> Option<ActiveAlert> {
    if f.progress_status != ProgressStatus::Delayed {
        return None;
    }
    let (vi, en) = if f.today > f.planned_end {
        (
            format!(
                "Đã quá thời hạn hoàn thành theo kế hoạch ({}) nhưng mới đạt {} khối lượng.",
                vi_date(f.planned_end),
                vi_percent(f.actual)
            ),
            format!(
                "Past the planned completion date ({}) at only {} complete.",
                f.planned_end, f.actual
            ),
        )
    } else {
        let gap = gap_pp(f.planned, f.actual);
        (
            format!(
                "Khối lượng thực hiện đạt {}, chậm {} điểm phần trăm so với kế hoạch ({}).",
                vi_percent(f.actual),
                gap.replace('.', ","),
                vi_percent(f.planned)
            ),
            format!(
                "Physical progress is {}, {} percentage points behind the plan ({}).",
                f.actual, gap, f.planned
            ),
        )
    };
    alert(AlertType::ProgressDelayed, AlertSeverity::High, vi, en)
}

fn disbursement_slow(f: &AlertFacts) -> Option<ActiveAlert> {
    if f.disbursement_status != DisbursementStatus::Slow {
        return None;
    }
    let rate = crate::disbursement_rate(f.year_disbursed, f.year_plan)
        .map(|r| r.normalize().to_string())
        .unwrap_or_else(|| "0".into());
    alert(
        AlertType::DisbursementSlow,
        AlertSeverity::Medium,
        format!(
            "Giải ngân năm nay mới đạt {}% kế hoạch vốn ({} / {}), thấp hơn tiến độ giải ngân dự kiến.",
            rate.replace('.', ","),
            f.year_disbursed.format_billions_vi(),
            f.year_plan.format_billions_vi()
        ),
        format!(
            "Only {rate}% of this year's capital plan has been disbursed ({} of {} VND), behind the planned schedule.",
            f.year_disbursed.to_db(),
            f.year_plan.to_db()
        ),
    )
}

fn open_difficulty(f: &AlertFacts) -> Option<ActiveAlert> {
    if f.open_difficulties == 0 {
        return None;
    }
    let (n, d) = (f.open_difficulties, f.difficulties_needing_direction);
    let (severity, vi_extra, en_extra) = if d > 0 {
        (
            AlertSeverity::Medium,
            format!(", trong đó {d} cần lãnh đạo tỉnh chỉ đạo"),
            format!(", {d} needing the provincial leaders' direction"),
        )
    } else {
        (AlertSeverity::Low, String::new(), String::new())
    };
    alert(
        AlertType::OpenDifficulty,
        severity,
        format!("Có {n} khó khăn, vướng mắc chưa được giải quyết{vi_extra}."),
        format!(
            "{n} unresolved difficult{}{en_extra}.",
            if n == 1 { "y" } else { "ies" }
        ),
    )
}

fn forecast_late(f: &AlertFacts) -> Option<ActiveAlert> {
    if f.progress_status != ProgressStatus::AtRisk {
        return None;
    }
    let mut vi = format!(
        "Khối lượng thực hiện đạt {} (kế hoạch {}).",
        vi_percent(f.actual),
        vi_percent(f.planned)
    );
    let mut en = format!("Physical progress is {} (plan {}).", f.actual, f.planned);
    if let Some(finish) = f.forecast_finish {
        let late = (finish - f.planned_end).num_days();
        if late > 0 {
            vi.push_str(&format!(
                " Dự báo hoàn thành ngày {}, trễ {late} ngày so với kế hoạch ({}).",
                vi_date(finish),
                vi_date(f.planned_end)
            ));
            en.push_str(&format!(
                " Forecast finish {finish}, {late} days after the planned end ({}).",
                f.planned_end
            ));
        } else {
            vi.push_str(&format!(
                " Dự báo hoàn thành ngày {} (kế hoạch {}).",
                vi_date(finish),
                vi_date(f.planned_end)
            ));
            en.push_str(&format!(" Forecast finish {finish} (planned end {}).", f.planned_end));
        }
    }
    alert(AlertType::ForecastLate, AlertSeverity::Medium, vi, en)
}

/// Whether the project owes weekly reports: works have started (implementation phase, or
/// the planned start has come) and it is not completed.
pub fn reporting_due(f: &AlertFacts) -> bool {
    f.progress_status != ProgressStatus::Completed && (f.phase == Phase::Implementation || f.planned_start <= f.today)
}

fn stale_data(f: &AlertFacts, t: &Thresholds) -> Option<ActiveAlert> {
    if !reporting_due(f) {
        return None;
    }
    // A project that never reported is counted from the day its reporting duty began (actual,
    // else planned start; never later than today), so it is not flagged on its first day.
    let duty_began = f.actual_start.unwrap_or(f.planned_start).min(f.today);
    let since = f.latest_report_on.unwrap_or(duty_began);
    if !is_stale(Some(since), f.today, t) {
        return None;
    }
    let days = (f.today - since).num_days();
    let severity = if days > 2 * t.stale_after_days {
        AlertSeverity::High
    } else {
        AlertSeverity::Medium
    };
    let unit = responsible_unit(&f.investor_unit, f.managing_unit.as_deref());
    let (vi, en) = match f.latest_report_on {
        Some(last) => (
            format!(
                "Chưa cập nhật báo cáo tuần từ ngày {} ({days} ngày). Đơn vị chịu trách nhiệm cập nhật: {unit}.",
                vi_date(last)
            ),
            format!("No weekly report since {last} ({days} days). Responsible for updating: {unit}."),
        ),
        None => (
            format!("Chưa có báo cáo tiến độ nào sau {days} ngày thực hiện. Đơn vị chịu trách nhiệm cập nhật: {unit}."),
            format!("No progress report at all after {days} days of works. Responsible for updating: {unit}."),
        ),
    };
    alert(AlertType::StaleData, severity, vi, en)
}

/// A leader's directive on the project is not carried out in time: high after a week late,
/// else medium. Cleared when the task is confirmed or its deadline extended.
fn task_overdue(f: &AlertFacts) -> Option<ActiveAlert> {
    if f.overdue_tasks == 0 {
        return None;
    }
    let days = f.oldest_overdue_task_days;
    let severity = if days > 7 {
        AlertSeverity::High
    } else {
        AlertSeverity::Medium
    };
    alert(
        AlertType::TaskOverdue,
        severity,
        format!(
            "Có {} nhiệm vụ thực hiện ý kiến chỉ đạo đã quá hạn, lâu nhất {days} ngày.",
            f.overdue_tasks
        ),
        format!(
            "{} task(s) carrying out a leader's directive overdue, the oldest by {days} days.",
            f.overdue_tasks
        ),
    )
}

/// Dates are shown to Vietnamese readers as dd/mm/yyyy.
fn vi_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `42.5%` written the Vietnamese way: `42,5%`.
fn vi_percent(p: Percent) -> String {
    p.to_string().replace('.', ",")
}

/// planned − actual in percentage points, e.g. `12.5`.
fn gap_pp(planned: Percent, actual: Percent) -> String {
    let bp = i64::from(planned.basis_points()) - i64::from(actual.basis_points());
    rust_decimal::Decimal::new(bp, 2).normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use AlertType::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pct(p: i32) -> Percent {
        Percent::from_basis_points(p * 100)
    }

    /// A healthy project half-way through, reported last week: no alert.
    fn healthy() -> AlertFacts {
        AlertFacts {
            today: d(2025, 6, 30),
            phase: Phase::Implementation,
            planned_start: d(2025, 1, 1),
            planned_end: d(2025, 12, 31),
            actual_start: Some(d(2025, 1, 10)),
            progress_status: ProgressStatus::OnTrack,
            actual: pct(50),
            planned: pct(50),
            forecast_finish: Some(d(2025, 12, 20)),
            disbursement_status: DisbursementStatus::OnTrack,
            year_plan: Vnd::from_db(80_000_000_000),
            year_disbursed: Vnd::from_db(30_000_000_000),
            open_difficulties: 0,
            difficulties_needing_direction: 0,
            latest_report_on: Some(d(2025, 6, 27)),
            investor_unit: "Sở Giao thông".into(),
            managing_unit: Some("Ban QLDA giao thông".into()),
            overdue_tasks: 0,
            oldest_overdue_task_days: 0,
            archived: false,
        }
    }

    #[test]
    fn an_overdue_directive_task_raises_its_alert_high_after_a_week() {
        assert!(types(&healthy()).is_empty());
        let late = AlertFacts {
            overdue_tasks: 2,
            oldest_overdue_task_days: 3,
            ..healthy()
        };
        let a = one(&late, TaskOverdue);
        assert_eq!(a.severity, AlertSeverity::Medium);
        assert!(a.message_vi.contains("2 nhiệm vụ"), "{}", a.message_vi);
        let very = AlertFacts {
            oldest_overdue_task_days: 8,
            ..late
        };
        assert_eq!(one(&very, TaskOverdue).severity, AlertSeverity::High);
    }

    fn types(f: &AlertFacts) -> Vec<AlertType> {
        active_alerts(f, &Thresholds::default())
            .into_iter()
            .map(|a| a.alert_type)
            .collect()
    }

    fn one(f: &AlertFacts, t: AlertType) -> ActiveAlert {
        active_alerts(f, &Thresholds::default())
            .into_iter()
            .find(|a| a.alert_type == t)
            .unwrap_or_else(|| panic!("{t:?} not active"))
    }

    #[test]
    fn a_healthy_project_raises_nothing() {
        assert!(types(&healthy()).is_empty());
    }

    #[test]
    fn a_delayed_project_raises_a_high_alert_citing_the_gap() {
        let f = AlertFacts {
            progress_status: ProgressStatus::Delayed,
            actual: Percent::from_basis_points(3750),
            ..healthy()
        };
        let a = one(&f, ProgressDelayed);
        assert_eq!(a.severity, AlertSeverity::High);
        assert!(
            a.message_vi.contains("37,5%") && a.message_vi.contains("12,5 điểm"),
            "{}",
            a.message_vi
        );
        assert!(a.message_en.contains("12.5 percentage points"), "{}", a.message_en);
        assert_eq!(types(&f), vec![ProgressDelayed]);
    }

    #[test]
    fn past_the_planned_end_the_message_names_the_deadline() {
        let f = AlertFacts {
            today: d(2026, 1, 5),
            progress_status: ProgressStatus::Delayed,
            actual: pct(90),
            planned: pct(100),
            latest_report_on: Some(d(2026, 1, 2)),
            ..healthy()
        };
        let a = one(&f, ProgressDelayed);
        assert!(a.message_vi.contains("31/12/2025"), "{}", a.message_vi);
        assert!(a.message_en.contains("2025-12-31"), "{}", a.message_en);
    }

    #[test]
    fn slow_disbursement_cites_the_rate() {
        let f = AlertFacts {
            disbursement_status: DisbursementStatus::Slow,
            year_disbursed: Vnd::from_db(10_000_000_000),
            ..healthy()
        };
        let a = one(&f, DisbursementSlow);
        assert_eq!(a.severity, AlertSeverity::Medium);
        assert!(a.message_vi.contains("12,5%"), "{}", a.message_vi);
        assert!(a.message_en.contains("12.5%"), "{}", a.message_en);
        assert!(types(&AlertFacts {
            disbursement_status: DisbursementStatus::NoPlan,
            ..healthy()
        })
        .is_empty());
    }

    #[test]
    fn a_difficulty_is_low_until_it_needs_a_leaders_direction() {
        let f = AlertFacts {
            open_difficulties: 2,
            ..healthy()
        };
        assert_eq!(one(&f, OpenDifficulty).severity, AlertSeverity::Low);
        let f = AlertFacts {
            difficulties_needing_direction: 1,
            ..f
        };
        let a = one(&f, OpenDifficulty);
        assert_eq!(a.severity, AlertSeverity::Medium);
        assert!(a.message_vi.contains("Có 2 khó khăn") && a.message_vi.contains("1 cần lãnh đạo"));
    }

    #[test]
    fn at_risk_is_an_early_warning_citing_the_forecast() {
        let f = AlertFacts {
            progress_status: ProgressStatus::AtRisk,
            forecast_finish: Some(d(2026, 2, 14)),
            ..healthy()
        };
        let a = one(&f, ForecastLate);
        assert_eq!(a.severity, AlertSeverity::Medium);
        assert!(
            a.message_vi.contains("14/02/2026") && a.message_vi.contains("trễ 45 ngày"),
            "{}",
            a.message_vi
        );
        assert!(
            a.message_en.contains("45 days after the planned end (2025-12-31)"),
            "{}",
            a.message_en
        );
        let no_forecast = AlertFacts {
            forecast_finish: None,
            ..f
        };
        assert!(!one(&no_forecast, ForecastLate).message_en.contains("Forecast"));
        assert_eq!(types(&no_forecast), vec![ForecastLate]);
    }

    #[test]
    fn stale_data_names_the_managing_unit_else_the_investor() {
        let f = AlertFacts {
            latest_report_on: Some(d(2025, 6, 15)),
            ..healthy()
        };
        let a = one(&f, StaleData);
        assert_eq!(a.severity, AlertSeverity::Medium);
        assert!(a.message_vi.contains("Ban QLDA giao thông") && a.message_vi.contains("15/06/2025"));
        let f = AlertFacts {
            managing_unit: None,
            ..f
        };
        assert!(one(&f, StaleData)
            .message_en
            .contains("Responsible for updating: Sở Giao thông."));
    }

    #[test]
    fn stale_data_is_high_after_twice_the_threshold() {
        let at = |last: NaiveDate| {
            let f = AlertFacts {
                latest_report_on: Some(last),
                ..healthy()
            };
            active_alerts(&f, &Thresholds::default())
                .into_iter()
                .find(|a| a.alert_type == StaleData)
                .map(|a| a.severity)
        };
        // Default threshold 10 days; today is 30 June.
        assert_eq!(at(d(2025, 6, 20)), None);
        assert_eq!(at(d(2025, 6, 19)), Some(AlertSeverity::Medium));
        assert_eq!(at(d(2025, 6, 10)), Some(AlertSeverity::Medium));
        assert_eq!(at(d(2025, 6, 9)), Some(AlertSeverity::High));
    }

    #[test]
    fn a_project_that_never_reported_counts_from_its_start() {
        let f = AlertFacts {
            latest_report_on: None,
            actual_start: None,
            planned_start: d(2025, 6, 25),
            ..healthy()
        };
        assert!(types(&f).is_empty());
        let f = AlertFacts {
            planned_start: d(2025, 6, 1),
            ..f
        };
        let a = one(&f, StaleData);
        assert_eq!(a.severity, AlertSeverity::High);
        assert!(
            a.message_en.contains("No progress report at all after 29 days"),
            "{}",
            a.message_en
        );
    }

    #[test]
    fn only_projects_under_way_and_not_completed_owe_reports() {
        let quiet = AlertFacts {
            latest_report_on: None,
            ..healthy()
        };
        let not_started = AlertFacts {
            phase: Phase::Preparation,
            planned_start: d(2025, 9, 1),
            actual_start: None,
            ..quiet.clone()
        };
        assert!(types(&not_started).is_empty());
        // In implementation already, before the planned start: reports are owed from today.
        let early = AlertFacts {
            phase: Phase::Implementation,
            ..not_started
        };
        assert!(types(&early).is_empty());
        let done = AlertFacts {
            progress_status: ProgressStatus::Completed,
            ..quiet.clone()
        };
        assert!(types(&done).is_empty());
        assert_eq!(types(&quiet), vec![StaleData]);
    }

    #[test]
    fn archived_projects_raise_nothing() {
        let f = AlertFacts {
            archived: true,
            progress_status: ProgressStatus::Delayed,
            open_difficulties: 3,
            latest_report_on: None,
            ..healthy()
        };
        assert!(types(&f).is_empty());
    }

    #[test]
    fn several_alerts_come_in_a_stable_order() {
        let f = AlertFacts {
            progress_status: ProgressStatus::Delayed,
            disbursement_status: DisbursementStatus::Slow,
            open_difficulties: 1,
            latest_report_on: None,
            ..healthy()
        };
        assert_eq!(
            types(&f),
            vec![ProgressDelayed, DisbursementSlow, OpenDifficulty, StaleData]
        );
    }

    #[test]
    fn codes_round_trip_and_titles_match_the_province() {
        for t in AlertType::ALL {
            assert_eq!(AlertType::parse(t.as_str()), Some(*t));
            assert_eq!(serde_json::to_string(t).unwrap(), format!("\"{}\"", t.as_str()));
        }
        for s in AlertSeverity::ALL {
            assert_eq!(AlertSeverity::parse(s.as_str()), Some(*s));
        }
        assert_eq!(ProgressDelayed.title_vi(), "Dự án chậm tiến độ");
        assert_eq!(DisbursementSlow.title_vi(), "Dự án giải ngân chậm");
        assert_eq!(OpenDifficulty.title_vi(), "Dự án có khó khăn, vướng mắc");
        assert!(AlertSeverity::High > AlertSeverity::Medium && AlertSeverity::Medium > AlertSeverity::Low);
    }
}
