//! Progress status (trạng thái tiến độ) of a project: the colour leaders see first.
//!
//! The rule compares actual with planned physical progress as of a date. It is deliberately
//! monotone: reporting more progress can never make a project look worse, otherwise units
//! would learn to under-report.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{Percent, ProgressStatus, Thresholds};

/// The facts the status depends on, all as of `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressFacts {
    /// Latest reported physical progress.
    pub actual: Percent,
    /// Planned physical progress on `as_of` (see [`crate::schedule::planned_percent_at`]).
    pub planned: Percent,
    pub planned_end: NaiveDate,
    /// Date the project was actually completed, when it has been.
    pub actual_end: Option<NaiveDate>,
    pub as_of: NaiveDate,
}

impl ProgressStatus {
    /// How bad the status is, for sorting and for comparing two statuses:
    /// Completed < Ahead < OnTrack < AtRisk < Delayed. (The derived `Ord` follows the
    /// declaration order of the code list, which is not a severity.)
    pub fn severity(self) -> u8 {
        match self {
            ProgressStatus::Completed => 0,
            ProgressStatus::Ahead => 1,
            ProgressStatus::OnTrack => 2,
            ProgressStatus::AtRisk => 3,
            ProgressStatus::Delayed => 4,
        }
    }
}

/// Classifies progress, first matching rule wins:
///
/// 1. **Completed**: actual is 100 %, or the actual end date is on or before `as_of`.
/// 2. **Delayed**: `as_of` is past the planned end, or the shortfall (planned − actual) is at
///    least `delayed_gap_pp`.
/// 3. **AtRisk**: the shortfall is at least `at_risk_gap_pp`, or there is any shortfall with at
///    most `near_end_days` left before the planned end (no time left to catch up).
/// 4. **Ahead**: actual exceeds planned by at least `ahead_gap_pp`.
/// 5. **OnTrack** otherwise.
pub fn progress_status(f: &ProgressFacts, t: &Thresholds) -> ProgressStatus {
    let completed = f.actual == Percent::HUNDRED || f.actual_end.is_some_and(|d| d <= f.as_of);
    if completed {
        return ProgressStatus::Completed;
    }
    let shortfall_pp = Decimal::new(
        i64::from(f.planned.basis_points()) - i64::from(f.actual.basis_points()),
        2,
    );
    let days_left = (f.planned_end - f.as_of).num_days();
    if f.as_of > f.planned_end || shortfall_pp >= t.delayed_gap_pp {
        ProgressStatus::Delayed
    } else if shortfall_pp >= t.at_risk_gap_pp || (shortfall_pp > Decimal::ZERO && days_left <= t.near_end_days) {
        ProgressStatus::AtRisk
    } else if -shortfall_pp >= t.ahead_gap_pp {
        ProgressStatus::Ahead
    } else {
        ProgressStatus::OnTrack
    }
}

/// The gap thresholds in whole basis points (hundredths of a percentage point), rounded up:
/// a gap of `g` bp reaches `x` pp exactly when `g >= ceil(x × 100)`, since gaps are whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GapThresholdsBp {
    pub delayed: i64,
    pub at_risk: i64,
    pub ahead: i64,
}

impl GapThresholdsBp {
    pub fn of(t: &Thresholds) -> Self {
        use rust_decimal::prelude::ToPrimitive;
        let bp = |d: Decimal| (d * Decimal::from(100)).ceil().to_i64().unwrap_or(i64::MAX);
        GapThresholdsBp {
            delayed: bp(t.delayed_gap_pp),
            at_risk: bp(t.at_risk_gap_pp),
            ahead: bp(t.ahead_gap_pp),
        }
    }
}

/// The gap part of the rule alone, for a report on its own (the dashboards' progress over
/// time and statuses on a past date): completed at 100 %, else by the shortfall to plan.
/// The date-based parts need the project and apply to today's statuses only.
pub fn gap_status(actual_bp: i32, planned_bp: i32, t: &GapThresholdsBp) -> ProgressStatus {
    let shortfall = i64::from(planned_bp) - i64::from(actual_bp);
    if actual_bp >= 10_000 {
        ProgressStatus::Completed
    } else if shortfall >= t.delayed {
        ProgressStatus::Delayed
    } else if shortfall >= t.at_risk {
        ProgressStatus::AtRisk
    } else if -shortfall >= t.ahead {
        ProgressStatus::Ahead
    } else {
        ProgressStatus::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ProgressStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn facts(actual_pct: i32, planned_pct: i32, as_of: NaiveDate) -> ProgressFacts {
        ProgressFacts {
            actual: Percent::from_basis_points(actual_pct * 100),
            planned: Percent::from_basis_points(planned_pct * 100),
            planned_end: d(2025, 12, 31),
            actual_end: None,
            as_of,
        }
    }

    #[test]
    fn the_gap_rule_agrees_with_the_full_rule_away_from_dates() {
        let t = Thresholds {
            at_risk_gap_pp: rust_decimal_macros::dec!(4.995),
            ..Thresholds::default()
        };
        let g = GapThresholdsBp::of(&t);
        assert_eq!(g.at_risk, 500);
        let mid = d(2025, 6, 30);
        for actual in (0..=10_000).step_by(7) {
            for planned in [0, 2_500, 5_000, 7_500, 10_000] {
                let f = ProgressFacts {
                    actual: Percent::from_basis_points(actual),
                    planned: Percent::from_basis_points(planned),
                    planned_end: d(2025, 12, 31),
                    actual_end: None,
                    as_of: mid,
                };
                assert_eq!(
                    gap_status(actual, planned, &g),
                    progress_status(&f, &t),
                    "{actual} {planned}"
                );
            }
        }
    }

    #[test]
    fn each_rule_with_default_thresholds() {
        let t = Thresholds::default();
        let mid = d(2025, 6, 30);
        assert_eq!(progress_status(&facts(100, 50, mid), &t), Completed);
        assert_eq!(progress_status(&facts(40, 50, mid), &t), Delayed);
        assert_eq!(progress_status(&facts(41, 50, mid), &t), AtRisk);
        assert_eq!(progress_status(&facts(45, 50, mid), &t), AtRisk);
        assert_eq!(progress_status(&facts(46, 50, mid), &t), OnTrack);
        assert_eq!(progress_status(&facts(54, 50, mid), &t), OnTrack);
        assert_eq!(progress_status(&facts(55, 50, mid), &t), Ahead);
    }

    #[test]
    fn near_the_end_any_shortfall_is_a_risk() {
        let t = Thresholds::default();
        assert_eq!(progress_status(&facts(95, 96, d(2025, 12, 1)), &t), AtRisk);
        assert_eq!(progress_status(&facts(95, 96, d(2025, 11, 30)), &t), OnTrack);
        assert_eq!(progress_status(&facts(96, 96, d(2025, 12, 30)), &t), OnTrack);
    }

    #[test]
    fn past_the_end_is_delayed_unless_finished() {
        let t = Thresholds::default();
        let late = d(2026, 1, 1);
        assert_eq!(progress_status(&facts(99, 100, late), &t), Delayed);
        let mut f = facts(90, 100, late);
        f.actual_end = Some(d(2025, 12, 20));
        assert_eq!(progress_status(&f, &t), Completed);
        // An actual end after `as_of` (recomputing a past date) does not count yet.
        f.actual_end = Some(d(2026, 2, 1));
        assert_eq!(progress_status(&f, &t), Delayed);
    }

    #[test]
    fn severity_orders_statuses() {
        let order = [Completed, Ahead, OnTrack, AtRisk, Delayed];
        assert!(order.windows(2).all(|w| w[0].severity() < w[1].severity()));
        assert_eq!(order.len(), ProgressStatus::ALL.len());
    }

    fn arb_thresholds() -> impl Strategy<Value = Thresholds> {
        (-2000i64..3000, -2000i64..3000, -2000i64..3000, -60i64..120).prop_map(|(r, dl, a, n)| Thresholds {
            at_risk_gap_pp: Decimal::new(r, 2),
            delayed_gap_pp: Decimal::new(dl, 2),
            ahead_gap_pp: Decimal::new(a, 2),
            near_end_days: n,
            ..Thresholds::default()
        })
    }

    fn arb_facts() -> impl Strategy<Value = ProgressFacts> {
        (
            0i32..=10_000,
            0i32..=10_000,
            -400i64..400,
            prop::option::of(-400i64..400),
        )
            .prop_map(|(a, p, as_of_off, end_off)| {
                let planned_end = d(2025, 12, 31);
                let shift = |off: i64| planned_end + chrono::Duration::days(off);
                ProgressFacts {
                    actual: Percent::from_basis_points(a),
                    planned: Percent::from_basis_points(p),
                    planned_end,
                    actual_end: end_off.map(shift),
                    as_of: shift(as_of_off),
                }
            })
    }

    proptest! {
        #[test]
        fn more_progress_never_worsens_the_status(
            f in arb_facts(), t in arb_thresholds(), extra in 0i32..=10_000,
        ) {
            let mut better = f;
            better.actual = Percent::from_basis_points(f.actual.basis_points() + extra);
            let before = progress_status(&f, &t).severity();
            prop_assert!(progress_status(&better, &t).severity() <= before);
        }

        #[test]
        fn past_the_end_and_incomplete_is_delayed(f in arb_facts(), t in arb_thresholds()) {
            let finished = f.actual == Percent::HUNDRED
                || f.actual_end.is_some_and(|e| e <= f.as_of);
            prop_assume!(f.as_of > f.planned_end && !finished);
            prop_assert_eq!(progress_status(&f, &t), Delayed);
        }

        #[test]
        fn full_progress_is_completed(f in arb_facts(), t in arb_thresholds()) {
            let done = ProgressFacts { actual: Percent::HUNDRED, ..f };
            prop_assert_eq!(progress_status(&done, &t), Completed);
        }
    }
}
