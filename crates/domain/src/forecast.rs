//! Early warning: forecast a project's finish from its recent progress, so a project that
//! is not behind yet but is slowing down is flagged `at_risk` before it is late.
//!
//! Method (documented in the API):
//! * SPI (schedule performance index, earned-value style) = actual % / planned % at the
//!   latest report. Below 1 means slower than planned.
//! * Trend: least-squares line through the last [`TREND_REPORTS`] reports (percent against
//!   date). The forecast finish is where that line reaches 100 %.
//! * With fewer than 3 reports, or a flat/negative trend, the SPI gives the forecast:
//!   planned duration / SPI from the planned start.
//! * A project that is on track or ahead is flagged `at_risk` when the forecast finish is
//!   more than `forecast_grace_days` after the planned end.

use chrono::{Duration, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Percent, ProgressStatus};

/// How many recent reports the trend uses (about two months of weekly reports).
pub const TREND_REPORTS: usize = 8;

/// One report on the trend: its date and actual % complete.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    pub date: NaiveDate,
    pub actual: Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ForecastMethod {
    /// Linear trend of the recent reports.
    Trend,
    /// Planned duration divided by the SPI.
    Spi,
    /// Already complete.
    Complete,
    /// Not enough data (no progress yet, or nothing planned yet).
    None,
}

impl ForecastMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            ForecastMethod::Trend => "trend",
            ForecastMethod::Spi => "spi",
            ForecastMethod::Complete => "complete",
            ForecastMethod::None => "none",
        }
    }

    pub fn parse(s: &str) -> ForecastMethod {
        match s {
            "trend" => ForecastMethod::Trend,
            "spi" => ForecastMethod::Spi,
            "complete" => ForecastMethod::Complete,
            _ => ForecastMethod::None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forecast {
    /// actual / planned at the latest report (None while nothing is planned yet).
    pub spi: Option<Decimal>,
    pub finish: Option<NaiveDate>,
    pub method: ForecastMethod,
}

/// Forecasts the finish from `points` (any order; the latest ones are used) and the planned
/// % at the latest report.
pub fn forecast(
    planned_start: NaiveDate,
    planned_end: NaiveDate,
    planned_at_latest: Percent,
    points: &[TrendPoint],
) -> Forecast {
    let mut pts: Vec<TrendPoint> = points.to_vec();
    pts.sort_by_key(|p| p.date);
    let Some(latest) = pts.last().copied() else {
        return Forecast {
            spi: None,
            finish: None,
            method: ForecastMethod::None,
        };
    };
    let spi = (planned_at_latest > Percent::ZERO)
        .then(|| crate::money::round_half_away(latest.actual.value() / planned_at_latest.value(), 2));
    if latest.actual == Percent::HUNDRED {
        return Forecast {
            spi,
            finish: Some(latest.date),
            method: ForecastMethod::Complete,
        };
    }
    let recent = &pts[pts.len().saturating_sub(TREND_REPORTS)..];
    if let Some(slope) = slope_per_day(recent) {
        if slope > 0.0 {
            let days = (100.0 - pct(latest.actual)) / slope;
            if days.is_finite() && days < 365.0 * 50.0 {
                let finish = latest.date + Duration::days(days.ceil() as i64);
                return Forecast {
                    spi,
                    finish: Some(finish),
                    method: ForecastMethod::Trend,
                };
            }
        }
    }
    match spi {
        Some(s) if s > Decimal::ZERO => {
            let planned_days = (planned_end - planned_start).num_days().max(1) as f64;
            let days = planned_days / s.to_f64().unwrap_or(1.0);
            if days < 365.0 * 50.0 {
                let finish = planned_start + Duration::days(days.ceil() as i64);
                return Forecast {
                    spi,
                    finish: Some(finish),
                    method: ForecastMethod::Spi,
                };
            }
            Forecast {
                spi,
                finish: None,
                method: ForecastMethod::None,
            }
        }
        _ => Forecast {
            spi,
            finish: None,
            method: ForecastMethod::None,
        },
    }
}

/// Raises an `ahead`/`on_track` status to `at_risk` when the forecast finish is more than
/// `grace_days` after the planned end. Other statuses are kept.
pub fn with_forecast(status: ProgressStatus, f: &Forecast, planned_end: NaiveDate, grace_days: i64) -> ProgressStatus {
    match (status, f.finish) {
        (ProgressStatus::Ahead | ProgressStatus::OnTrack, Some(finish))
            if finish > planned_end + Duration::days(grace_days) =>
        {
            ProgressStatus::AtRisk
        }
        _ => status,
    }
}

fn pct(p: Percent) -> f64 {
    p.basis_points() as f64 / 100.0
}

/// Least-squares slope in percentage points per day; None with fewer than 3 points or no
/// spread in dates. (f64 is fine here: a slope is a statistic, not money.)
fn slope_per_day(points: &[TrendPoint]) -> Option<f64> {
    if points.len() < 3 {
        return None;
    }
    let x0 = points[0].date;
    let xs: Vec<f64> = points.iter().map(|p| (p.date - x0).num_days() as f64).collect();
    let ys: Vec<f64> = points.iter().map(|p| pct(p.actual)).collect();
    let n = xs.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    Some(sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekly(start: NaiveDate, percents: &[i32]) -> Vec<TrendPoint> {
        percents
            .iter()
            .enumerate()
            .map(|(i, p)| TrendPoint {
                date: start + Duration::days(7 * i as i64),
                actual: Percent::from_basis_points(p * 100),
            })
            .collect()
    }

    #[test]
    fn a_steady_trend_forecasts_where_the_line_reaches_100() {
        // 1 point a week from 50%: 50 more weeks after the last report.
        let pts = weekly(d(2026, 1, 2), &[50, 51, 52, 53]);
        let f = forecast(d(2025, 1, 1), d(2027, 1, 1), Percent::from_basis_points(5000), &pts);
        assert_eq!(f.method, ForecastMethod::Trend);
        assert_eq!(f.finish, Some(d(2026, 1, 23) + Duration::days(47 * 7)));
        assert_eq!(f.spi, Some(dec!(1.06)));
    }

    #[test]
    fn a_project_on_plan_but_slowing_down_is_flagged_at_risk() {
        let pts = weekly(d(2026, 10, 2), &[60, 60, 61, 61]);
        let f = forecast(d(2025, 1, 1), d(2027, 6, 30), Percent::from_basis_points(5900), &pts);
        assert!(f.finish.unwrap() > d(2027, 6, 30));
        assert_eq!(
            with_forecast(ProgressStatus::OnTrack, &f, d(2027, 6, 30), 15),
            ProgressStatus::AtRisk
        );
        assert_eq!(
            with_forecast(ProgressStatus::Delayed, &f, d(2027, 6, 30), 15),
            ProgressStatus::Delayed
        );
    }

    #[test]
    fn few_reports_fall_back_to_the_spi() {
        let pts = weekly(d(2026, 1, 1), &[25]);
        let f = forecast(d(2025, 1, 1), d(2027, 1, 1), Percent::from_basis_points(5000), &pts);
        assert_eq!(f.method, ForecastMethod::Spi);
        assert_eq!(f.spi, Some(dec!(0.5)));
        assert_eq!(f.finish, Some(d(2025, 1, 1) + Duration::days(730 * 2)));
    }

    #[test]
    fn complete_and_empty_cases() {
        let f = forecast(
            d(2025, 1, 1),
            d(2027, 1, 1),
            Percent::HUNDRED,
            &weekly(d(2026, 1, 1), &[99, 100]),
        );
        assert_eq!(f.method, ForecastMethod::Complete);
        let f = forecast(d(2025, 1, 1), d(2027, 1, 1), Percent::ZERO, &[]);
        assert_eq!(f.method, ForecastMethod::None);
        assert_eq!(f.finish, None);
    }

    proptest! {
        /// Faster recent progress never forecasts a later finish.
        #[test]
        fn faster_progress_never_finishes_later(base in 0i32..60, step in 1i32..5, extra in 0i32..5) {
            let slow = weekly(d(2026, 1, 2), &[base, base + step, base + 2 * step]);
            let fast = weekly(d(2026, 1, 2), &[base, base + step + extra, base + 2 * (step + extra)]);
            let p = Percent::from_basis_points(5000);
            let fs = forecast(d(2025, 1, 1), d(2027, 1, 1), p, &slow).finish.unwrap();
            let ff = forecast(d(2025, 1, 1), d(2027, 1, 1), p, &fast).finish.unwrap();
            prop_assert!(ff <= fs);
        }
    }
}
