//! The derived columns of a project (latest progress, status, this year's disbursement,
//! open difficulties), recomputed from its rows with the domain rules. Kept in the project
//! row so filters, sorts and aggregates run in SQL.

use chrono::{Datelike, NaiveDate};
use ioc_domain::forecast::{forecast, with_forecast, TrendPoint, TREND_REPORTS};
use ioc_domain::{
    disbursement_status, planned_percent_at, progress_status, BaselinePoint, MonthlySchedule, Percent, ProgressFacts,
    Thresholds, Vnd, VndTotal,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{capital_plan, difficulty, disbursement, progress_report, project};
use crate::error::ApiError;

pub fn baseline_of(p: &project::Model) -> Vec<BaselinePoint> {
    serde_json::from_str(&p.baseline_json).unwrap_or_default()
}

/// The schedule for a year's plans: the amount-weighted mean of each plan's own schedule
/// (or the province default), so a large ODA plan with its own curve weighs accordingly.
pub fn combined_schedule(plans: &[capital_plan::Model]) -> MonthlySchedule {
    let parts: Vec<(VndTotal, MonthlySchedule)> = plans
        .iter()
        .map(|p| (Vnd::from_db(p.amount).into(), schedule_of(p)))
        .collect();
    MonthlySchedule::weighted(&parts)
}

pub fn schedule_of(p: &capital_plan::Model) -> MonthlySchedule {
    p.schedule_json
        .as_deref()
        .and_then(|s| serde_json::from_str::<MonthlySchedule>(s).ok())
        .unwrap_or_else(MonthlySchedule::province_default)
}

/// Recomputes one project's derived columns as of `today`.
pub async fn refresh_derived(
    conn: &impl ConnectionTrait,
    project_id: i32,
    today: NaiveDate,
    t: &Thresholds,
) -> Result<(), ApiError> {
    let p = super::get(conn, project_id).await?;
    let recent = progress_report::Entity::find()
        .filter(progress_report::Column::ProjectId.eq(project_id))
        .filter(progress_report::Column::AsOf.lte(today))
        .order_by_desc(progress_report::Column::AsOf)
        .limit(TREND_REPORTS as u64)
        .all(conn)
        .await?;
    let latest = recent.first();
    let planned = planned_percent_at(p.planned_start, p.planned_end, &baseline_of(&p), today);
    let actual = Percent::from_basis_points(latest.map_or(0, |r| r.actual_bp));
    let facts = ProgressFacts {
        actual,
        planned,
        planned_end: p.planned_end,
        actual_end: p.actual_end,
        as_of: today,
    };
    let points: Vec<TrendPoint> = recent
        .iter()
        .map(|r| TrendPoint {
            date: r.as_of,
            actual: Percent::from_basis_points(r.actual_bp),
        })
        .collect();
    let planned_at_latest = Percent::from_basis_points(latest.map_or(0, |r| r.planned_bp));
    let fc = forecast(p.planned_start, p.planned_end, planned_at_latest, &points);
    let status = with_forecast(progress_status(&facts, t), &fc, p.planned_end, t.forecast_grace_days);
    let year = today.year();
    let plans = capital_plan::Entity::find()
        .filter(capital_plan::Column::ProjectId.eq(project_id))
        .filter(capital_plan::Column::Year.eq(year))
        .all(conn)
        .await?;
    let plan: VndTotal = plans.iter().map(|c| Vnd::from_db(c.amount)).sum();
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
    let paid: Vec<i64> = disbursement::Entity::find()
        .select_only()
        .column(disbursement::Column::Amount)
        .filter(disbursement::Column::ProjectId.eq(project_id))
        .filter(disbursement::Column::PaidOn.gte(year_start))
        .filter(disbursement::Column::PaidOn.lte(today))
        .into_tuple()
        .all(conn)
        .await?;
    let disbursed: VndTotal = paid.into_iter().map(Vnd::from_db).sum();
    let d_status = disbursement_status(disbursed, plan, &combined_schedule(&plans), today, t);
    let (year_plan, year_disbursed) = (year_column(plan, year)?, year_column(disbursed, year)?);
    let open = difficulty::Entity::find()
        .filter(difficulty::Column::ProjectId.eq(project_id))
        .filter(difficulty::Column::Status.ne("resolved"))
        .count(conn)
        .await?;
    use project::Column as C;
    project::Entity::update_many()
        .col_expr(C::LatestReportOn, Expr::value(latest.map(|r| r.as_of)))
        .col_expr(C::ActualBp, Expr::value(actual.basis_points()))
        .col_expr(C::PlannedBp, Expr::value(planned.basis_points()))
        .col_expr(C::OutputValue, Expr::value(latest.map_or(0, |r| r.output_value)))
        .col_expr(
            C::SpiCentis,
            Expr::value(fc.spi.and_then(|s| (s * Decimal::from(100)).to_i32())),
        )
        .col_expr(C::ForecastFinish, Expr::value(fc.finish))
        .col_expr(C::ForecastMethod, Expr::value(fc.method.as_str()))
        .col_expr(C::ProgressStatus, Expr::value(status.as_str()))
        .col_expr(C::DisbursementStatus, Expr::value(d_status.as_str()))
        .col_expr(C::OpenDifficulties, Expr::value(open as i32))
        .col_expr(C::PlanYear, Expr::value(year))
        .col_expr(C::YearPlan, Expr::value(year_plan))
        .col_expr(C::YearDisbursed, Expr::value(year_disbursed))
        .col_expr(C::StatusAsOf, Expr::value(today))
        .filter(C::Id.eq(project_id))
        .exec(conn)
        .await?;
    // Alerts follow the state just written, in the same transaction.
    crate::store::alerts::evaluate_project(conn, project_id, today, t).await
}

/// A year figure for its BIGINT column. The year-total rule keeps every project's year within
/// `Vnd::MAX` since it exists; a project whose rows were stored before it and pass BIGINT
/// gets this error rather than a capped, wrong figure. Writes that lower the total (deleting
/// or correcting a record) still succeed, since the figure is recomputed after them.
fn year_column(total: VndTotal, year: i32) -> Result<i64, ApiError> {
    total.to_db_checked().ok_or_else(|| {
        ApiError::conflict(
            YEAR_TOTAL_PAST_BIGINT,
            format!(
                "Tổng kế hoạch vốn hoặc giải ngân của dự án năm {year} vượt quá giới hạn; hãy sửa hoặc xóa các bản ghi sai trước."
            ),
            format!(
                "The project's capital plans or disbursements for {year} exceed the limit; correct or delete the wrong records first."
            ),
        )
    })
}

const YEAR_TOTAL_PAST_BIGINT: &str = "project_year_total_too_large";

/// Recomputes every project whose derived state is older than `today` (statuses move with
/// the calendar even when nobody writes). Run at start-up and daily.
pub async fn refresh_all(
    db: &sea_orm::DatabaseConnection,
    today: NaiveDate,
    t: &Thresholds,
) -> Result<usize, ApiError> {
    use sea_orm::TransactionTrait;
    let ids: Vec<i32> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .filter(
            project::Column::StatusAsOf
                .is_null()
                .or(project::Column::StatusAsOf.ne(today)),
        )
        .into_tuple()
        .all(db)
        .await?;
    for id in &ids {
        // One transaction per project: its derived state, alerts and webhook events change
        // together, without holding the database for the whole run.
        let txn = db.begin().await?;
        match refresh_derived(&txn, *id, today, t).await {
            Ok(()) => txn.commit().await?,
            // Rows stored before the year-total rule: this project keeps its last figures
            // until someone corrects them, and the other projects are still refreshed.
            Err(ApiError::Conflict(m)) if m.code == YEAR_TOTAL_PAST_BIGINT => {
                tracing::error!(project_id = *id, "{}", m.en);
                txn.rollback().await?;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(ids.len())
}
