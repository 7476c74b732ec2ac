//! Dashboard aggregates, computed in the database with grouped SQL (both SQLite and
//! PostgreSQL) over the projects selected by the shared project filter.

mod difficulties;
mod direction;
mod disbursement;
mod overview;
mod progress;

pub use difficulties::difficulties;
pub use direction::{direction, DirectionParams};
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
    /// Length of lists such as lowest/highest rates or delayed projects (1 to 100, default 5).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub top: Option<String>,
    /// Weeks of progress history (1 to 104, default 26).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 104)]
    pub weeks: Option<String>,
}

impl DashboardParams {
    /// `as_of` (within the domain's date range), never after today.
    pub fn as_of(&self, today: NaiveDate) -> Result<NaiveDate, ApiError> {
        let as_of = match self.as_of {
            Some(d) => ioc_domain::dates::check_date("as_of", d)?,
            None => today,
        };
        Ok(std::cmp::min(as_of, today))
    }
    pub fn top(&self) -> Result<u64, ApiError> {
        Ok(ioc_domain::paging::bounded_integer(
            "top",
            self.top.as_deref(),
            5,
            1,
            100,
        )?)
    }
    pub fn weeks(&self) -> Result<u32, ApiError> {
        let w = ioc_domain::paging::bounded_integer("weeks", self.weeks.as_deref(), 26, 1, 104)?;
        Ok(u32::try_from(w).unwrap_or(26))
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

/// Adds the exact sum of an amount column as two selected columns, `{alias}_hi` and
/// `{alias}_lo`: `SUM(e / 10^9)` and `SUM(e % 10^9)`. A plain SUM of BIGINT amounts overflows
/// past 9.2 × 10^18 (SQLite raises "integer overflow", PostgreSQL's NUMERIC fails the cast),
/// and a few hundred maximum amounts reach that; each part-sum needs a billion rows to.
/// [`get_vnd_total`] joins them, identically on both databases.
pub fn sum_vnd(stmt: &mut SelectStatement, e: impl Into<Expr>, alias: &str) {
    let e: Expr = e.into();
    let split = ioc_domain::VndTotal::SPLIT;
    stmt.expr_as(sum_i64(e.clone().div(split)), Alias::new(format!("{alias}_hi")));
    stmt.expr_as(sum_i64(e.modulo(split)), Alias::new(format!("{alias}_lo")));
}

/// The total [`sum_vnd`] selected as `alias`.
pub fn get_vnd_total(r: &QueryResult, alias: &str) -> Result<ioc_domain::VndTotal, ApiError> {
    Ok(ioc_domain::VndTotal::from_parts(
        get_i64(r, &format!("{alias}_hi"))?,
        get_i64(r, &format!("{alias}_lo"))?,
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

/// SQL classifying a report row by its gap to plan: the domain's `gap_status`, with the
/// configured thresholds inlined as whole basis points. The domain's date-based
/// refinements (past the planned end, near the end, forecast) need the project row and apply
/// to today's statuses only.
pub fn status_case_sql(t: &ioc_domain::Thresholds, actual: &str, planned: &str) -> String {
    let g = ioc_domain::GapThresholdsBp::of(t);
    format!(
        "CASE WHEN {actual} >= 10000 THEN 'completed' \
         WHEN {planned} - {actual} >= {delayed} THEN 'delayed' \
         WHEN {planned} - {actual} >= {at_risk} THEN 'at_risk' \
         WHEN {actual} - {planned} >= {ahead} THEN 'ahead' ELSE 'on_track' END",
        delayed = g.delayed,
        at_risk = g.at_risk,
        ahead = g.ahead,
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
