//! Disbursement (giải ngân) of the year's capital plan against a monthly schedule.
//!
//! Public investment in Việt Nam is paid out late in the year: contracts are signed in the
//! first quarter and most volume is accepted and paid from the third quarter on. Judging a
//! project against a straight line would flag nearly everything as slow in spring, so each
//! year's plan is measured against a cumulative monthly curve.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{DisbursementStatus, FieldError, Percent, Thresholds, ValidationErrors, VndTotal};

/// Planned cumulative share (%) of the year's capital plan disbursed by the END of each month,
/// January first. Serialised as a JSON array of 12 decimal strings; deserialising checks the
/// same rules as [`MonthlySchedule::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, example = json!(["2", "5", "10", "16", "23", "32", "40", "48", "57", "67", "80", "95"])))]
#[serde(try_from = "Vec<Decimal>")]
pub struct MonthlySchedule(pub [Percent; 12]);

impl MonthlySchedule {
    /// The province-wide default curve, used when a project has no schedule of its own. It is
    /// back-loaded like actual provincial disbursement: about a third by the end of June, 95 %
    /// by 31 December (the rest is typically paid in the January extension period).
    pub fn province_default() -> Self {
        const PCT: [i32; 12] = [2, 5, 10, 16, 23, 32, 40, 48, 57, 67, 80, 95];
        MonthlySchedule(PCT.map(|p| Percent::from_basis_points(p * 100)))
    }

    /// Parses 12 monthly cumulative percentages entered for `field`. Each must be a valid
    /// percentage and none may be lower than the month before (cumulative figures cannot
    /// shrink). Errors name `field` (wrong count) or `field[i]`.
    pub fn parse(field: &str, values: &[Decimal]) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if values.len() != 12 {
            errors.push(FieldError::new(
                field,
                "schedule_length",
                "Kế hoạch giải ngân phải có đúng 12 giá trị, từ tháng 1 đến tháng 12.",
                "The disbursement schedule must have exactly 12 values, January to December.",
            ));
        }
        let mut months = [Percent::ZERO; 12];
        let mut prev: Option<Percent> = None;
        for (i, v) in values.iter().enumerate() {
            let item = format!("{field}[{i}]");
            let Some(p) = errors.check(Percent::parse(&item, *v)) else {
                prev = None;
                continue;
            };
            if prev.is_some_and(|q| p < q) {
                errors.push(FieldError::new(
                    item,
                    "schedule_decreasing",
                    "Tỷ lệ giải ngân lũy kế của một tháng không được nhỏ hơn tháng trước.",
                    "A month's cumulative percentage must not be lower than the previous month's.",
                ));
            }
            if let Some(slot) = months.get_mut(i) {
                *slot = p;
            }
            prev = Some(p);
        }
        errors.into_result(|| MonthlySchedule(months))
    }

    /// Planned cumulative share on `date`, rising linearly through the month from the previous
    /// month-end figure (0 % before January) on the 1st to this month's figure on the last day.
    /// Pinning both ends to whole days means the figures users typed appear exactly on those
    /// days; the cost is that the 1st repeats the previous month-end figure.
    pub fn planned_percent_at(&self, date: NaiveDate) -> Percent {
        let m = date.month0() as usize;
        // Running maximum: a schedule built directly (not parsed) still never goes backwards.
        let prev = self.0[..m]
            .iter()
            .map(|p| i64::from(p.basis_points()))
            .max()
            .unwrap_or(0);
        let cur = i64::from(self.0[m].basis_points()).max(prev);
        let last_day = i64::from(days_in_month(date));
        let (num, den) = ((cur - prev) * (i64::from(date.day()) - 1), last_day - 1);
        Percent::from_basis_points((prev + (2 * num + den) / (2 * den)) as i32)
    }

    /// The amount-weighted mean of several plans' schedules, so a large ODA plan with its own
    /// curve weighs accordingly; the province default when the amounts add up to nothing.
    /// Integer arithmetic in basis points: exact for any totals, rounded half away from zero.
    pub fn weighted(parts: &[(VndTotal, MonthlySchedule)]) -> MonthlySchedule {
        let total = parts.iter().map(|(a, _)| *a).sum::<VndTotal>().dong();
        if total == 0 {
            return MonthlySchedule::province_default();
        }
        let mut months = [Percent::ZERO; 12];
        for (m, slot) in months.iter_mut().enumerate() {
            let acc = parts.iter().fold(0i128, |acc, (a, s)| {
                acc.saturating_add(a.dong().saturating_mul(i128::from(s.0[m].basis_points())))
            });
            let bp = crate::money::div_half_away(acc, total);
            *slot = Percent::from_basis_points(i32::try_from(bp).unwrap_or(10_000));
        }
        MonthlySchedule(months)
    }
}

fn days_in_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let first_next = NaiveDate::from_ymd_opt(next.0, next.1, 1).expect("valid month start");
    (first_next - chrono::Days::new(1)).day()
}

impl TryFrom<Vec<Decimal>> for MonthlySchedule {
    type Error = String;
    fn try_from(values: Vec<Decimal>) -> Result<Self, Self::Error> {
        MonthlySchedule::parse("schedule", &values).map_err(|e| e.to_string())
    }
}

/// Disbursed amount as a percentage of the plan, rounded half-up to 2 decimals; `None` when
/// there is no plan (a rate of nothing is meaningless, not 0 % or 100 %). May exceed 100 when
/// more was paid than planned, which the dashboard must show rather than hide.
pub fn disbursement_rate(disbursed: impl Into<VndTotal>, plan: impl Into<VndTotal>) -> Option<Decimal> {
    let plan = plan.into().dong();
    if plan == 0 {
        return None;
    }
    // Exact integer arithmetic in hundredths of a percent. Totals are sums of BIGINTs, far
    // below i128's range even times 20 000; a rate too large for a Decimal (only a tiny plan
    // against an absurd total) reads as the largest Decimal rather than failing.
    let hundredths = disbursed
        .into()
        .dong()
        .checked_mul(20_000)
        .and_then(|n| n.checked_add(plan))
        .map_or(i128::MAX, |n| n / (2 * plan));
    Some(Decimal::try_from_i128_with_scale(hundredths, 2).unwrap_or(Decimal::MAX))
}

/// Whether disbursement keeps pace with `schedule` on `as_of`: `Slow` when the rate trails the
/// planned cumulative share by more than `slow_disbursement_gap_pp`, `NoPlan` without a plan.
pub fn disbursement_status(
    disbursed: VndTotal,
    plan: VndTotal,
    schedule: &MonthlySchedule,
    as_of: NaiveDate,
    t: &Thresholds,
) -> DisbursementStatus {
    let Some(rate) = disbursement_rate(disbursed, plan) else {
        return DisbursementStatus::NoPlan;
    };
    let planned = schedule.planned_percent_at(as_of).value();
    if rate < planned - t.slow_disbursement_gap_pp {
        DisbursementStatus::Slow
    } else {
        DisbursementStatus::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn vnd(v: i64) -> VndTotal {
        VndTotal::from(crate::Vnd::from_db(v))
    }

    #[test]
    fn default_curve_is_linear_within_each_month() {
        let s = MonthlySchedule::province_default();
        assert_eq!(s.planned_percent_at(d(2025, 1, 1)), Percent::ZERO);
        assert_eq!(s.planned_percent_at(d(2025, 1, 16)).value(), dec!(1));
        assert_eq!(s.planned_percent_at(d(2025, 1, 31)).value(), dec!(2));
        assert_eq!(s.planned_percent_at(d(2025, 2, 1)).value(), dec!(2));
        assert_eq!(s.planned_percent_at(d(2024, 2, 29)).value(), dec!(5));
        assert_eq!(s.planned_percent_at(d(2025, 6, 30)).value(), dec!(32));
        assert_eq!(s.planned_percent_at(d(2025, 12, 31)).value(), dec!(95));
    }

    #[test]
    fn parse_checks_count_range_and_order() {
        let ok: Vec<Decimal> = MonthlySchedule::province_default().0.map(|p| p.value()).to_vec();
        assert_eq!(
            MonthlySchedule::parse("s", &ok).unwrap(),
            MonthlySchedule::province_default()
        );
        assert_eq!(MonthlySchedule::parse("s", &ok[..11]).unwrap_err().fields(), ["s"]);
        let mut bad = ok.clone();
        bad[3] = dec!(101);
        bad[7] = dec!(1);
        let errs = MonthlySchedule::parse("s", &bad).unwrap_err();
        assert_eq!(errs.fields(), ["s[3]", "s[7]"]);
        assert_eq!(errs.0[1].code, "schedule_decreasing");
    }

    #[test]
    fn serde_is_an_array_of_strings_and_validates() {
        let s = MonthlySchedule::province_default();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.starts_with(r#"["2","5","10""#), "{json}");
        assert_eq!(serde_json::from_str::<MonthlySchedule>(&json).unwrap(), s);
        assert!(serde_json::from_str::<MonthlySchedule>(r#"["5","2"]"#).is_err());
        let decreasing = json.replace(r#""10""#, r#""1""#);
        assert!(serde_json::from_str::<MonthlySchedule>(&decreasing).is_err());
    }

    #[test]
    fn rate_rounds_and_may_exceed_the_plan() {
        assert_eq!(disbursement_rate(vnd(1), vnd(0)), None);
        assert_eq!(disbursement_rate(vnd(1), vnd(3)), Some(dec!(33.33)));
        assert_eq!(disbursement_rate(vnd(2), vnd(3)), Some(dec!(66.67)));
        assert_eq!(disbursement_rate(vnd(150), vnd(100)), Some(dec!(150)));
        assert_eq!(
            disbursement_rate(vnd(i64::MAX), vnd(1)).unwrap(),
            Decimal::from(i64::MAX) * dec!(100)
        );
    }

    #[test]
    fn the_weighted_schedule_follows_the_larger_plan_whatever_the_totals() {
        let flat = MonthlySchedule([Percent::from_basis_points(10_000); 12]);
        let max = VndTotal::from(crate::Vnd::MAX);
        let many_max = (0..2000).map(|_| max).sum::<VndTotal>();
        let w = MonthlySchedule::weighted(&[(many_max, flat), (max, MonthlySchedule::province_default())]);
        assert!(w.0[0].basis_points() > 9_990, "{:?}", w.0[0]);
        assert_eq!(MonthlySchedule::weighted(&[]), MonthlySchedule::province_default());
        let half = MonthlySchedule::weighted(&[(vnd(1), flat), (vnd(1), MonthlySchedule::province_default())]);
        assert_eq!(half.0[0].basis_points(), 5_100);
    }

    #[test]
    fn status_against_the_schedule() {
        let (s, t) = (MonthlySchedule::province_default(), Thresholds::default());
        let june_end = d(2025, 6, 30); // planned 32 %, slow below 22 %
        assert_eq!(
            disbursement_status(vnd(5), vnd(0), &s, june_end, &t),
            DisbursementStatus::NoPlan
        );
        assert_eq!(
            disbursement_status(vnd(21), vnd(100), &s, june_end, &t),
            DisbursementStatus::Slow
        );
        assert_eq!(
            disbursement_status(vnd(22), vnd(100), &s, june_end, &t),
            DisbursementStatus::OnTrack
        );
    }

    proptest! {
        #[test]
        fn rate_is_monotone_in_disbursed(a in 0i64..i64::MAX, b in 0i64..i64::MAX, plan in 1i64..i64::MAX) {
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(disbursement_rate(vnd(lo), vnd(plan)) <= disbursement_rate(vnd(hi), vnd(plan)));
        }

        #[test]
        fn planned_share_is_monotone_within_a_year(
            year in 2000i32..2100, a in 0u64..366, b in 0u64..366, raw in prop::array::uniform12(0i32..=10_000),
        ) {
            let mut bps = raw;
            bps.sort();
            let s = MonthlySchedule(bps.map(Percent::from_basis_points));
            let jan1 = d(year, 1, 1);
            let (lo, hi) = (jan1 + chrono::Days::new(a.min(b)), jan1 + chrono::Days::new(a.max(b)));
            prop_assume!(hi.year() == year);
            prop_assert!(s.planned_percent_at(lo) <= s.planned_percent_at(hi));
            prop_assert_eq!(s.planned_percent_at(d(year, 12, 31)), s.0[11]);
        }
    }
}
