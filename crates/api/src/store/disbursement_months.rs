//! Monthly totals of disbursements: per year, month, archived flag and shard, the amount
//! paid (as the two part-sums of `VndTotal::SPLIT`, which cannot overflow BIGINT) and the
//! number of payments. The disbursement board's cumulative curve reads these few rows
//! instead of every payment of the year.
//!
//! Kept exact in the transaction of every write to a disbursement and of archiving or
//! restoring a project; rebuilt from the payments after a bulk load and when it was never
//! built (the first start after the migration). Sharded like `report_weeks`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use ioc_domain::VndTotal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};

use crate::error::ApiError;

const SHARDS: i32 = 16;
const TABLE: &str = "disbursement_month_totals";
const FINGERPRINT: &str = "v1";

/// One payment's contribution.
#[derive(Debug, Clone, Copy)]
pub struct Payment {
    pub project_id: i32,
    pub archived: bool,
    pub paid_on: NaiveDate,
    pub amount: i64,
}

/// `(year, month, archived, shard)` → `(payments, amount_hi, amount_lo)`.
type Totals = BTreeMap<(i32, i32, bool, i32), (i64, i64, i64)>;

fn fold(into: &mut Totals, p: &Payment, sign: i64) {
    let e = into
        .entry((
            p.paid_on.year(),
            p.paid_on.month() as i32,
            p.archived,
            p.project_id.rem_euclid(SHARDS),
        ))
        .or_default();
    e.0 += sign;
    e.1 += sign * (p.amount / VndTotal::SPLIT);
    e.2 += sign * (p.amount % VndTotal::SPLIT);
}

/// Applies added and removed payments to the totals, in the caller's transaction.
pub async fn apply(conn: &impl ConnectionTrait, added: &[Payment], removed: &[Payment]) -> Result<(), ApiError> {
    let mut totals = Totals::new();
    for p in added {
        fold(&mut totals, p, 1);
    }
    for p in removed {
        fold(&mut totals, p, -1);
    }
    upsert(conn, &totals).await
}

async fn upsert(conn: &impl ConnectionTrait, totals: &Totals) -> Result<(), ApiError> {
    let backend = conn.get_database_backend();
    let cols = [
        "year",
        "month",
        "archived",
        "shard",
        "payments",
        "amount_hi",
        "amount_lo",
    ]
    .map(Alias::new);
    let rows: Vec<_> = totals.iter().filter(|(_, v)| **v != (0, 0, 0)).collect();
    for chunk in rows.chunks(200) {
        let mut stmt = Query::insert();
        stmt.into_table(Alias::new(TABLE)).columns(cols.clone());
        for ((year, month, archived, shard), (n, hi, lo)) in chunk {
            stmt.values_panic([
                (*year).into(),
                (*month).into(),
                (*archived).into(),
                (*shard).into(),
                (*n).into(),
                (*hi).into(),
                (*lo).into(),
            ]);
        }
        let add = |c: &str| Expr::cust(format!("{TABLE}.{c} + excluded.{c}"));
        stmt.on_conflict(
            OnConflict::columns(cols[..4].iter().cloned())
                .value(Alias::new("payments"), add("payments"))
                .value(Alias::new("amount_hi"), add("amount_hi"))
                .value(Alias::new("amount_lo"), add("amount_lo"))
                .to_owned(),
        );
        conn.execute_raw(backend.build(&stmt)).await?;
    }
    Ok(())
}

/// Rebuilds the totals from every payment, in the caller's transaction.
pub async fn rebuild(conn: &impl ConnectionTrait) -> Result<(), ApiError> {
    let backend = conn.get_database_backend();
    conn.execute_raw(Statement::from_string(backend, format!("DELETE FROM {TABLE}")))
        .await?;
    let split = VndTotal::SPLIT;
    // Grouped by date in SQL (a few hundred dates a year), folded into months here.
    let sql = format!(
        "SELECT d.paid_on AS paid_on, p.archived AS archived, d.project_id % {SHARDS} AS shard, \
         CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(d.amount / {split}) AS BIGINT) AS hi, \
         CAST(SUM(d.amount % {split}) AS BIGINT) AS lo \
         FROM disbursements d JOIN projects p ON p.id = d.project_id GROUP BY 1, 2, 3"
    );
    let mut totals = Totals::new();
    for r in conn.query_all_raw(Statement::from_string(backend, sql)).await? {
        let paid_on: NaiveDate = r.try_get("", "paid_on")?;
        let shard = r
            .try_get::<i32>("", "shard")
            .or_else(|_| r.try_get::<i64>("", "shard").map(|v| v as i32))?;
        let e = totals
            .entry((
                paid_on.year(),
                paid_on.month() as i32,
                r.try_get("", "archived")?,
                shard,
            ))
            .or_default();
        e.0 += r.try_get::<i64>("", "n")?;
        e.1 += r.try_get::<i64>("", "hi")?;
        e.2 += r.try_get::<i64>("", "lo")?;
    }
    upsert(conn, &totals).await?;
    super::report_weeks::set_fingerprint(conn, TABLE, FINGERPRINT).await
}

/// At start-up: builds the totals if they never were.
pub async fn ensure(db: &DatabaseConnection) -> Result<bool, ApiError> {
    let txn = db.begin().await?;
    if super::report_weeks::locked_fingerprint(&txn, TABLE).await?.as_deref() == Some(FINGERPRINT) {
        txn.commit().await?;
        return Ok(false);
    }
    rebuild(&txn).await?;
    txn.commit().await?;
    Ok(true)
}

/// Amount paid in each month `1..to_month` of `year` (inclusive), over all active (or all)
/// projects.
pub async fn read(
    conn: &impl ConnectionTrait,
    year: i32,
    to_month: u32,
    include_archived: bool,
) -> Result<BTreeMap<u32, VndTotal>, ApiError> {
    use super::dashboard::sum_i64;
    let mut stmt = Query::select();
    stmt.column(Alias::new("month"))
        .expr_as(sum_i64(Expr::col(Alias::new("amount_hi"))), Alias::new("hi"))
        .expr_as(sum_i64(Expr::col(Alias::new("amount_lo"))), Alias::new("lo"))
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("year")).eq(year))
        .and_where(Expr::col(Alias::new("month")).lte(to_month as i32));
    if !include_archived {
        stmt.and_where(Expr::col(Alias::new("archived")).eq(false));
    }
    stmt.group_by_col(Alias::new("month"));
    let mut out = BTreeMap::new();
    for r in super::dashboard::rows(conn, &stmt).await? {
        let month: i32 = r.try_get("", "month")?;
        out.insert(
            month as u32,
            VndTotal::from_parts(r.try_get("", "hi")?, r.try_get("", "lo")?),
        );
    }
    Ok(out)
}
