//! Projects: writes, views, the filtered list, and the derived status columns.

mod derived;
mod list;
mod view;

pub use derived::{baseline_of as derived_baseline, combined_schedule, refresh_all, refresh_derived, schedule_of};
pub use list::{list, ProjectFilter};
pub use view::{ownership, view, views};

use ioc_domain::dto::ValidProject;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::entities::{project, project_locality};
use crate::error::ApiError;

fn duplicate_code() -> ApiError {
    ApiError::field(
        "code",
        "duplicate_code",
        "Mã dự án đã tồn tại.",
        "This project code already exists.",
    )
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<project::Model, ApiError> {
    project::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The project, its row locked until the transaction ends (`SELECT … FOR UPDATE` on
/// PostgreSQL; SQLite runs one writer at a time anyway). Every write to a project or its
/// children takes this lock first, so such writes run one after another: a rule over the
/// project's stored rows (its year totals) sees every earlier write, and all of them lock
/// in the same order, so none can deadlock on the project row they all end by updating.
pub async fn get_for_update(conn: &impl ConnectionTrait, id: i32) -> Result<project::Model, ApiError> {
    project::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Checks the units a project refers to exist (as field errors).
async fn check_refs(conn: &impl ConnectionTrait, p: &ValidProject) -> Result<Vec<i32>, ApiError> {
    super::units::require(conn, "investor_unit_id", p.investor_unit_id).await?;
    if let Some(m) = p.managing_unit_id {
        super::units::require(conn, "managing_unit_id", m).await?;
    }
    let localities = super::localities::resolve_codes(conn, &p.locality_codes).await?;
    Ok(localities.into_iter().map(|l| l.id).collect())
}

fn search_text(p: &ValidProject) -> String {
    ioc_domain::text::fold(&format!("{} {}", p.code, p.name))
        .chars()
        .take(600)
        .collect()
}

fn baseline_json(p: &ValidProject) -> String {
    serde_json::to_string(&p.baseline).unwrap_or_else(|_| "[]".into())
}

async fn set_localities(conn: &impl ConnectionTrait, project_id: i32, ids: Vec<i32>) -> Result<(), ApiError> {
    project_locality::Entity::delete_many()
        .filter(project_locality::Column::ProjectId.eq(project_id))
        .exec(conn)
        .await?;
    if !ids.is_empty() {
        project_locality::Entity::insert_many(ids.into_iter().map(|locality_id| project_locality::ActiveModel {
            project_id: Set(project_id),
            locality_id: Set(locality_id),
        }))
        .exec(conn)
        .await?;
    }
    Ok(())
}

pub async fn create(conn: &impl ConnectionTrait, p: &ValidProject) -> Result<project::Model, ApiError> {
    let locality_ids = check_refs(conn, p).await?;
    let now = super::now();
    let row = project::ActiveModel {
        code: Set(p.code.clone()),
        name: Set(p.name.clone()),
        search_text: Set(search_text(p)),
        description: Set(p.description.clone()),
        project_group: Set(p.group.as_str().into()),
        sector: Set(p.sector.as_str().into()),
        phase: Set(p.phase.as_str().into()),
        investor_unit_id: Set(p.investor_unit_id),
        managing_unit_id: Set(p.managing_unit_id),
        latitude: Set(p.latitude),
        longitude: Set(p.longitude),
        is_key_project: Set(p.is_key_project),
        total_investment: Set(p.total_investment.to_db()),
        planned_start: Set(p.planned_start),
        planned_end: Set(p.planned_end),
        actual_start: Set(p.actual_start),
        actual_end: Set(p.actual_end),
        baseline_json: Set(baseline_json(p)),
        archived: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        latest_report_on: Set(None),
        actual_bp: Set(0),
        planned_bp: Set(0),
        output_value: Set(0),
        progress_status: Set("on_track".into()),
        disbursement_status: Set("no_plan".into()),
        open_difficulties: Set(0),
        plan_year: Set(0),
        year_plan: Set(0),
        year_disbursed: Set(0),
        status_as_of: Set(None),
        spi_centis: Set(None),
        forecast_finish: Set(None),
        forecast_method: Set("none".into()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| super::map_unique(e, duplicate_code))?;
    set_localities(conn, row.id, locality_ids).await?;
    Ok(row)
}

/// Replaces the general information when `expected_version` is current (else 412).
pub async fn update(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    p: &ValidProject,
) -> Result<(), ApiError> {
    let locality_ids = check_refs(conn, p).await?;
    use project::Column as C;
    let res = project::Entity::update_many()
        .col_expr(C::Code, Expr::value(p.code.clone()))
        .col_expr(C::Name, Expr::value(p.name.clone()))
        .col_expr(C::SearchText, Expr::value(search_text(p)))
        .col_expr(C::Description, Expr::value(p.description.clone()))
        .col_expr(C::ProjectGroup, Expr::value(p.group.as_str()))
        .col_expr(C::Sector, Expr::value(p.sector.as_str()))
        .col_expr(C::Phase, Expr::value(p.phase.as_str()))
        .col_expr(C::InvestorUnitId, Expr::value(p.investor_unit_id))
        .col_expr(C::ManagingUnitId, Expr::value(p.managing_unit_id))
        .col_expr(C::Latitude, Expr::value(p.latitude))
        .col_expr(C::Longitude, Expr::value(p.longitude))
        .col_expr(C::IsKeyProject, Expr::value(p.is_key_project))
        .col_expr(C::TotalInvestment, Expr::value(p.total_investment.to_db()))
        .col_expr(C::PlannedStart, Expr::value(p.planned_start))
        .col_expr(C::PlannedEnd, Expr::value(p.planned_end))
        .col_expr(C::ActualStart, Expr::value(p.actual_start))
        .col_expr(C::ActualEnd, Expr::value(p.actual_end))
        .col_expr(C::BaselineJson, Expr::value(baseline_json(p)))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(super::now()))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await
        .map_err(|e| super::map_unique(e, duplicate_code))?;
    let current = get(conn, id).await?;
    super::check_version_hit(
        res.rows_affected,
        Some(crate::routes::etag::etag("project", id, current.version)),
    )?;
    set_localities(conn, id, locality_ids).await
}

/// Archives or restores a project when `expected_version` is current; its reports and
/// payments move between the archived and active totals.
pub async fn set_archived(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    archived: bool,
    t: &ioc_domain::Thresholds,
) -> Result<(), ApiError> {
    use project::Column as C;
    let was = get_for_update(conn, id).await?.archived;
    let res = project::Entity::update_many()
        .col_expr(C::Archived, Expr::value(archived))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(super::now()))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await?;
    let current = get(conn, id).await?;
    super::check_version_hit(
        res.rows_affected,
        Some(crate::routes::etag::etag("project", id, current.version)),
    )?;
    if was != archived {
        use crate::entities::progress_report::{Column as R, Entity as Reports};
        let rows: Vec<(chrono::NaiveDate, i32, i32)> = Reports::find()
            .select_only()
            .columns([R::AsOf, R::ActualBp, R::PlannedBp])
            .filter(R::ProjectId.eq(id))
            .into_tuple()
            .all(conn)
            .await?;
        let part = |archived| {
            rows.iter()
                .map(|(as_of, actual_bp, planned_bp)| super::report_weeks::Contribution {
                    project_id: id,
                    archived,
                    as_of: *as_of,
                    actual_bp: *actual_bp,
                    planned_bp: *planned_bp,
                })
                .collect::<Vec<_>>()
        };
        super::report_weeks::apply(conn, &part(archived), &part(was), t).await?;
        use crate::entities::disbursement::{Column as D, Entity as Payments};
        let paid: Vec<(chrono::NaiveDate, i64)> = Payments::find()
            .select_only()
            .columns([D::PaidOn, D::Amount])
            .filter(D::ProjectId.eq(id))
            .into_tuple()
            .all(conn)
            .await?;
        let part = |archived| {
            paid.iter()
                .map(|(paid_on, amount)| super::disbursement_months::Payment {
                    project_id: id,
                    archived,
                    paid_on: *paid_on,
                    amount: *amount,
                })
                .collect::<Vec<_>>()
        };
        super::disbursement_months::apply(conn, &part(archived), &part(was)).await?;
    }
    Ok(())
}

/// Marks the project as changed (a report, disbursement or difficulty was written), so
/// incremental pulls by `updated_since` see it. The version is kept: general information
/// did not change, and a client's `If-Match` on it stays valid.
pub async fn touch(conn: &impl ConnectionTrait, id: i32) -> Result<(), ApiError> {
    project::Entity::update_many()
        .col_expr(project::Column::UpdatedAt, Expr::value(super::now()))
        .filter(project::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// After any write to a project's reports, finances or difficulties: its change stamp and
/// derived state, in the same transaction as the write.
pub async fn after_child_write(
    conn: &impl ConnectionTrait,
    project_id: i32,
    today: chrono::NaiveDate,
    t: &ioc_domain::Thresholds,
) -> Result<(), ApiError> {
    touch(conn, project_id).await?;
    refresh_derived(conn, project_id, today, t).await
}

/// Projects by id, for joining names into lists of other records (one query).
pub async fn by_ids(
    conn: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, project::Model>, ApiError> {
    Ok(project::Entity::find()
        .filter(project::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}
