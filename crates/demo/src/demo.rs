//! Assembles the realistic demo data set from the catalogue.

use chrono::NaiveDate;
use ioc_domain::dto::{DifficultyInput, ProjectInput};
use ioc_domain::{planned_percent_at, BaselinePoint, DifficultyStatus, Percent, Phase};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::history::{self, days, friday_on_or_before, report_dates, Progress};
use crate::issues::{Issue, State, ISSUES};
use crate::projects::{Spec, Target, Works, CATALOGUE};
use crate::{places, units, DemoData, DemoDifficulty, DemoProject};

/// At most this many weekly reports per project (a year of history).
const MAX_WEEKS: usize = 52;
/// Preparation-phase projects report on procedures for this many weeks.
const PREP_WEEKS: usize = 8;

pub(crate) fn dataset(today: NaiveDate) -> DemoData {
    DemoData {
        localities: places::localities(),
        units: units::units(),
        users: units::users(),
        projects: CATALOGUE
            .iter()
            .enumerate()
            .map(|(i, spec)| project(spec, i as u64, today))
            .collect(),
    }
}

/// S-shaped plan: slow start (site clearance), fast middle, slow finish.
fn s_curve(start: NaiveDate, dur: i64) -> Vec<BaselinePoint> {
    [(1, 1_500), (2, 4_500), (3, 8_000)]
        .into_iter()
        .map(|(quarter, bp)| BaselinePoint {
            date: start + days(dur * quarter / 4),
            percent: Percent::from_basis_points(bp),
        })
        .collect()
}

fn project(spec: &Spec, index: u64, today: NaiveDate) -> DemoProject {
    let mut rng = StdRng::seed_from_u64(0x00D0_2026 ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let planned_start = today + days(spec.start);
    let planned_end = planned_start + days(spec.dur);
    let baseline = if spec.baseline {
        s_curve(planned_start, spec.dur)
    } else {
        Vec::new()
    };
    let planned_bp = planned_percent_at(planned_start, planned_end, &baseline, today).basis_points();
    let last = friday_on_or_before(today) - days(7 * spec.stale_weeks);
    let started = planned_start + days(spec.delay);
    let (phase, actual_start, actual_end, dates, final_bp) = match spec.target {
        Target::Gap(gap) => (
            Phase::Implementation,
            Some(started),
            None,
            report_dates(started, last, MAX_WEEKS),
            (planned_bp + gap).clamp(0, 9_999),
        ),
        Target::Overdue(bp) => (
            Phase::Implementation,
            Some(started),
            None,
            report_dates(started, last, MAX_WEEKS),
            bp,
        ),
        Target::Done { ago } => {
            let end = friday_on_or_before(today - days(ago));
            (
                Phase::Completion,
                Some(started),
                Some(end),
                report_dates(started, end, MAX_WEEKS),
                10_000,
            )
        }
        Target::Prep => (
            Phase::Preparation,
            None,
            None,
            report_dates(today - days(366), last, PREP_WEEKS),
            0,
        ),
    };
    // Progress on the first report date, in proportion to the time worked by then.
    let start_bp = match (actual_start, dates.first(), dates.last()) {
        (Some(s), Some(&first), Some(&end)) if end > s => {
            (i64::from(final_bp) * (first - s).num_days() / (end - s).num_days()) as i32
        }
        _ => final_bp,
    };
    let works = spec.works.unwrap_or(Works::of(spec.sector));
    let reports = history::weekly_reports(
        &mut rng,
        &Progress {
            works,
            total: spec.total_m * 1_000_000,
            output_permille: match works {
                Works::Road => 620,
                Works::Digital => 850,
                _ => 780,
            },
            dates: &dates,
            start_bp,
            final_bp,
            stall_permille: if matches!(spec.target, Target::Gap(g) if g <= -1_000) {
                220
            } else {
                70
            },
            preparation: phase == Phase::Preparation,
            handover: phase == Phase::Completion,
            correction: spec.correction,
        },
    );
    let (capital_plans, disbursements) = history::finance(
        &mut rng,
        today,
        planned_start - days(365),
        spec.total_m * 1_000_000,
        &spec.fin,
    );
    let place = places::place(spec.places[0]).expect("catalogue places exist");
    let jitter = |rng: &mut StdRng| f64::from(rng.random_range(-80..=80)) / 10_000.0;
    let input = ProjectInput {
        code: spec.code.to_owned(),
        name: spec.name.to_owned(),
        description: format!("{} Số liệu mẫu (sample data) phục vụ trình diễn.", spec.scope),
        group: spec.group,
        sector: spec.sector,
        phase,
        investor_unit_id: 0,
        managing_unit_id: None,
        locality_codes: spec.places.iter().map(|c| (*c).to_owned()).collect(),
        latitude: Some(place.lat + jitter(&mut rng)),
        longitude: Some(place.lon + jitter(&mut rng)),
        is_key_project: true,
        total_investment: history::vnd(spec.total_m * 1_000_000),
        planned_start,
        planned_end,
        actual_start,
        actual_end,
        baseline,
    };
    DemoProject {
        input,
        investor_code: spec.investor.to_owned(),
        managing_code: spec.managing.map(str::to_owned),
        reports,
        capital_plans,
        disbursements,
        difficulties: ISSUES
            .iter()
            .filter(|i| i.project == spec.code)
            .map(|i| difficulty(i, today))
            .collect(),
    }
}

fn difficulty(issue: &Issue, today: NaiveDate) -> DemoDifficulty {
    let (status, resolved_on, resolution_note) = match issue.state {
        State::Open => (DifficultyStatus::Open, None, None),
        State::InProgress => (DifficultyStatus::InProgress, None, None),
        State::Resolved { ago, note } => (
            DifficultyStatus::Resolved,
            Some(today - days(ago)),
            Some(note.to_owned()),
        ),
    };
    DemoDifficulty {
        input: DifficultyInput {
            category: issue.category,
            title: issue.title.to_owned(),
            detail: issue.detail.to_owned(),
            proposed_solution: issue.solution.to_owned(),
            responsible_unit_id: None,
            needs_leader_direction: issue.leader,
            status,
            raised_on: today - days(issue.raised),
            resolved_on,
            resolution_note,
        },
        responsible_code: issue.responsible.map(str::to_owned),
    }
}
