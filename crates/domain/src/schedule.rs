//! Planned physical progress (tiến độ kế hoạch) of a project on any date.
//!
//! Investors rarely plan progress as a straight line: site clearance is slow, building is fast.
//! A project may therefore carry a baseline of dated milestones. Between milestones we
//! interpolate linearly, because reports only give the milestones and a straight line is the
//! least surprising reading of "by this date, this much". Without milestones the whole plan
//! is one straight line from the planned start (0 %) to the planned end (100 %).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{FieldError, Percent, ValidationErrors};

/// One milestone of the planned-progress baseline: `percent` done by the end of `date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaselinePoint {
    pub date: NaiveDate,
    pub percent: Percent,
}

/// Planned physical progress on `date`.
///
/// 0 % before `planned_start`, 100 % on and after `planned_end`; in between, piecewise linear
/// through (start, 0 %), the baseline points inside [start, end] sorted by date, and
/// (end, 100 %). Points outside the window are ignored and the curve is forced to be
/// non-decreasing, so a bad baseline (which [`validate_baseline`] would reject) can never make
/// the plan go backwards. Results are rounded half-up to the basis point.
pub fn planned_percent_at(
    planned_start: NaiveDate,
    planned_end: NaiveDate,
    baseline: &[BaselinePoint],
    date: NaiveDate,
) -> Percent {
    if date < planned_start {
        return Percent::ZERO;
    }
    if date >= planned_end {
        return Percent::HUNDRED;
    }
    // Here planned_start <= date < planned_end, so the window is non-empty.
    let mut knots: Vec<(NaiveDate, i64)> = vec![(planned_start, 0)];
    let mut inside: Vec<&BaselinePoint> = baseline
        .iter()
        .filter(|p| p.date >= planned_start && p.date <= planned_end)
        .collect();
    inside.sort_by_key(|p| p.date);
    let mut running_max = 0i64;
    for p in inside {
        running_max = running_max.max(i64::from(p.percent.basis_points()));
        knots.push((p.date, running_max));
    }
    knots.push((planned_end, 10_000));

    // The last knot at or before `date` (the latest one when several share a date) and the
    // first knot after it.
    let i = knots.iter().rposition(|(d, _)| *d <= date).unwrap_or(0);
    let (d0, p0) = knots[i];
    let (d1, p1) = knots[i + 1];
    let span = (d1 - d0).num_days();
    let elapsed = (date - d0).num_days();
    let num = (p1 - p0) * elapsed;
    let bp = p0 + (2 * num + span) / (2 * span);
    Percent::from_basis_points(bp as i32)
}

/// Dates are shown to users the Vietnamese way.
fn vi_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Checks a baseline as entered: every milestone inside the planned window, dates strictly
/// increasing (one figure per date, in order, so the table the user sees is the curve we
/// draw) and percentages never decreasing (progress done cannot be undone by the plan).
/// Errors name `baseline[i].date` or `baseline[i].percent`.
pub fn validate_baseline(
    planned_start: NaiveDate,
    planned_end: NaiveDate,
    points: &[BaselinePoint],
) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    for (i, p) in points.iter().enumerate() {
        let date_field = format!("baseline[{i}].date");
        if p.date < planned_start || p.date > planned_end {
            errors.push(FieldError::new(
                date_field.clone(),
                "baseline_date_out_of_range",
                format!(
                    "Ngày của mốc tiến độ phải nằm trong thời gian thực hiện dự án ({} – {}).",
                    vi_date(planned_start),
                    vi_date(planned_end)
                ),
                format!("The milestone date must fall within the planned period ({planned_start} – {planned_end})."),
            ));
        }
        let Some(prev) = i.checked_sub(1).map(|j| points[j]) else {
            continue;
        };
        if p.date <= prev.date {
            errors.push(FieldError::new(
                date_field,
                "baseline_dates_not_increasing",
                "Ngày của các mốc tiến độ phải tăng dần và không được trùng nhau.",
                "Milestone dates must be strictly increasing, with no duplicates.",
            ));
        }
        if p.percent < prev.percent {
            errors.push(FieldError::new(
                format!("baseline[{i}].percent"),
                "baseline_percent_decreasing",
                "Tỷ lệ kế hoạch của một mốc không được nhỏ hơn mốc liền trước.",
                "A milestone percentage must not be lower than the previous milestone's.",
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pt(date: NaiveDate, bp: i32) -> BaselinePoint {
        BaselinePoint {
            date,
            percent: Percent::from_basis_points(bp),
        }
    }

    #[test]
    fn linear_without_baseline() {
        let (s, e) = (d(2025, 1, 1), d(2025, 1, 11));
        assert_eq!(planned_percent_at(s, e, &[], d(2024, 12, 31)), Percent::ZERO);
        assert_eq!(planned_percent_at(s, e, &[], s), Percent::ZERO);
        assert_eq!(planned_percent_at(s, e, &[], d(2025, 1, 6)).basis_points(), 5_000);
        assert_eq!(planned_percent_at(s, e, &[], e), Percent::HUNDRED);
        assert_eq!(planned_percent_at(s, e, &[], d(2026, 1, 1)), Percent::HUNDRED);
        // 1/3 of the way rounds to the nearest basis point.
        let e3 = d(2025, 1, 4);
        assert_eq!(planned_percent_at(s, e3, &[], d(2025, 1, 2)).basis_points(), 3_333);
    }

    #[test]
    fn piecewise_through_unsorted_points_ignoring_outsiders() {
        let (s, e) = (d(2025, 1, 1), d(2025, 1, 21));
        let pts = [
            pt(d(2025, 1, 11), 2_000),
            pt(d(2030, 1, 1), 100),
            pt(d(2024, 1, 1), 9_000),
        ];
        assert_eq!(planned_percent_at(s, e, &pts, d(2025, 1, 6)).basis_points(), 1_000);
        assert_eq!(planned_percent_at(s, e, &pts, d(2025, 1, 11)).basis_points(), 2_000);
        assert_eq!(planned_percent_at(s, e, &pts, d(2025, 1, 16)).basis_points(), 6_000);
    }

    #[test]
    fn decreasing_points_cannot_make_the_plan_go_backwards() {
        let (s, e) = (d(2025, 1, 1), d(2025, 1, 31));
        let pts = [pt(d(2025, 1, 11), 6_000), pt(d(2025, 1, 21), 3_000)];
        let at = |day| planned_percent_at(s, e, &pts, d(2025, 1, day)).basis_points();
        assert_eq!(at(11), 6_000);
        assert_eq!(at(16), 6_000);
        assert_eq!(at(21), 6_000);
    }

    #[test]
    fn validation_reports_each_problem_at_its_field() {
        let (s, e) = (d(2025, 1, 1), d(2025, 12, 31));
        let pts = [
            pt(d(2025, 3, 1), 2_000),
            pt(d(2025, 3, 1), 1_000),
            pt(d(2026, 1, 1), 9_000),
        ];
        let errs = validate_baseline(s, e, &pts);
        assert_eq!(
            errs.fields(),
            ["baseline[1].date", "baseline[1].percent", "baseline[2].date"]
        );
        assert_eq!(errs.0[2].code, "baseline_date_out_of_range");
        assert!(errs.0[2].message_vi.contains("01/01/2025 – 31/12/2025"));
        assert!(validate_baseline(s, e, &[pt(s, 0), pt(e, 10_000)]).is_empty());
    }

    fn arb_points() -> impl Strategy<Value = Vec<BaselinePoint>> {
        prop::collection::vec((0i64..400, 0i32..=10_000), 0..6).prop_map(|v| {
            v.into_iter()
                .map(|(off, bp)| pt(d(2025, 1, 1) + chrono::Days::new(off as u64), bp))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn never_decreasing_and_bounded(
            start_off in 0i64..200, len in 1i64..300, pts in arb_points(),
            a in 0i64..600, b in 0i64..600,
        ) {
            let base = d(2024, 10, 1);
            let s = base + chrono::Days::new(start_off as u64);
            let e = s + chrono::Days::new(len as u64);
            let (lo, hi) = (a.min(b), a.max(b));
            let p_lo = planned_percent_at(s, e, &pts, base + chrono::Days::new(lo as u64));
            let p_hi = planned_percent_at(s, e, &pts, base + chrono::Days::new(hi as u64));
            prop_assert!(p_lo <= p_hi);
            prop_assert_eq!(planned_percent_at(s, e, &pts, e), Percent::HUNDRED);
        }

        #[test]
        fn valid_baselines_pass_through_their_points(pts in arb_points()) {
            let (s, e) = (d(2025, 1, 1), d(2026, 2, 5));
            let mut pts = pts;
            pts.sort_by_key(|p| p.date);
            pts.dedup_by_key(|p| p.date);
            let mut bps: Vec<i32> = pts.iter().map(|p| p.percent.basis_points()).collect();
            bps.sort();
            for (p, bp) in pts.iter_mut().zip(bps) {
                p.percent = Percent::from_basis_points(bp);
            }
            prop_assert!(validate_baseline(s, e, &pts).is_empty());
            for p in pts.iter().filter(|p| p.date < e) {
                prop_assert_eq!(planned_percent_at(s, e, &pts, p.date), p.percent);
            }
        }
    }
}
