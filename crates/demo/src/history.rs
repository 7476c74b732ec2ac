//! Generated history of a project: weekly progress reports, yearly capital plans and
//! disbursements. Deterministic for a given random generator state.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use ioc_domain::dto::{CapitalPlanInput, DisbursementInput, ProgressReportInput};
use ioc_domain::MonthlySchedule;
use rand::rngs::StdRng;
use rand::Rng;
use rust_decimal::Decimal;

use crate::phrases;
use crate::projects::{Fin, Pace, Works};

const MILLION: i64 = 1_000_000;
const HUNDRED_MILLION: i64 = 100_000_000;

pub(crate) fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// The latest Friday on or before `d` (units report at the end of each working week).
pub(crate) fn friday_on_or_before(d: NaiveDate) -> NaiveDate {
    let back = (d.weekday().num_days_from_monday() + 7 - Weekday::Fri.num_days_from_monday()) % 7;
    d - days(i64::from(back))
}

/// Weekly dates (Fridays) after `start`, ending at `last`, at most `max` of them.
pub(crate) fn report_dates(start: NaiveDate, last: NaiveDate, max: usize) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let mut d = last;
    while d > start && dates.len() < max {
        dates.push(d);
        d -= days(7);
    }
    dates.reverse();
    dates
}

pub(crate) fn pct(bp: i32) -> Decimal {
    Decimal::new(i64::from(bp), 2)
}

pub(crate) fn vnd(amount: i64) -> Decimal {
    Decimal::from(amount)
}

fn floor_to(amount: i64, unit: i64) -> i64 {
    amount / unit * unit
}

/// How one project's physical progress unfolds over its report dates.
pub(crate) struct Progress<'a> {
    pub works: Works,
    pub total: i64,
    /// Output value at 100 % as ‰ of the total investment (the rest is land, contingency…).
    pub output_permille: i64,
    pub dates: &'a [NaiveDate],
    /// Progress on the first report date and on the last one, in basis points.
    pub start_bp: i32,
    pub final_bp: i32,
    /// Chance (‰) that a week brings no progress.
    pub stall_permille: u32,
    /// No physical works yet: reports talk about procedures.
    pub preparation: bool,
    /// The last report is the handover.
    pub handover: bool,
    /// One report corrects the previous one downwards.
    pub correction: bool,
}

/// Cumulative progress per date, non-decreasing, from `start_bp` to exactly `final_bp`.
fn progress_curve(rng: &mut StdRng, p: &Progress) -> Vec<i32> {
    let n = p.dates.len();
    if n == 0 {
        return Vec::new();
    }
    let mut weights: Vec<i64> = (0..n)
        .map(|i| match i {
            0 => 0,
            _ if rng.random_ratio(p.stall_permille, 1000) => 0,
            _ => rng.random_range(40..=160),
        })
        .collect();
    let total: i64 = weights.iter().sum();
    if total == 0 {
        weights[n - 1] = 1;
    }
    let total: i64 = weights.iter().sum();
    let (start, span) = (i64::from(p.start_bp), i64::from(p.final_bp) - i64::from(p.start_bp));
    let mut cum = 0i64;
    weights
        .iter()
        .map(|w| {
            cum += w;
            if n == 1 {
                p.final_bp
            } else {
                (start + span * cum / total) as i32
            }
        })
        .collect()
}

pub(crate) fn weekly_reports(rng: &mut StdRng, p: &Progress) -> Vec<ProgressReportInput> {
    let mut values = progress_curve(rng, p);
    let n = values.len();
    let corrected = (p.correction && n > 12).then(|| n - 9);
    if let Some(k) = corrected {
        // The week before the correction over-reported by 1.5 points.
        values[k - 1] = values[k - 1].max(values[k] + 150).min(10_000);
    }
    let output = |bp: i32| {
        let v = i128::from(p.total) * i128::from(p.output_permille) * i128::from(bp) / 10_000_000;
        floor_to(v as i64, MILLION)
    };
    let mut reports = Vec::with_capacity(n);
    for (i, (&as_of, &bp)) in p.dates.iter().zip(&values).enumerate() {
        let pick = rng.random_range(0..64usize);
        let delta = i.checked_sub(1).map(|j| (bp - values[j]).max(0));
        let (work_done, next_week_plan) = if corrected == Some(i) {
            (phrases::corrected(bp), phrases::next_week_plan(p.works, bp, pick))
        } else if p.preparation {
            phrases::preparation(pick)
        } else if p.handover && i == n - 1 {
            (phrases::HANDOVER.to_owned(), phrases::SETTLEMENT.to_owned())
        } else {
            (
                phrases::work_done(p.works, bp, delta, pick),
                phrases::next_week_plan(p.works, bp, pick),
            )
        };
        reports.push(ProgressReportInput {
            as_of,
            actual_percent: pct(bp),
            output_value: vnd(output(bp)),
            work_done,
            next_week_plan,
            correction_reason: (corrected == Some(i)).then(|| phrases::CORRECTION.to_owned()),
        });
    }
    reports
}

/// The schedule a year's disbursement is measured against.
pub(crate) fn schedule_of(fin: &Fin) -> MonthlySchedule {
    fin.schedule
        .and_then(|s| MonthlySchedule::parse("schedule", &s.map(Decimal::from)).ok())
        .unwrap_or_else(MonthlySchedule::province_default)
}

fn plans_for_year(year: i32, total: i64, permille: u32, fin: &Fin, plans: &mut Vec<CapitalPlanInput>) -> i64 {
    let plan = floor_to(total * i64::from(permille) / 1000, HUNDRED_MILLION).max(HUNDRED_MILLION);
    let mut left = plan;
    for (i, (source, share)) in fin.sources.iter().enumerate() {
        let amount = if i + 1 == fin.sources.len() {
            left
        } else {
            floor_to(plan * i64::from(*share) / 100, HUNDRED_MILLION)
        };
        left -= amount;
        plans.push(CapitalPlanInput {
            year,
            source: *source,
            amount: vnd(amount),
            schedule: fin.schedule.map(|s| s.iter().map(|p| Decimal::from(*p)).collect()),
            note: format!(
                "Kế hoạch vốn năm {year} ({}). Số liệu mẫu (sample data).",
                source.label_vi()
            ),
        });
    }
    plan
}

/// Payments in `year` between `from` and `cutoff`, adding up to `ratio_bp` of `plan` (never
/// more).
fn payments(
    rng: &mut StdRng,
    year: i32,
    (from, cutoff): (NaiveDate, NaiveDate),
    plan: i64,
    ratio_bp: i64,
    schedule: &MonthlySchedule,
    out: &mut Vec<DisbursementInput>,
) {
    let mut slots = Vec::new();
    let mut prev = 0i64;
    for (m, p) in schedule.0.iter().enumerate() {
        let bp = i64::from(p.basis_points());
        let Some(date) = NaiveDate::from_ymd_opt(year, m as u32 + 1, rng.random_range(5..=26)) else {
            continue;
        };
        let weight = ((bp - prev).max(0) + 50) * rng.random_range(60..=140);
        prev = prev.max(bp);
        if from <= date && date <= cutoff {
            slots.push((date, weight));
        }
    }
    let target = floor_to(plan * ratio_bp.clamp(0, 10_000) / 10_000, MILLION);
    let all: i64 = slots.iter().map(|s| s.1).sum();
    if all == 0 || target == 0 {
        return;
    }
    let notes = phrases::DISBURSEMENT_NOTES;
    let (mut cum_w, mut paid, mut n) = (0i64, 0i64, 0);
    for (date, w) in slots {
        cum_w += w;
        let cum = floor_to(
            (i128::from(target) * i128::from(cum_w) / i128::from(all)) as i64,
            MILLION,
        );
        let amount = cum - paid;
        if amount > 0 {
            paid = cum;
            n += 1;
            let note = notes[rng.random_range(0..notes.len())];
            out.push(DisbursementInput {
                paid_on: date,
                amount: vnd(amount),
                note: format!("{note} đợt {n}/{year}."),
            });
        }
    }
}

/// Capital plans for last year and this year, and the disbursements paid against them
/// (none before `from`: site clearance and preparation are paid up to a year ahead of works).
pub(crate) fn finance(
    rng: &mut StdRng,
    today: NaiveDate,
    from: NaiveDate,
    total: i64,
    fin: &Fin,
) -> (Vec<CapitalPlanInput>, Vec<DisbursementInput>) {
    let (mut plans, mut paid) = (Vec::new(), Vec::new());
    let schedule = schedule_of(fin);
    let year = today.year();
    if fin.prev > 0 {
        let plan = plans_for_year(year - 1, total, fin.prev, fin, &mut plans);
        let ratio = match fin.pace {
            Pace::OnPlan => rng.random_range(8_500..=9_800),
            Pace::Slow => rng.random_range(5_500..=7_500),
        };
        let dec31 = NaiveDate::from_ymd_opt(year - 1, 12, 31).expect("valid date");
        payments(rng, year - 1, (from, dec31), plan, ratio, &schedule, &mut paid);
    }
    if fin.cur > 0 {
        let plan = plans_for_year(year, total, fin.cur, fin, &mut plans);
        let due = i64::from(schedule.planned_percent_at(today).basis_points());
        let ratio = match fin.pace {
            Pace::OnPlan => (due * rng.random_range(95..=110) / 100).min(9_800),
            Pace::Slow => due * rng.random_range(25..=45) / 100,
        };
        payments(rng, year, (from, today), plan, ratio, &schedule, &mut paid);
    }
    paid.sort_by_key(|d| d.paid_on);
    (plans, paid)
}
