//! The records under a batch of projects (reports, capital plans, disbursements,
//! difficulties), four queries per chunk of projects whatever their number. Each list comes
//! out in the order, and with the derived figures, of the project's own endpoints, so an
//! export equals what those endpoints return.

use std::collections::HashMap;

use chrono::Datelike;
use ioc_domain::dto::{CapitalPlanView, DifficultyView, DisbursementView, ProgressReportView};
use ioc_domain::{disbursement_rate, Vnd, VndTotal};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{capital_plan, difficulty, disbursement, progress_report, project};
use crate::error::ApiError;
use crate::store;

/// Keeps each `IN (...)` list well under both databases' bound-parameter limits.
const CHUNK: usize = 500;

#[derive(Debug, Default)]
pub struct Children {
    pub reports: HashMap<i32, Vec<ProgressReportView>>,
    pub capital_plans: HashMap<i32, Vec<CapitalPlanView>>,
    pub disbursements: HashMap<i32, Vec<DisbursementView>>,
    pub difficulties: HashMap<i32, Vec<DifficultyView>>,
}

impl Children {
    pub fn reports_of(&mut self, id: i32) -> Vec<ProgressReportView> {
        self.reports.remove(&id).unwrap_or_default()
    }
    pub fn capital_plans_of(&mut self, id: i32) -> Vec<CapitalPlanView> {
        self.capital_plans.remove(&id).unwrap_or_default()
    }
    pub fn disbursements_of(&mut self, id: i32) -> Vec<DisbursementView> {
        self.disbursements.remove(&id).unwrap_or_default()
    }
    pub fn difficulties_of(&mut self, id: i32) -> Vec<DifficultyView> {
        self.difficulties.remove(&id).unwrap_or_default()
    }
}

pub async fn load(conn: &impl ConnectionTrait, projects: &[project::Model]) -> Result<Children, ApiError> {
    let units = store::units::all_by_id(conn).await?;
    let mut out = Children::default();
    for chunk in projects.chunks(CHUNK) {
        let ids: Vec<i32> = chunk.iter().map(|p| p.id).collect();
        let reports = progress_report::Entity::find()
            .filter(progress_report::Column::ProjectId.is_in(ids.clone()))
            .order_by_desc(progress_report::Column::AsOf)
            .all(conn)
            .await?;
        for r in reports {
            out.reports
                .entry(r.project_id)
                .or_default()
                .push(store::reports::view(r));
        }
        let plans = capital_plan::Entity::find()
            .filter(capital_plan::Column::ProjectId.is_in(ids.clone()))
            .order_by_desc(capital_plan::Column::Year)
            .order_by_asc(capital_plan::Column::Source)
            .all(conn)
            .await?;
        let paid = disbursement::Entity::find()
            .filter(disbursement::Column::ProjectId.is_in(ids.clone()))
            .order_by_asc(disbursement::Column::PaidOn)
            .order_by_asc(disbursement::Column::Id)
            .all(conn)
            .await?;
        for (pid, list) in disbursement_views(&plans, paid) {
            out.disbursements.insert(pid, list);
        }
        for c in plans {
            out.capital_plans
                .entry(c.project_id)
                .or_default()
                .push(store::capital::view(c));
        }
        let difficulties = difficulty::Entity::find()
            .filter(difficulty::Column::ProjectId.is_in(ids))
            .order_by_desc(difficulty::Column::RaisedOn)
            .order_by_desc(difficulty::Column::Id)
            .all(conn)
            .await?;
        let by_id: HashMap<i32, &project::Model> = chunk.iter().map(|p| (p.id, p)).collect();
        for d in difficulties {
            let p = by_id.get(&d.project_id).copied();
            let responsible = d
                .responsible_unit_id
                .and_then(|id| units.get(&id))
                .map(store::units::unit_ref);
            out.difficulties
                .entry(d.project_id)
                .or_default()
                .push(crate::store::difficulties::view_with(d, p, responsible));
        }
    }
    Ok(out)
}

/// Each disbursement with the year's running total and its rate against that year's plans,
/// newest first per project: the rule of `store::disbursements::list`, for many projects.
fn disbursement_views(
    plans: &[capital_plan::Model],
    rows_oldest_first: Vec<disbursement::Model>,
) -> HashMap<i32, Vec<DisbursementView>> {
    let mut plan: HashMap<(i32, i32), VndTotal> = HashMap::new();
    for p in plans {
        *plan.entry((p.project_id, p.year)).or_default() += Vnd::from_db(p.amount);
    }
    let mut running: HashMap<(i32, i32), VndTotal> = HashMap::new();
    let mut out: HashMap<i32, Vec<DisbursementView>> = HashMap::new();
    for d in rows_oldest_first {
        let key = (d.project_id, d.paid_on.year());
        let c = running.entry(key).or_default();
        *c += Vnd::from_db(d.amount);
        out.entry(d.project_id).or_default().push(DisbursementView {
            id: d.id,
            project_id: d.project_id,
            paid_on: d.paid_on,
            amount: Vnd::from_db(d.amount),
            cumulative_in_year: *c,
            rate_percent: disbursement_rate(*c, plan.get(&key).copied().unwrap_or_default()),
            note: d.note,
            recorded_by: d.recorded_by,
            version: d.version,
            updated_at: d.updated_at,
        });
    }
    for list in out.values_mut() {
        list.reverse();
    }
    out
}
