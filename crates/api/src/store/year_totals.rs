//! The domain's year-total rule ([`ioc_domain::year_totals`]) at write time: a project's
//! disbursements of one year, and its capital plans for one year, stay within `Vnd::MAX`,
//! so the project row's BIGINT year figures are always exact.
//!
//! Called inside the write's transaction, after the project row was locked by
//! `routes::editable_project`: concurrent writes to one project run one at a time, so each
//! check sees every amount stored before it, on PostgreSQL as on SQLite.

use chrono::NaiveDate;
use ioc_domain::{add_to_year_total, Vnd, VndTotal, YearTotalKind};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;

use super::dashboard::{get_vnd_total, rows, sum_vnd};
use crate::entities::{capital_plan, disbursement};
use crate::error::ApiError;

/// Refuses `amount` (reported on the field `amount`) when it would take the project's total
/// of `kind` for `year` past the bound. `replacing`: the row an update overwrites, whose
/// stored amount no longer counts.
pub async fn check(
    conn: &impl ConnectionTrait,
    project_id: i32,
    kind: YearTotalKind,
    year: i32,
    amount: Vnd,
    replacing: Option<i32>,
) -> Result<(), ApiError> {
    let so_far = stored(conn, project_id, kind, year, replacing).await?;
    add_to_year_total(kind, "amount", year, so_far, amount)?;
    Ok(())
}

/// The stored total, summed exactly in SQL (split sum: no overflow even past BIGINT).
async fn stored(
    conn: &impl ConnectionTrait,
    project_id: i32,
    kind: YearTotalKind,
    year: i32,
    replacing: Option<i32>,
) -> Result<VndTotal, ApiError> {
    let mut stmt = Query::select();
    match kind {
        YearTotalKind::Disbursed => {
            use disbursement::Column as C;
            let (first, last) = year_bounds(year)?;
            stmt.from(disbursement::Entity)
                .and_where(Expr::col(C::ProjectId).eq(project_id))
                .and_where(Expr::col(C::PaidOn).gte(first))
                .and_where(Expr::col(C::PaidOn).lte(last));
            if let Some(id) = replacing {
                stmt.and_where(Expr::col(C::Id).ne(id));
            }
            sum_vnd(&mut stmt, Expr::col(C::Amount), "total");
        }
        YearTotalKind::Planned => {
            use capital_plan::Column as C;
            stmt.from(capital_plan::Entity)
                .and_where(Expr::col(C::ProjectId).eq(project_id))
                .and_where(Expr::col(C::Year).eq(year));
            if let Some(id) = replacing {
                stmt.and_where(Expr::col(C::Id).ne(id));
            }
            sum_vnd(&mut stmt, Expr::col(C::Amount), "total");
        }
    }
    let found = rows(conn, &stmt).await?;
    match found.first() {
        Some(r) => get_vnd_total(r, "total"),
        None => Ok(VndTotal::ZERO),
    }
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .zip(NaiveDate::from_ymd_opt(year, 12, 31))
        .ok_or_else(|| anyhow::anyhow!("no calendar year {year}").into())
}
