//! Weekly totals of progress reports: per week (Monday start), status by the gap rule,
//! archived flag and shard, the number of reports and the sums of actual and planned %.
//! The overview's progress over time reads these few rows instead of every report.
//!
//! Kept exact in the transaction of every write to a report (create, correct, delete) and of
//! archiving or restoring a project; rebuilt from the reports at start-up when the
//! thresholds that classify them differ from those they were built with (all instances on
//! one database must run with the same thresholds), and after a bulk load.
//!
//! Rows are spread over shards (`project_id % SHARDS`): the weekly updates of different
//! projects in one week would otherwise all wait on the same few rows' locks. Writes to one
//! project already run one after another (its row lock), so one shard row never sees two
//! writers of the same project at once.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use ioc_domain::{gap_status, GapThresholdsBp, Thresholds};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};

use crate::error::ApiError;

const SHARDS: i32 = 16;
const TABLE: &str = "report_week_totals";

pub fn week_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// One report's contribution (or its removal, `sign = -1`).
#[derive(Debug, Clone, Copy)]
pub struct Contribution {
    pub project_id: i32,
    pub archived: bool,
    pub as_of: NaiveDate,
    pub actual_bp: i32,
    pub planned_bp: i32,
}

/// `(week, status, archived, shard)` → `(reports, actual_sum, planned_sum)`.
type Totals = BTreeMap<(NaiveDate, &'static str, bool, i32), (i64, i64, i64)>;

fn fold(into: &mut Totals, c: &Contribution, sign: i64, g: &GapThresholdsBp) {
    let status = gap_status(c.actual_bp, c.planned_bp, g).as_str();
    let e = into
        .entry((week_of(c.as_of), status, c.archived, c.project_id.rem_euclid(SHARDS)))
        .or_default();
    e.0 += sign;
    e.1 += sign * i64::from(c.actual_bp);
    e.2 += sign * i64::from(c.planned_bp);
}

/// Applies added (`+`) and removed (`-`) reports to the totals, in the caller's transaction.
pub async fn apply(
    conn: &impl ConnectionTrait,
    added: &[Contribution],
    removed: &[Contribution],
    t: &Thresholds,
) -> Result<(), ApiError> {
    let g = GapThresholdsBp::of(t);
    let mut totals = Totals::new();
    for c in added {
        fold(&mut totals, c, 1, &g);
    }
    for c in removed {
        fold(&mut totals, c, -1, &g);
    }
    upsert(conn, &totals).await
}

async fn upsert(conn: &impl ConnectionTrait, totals: &Totals) -> Result<(), ApiError> {
    let backend = conn.get_database_backend();
    let cols = [
        "week_start",
        "status",
        "archived",
        "shard",
        "reports",
        "actual_sum",
        "planned_sum",
    ]
    .map(Alias::new);
    let rows: Vec<_> = totals.iter().filter(|(_, v)| **v != (0, 0, 0)).collect();
    for chunk in rows.chunks(200) {
        let mut stmt = Query::insert();
        stmt.into_table(Alias::new(TABLE)).columns(cols.clone());
        for ((week, status, archived, shard), (n, a, p)) in chunk {
            stmt.values_panic([
                (*week).into(),
                (*status).into(),
                (*archived).into(),
                (*shard).into(),
                (*n).into(),
                (*a).into(),
                (*p).into(),
            ]);
        }
        let add = |c: &str| Expr::cust(format!("{TABLE}.{c} + excluded.{c}"));
        stmt.on_conflict(
            OnConflict::columns(cols[..4].iter().cloned())
                .value(Alias::new("reports"), add("reports"))
                .value(Alias::new("actual_sum"), add("actual_sum"))
                .value(Alias::new("planned_sum"), add("planned_sum"))
                .to_owned(),
        );
        conn.execute_raw(backend.build(&stmt)).await?;
    }
    Ok(())
}

/// The fingerprint of what the statuses depend on.
fn fingerprint(t: &Thresholds) -> String {
    let g = GapThresholdsBp::of(t);
    format!("v1 delayed={} at_risk={} ahead={}", g.delayed, g.at_risk, g.ahead)
}

/// Rebuilds the totals from every report, in the caller's transaction.
pub async fn rebuild(conn: &impl ConnectionTrait, t: &Thresholds) -> Result<(), ApiError> {
    let backend = conn.get_database_backend();
    conn.execute_raw(Statement::from_string(backend, format!("DELETE FROM {TABLE}")))
        .await?;
    // Grouped by date in SQL (a few hundred dates), folded into weeks here.
    let sql = format!(
        "SELECT r.as_of AS as_of, {st} AS st, p.archived AS archived, r.project_id % {SHARDS} AS shard, \
         CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(r.actual_bp) AS BIGINT) AS a, CAST(SUM(r.planned_bp) AS BIGINT) AS p \
         FROM progress_reports r JOIN projects p ON p.id = r.project_id GROUP BY 1, 2, 3, 4",
        st = super::dashboard::status_case_sql(t, "r.actual_bp", "r.planned_bp"),
    );
    let mut totals = Totals::new();
    for r in conn.query_all_raw(Statement::from_string(backend, sql)).await? {
        let as_of: NaiveDate = r.try_get("", "as_of")?;
        let st: String = r.try_get("", "st")?;
        let status = ioc_domain::ProgressStatus::parse(&st)
            .map(|s| s.as_str())
            .unwrap_or("on_track");
        let shard = r
            .try_get::<i32>("", "shard")
            .or_else(|_| r.try_get::<i64>("", "shard").map(|v| v as i32))?;
        let e = totals
            .entry((week_of(as_of), status, r.try_get("", "archived")?, shard))
            .or_default();
        e.0 += r.try_get::<i64>("", "n")?;
        e.1 += r.try_get::<i64>("", "a")?;
        e.2 += r.try_get::<i64>("", "p")?;
    }
    upsert(conn, &totals).await?;
    set_fingerprint(conn, TABLE, &fingerprint(t)).await
}

/// Records what a derived table was built with (`derived_meta`).
pub async fn set_fingerprint(conn: &impl ConnectionTrait, name: &str, value: &str) -> Result<(), ApiError> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "UPDATE derived_meta SET value = $1 WHERE name = $2",
        _ => "UPDATE derived_meta SET value = ? WHERE name = ?",
    };
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [value.into(), name.into()],
    ))
    .await?;
    Ok(())
}

/// What a derived table was built with, its meta row locked until the transaction ends
/// (instances starting together then rebuild it once).
pub async fn locked_fingerprint(conn: &impl ConnectionTrait, name: &str) -> Result<Option<String>, ApiError> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "SELECT value FROM derived_meta WHERE name = $1 FOR UPDATE",
        _ => "SELECT value FROM derived_meta WHERE name = ?",
    };
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [name.into()]))
        .await?;
    Ok(row.map(|r| r.try_get("", "value")).transpose()?)
}

/// At start-up: rebuilds the totals when they were built with other thresholds (or never).
pub async fn ensure(db: &DatabaseConnection, t: &Thresholds) -> Result<bool, ApiError> {
    let txn = db.begin().await?;
    if locked_fingerprint(&txn, TABLE).await?.as_deref() == Some(fingerprint(t).as_str()) {
        txn.commit().await?;
        return Ok(false);
    }
    rebuild(&txn, t).await?;
    txn.commit().await?;
    Ok(true)
}

/// One week's totals over all active (or all) projects.
#[derive(Debug, Default, Clone)]
pub struct WeekTotals {
    pub by_status: BTreeMap<String, i64>,
    pub reports: i64,
    pub actual_sum: i64,
    pub planned_sum: i64,
}

/// The totals of the weeks starting `from` to `to` (Mondays, inclusive).
pub async fn read(
    conn: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
    include_archived: bool,
) -> Result<BTreeMap<NaiveDate, WeekTotals>, ApiError> {
    let mut stmt = Query::select();
    stmt.column(Alias::new("week_start"))
        .column(Alias::new("status"))
        .expr_as(
            super::dashboard::sum_i64(Expr::col(Alias::new("reports"))),
            Alias::new("n"),
        )
        .expr_as(
            super::dashboard::sum_i64(Expr::col(Alias::new("actual_sum"))),
            Alias::new("a"),
        )
        .expr_as(
            super::dashboard::sum_i64(Expr::col(Alias::new("planned_sum"))),
            Alias::new("p"),
        )
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("week_start")).gte(from))
        .and_where(Expr::col(Alias::new("week_start")).lte(to));
    if !include_archived {
        stmt.and_where(Expr::col(Alias::new("archived")).eq(false));
    }
    stmt.group_by_col(Alias::new("week_start"))
        .group_by_col(Alias::new("status"));
    let mut out: BTreeMap<NaiveDate, WeekTotals> = BTreeMap::new();
    for r in super::dashboard::rows(conn, &stmt).await? {
        let week: NaiveDate = r.try_get("", "week_start")?;
        let e = out.entry(week).or_default();
        let n: i64 = r.try_get("", "n")?;
        *e.by_status.entry(r.try_get("", "status")?).or_default() += n;
        e.reports += n;
        e.actual_sum += r.try_get::<i64>("", "a")?;
        e.planned_sum += r.try_get::<i64>("", "p")?;
    }
    Ok(out)
}
