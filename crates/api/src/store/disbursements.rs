//! Disbursement records (giải ngân), with cumulative amounts and rates derived per year.

use std::collections::HashMap;

use chrono::Datelike;
use ioc_domain::dto::{DisbursementView, ValidDisbursement};
use ioc_domain::{disbursement_rate, Vnd, VndTotal, YearTotalKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{capital_plan, disbursement, project};
use crate::error::ApiError;
use crate::routes::etag::etag;

/// All of a project's disbursements, newest first, each with the year's cumulative amount
/// up to it and the rate against that year's plan.
pub async fn list(conn: &impl ConnectionTrait, project_id: i32) -> Result<Vec<DisbursementView>, ApiError> {
    let rows = disbursement::Entity::find()
        .filter(disbursement::Column::ProjectId.eq(project_id))
        .order_by_asc(disbursement::Column::PaidOn)
        .order_by_asc(disbursement::Column::Id)
        .all(conn)
        .await?;
    let mut plans: HashMap<i32, VndTotal> = HashMap::new();
    for p in capital_plan::Entity::find()
        .filter(capital_plan::Column::ProjectId.eq(project_id))
        .all(conn)
        .await?
    {
        *plans.entry(p.year).or_default() += Vnd::from_db(p.amount);
    }
    let mut cumulative: HashMap<i32, VndTotal> = HashMap::new();
    let mut out: Vec<DisbursementView> = rows
        .into_iter()
        .map(|d| {
            let year = d.paid_on.year();
            let c = cumulative.entry(year).or_default();
            *c += Vnd::from_db(d.amount);
            let plan = plans.get(&year).copied().unwrap_or_default();
            DisbursementView {
                id: d.id,
                project_id: d.project_id,
                paid_on: d.paid_on,
                amount: Vnd::from_db(d.amount),
                cumulative_in_year: *c,
                rate_percent: disbursement_rate(*c, plan),
                note: d.note,
                recorded_by: d.recorded_by,
                version: d.version,
                updated_at: d.updated_at,
            }
        })
        .collect();
    out.reverse();
    Ok(out)
}

pub async fn view_one(conn: &impl ConnectionTrait, project_id: i32, id: i32) -> Result<DisbursementView, ApiError> {
    list(conn, project_id)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(ApiError::NotFound)
}

pub async fn get(conn: &impl ConnectionTrait, project_id: i32, id: i32) -> Result<disbursement::Model, ApiError> {
    disbursement::Entity::find_by_id(id)
        .filter(disbursement::Column::ProjectId.eq(project_id))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

/// A payment's part of the monthly totals (`disbursement_months`).
fn payment(p: &project::Model, d: &disbursement::Model) -> super::disbursement_months::Payment {
    super::disbursement_months::Payment {
        project_id: p.id,
        archived: p.archived,
        paid_on: d.paid_on,
        amount: d.amount,
    }
}

pub async fn create(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    d: &ValidDisbursement,
    recorded_by: i32,
) -> Result<disbursement::Model, ApiError> {
    let project_id = p.id;
    check_year_total(conn, project_id, d, None).await?;
    let now = super::now();
    let row = disbursement::ActiveModel {
        project_id: Set(project_id),
        paid_on: Set(d.paid_on),
        amount: Set(d.amount.to_db()),
        note: Set(d.note.clone()),
        recorded_by: Set(recorded_by),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    super::disbursement_months::apply(conn, &[payment(p, &row)], &[]).await?;
    Ok(row)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    id: i32,
    expected_version: i32,
    d: &ValidDisbursement,
) -> Result<(), ApiError> {
    use disbursement::Column as C;
    let project_id = p.id;
    check_year_total(conn, project_id, d, Some(id)).await?;
    let old = get(conn, project_id, id).await?;
    let res = disbursement::Entity::update_many()
        .col_expr(C::PaidOn, Expr::value(d.paid_on))
        .col_expr(C::Amount, Expr::value(d.amount.to_db()))
        .col_expr(C::Note, Expr::value(d.note.clone()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(super::now()))
        .filter(C::Id.eq(id))
        .filter(C::ProjectId.eq(project_id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await?;
    let current = get(conn, project_id, id).await?;
    super::check_version_hit(res.rows_affected, Some(etag("disbursement", id, current.version)))?;
    super::disbursement_months::apply(conn, &[payment(p, &current)], &[payment(p, &old)]).await
}

/// The project's disbursements of the payment's year stay within the domain bound.
async fn check_year_total(
    conn: &impl ConnectionTrait,
    project_id: i32,
    d: &ValidDisbursement,
    replacing: Option<i32>,
) -> Result<(), ApiError> {
    let year = d.paid_on.year();
    super::year_totals::check(conn, project_id, YearTotalKind::Disbursed, year, d.amount, replacing).await
}

pub async fn delete(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    id: i32,
    expected_version: i32,
) -> Result<(), ApiError> {
    use disbursement::Column as C;
    let old = get(conn, p.id, id).await?;
    super::delete_child::<disbursement::Entity>(
        conn,
        (C::Id, C::ProjectId, C::Version),
        p.id,
        id,
        expected_version,
        "disbursement",
    )
    .await?;
    super::disbursement_months::apply(conn, &[], &[payment(p, &old)]).await
}
