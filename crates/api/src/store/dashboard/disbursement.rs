//! Group 3 — disbursement: plan vs disbursed per project and in total, cumulative by month
//! against the planned schedule, and the lowest and highest rates.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use ioc_domain::dto::{DisbursementBoard, MonthPoint, Page, ProjectDisbursement};
use ioc_domain::{disbursement_rate, MonthlySchedule, Percent, Vnd};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;

use super::{filtered_ids, get_i32, get_i64, get_str, rows, sum_i64, DashboardParams};
use crate::entities::{capital_plan, disbursement, project};
use crate::error::ApiError;
use crate::store::projects::ProjectFilter;

pub async fn disbursement(
    conn: &impl ConnectionTrait,
    f: &ProjectFilter,
    p: &DashboardParams,
    today: NaiveDate,
) -> Result<DisbursementBoard, ApiError> {
    let as_of = p.as_of(today);
    let year = as_of.year();
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
    let ids = filtered_ids(conn, f).await?;

    // Per project: plan for the year and amount disbursed up to as_of (two grouped queries).
    use capital_plan::Column as C;
    use disbursement::Column as D;
    let plans = Query::select()
        .column(C::ProjectId)
        .expr_as(sum_i64(Expr::col(C::Amount)), Alias::new("v"))
        .from(capital_plan::Entity)
        .and_where(Expr::col(C::Year).eq(year))
        .and_where(Expr::col(C::ProjectId).in_subquery(ids.clone()))
        .group_by_col(C::ProjectId)
        .to_owned();
    let paid = Query::select()
        .column(D::ProjectId)
        .expr_as(sum_i64(Expr::col(D::Amount)), Alias::new("v"))
        .from(disbursement::Entity)
        .and_where(Expr::col(D::PaidOn).gte(year_start))
        .and_where(Expr::col(D::PaidOn).lte(as_of))
        .and_where(Expr::col(D::ProjectId).in_subquery(ids.clone()))
        .group_by_col(D::ProjectId)
        .to_owned();
    let by_project = |rs: Vec<sea_orm::QueryResult>| -> Result<HashMap<i32, i64>, ApiError> {
        rs.iter()
            .map(|r| Ok((get_i32(r, "project_id")?, get_i64(r, "v")?)))
            .collect()
    };
    let plan_of = by_project(rows(conn, &plans).await?)?;
    let paid_of = by_project(rows(conn, &paid).await?)?;
    let names = Query::select()
        .columns([project::Column::Id, project::Column::Code, project::Column::Name])
        .from(project::Entity)
        .and_where(Expr::col(project::Column::Id).in_subquery(ids.clone()))
        .to_owned();
    let mut table: Vec<ProjectDisbursement> = Vec::new();
    for r in rows(conn, &names).await? {
        let id = get_i32(&r, "id")?;
        let plan = Vnd::from_db(plan_of.get(&id).copied().unwrap_or(0));
        let disbursed = Vnd::from_db(paid_of.get(&id).copied().unwrap_or(0));
        table.push(ProjectDisbursement {
            id,
            code: get_str(&r, "code")?,
            name: get_str(&r, "name")?,
            plan,
            disbursed,
            rate_percent: disbursement_rate(disbursed, plan),
        });
    }
    let plan_total = Vnd::sum(table.iter().map(|x| x.plan));
    let disbursed_total = Vnd::sum(table.iter().map(|x| x.disbursed));

    // Lowest and highest rates among projects with a plan; ties by code for stable lists.
    let mut ranked: Vec<&ProjectDisbursement> = table.iter().filter(|x| x.rate_percent.is_some()).collect();
    ranked.sort_by(|a, b| a.rate_percent.cmp(&b.rate_percent).then_with(|| a.code.cmp(&b.code)));
    let top = p.top() as usize;
    let lowest = ranked.iter().take(top).map(|x| (*x).clone()).collect();
    let highest = ranked.iter().rev().take(top).map(|x| (*x).clone()).collect();

    let schedule = year_schedule(conn, ids.clone(), year).await?;
    let by_month = monthly(conn, ids, year, as_of, plan_total, &schedule).await?;

    table.sort_by(|a, b| a.code.cmp(&b.code));
    let total = table.len() as u64;
    let (page, per_page) = crate::store::paging(f.page, f.per_page);
    let items: Vec<ProjectDisbursement> = table
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .collect();
    Ok(DisbursementBoard {
        as_of,
        year,
        plan: plan_total,
        disbursed: disbursed_total,
        rate_percent: disbursement_rate(disbursed_total, plan_total),
        planned_rate_percent: schedule.planned_percent_at(as_of),
        by_month,
        lowest,
        highest,
        projects: Page {
            items,
            total,
            page,
            per_page,
        },
    })
}

/// The year's planned curve for the filtered projects: plans without their own schedule
/// follow the province default, weighted by amount (one grouped query plus the few plans
/// that carry a schedule).
async fn year_schedule(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    year: i32,
) -> Result<MonthlySchedule, ApiError> {
    use capital_plan::Column as C;
    let default_amount = Query::select()
        .expr_as(sum_i64(Expr::col(C::Amount)), Alias::new("v"))
        .from(capital_plan::Entity)
        .and_where(Expr::col(C::Year).eq(year))
        .and_where(Expr::col(C::ScheduleJson).is_null())
        .and_where(Expr::col(C::ProjectId).in_subquery(ids.clone()))
        .to_owned();
    let default_amount = rows(conn, &default_amount)
        .await?
        .first()
        .map(|r| get_i64(r, "v"))
        .transpose()?
        .unwrap_or(0);
    let own = Query::select()
        .columns([C::Amount, C::ScheduleJson])
        .from(capital_plan::Entity)
        .and_where(Expr::col(C::Year).eq(year))
        .and_where(Expr::col(C::ScheduleJson).is_not_null())
        .and_where(Expr::col(C::ProjectId).in_subquery(ids))
        .to_owned();
    let mut parts: Vec<(i64, MonthlySchedule)> = vec![(default_amount, MonthlySchedule::province_default())];
    for r in rows(conn, &own).await? {
        let json: String = r.try_get("", "schedule_json")?;
        if let Ok(s) = serde_json::from_str::<MonthlySchedule>(&json) {
            parts.push((get_i64(&r, "amount")?, s));
        }
    }
    let total: i64 = parts.iter().map(|(a, _)| a).sum();
    if total == 0 {
        return Ok(MonthlySchedule::province_default());
    }
    let mut months = [Percent::ZERO; 12];
    for (m, slot) in months.iter_mut().enumerate() {
        let acc: Decimal = parts.iter().map(|(a, s)| s.0[m].value() * Decimal::from(*a)).sum();
        *slot = Percent::clamped(acc / Decimal::from(total));
    }
    Ok(MonthlySchedule(months))
}

/// Cumulative disbursed at each month end (grouped by payment date in SQL, folded into
/// months) against the planned cumulative amount.
async fn monthly(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    year: i32,
    as_of: NaiveDate,
    plan: Vnd,
    schedule: &MonthlySchedule,
) -> Result<Vec<MonthPoint>, ApiError> {
    use disbursement::Column as D;
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
    let stmt = Query::select()
        .column(D::PaidOn)
        .expr_as(sum_i64(Expr::col(D::Amount)), Alias::new("v"))
        .from(disbursement::Entity)
        .and_where(Expr::col(D::PaidOn).gte(year_start))
        .and_where(Expr::col(D::PaidOn).lte(as_of))
        .and_where(Expr::col(D::ProjectId).in_subquery(ids))
        .group_by_col(D::PaidOn)
        .to_owned();
    let mut per_month = [0i64; 12];
    for r in rows(conn, &stmt).await? {
        let d: NaiveDate = r.try_get("", "paid_on")?;
        per_month[d.month0() as usize] = per_month[d.month0() as usize].saturating_add(get_i64(&r, "v")?);
    }
    let mut cumulative = 0i64;
    Ok((0..12u32)
        .map(|m| {
            cumulative = cumulative.saturating_add(per_month[m as usize]);
            let planned = (plan.amount() * schedule.0[m as usize].value() / Decimal::from(100)).round();
            MonthPoint {
                month: m + 1,
                planned_cumulative: Vnd::from_db(planned.to_i64().unwrap_or(0)),
                actual_cumulative: (m < as_of.month()).then(|| Vnd::from_db(cumulative)),
            }
        })
        .collect())
}
