//! Dashboard aggregates, computed in the database with grouped SQL (both SQLite and
//! PostgreSQL) over the projects selected by the shared project filter.

mod difficulties;
mod disbursement;
mod overview;
mod progress;

pub use difficulties::difficulties;
pub use disbursement::disbursement;
pub use overview::overview;
pub use progress::progress;

use chrono::NaiveDate;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult, QuerySelect, QueryTrait};
use serde::Deserialize;

use crate::entities::project;
use crate::error::ApiError;
use crate::store::projects::ProjectFilter;

/// Dashboard parameters beside the project filter.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardParams {
    /// Date the figures are computed for (default: today in Asia/Ho_Chi_Minh). Financial
    /// figures use its year up to that date; statuses before today are classified from the
    /// latest report on or before it.
    pub as_of: Option<NaiveDate>,
    /// Length of lists such as lowest/highest rates or delayed projects (default 5, max 100).
    pub top: Option<u64>,
    /// Weeks of progress history (default 26, max 104).
    pub weeks: Option<u32>,
}

impl DashboardParams {
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        std::cmp::min(self.as_of.unwrap_or(today), today)
    }
    pub fn top(&self) -> u64 {
        self.top.unwrap_or(5).clamp(1, 100)
    }
    pub fn weeks(&self) -> u32 {
        self.weeks.unwrap_or(26).clamp(1, 104)
    }
}

/// `SELECT id FROM projects WHERE <filter>`, to restrict every aggregate.
pub async fn filtered_ids(conn: &impl ConnectionTrait, f: &ProjectFilter) -> Result<SelectStatement, ApiError> {
    Ok(f.select(conn)
        .await?
        .select_only()
        .column(project::Column::Id)
        .into_query())
}

/// `CAST(COALESCE(SUM(e), 0) AS BIGINT)`: PostgreSQL sums BIGINT into NUMERIC; the cast
/// makes both databases answer an i64.
pub fn sum_i64(e: impl Into<Expr>) -> Expr {
    Expr::from(Func::cast_as(
        Func::coalesce([Expr::from(Func::sum(e.into())), Expr::val(0)]),
        Alias::new("BIGINT"),
    ))
}

pub fn count_i64() -> Expr {
    Expr::from(Func::cast_as(Func::count(Expr::cust("*")), Alias::new("BIGINT")))
}

pub async fn rows(conn: &impl ConnectionTrait, stmt: &SelectStatement) -> Result<Vec<QueryResult>, ApiError> {
    let backend = conn.get_database_backend();
    Ok(conn.query_all_raw(backend.build(stmt)).await?)
}

pub fn get_i64(r: &QueryResult, col: &str) -> Result<i64, ApiError> {
    Ok(r.try_get::<i64>("", col)?)
}

/// INTEGER columns (ids) are i32 on PostgreSQL, which decodes strictly.
pub fn get_i32(r: &QueryResult, col: &str) -> Result<i32, ApiError> {
    Ok(r.try_get::<i32>("", col)?)
}

pub fn get_str(r: &QueryResult, col: &str) -> Result<String, ApiError> {
    Ok(r.try_get::<String>("", col)?)
}

/// Latest report of each filtered project on or before `as_of`:
/// `(project_id, actual_bp, planned_bp, output_value)` rows, grouped in SQL.
pub fn latest_reports(ids: SelectStatement, as_of: NaiveDate) -> SelectStatement {
    use crate::entities::progress_report::Column as R;
    let latest = sea_orm::sea_query::Query::select()
        .column(R::ProjectId)
        .expr_as(Func::max(Expr::col(R::AsOf)), Alias::new("m"))
        .from(crate::entities::progress_report::Entity)
        .and_where(Expr::col(R::AsOf).lte(as_of))
        .and_where(Expr::col(R::ProjectId).in_subquery(ids))
        .group_by_col(R::ProjectId)
        .to_owned();
    sea_orm::sea_query::Query::select()
        .columns([
            (Alias::new("r"), Alias::new("project_id")),
            (Alias::new("r"), Alias::new("actual_bp")),
            (Alias::new("r"), Alias::new("planned_bp")),
            (Alias::new("r"), Alias::new("output_value")),
        ])
        .from_as(crate::entities::progress_report::Entity, Alias::new("r"))
        .join_subquery(
            sea_orm::sea_query::JoinType::InnerJoin,
            latest,
            Alias::new("l"),
            Expr::col((Alias::new("r"), Alias::new("project_id")))
                .equals((Alias::new("l"), Alias::new("project_id")))
                .and(Expr::col((Alias::new("r"), Alias::new("as_of"))).equals((Alias::new("l"), Alias::new("m")))),
        )
        .to_owned()
}

/// SQL classifying a report row by its gap to plan, with the configured thresholds inlined
/// as integers (basis points). It mirrors the domain rule's gap thresholds; the domain's
/// date-based refinements (past the planned end, near the end, forecast) need the project
/// row and apply to today's statuses only.
pub fn status_case_sql(t: &ioc_domain::Thresholds, actual: &str, planned: &str) -> String {
    use rust_decimal::prelude::ToPrimitive;
    let bp = |d: rust_decimal::Decimal| (d * rust_decimal::Decimal::from(100)).to_i64().unwrap_or(0);
    format!(
        "CASE WHEN {actual} >= 10000 THEN 'completed' \
         WHEN {planned} - {actual} >= {delayed} THEN 'delayed' \
         WHEN {planned} - {actual} >= {at_risk} THEN 'at_risk' \
         WHEN {actual} - {planned} >= {ahead} THEN 'ahead' ELSE 'on_track' END",
        delayed = bp(t.delayed_gap_pp),
        at_risk = bp(t.at_risk_gap_pp),
        ahead = bp(t.ahead_gap_pp),
    )
}

/// Projects count of the filter (for empty-data checks and totals).
pub async fn count_projects(conn: &impl ConnectionTrait, ids: SelectStatement) -> Result<u64, ApiError> {
    let stmt = sea_orm::sea_query::Query::select()
        .expr_as(count_i64(), Alias::new("n"))
        .from(project::Entity)
        .and_where(Expr::col(project::Column::Id).in_subquery(ids))
        .to_owned();
    let r = rows(conn, &stmt).await?;
    Ok(r.first().map(|r| get_i64(r, "n")).transpose()?.unwrap_or(0) as u64)
}
