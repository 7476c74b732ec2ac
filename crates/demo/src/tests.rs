use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};
use ioc_domain::dto::{PreviousReport, UserInput};
use ioc_domain::{
    disbursement_status, planned_percent_at, progress_status, DifficultyCategory, DifficultyStatus, DisbursementStatus,
    MonthlySchedule, Percent, ProgressFacts, ProgressStatus, Thresholds, Vnd, VndTotal,
};
use rust_decimal::Decimal;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAYS: [(i32, u32, u32); 4] = [(2026, 11, 25), (2027, 3, 1), (2026, 6, 19), (2027, 1, 4)];

fn vnd(v: Decimal) -> Vnd {
    Vnd::parse("amount", v).unwrap()
}

fn assert_unique<'a>(what: &str, codes: impl IntoIterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for c in codes {
        assert!(seen.insert(c), "duplicate {what} code {c}");
    }
}

/// Every record passes its domain validation and every reference resolves.
fn assert_valid(data: &DemoData, today: NaiveDate) {
    for l in &data.localities {
        l.validate().unwrap();
        assert!(l.code.is_ascii() && l.code.len() <= 32, "{}", l.code);
    }
    for u in &data.units {
        u.validate().unwrap();
        assert!(u.code.is_ascii() && u.code.len() <= 32, "{}", u.code);
    }
    assert_unique("locality", data.localities.iter().map(|l| l.code.as_str()));
    assert_unique("unit", data.units.iter().map(|u| u.code.as_str()));
    assert_unique("user", data.users.iter().map(|u| u.username.as_str()));
    assert_unique("project", data.projects.iter().map(|p| p.input.code.as_str()));
    let localities: HashSet<&str> = data.localities.iter().map(|l| l.code.as_str()).collect();
    let units: HashSet<&str> = data.units.iter().map(|u| u.code.as_str()).collect();
    let unit_ok = |c: &Option<String>| c.as_deref().is_none_or(|c| units.contains(c));

    for u in &data.users {
        assert!(unit_ok(&u.unit_code), "{}", u.username);
        UserInput {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            unit_id: u.unit_code.as_ref().map(|_| 1),
            password: Some(u.password.clone()),
            active: true,
            email: None,
        }
        .validate(true)
        .unwrap();
    }

    for p in &data.projects {
        let code = &p.input.code;
        let v = p.input.validate(today).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert!(units.contains(p.investor_code.as_str()), "{code}");
        assert!(unit_ok(&p.managing_code), "{code}");
        assert_eq!(p.input.investor_unit_id, 0);
        assert!(p.input.managing_unit_id.is_none());
        assert!((1..=3).contains(&p.input.locality_codes.len()), "{code}");
        for l in &p.input.locality_codes {
            assert!(localities.contains(l.as_str()), "{code}: {l}");
        }
        let (lat, lon) = (p.input.latitude.unwrap(), p.input.longitude.unwrap());
        assert!((10.5..=12.3).contains(&lat) && (106.5..=107.7).contains(&lon), "{code}");
        assert!(p.input.description.contains("Số liệu mẫu (sample data)"), "{code}");

        let mut previous: Option<PreviousReport> = None;
        for r in &p.reports {
            let ok = r
                .validate(today, v.planned_start, previous)
                .unwrap_or_else(|e| panic!("{code} {}: {e}", r.as_of));
            if let Some(prev) = previous {
                assert!(r.as_of > prev.as_of, "{code}: reports out of order");
            }
            assert!(ok.output_value <= v.total_investment, "{code}");
            assert!(!ok.work_done.is_empty() && !ok.next_week_plan.is_empty());
            previous = Some(PreviousReport {
                as_of: ok.as_of,
                actual: ok.actual,
                output_value: ok.output_value,
            });
        }

        let mut plans: BTreeMap<i32, Vnd> = BTreeMap::new();
        let mut plan_keys = HashSet::new();
        for c in &p.capital_plans {
            let ok = c.validate().unwrap_or_else(|e| panic!("{code}: {e}"));
            assert!(plan_keys.insert((ok.year, ok.source)), "{code}: plan twice");
            assert!(ok.amount > Vnd::ZERO);
            let e = plans.entry(ok.year).or_default();
            *e = e.checked_add(ok.amount).unwrap();
        }
        let mut paid: BTreeMap<i32, Vnd> = BTreeMap::new();
        let mut last_paid = None;
        for x in &p.disbursements {
            let ok = x.validate(today).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert!(last_paid <= Some(ok.paid_on), "{code}: disbursements out of order");
            last_paid = Some(ok.paid_on);
            let e = paid.entry(ok.paid_on.year()).or_default();
            *e = e.checked_add(ok.amount).unwrap();
        }
        for (year, total) in paid {
            let plan = plans.get(&year).copied().unwrap_or_default();
            assert!(total <= plan, "{code}: paid {total} > plan {plan} in {year}");
        }

        for diff in &p.difficulties {
            assert!(unit_ok(&diff.responsible_code), "{code}");
            assert!(diff.input.responsible_unit_id.is_none());
            diff.input.validate(today).unwrap_or_else(|e| panic!("{code}: {e}"));
        }
    }
}

fn progress_of(p: &DemoProject, today: NaiveDate) -> ProgressStatus {
    let actual = p
        .reports
        .last()
        .map_or(Percent::ZERO, |r| Percent::parse("a", r.actual_percent).unwrap());
    let i = &p.input;
    let planned = planned_percent_at(i.planned_start, i.planned_end, &i.baseline, today);
    progress_status(
        &ProgressFacts {
            actual,
            planned,
            planned_end: i.planned_end,
            actual_end: i.actual_end,
            as_of: today,
        },
        &Thresholds::default(),
    )
}

fn disbursement_of(p: &DemoProject, today: NaiveDate) -> DisbursementStatus {
    let this_year: Vec<_> = p.capital_plans.iter().filter(|c| c.year == today.year()).collect();
    let plan: VndTotal = this_year.iter().map(|c| vnd(c.amount)).sum();
    let schedule = match this_year.as_slice() {
        [only] => only.validate().unwrap().schedule,
        _ => None,
    }
    .unwrap_or_else(MonthlySchedule::province_default);
    let paid: VndTotal = p
        .disbursements
        .iter()
        .filter(|x| x.paid_on.year() == today.year())
        .map(|x| vnd(x.amount))
        .sum();
    disbursement_status(paid, plan, &schedule, today, &Thresholds::default())
}

#[test]
fn demo_dataset_is_valid_on_several_days() {
    for (y, m, day) in TODAYS {
        let today = d(y, m, day);
        let data = demo_dataset(today);
        assert!((35..=50).contains(&data.localities.len()));
        assert!(data.units.len() >= 15);
        assert!((38..=45).contains(&data.projects.len()));
        assert_valid(&data, today);
    }
}

#[test]
fn demo_users_are_the_documented_ones() {
    let data = demo_dataset(d(2026, 11, 25));
    let roles: Vec<(&str, Role)> = data.users.iter().map(|u| (u.username.as_str(), u.role)).collect();
    assert_eq!(
        roles,
        [
            ("admin", Role::Admin),
            ("sxd", Role::Coordinator),
            ("lanhdao", Role::Leader),
            ("stc", Role::Viewer),
            ("bqlda", Role::UnitEditor),
            ("bqlgt", Role::UnitEditor),
            ("ioc", Role::Integrator),
        ]
    );
    assert!(data.users.iter().all(|u| u.password == DEMO_PASSWORD));
    assert!(DEMO_PASSWORD.chars().count() >= 10);
}

#[test]
fn every_progress_status_occurs_on_every_day() {
    for (y, m, day) in TODAYS {
        let today = d(y, m, day);
        let data = demo_dataset(today);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &data.projects {
            *counts.entry(progress_of(p, today).as_str()).or_default() += 1;
        }
        for s in ProgressStatus::ALL {
            assert!(counts.get(s.as_str()).copied().unwrap_or(0) >= 3, "{today}: {counts:?}");
        }
        // Completed projects carry their actual dates.
        for p in &data.projects {
            if progress_of(p, today) == ProgressStatus::Completed {
                assert!(p.input.actual_start.is_some());
                assert!(p.input.actual_end.is_some_and(|e| e <= today));
                assert_eq!(p.reports.last().unwrap().actual_percent, Decimal::from(100));
            }
        }
    }
}

#[test]
fn reports_cover_half_a_year_for_most_projects() {
    for (y, m, day) in TODAYS {
        let today = d(y, m, day);
        let data = demo_dataset(today);
        let long = data.projects.iter().filter(|p| p.reports.len() >= 26).count();
        assert!(long * 4 >= data.projects.len() * 3, "{long}");
        for p in &data.projects {
            for w in p.reports.windows(2) {
                assert_eq!((w[1].as_of - w[0].as_of).num_days(), 7, "{}", p.input.code);
            }
            if let Some(last) = p.reports.last() {
                assert!(last.as_of <= today);
            }
        }
        // One report carries a correction; two units have stopped reporting for a while.
        let corrections = data
            .projects
            .iter()
            .flat_map(|p| &p.reports)
            .filter(|r| r.correction_reason.is_some())
            .count();
        assert_eq!(corrections, 1);
        let stale = data
            .projects
            .iter()
            .filter(|p| p.input.actual_end.is_none())
            .filter(|p| p.reports.last().is_some_and(|r| (today - r.as_of).num_days() > 10))
            .count();
        assert_eq!(stale, 2);
    }
}

#[test]
fn difficulties_cover_every_category_and_status() {
    let today = d(2026, 11, 25);
    let data = demo_dataset(today);
    let all: Vec<&DemoDifficulty> = data.projects.iter().flat_map(|p| &p.difficulties).collect();
    for c in DifficultyCategory::ALL {
        assert!(all.iter().any(|x| x.input.category == *c), "{c}");
    }
    for s in DifficultyStatus::ALL {
        assert!(all.iter().filter(|x| x.input.status == *s).count() >= 3, "{s}");
    }
    assert!(all.iter().filter(|x| x.input.needs_leader_direction).count() >= 5);
    assert!(all
        .iter()
        .any(|x| x.input.category == DifficultyCategory::SiteClearance
            && x.responsible_code.as_deref() == Some("TTPTQD")));
}

#[test]
fn disbursement_mixes_slow_and_on_plan_projects() {
    for (y, m, day) in TODAYS {
        let today = d(y, m, day);
        let data = demo_dataset(today);
        let statuses: Vec<DisbursementStatus> = data.projects.iter().map(|p| disbursement_of(p, today)).collect();
        let count = |s| statuses.iter().filter(|x| **x == s).count();
        assert!(count(DisbursementStatus::OnTrack) >= 20, "{today}");
        assert!(count(DisbursementStatus::NoPlan) >= 1, "{today}");
        let due = MonthlySchedule::province_default().planned_percent_at(today).value();
        if due >= Decimal::from(30) {
            assert!(count(DisbursementStatus::Slow) >= 5, "{today}");
        }
    }
}

#[test]
fn demo_dataset_is_deterministic() {
    let today = d(2026, 11, 25);
    assert_eq!(
        format!("{:?}", demo_dataset(today)),
        format!("{:?}", demo_dataset(today))
    );
}

#[test]
fn synthetic_dataset_is_valid_and_deterministic() {
    let today = d(2026, 11, 25);
    let data = synthetic_dataset(200, 52, 1, today);
    assert_eq!(data.projects.len(), 200);
    assert_eq!(data.projects[0].input.code, "SYN-000001");
    assert_eq!(data.projects[199].input.code, "SYN-000200");
    assert!(data.projects.iter().all(|p| p.reports.len() == 52));
    assert!(data.projects.iter().all(|p| p.reports.last().unwrap().as_of == today));
    assert_valid(&data, today);
    let again = synthetic_dataset(200, 52, 1, today);
    assert_eq!(format!("{data:?}"), format!("{again:?}"));
    let other = synthetic_dataset(200, 52, 2, today);
    assert_ne!(format!("{data:?}"), format!("{other:?}"));
    assert!(synthetic_dataset(0, 52, 1, today).projects.is_empty());
    assert_valid(&synthetic_dataset(5, 0, 1, today), today);
}
