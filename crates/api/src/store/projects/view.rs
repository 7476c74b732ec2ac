//! Projects as the API shows them (`ProjectView`), built in batches for lists.

use std::collections::HashMap;

use ioc_domain::dto::{DisbursementSummary, LocalityView, ProgressSummary, ProjectView};
use ioc_domain::policy::{can_edit_project, Actor, Ownership};
use ioc_domain::{disbursement_rate, DisbursementStatus, Percent, Phase, ProgressStatus, ProjectGroup, Sector, Vnd};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::derived::baseline_of;
use crate::entities::{locality, project, project_locality};
use crate::error::ApiError;
use crate::store::units::unit_ref;

pub fn ownership(p: &project::Model) -> Ownership {
    Ownership {
        investor_unit_id: p.investor_unit_id,
        managing_unit_id: p.managing_unit_id,
    }
}

pub async fn view(conn: &impl ConnectionTrait, p: project::Model, actor: &Actor) -> Result<ProjectView, ApiError> {
    Ok(views(conn, vec![p], actor).await?.pop().expect("one view per project"))
}

/// Views of several projects with three queries in all (units, links, localities).
pub async fn views(
    conn: &impl ConnectionTrait,
    rows: Vec<project::Model>,
    actor: &Actor,
) -> Result<Vec<ProjectView>, ApiError> {
    let unit_ids = rows
        .iter()
        .flat_map(|p| std::iter::once(p.investor_unit_id).chain(p.managing_unit_id));
    let units = crate::store::units::by_ids(conn, unit_ids).await?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let links = project_locality::Entity::find()
        .filter(project_locality::Column::ProjectId.is_in(ids))
        .all(conn)
        .await?;
    let loc_ids: Vec<i32> = links.iter().map(|l| l.locality_id).collect();
    let locs: HashMap<i32, locality::Model> = locality::Entity::find()
        .filter(locality::Column::Id.is_in(loc_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let mut by_project: HashMap<i32, Vec<LocalityView>> = HashMap::new();
    for l in links {
        if let Some(m) = locs.get(&l.locality_id) {
            by_project
                .entry(l.project_id)
                .or_default()
                .push(crate::store::localities::view(m.clone()));
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let investor = units
            .get(&p.investor_unit_id)
            .map(unit_ref)
            .ok_or_else(|| anyhow::anyhow!("project {} refers to missing unit {}", p.id, p.investor_unit_id))?;
        let managing_unit = p.managing_unit_id.and_then(|id| units.get(&id)).map(unit_ref);
        let mut localities = by_project.remove(&p.id).unwrap_or_default();
        localities.sort_by(|a, b| a.name.cmp(&b.name));
        let status = ProgressStatus::parse(&p.progress_status).unwrap_or(ProgressStatus::OnTrack);
        let plan = Vnd::from_db(p.year_plan);
        let disbursed = Vnd::from_db(p.year_disbursed);
        out.push(ProjectView {
            can_edit: can_edit_project(actor, &ownership(&p)),
            id: p.id,
            baseline: baseline_of(&p),
            code: p.code,
            name: p.name,
            description: p.description,
            group: ProjectGroup::parse(&p.project_group).unwrap_or(ProjectGroup::C),
            sector: Sector::parse(&p.sector).unwrap_or(Sector::Other),
            phase: Phase::parse(&p.phase).unwrap_or(Phase::Preparation),
            investor,
            managing_unit,
            localities,
            latitude: p.latitude,
            longitude: p.longitude,
            is_key_project: p.is_key_project,
            total_investment: Vnd::from_db(p.total_investment),
            planned_start: p.planned_start,
            planned_end: p.planned_end,
            actual_start: p.actual_start,
            actual_end: p.actual_end,
            archived: p.archived,
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
            progress: ProgressSummary {
                as_of: p.status_as_of,
                latest_report_on: p.latest_report_on,
                actual_percent: Percent::from_basis_points(p.actual_bp),
                planned_percent: Percent::from_basis_points(p.planned_bp),
                output_value: Vnd::from_db(p.output_value),
                status,
                colour: status.colour(),
                spi: p.spi_centis.map(|c| rust_decimal::Decimal::new(c as i64, 2)),
                forecast_finish: p.forecast_finish,
                forecast_method: ioc_domain::forecast::ForecastMethod::parse(&p.forecast_method),
            },
            disbursement: DisbursementSummary {
                year: p.plan_year,
                plan,
                disbursed,
                rate_percent: disbursement_rate(disbursed, plan),
                status: DisbursementStatus::parse(&p.disbursement_status).unwrap_or(DisbursementStatus::NoPlan),
            },
            open_difficulties: p.open_difficulties,
        });
    }
    Ok(out)
}
