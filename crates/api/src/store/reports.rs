//! Weekly progress reports.

use chrono::NaiveDate;
use ioc_domain::dto::{PreviousReport, ProgressReportInput, ProgressReportView, ValidReport};
use ioc_domain::{planned_percent_at, Percent, Thresholds, Vnd};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{progress_report, project};
use crate::error::ApiError;

pub fn view(r: progress_report::Model) -> ProgressReportView {
    ProgressReportView {
        id: r.id,
        project_id: r.project_id,
        as_of: r.as_of,
        actual_percent: Percent::from_basis_points(r.actual_bp),
        planned_percent: Percent::from_basis_points(r.planned_bp),
        output_value: Vnd::from_db(r.output_value),
        work_done: r.work_done,
        next_week_plan: r.next_week_plan,
        correction_reason: r.correction_reason,
        submitted_by: r.submitted_by,
        submitted_at: r.submitted_at,
        updated_at: r.updated_at,
        version: r.version,
    }
}

pub async fn list(conn: &impl ConnectionTrait, project_id: i32) -> Result<Vec<ProgressReportView>, ApiError> {
    Ok(progress_report::Entity::find()
        .filter(progress_report::Column::ProjectId.eq(project_id))
        .order_by_desc(progress_report::Column::AsOf)
        .all(conn)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

pub async fn get(conn: &impl ConnectionTrait, project_id: i32, id: i32) -> Result<progress_report::Model, ApiError> {
    progress_report::Entity::find_by_id(id)
        .filter(progress_report::Column::ProjectId.eq(project_id))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The latest other report before `as_of`, which a new or corrected one must not undercut.
async fn previous(
    conn: &impl ConnectionTrait,
    project_id: i32,
    as_of: NaiveDate,
    except: Option<i32>,
) -> Result<Option<PreviousReport>, ApiError> {
    let mut q = progress_report::Entity::find()
        .filter(progress_report::Column::ProjectId.eq(project_id))
        .filter(progress_report::Column::AsOf.lt(as_of));
    if let Some(id) = except {
        q = q.filter(progress_report::Column::Id.ne(id));
    }
    Ok(q.order_by_desc(progress_report::Column::AsOf)
        .one(conn)
        .await?
        .map(|r| PreviousReport {
            as_of: r.as_of,
            actual: Percent::from_basis_points(r.actual_bp),
            output_value: Vnd::from_db(r.output_value),
        }))
}

/// Validates a report input against the project and its history.
pub async fn validate(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    input: &ProgressReportInput,
    today: NaiveDate,
    except: Option<i32>,
) -> Result<ValidReport, ApiError> {
    let prev = previous(conn, p.id, input.as_of, except).await?;
    Ok(input.validate(today, p.planned_start, prev)?)
}

fn duplicate_date() -> ApiError {
    ApiError::field(
        "as_of",
        "duplicate_report_date",
        "Đã có báo cáo cho ngày này; hãy sửa báo cáo đó.",
        "A report for this date exists already; correct that one instead.",
    )
}

fn planned_bp(p: &project::Model, as_of: NaiveDate) -> i32 {
    planned_percent_at(
        p.planned_start,
        p.planned_end,
        &super::projects::derived_baseline(p),
        as_of,
    )
    .basis_points()
}

/// A report's part of the weekly totals (`report_weeks`).
fn contribution(p: &project::Model, r: &progress_report::Model) -> super::report_weeks::Contribution {
    super::report_weeks::Contribution {
        project_id: p.id,
        archived: p.archived,
        as_of: r.as_of,
        actual_bp: r.actual_bp,
        planned_bp: r.planned_bp,
    }
}

pub async fn create(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    r: &ValidReport,
    submitted_by: i32,
    t: &Thresholds,
) -> Result<ProgressReportView, ApiError> {
    let now = super::now();
    let row = progress_report::ActiveModel {
        project_id: Set(p.id),
        as_of: Set(r.as_of),
        actual_bp: Set(r.actual.basis_points()),
        planned_bp: Set(planned_bp(p, r.as_of)),
        output_value: Set(r.output_value.to_db()),
        work_done: Set(r.work_done.clone()),
        next_week_plan: Set(r.next_week_plan.clone()),
        correction_reason: Set(r.correction_reason.clone()),
        submitted_by: Set(submitted_by),
        submitted_at: Set(now),
        version: Set(1),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| super::map_unique(e, duplicate_date))?;
    super::report_weeks::apply(conn, &[contribution(p, &row)], &[], t).await?;
    Ok(view(row))
}

pub async fn update(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    id: i32,
    expected_version: i32,
    r: &ValidReport,
    t: &Thresholds,
) -> Result<ProgressReportView, ApiError> {
    use progress_report::Column as C;
    let old = get(conn, p.id, id).await?;
    let res = progress_report::Entity::update_many()
        .col_expr(C::AsOf, Expr::value(r.as_of))
        .col_expr(C::ActualBp, Expr::value(r.actual.basis_points()))
        .col_expr(C::PlannedBp, Expr::value(planned_bp(p, r.as_of)))
        .col_expr(C::OutputValue, Expr::value(r.output_value.to_db()))
        .col_expr(C::WorkDone, Expr::value(r.work_done.clone()))
        .col_expr(C::NextWeekPlan, Expr::value(r.next_week_plan.clone()))
        .col_expr(C::CorrectionReason, Expr::value(r.correction_reason.clone()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(super::now()))
        .filter(C::Id.eq(id))
        .filter(C::ProjectId.eq(p.id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await
        .map_err(|e| super::map_unique(e, duplicate_date))?;
    let current = get(conn, p.id, id).await?;
    super::check_version_hit(
        res.rows_affected,
        Some(crate::routes::etag::etag("progress_report", id, current.version)),
    )?;
    super::report_weeks::apply(conn, &[contribution(p, &current)], &[contribution(p, &old)], t).await?;
    Ok(view(current))
}

pub async fn delete(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    id: i32,
    expected_version: i32,
    t: &Thresholds,
) -> Result<(), ApiError> {
    use progress_report::Column as C;
    let old = get(conn, p.id, id).await?;
    super::delete_child::<progress_report::Entity>(
        conn,
        (C::Id, C::ProjectId, C::Version),
        p.id,
        id,
        expected_version,
        "progress_report",
    )
    .await?;
    super::report_weeks::apply(conn, &[], &[contribution(p, &old)], t).await
}
