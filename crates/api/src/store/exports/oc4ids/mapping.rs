//! Our codes in OC4IDS 0.9.5 codelists (`projectStatus`, `projectSector`, `partyRole`,
//! `milestoneStatus`), and its date-times. Each choice says why; where no code fits, nothing
//! is claimed and the local code travels in `additionalClassifications`.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use ioc_domain::{Phase, Sector};

/// OC4IDS dates are date-times; a calendar date of the province is sent as its midnight UTC.
pub fn date_time(d: NaiveDate) -> String {
    format!("{d}T00:00:00Z")
}

pub fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The closed projectStatus codelist has no "completed": its stages are identification,
/// preparation, implementation, completion (handover and close-out), maintenance… Our phases
/// are those stages under their Vietnamese names, so the phase decides, not the progress %:
/// works at 100 % not yet handed over are still `implementation`.
pub fn status(phase: Phase) -> &'static str {
    match phase {
        Phase::Preparation => "preparation",       // Chuẩn bị đầu tư
        Phase::Implementation => "implementation", // Thực hiện đầu tư
        Phase::Completion => "completion",         // Kết thúc, bàn giao
    }
}

/// projectSector codes. Transport stays at the top level: we do not record the mode (roads,
/// bridges, airport links are all "Giao thông"). Thủy lợi (irrigation, drainage, flood
/// defence) is water management under `naturalResources`. Industrial-park infrastructure is
/// `economy`. Hạ tầng đô thị spans drainage, wastewater, parks, squares and resettlement
/// areas, and "other" is anything: no single code is honest for them, so none is sent.
pub fn sector(s: Sector) -> Option<Vec<String>> {
    let code = match s {
        Sector::Transport => "transport",
        Sector::Irrigation => "naturalResources",
        Sector::Health => "health",
        Sector::Education => "education",
        Sector::IndustrialPark => "economy",
        Sector::UrbanInfrastructure | Sector::Other => return None,
    };
    Some(vec![code.to_owned()])
}

/// The chủ đầu tư develops the asset and executes its budget: `publicAuthority` (the project's
/// owner in OC4IDS) and `buyer`.
pub const INVESTOR_ROLES: [&str; 2] = ["publicAuthority", "buyer"];
/// The Ban QLDA runs the procurement and administers the contracts for the investor.
pub const MANAGING_UNIT_ROLES: [&str; 2] = ["procuringEntity", "administrativeEntity"];

/// milestoneStatus of a dated milestone: met when it happened, notMet once its due date has
/// passed without it, else scheduled.
pub fn milestone_status(due: NaiveDate, met: Option<NaiveDate>, today: NaiveDate) -> &'static str {
    match met {
        Some(_) => "met",
        None if today > due => "notMet",
        None => "scheduled",
    }
}

/// Schedule variation in words, e.g. "chậm 45 ngày so với kế hoạch (31/12/2026)".
pub fn variation(planned: NaiveDate, actual_or_forecast: NaiveDate) -> String {
    let days = (actual_or_forecast - planned).num_days();
    let when = planned.format("%d/%m/%Y");
    match days {
        0 => format!("đúng kế hoạch ({when})"),
        d if d > 0 => format!("chậm {d} ngày so với kế hoạch ({when})"),
        d => format!("sớm {} ngày so với kế hoạch ({when})", -d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn phases_map_onto_the_closed_status_codelist() {
        assert_eq!(status(Phase::Preparation), "preparation");
        assert_eq!(status(Phase::Implementation), "implementation");
        assert_eq!(status(Phase::Completion), "completion");
    }

    #[test]
    fn sectors_without_an_honest_code_send_none() {
        assert_eq!(sector(Sector::Transport).unwrap(), ["transport"]);
        assert_eq!(sector(Sector::Irrigation).unwrap(), ["naturalResources"]);
        assert!(sector(Sector::UrbanInfrastructure).is_none());
        assert!(sector(Sector::Other).is_none());
    }

    #[test]
    fn a_milestone_is_not_met_only_once_its_due_date_has_passed() {
        let due = d("2026-06-30");
        assert_eq!(milestone_status(due, Some(d("2026-07-05")), d("2026-08-01")), "met");
        assert_eq!(milestone_status(due, None, due), "scheduled");
        assert_eq!(milestone_status(due, None, d("2026-07-01")), "notMet");
    }

    #[test]
    fn variation_says_late_early_or_on_time() {
        let plan = d("2026-12-31");
        assert_eq!(
            variation(plan, d("2027-02-14")),
            "chậm 45 ngày so với kế hoạch (31/12/2026)"
        );
        assert_eq!(
            variation(plan, d("2026-12-21")),
            "sớm 10 ngày so với kế hoạch (31/12/2026)"
        );
        assert_eq!(variation(plan, plan), "đúng kế hoạch (31/12/2026)");
    }

    #[test]
    fn dates_become_midnight_utc_date_times() {
        assert_eq!(date_time(d("2024-01-01")), "2024-01-01T00:00:00Z");
        let t = DateTime::from_timestamp_micros(1_767_225_600_123_456).unwrap();
        assert_eq!(instant(t), "2026-01-01T00:00:00.123456Z");
    }
}
