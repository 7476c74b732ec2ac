//! Synthetic projects for benchmarks: many projects, a fixed number of weekly reports each.

use chrono::NaiveDate;
use ioc_domain::dto::{DifficultyInput, ProjectInput};
use ioc_domain::{
    planned_percent_at, CapitalSource, DifficultyCategory, DifficultyStatus, Phase, ProjectGroup, Sector,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::history::{self, days, Progress};
use crate::places::PLACES;
use crate::projects::{Fin, Pace, Works};
use crate::units::PROJECT_OWNERS;
use crate::{phrases, DemoDifficulty, DemoProject};

const SOURCES: [&[(CapitalSource, u32)]; 4] = [
    &[(CapitalSource::CentralBudget, 100)],
    &[(CapitalSource::ProvincialBudget, 100)],
    &[(CapitalSource::Oda, 100)],
    &[(CapitalSource::Other, 100)],
];

/// Responsible units of synthetic difficulties.
const RESPONSIBLE: &[&str] = &["TTPTQD", "SXD", "STC", "SNNMT"];

pub(crate) fn projects(n: usize, weeks: usize, seed: u64, today: NaiveDate) -> Vec<DemoProject> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|i| project(&mut rng, i, weeks, today)).collect()
}

fn pick<T: Copy>(rng: &mut StdRng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

fn project(rng: &mut StdRng, i: usize, weeks: usize, today: NaiveDate) -> DemoProject {
    // Transport is the largest sector, as in the real portfolio.
    let sector = if rng.random_ratio(2, 5) {
        Sector::Transport
    } else {
        pick(rng, Sector::ALL)
    };
    let (group, total_m) = match rng.random_range(0..100) {
        0..3 => (ProjectGroup::National, rng.random_range(10_000_000..=40_000_000)),
        3..20 => (ProjectGroup::A, rng.random_range(2_300_000..=10_000_000)),
        20..75 => (ProjectGroup::B, rng.random_range(100_000..=2_300_000)),
        _ => (ProjectGroup::C, rng.random_range(10_000..=100_000)),
    };
    let total = total_m * 1_000_000;
    let phase = match rng.random_range(0..100) {
        0..15 => Phase::Preparation,
        15..90 => Phase::Implementation,
        _ => Phase::Completion,
    };
    let dates: Vec<NaiveDate> = (0..weeks).map(|k| today - days(7 * (weeks - 1 - k) as i64)).collect();
    let first = dates.first().copied().unwrap_or(today);
    let planned_start = first - days(rng.random_range(0..=300));
    let planned_end = planned_start + days(rng.random_range(365..=1800));
    let planned_bp = planned_percent_at(planned_start, planned_end, &[], today).basis_points();
    let actual_start = (phase != Phase::Preparation)
        .then(|| planned_start + days(rng.random_range(0..=(first - planned_start).num_days().min(60))));
    let final_bp = match phase {
        Phase::Preparation => 0,
        Phase::Implementation => (planned_bp + rng.random_range(-2_500..=1_500)).clamp(0, 9_999),
        Phase::Completion => 10_000,
    };
    let start_bp = match actual_start {
        Some(s) if today > s => (i64::from(final_bp) * (first - s).num_days() / (today - s).num_days()) as i32,
        _ => final_bp,
    };
    let works = Works::of(sector);
    let reports = history::weekly_reports(
        rng,
        &Progress {
            works,
            total,
            output_permille: 700,
            dates: &dates,
            start_bp,
            final_bp,
            stall_permille: 100,
            preparation: phase == Phase::Preparation,
            handover: phase == Phase::Completion,
            correction: false,
        },
    );
    let fin = Fin {
        sources: pick(rng, &SOURCES),
        cur: rng.random_range(50..=300),
        prev: 0,
        pace: if rng.random_ratio(3, 10) {
            Pace::Slow
        } else {
            Pace::OnPlan
        },
        schedule: None,
    };
    let (capital_plans, disbursements) = history::finance(rng, today, planned_start - days(365), total, &fin);
    let place_count = rng.random_range(1..=3);
    let mut locality_codes: Vec<String> = Vec::with_capacity(place_count);
    while locality_codes.len() < place_count {
        let code = pick(rng, PLACES).code;
        if !locality_codes.iter().any(|c| c == code) {
            locality_codes.push(code.to_owned());
        }
    }
    let place = pick(rng, PLACES);
    let difficulties = (0..rng.random_range(0..=3)).map(|_| difficulty(rng, today)).collect();
    DemoProject {
        input: ProjectInput {
            code: format!("SYN-{:06}", i + 1),
            name: format!("Dự án mẫu số {:06} – {} – {}", i + 1, sector.label_vi(), place.name),
            description: "Dự án tổng hợp phục vụ đo hiệu năng (benchmark). Số liệu mẫu (sample data).".to_owned(),
            group,
            sector,
            phase,
            investor_unit_id: 0,
            managing_unit_id: None,
            locality_codes,
            latitude: Some(place.lat + f64::from(rng.random_range(-300..=300)) / 10_000.0),
            longitude: Some(place.lon + f64::from(rng.random_range(-300..=300)) / 10_000.0),
            is_key_project: true,
            total_investment: history::vnd(total),
            planned_start,
            planned_end,
            actual_start,
            actual_end: (phase == Phase::Completion).then_some(dates.last().copied().unwrap_or(today)),
            baseline: Vec::new(),
        },
        investor_code: pick(rng, PROJECT_OWNERS).to_owned(),
        managing_code: None,
        reports,
        capital_plans,
        disbursements,
        difficulties,
    }
}

fn difficulty(rng: &mut StdRng, today: NaiveDate) -> DemoDifficulty {
    let category = pick(rng, DifficultyCategory::ALL);
    let status = pick(rng, DifficultyStatus::ALL);
    let raised_on = today - days(rng.random_range(0..=300));
    let resolved = status == DifficultyStatus::Resolved;
    let resolved_on = resolved.then(|| raised_on + days(rng.random_range(0..=(today - raised_on).num_days())));
    DemoDifficulty {
        input: DifficultyInput {
            category,
            title: phrases::difficulty_title(category).to_owned(),
            detail: String::new(),
            proposed_solution: String::new(),
            responsible_unit_id: None,
            needs_leader_direction: rng.random_ratio(1, 4),
            status,
            raised_on,
            resolved_on,
            resolution_note: resolved.then(|| "Đã xử lý xong.".to_owned()),
        },
        responsible_code: rng.random_bool(0.7).then(|| pick(rng, RESPONSIBLE).to_owned()),
    }
}
