//! One project in OC4IDS terms, from its view and records. Pure: no I/O, `today` given.
//!
//! Time variation: the planned period stays in `period` (OC4IDS: not to be moved during
//! implementation); the commencement and completion milestones carry the actual dates, or the
//! trend forecast and its slippage while the works run; `completion` gives the actual end and
//! its variation. Cost variation is not published: the system keeps only the current approved
//! total investment (revisions overwrite it) and no settled final cost, so `budget` is that
//! figure and `completion.finalValue` is never claimed.

use chrono::NaiveDate;
use ioc_domain::dto::{CapitalPlanView, DisbursementView, ProgressReportView, ProjectView};
use ioc_domain::{Percent, Vnd};
use rust_decimal::prelude::ToPrimitive;

use super::mapping::{self, date_time, variation};
use super::types::*;

/// Prefix of project ids. Not a registered OC4IDS prefix yet: the province would register
/// one and change it here.
pub const ID_PREFIX: &str = "oc4ids-dn-";

/// The records of one project the OC4IDS export uses.
pub struct Records {
    pub reports: Vec<ProgressReportView>,
    pub capital_plans: Vec<CapitalPlanView>,
    pub disbursements: Vec<DisbursementView>,
}

fn vnd(v: Vnd) -> Value {
    Value {
        amount: v.to_db(),
        currency: "VND".into(),
    }
}

fn classification(scheme: &str, id: &str, description: &str) -> Classification {
    Classification {
        scheme: scheme.into(),
        id: id.into(),
        description: description.into(),
    }
}

fn span(start: NaiveDate, end: NaiveDate) -> Period {
    Period {
        start_date: Some(date_time(start)),
        end_date: Some(date_time(end)),
        duration_in_days: Some((end - start).num_days()),
    }
}

pub fn project(p: ProjectView, r: Records, today: NaiveDate) -> Oc4idsProject {
    let mut parties = vec![Organization {
        id: p.investor.code.clone(),
        name: p.investor.name.clone(),
        roles: mapping::INVESTOR_ROLES.map(String::from).to_vec(),
    }];
    if let Some(m) = &p.managing_unit {
        let roles = mapping::MANAGING_UNIT_ROLES.map(String::from);
        match parties.iter_mut().find(|o| o.id == m.code) {
            Some(same) => same.roles.extend(roles),
            None => parties.push(Organization {
                id: m.code.clone(),
                name: m.name.clone(),
                roles: roles.to_vec(),
            }),
        }
    }
    // Disbursements (giải ngân) to the project, oldest first.
    let transactions: Vec<Transaction> = r
        .disbursements
        .iter()
        .rev()
        .map(|d| Transaction {
            id: format!("disbursement-{}", d.id),
            date: date_time(d.paid_on),
            value: vnd(d.amount),
        })
        .collect();
    Oc4idsProject {
        id: format!("{ID_PREFIX}{}", p.code),
        updated: mapping::instant(p.updated_at),
        language: "vi".into(),
        identifiers: vec![SimpleIdentifier {
            id: p.code.clone(),
            scheme: "DN-IOC".into(),
        }],
        title: p.name.clone(),
        description: Some(p.description.trim().to_owned()).filter(|d| !d.is_empty()),
        status: mapping::status(p.phase).into(),
        sector: mapping::sector(p.sector),
        additional_classifications: vec![
            classification("DN-IOC-SECTOR", p.sector.as_str(), p.sector.label_vi()),
            classification("VN-PUBLIC-INVESTMENT-GROUP", p.group.as_str(), p.group.label_vi()),
        ],
        public_authority: OrganizationReference {
            id: p.investor.code.clone(),
            name: p.investor.name.clone(),
        },
        parties,
        budget: budget(&p, &r.capital_plans),
        period: span(p.planned_start, p.planned_end),
        locations: locations(&p),
        milestones: milestones(&p, today),
        completion: p.actual_end.map(|end| Completion {
            end_date: date_time(end),
            end_date_details: format!("Hoàn thành {}", variation(p.planned_end, end)),
        }),
        metrics: progress_metric(
            &r.reports,
            "physicalProgress",
            "Tỷ lệ khối lượng hoàn thành thực tế",
            |x| x.actual_percent,
        ),
        forecasts: progress_metric(
            &r.reports,
            "physicalProgress",
            "Tỷ lệ khối lượng hoàn thành theo kế hoạch",
            |x| x.planned_percent,
        ),
        transactions: (!transactions.is_empty()).then_some(transactions),
    }
}

fn budget(p: &ProjectView, plans: &[CapitalPlanView]) -> Budget {
    let lines: Vec<BudgetBreakdown> = plans
        .iter()
        .map(|c| BudgetBreakdown {
            id: format!("{}-{}", c.year, c.source.as_str()),
            description: format!("{} năm {}", c.source.label_vi(), c.year),
            amount: vnd(c.amount),
            period: Period {
                start_date: Some(format!("{}-01-01T00:00:00Z", c.year)),
                end_date: Some(format!("{}-12-31T00:00:00Z", c.year)),
                duration_in_days: None,
            },
        })
        .collect();
    Budget {
        description: "Tổng mức đầu tư được duyệt (hiện hành)".into(),
        amount: vnd(p.total_investment),
        budget_breakdowns: (!lines.is_empty()).then(|| {
            vec![BudgetBreakdowns {
                id: "capital-plans".into(),
                description: "Kế hoạch vốn được bố trí theo năm và nguồn vốn".into(),
                budget_breakdown: lines,
            }]
        }),
    }
}

/// One location per commune/ward, plus the site's point when it has coordinates.
fn locations(p: &ProjectView) -> Option<Vec<Location>> {
    let mut out: Vec<Location> = p
        .localities
        .iter()
        .map(|l| Location {
            id: l.code.clone(),
            description: format!("{}, tỉnh Đồng Nai", l.name),
            geometry: None,
            address: Some(Address {
                locality: l.name.clone(),
                region: "Tỉnh Đồng Nai".into(),
                country_name: "Việt Nam".into(),
            }),
        })
        .collect();
    if let (Some(lat), Some(lon)) = (p.latitude, p.longitude) {
        out.push(Location {
            id: "site".into(),
            description: "Vị trí dự án".into(),
            geometry: Some(Geometry {
                kind: "Point".into(),
                coordinates: vec![lon, lat],
            }),
            address: None,
        });
    }
    (!out.is_empty()).then_some(out)
}

fn milestones(p: &ProjectView, today: NaiveDate) -> Vec<Milestone> {
    let reviewed = p.progress.as_of.map(date_time);
    let finish_note = match (p.actual_end, p.progress.forecast_finish) {
        (Some(end), _) => Some(format!("Hoàn thành {}", variation(p.planned_end, end))),
        (None, Some(f)) => Some(format!(
            "Dự báo hoàn thành ngày {}, {}",
            f.format("%d/%m/%Y"),
            variation(p.planned_end, f)
        )),
        (None, None) => None,
    };
    vec![
        Milestone {
            id: "commencement".into(),
            title: "Khởi công".into(),
            kind: "delivery".into(),
            code: "commencement".into(),
            description: p
                .actual_start
                .map(|s| format!("Khởi công {}", variation(p.planned_start, s))),
            due_date: date_time(p.planned_start),
            date_met: p.actual_start.map(date_time),
            date_modified: reviewed.clone(),
            status: mapping::milestone_status(p.planned_start, p.actual_start, today).into(),
        },
        Milestone {
            id: "completion".into(),
            title: "Hoàn thành".into(),
            kind: "delivery".into(),
            code: "completion".into(),
            description: finish_note,
            due_date: date_time(p.planned_end),
            date_met: p.actual_end.map(date_time),
            date_modified: reviewed,
            status: mapping::milestone_status(p.planned_end, p.actual_end, today).into(),
        },
    ]
}

/// A progress metric with one observation per weekly report, oldest first. Percentages go
/// out as JSON numbers (OC4IDS measures are numbers); two decimals survive the double.
fn progress_metric(
    reports: &[ProgressReportView],
    id: &str,
    title: &str,
    pick: fn(&ProgressReportView) -> Percent,
) -> Option<Vec<Metric>> {
    if reports.is_empty() {
        return None;
    }
    let observations = reports
        .iter()
        .rev()
        .map(|r| Observation {
            id: format!("report-{}", r.id),
            period: Period {
                start_date: Some(date_time(r.as_of)),
                end_date: Some(date_time(r.as_of)),
                duration_in_days: None,
            },
            measure: pick(r).value().to_f64().unwrap_or(0.0),
            unit: ObservationUnit { name: "percent".into() },
        })
        .collect();
    Some(vec![Metric {
        id: id.into(),
        title: title.into(),
        observations,
    }])
}
