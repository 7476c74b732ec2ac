//! Group 3 — disbursement: plan vs disbursed per project and in total, cumulative by month
//! against the planned schedule, and the lowest and highest rates.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use ioc_domain::dto::{DisbursementBoard, MonthPoint, Page, ProjectDisbursement};
use ioc_domain::{disbursement_rate, MonthlySchedule, Vnd, VndTotal};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;

use super::{filtered_ids, get_i32, get_i64, get_str, get_vnd_total, rows, sum_vnd, DashboardParams};
use crate::entities::{capital_plan, disbursement, project};
use crate::error::ApiError;
use crate::store::projects::ProjectFilter;

pub async fn disbursement(
    conn: &impl ConnectionTrait,
    f: &ProjectFilter,
    p: &DashboardParams,
    today: NaiveDate,
) -> Result<DisbursementBoard, ApiError> {
    let as_of = p.as_of(today)?;
    let year = as_of.year();
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
    let ids = filtered_ids(conn, f).await?;

    // Per project: plan for the year and amount disbursed up to as_of, without names (a
    // name is read only for the rows shown).
    let current = if as_of == today {
        from_project_columns(conn, ids.clone(), year).await?
    } else {
        None
    };
    let mut table = match current {
        Some(t) => t,
        None => from_records(conn, ids.clone(), year_start, as_of).await?,
    };
    let plan_total: VndTotal = table.iter().map(|x| x.plan).sum();
    let disbursed_total: VndTotal = table.iter().map(|x| x.disbursed).sum();

    // Lowest and highest rates among projects with a plan; ties by code for stable lists.
    let mut ranked: Vec<&ProjectDisbursement> = table.iter().filter(|x| x.rate_percent.is_some()).collect();
    ranked.sort_by(|a, b| a.rate_percent.cmp(&b.rate_percent).then_with(|| a.code.cmp(&b.code)));
    let top = usize::try_from(p.top()?).unwrap_or(100);
    let mut lowest: Vec<ProjectDisbursement> = ranked.iter().take(top).map(|x| (*x).clone()).collect();
    let mut highest: Vec<ProjectDisbursement> = ranked.iter().rev().take(top).map(|x| (*x).clone()).collect();

    let schedule = year_schedule(conn, ids.clone(), year).await?;
    let by_month = monthly(conn, ids, f.whole_portfolio(), year, as_of, plan_total, &schedule).await?;

    table.sort_by(|a, b| a.code.cmp(&b.code));
    let total = table.len() as u64;
    let paging = crate::store::paging(&f.page, &f.per_page)?;
    let mut items: Vec<ProjectDisbursement> = table
        .into_iter()
        .skip(usize::try_from(paging.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(paging.per_page()).unwrap_or(usize::MAX))
        .collect();
    fill_names(conn, [&mut items, &mut lowest, &mut highest]).await?;
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
            page: paging.page(),
            per_page: paging.per_page(),
        },
    })
}

/// Plan and disbursed of each filtered project from its derived columns (kept current by
/// every write to its plans and disbursements, in the write's transaction), when all of
/// them hold `year`'s figures; `None` sends the caller to the records.
async fn from_project_columns(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    year: i32,
) -> Result<Option<Vec<ProjectDisbursement>>, ApiError> {
    use project::Column as P;
    let stmt = Query::select()
        .columns([P::Id, P::Code, P::PlanYear, P::YearPlan, P::YearDisbursed])
        .from(project::Entity)
        .and_where(Expr::col(P::Id).in_subquery(ids))
        .to_owned();
    let mut out = Vec::new();
    for r in rows(conn, &stmt).await? {
        if r.try_get::<i32>("", "plan_year")? != year {
            return Ok(None);
        }
        let plan: VndTotal = Vnd::from_db(get_i64(&r, "year_plan")?).into();
        let disbursed: VndTotal = Vnd::from_db(get_i64(&r, "year_disbursed")?).into();
        out.push(ProjectDisbursement {
            id: get_i32(&r, "id")?,
            code: get_str(&r, "code")?,
            name: String::new(),
            plan,
            disbursed,
            rate_percent: disbursement_rate(disbursed, plan),
        });
    }
    Ok(Some(out))
}

/// Plan and disbursed of each filtered project summed from its records up to `as_of`.
async fn from_records(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    year_start: NaiveDate,
    as_of: NaiveDate,
) -> Result<Vec<ProjectDisbursement>, ApiError> {
    use capital_plan::Column as C;
    use disbursement::Column as D;
    let year = as_of.year();
    let mut plans = Query::select();
    plans.column(C::ProjectId);
    sum_vnd(&mut plans, Expr::col(C::Amount), "v");
    let plans = plans
        .from(capital_plan::Entity)
        .and_where(Expr::col(C::Year).eq(year))
        .and_where(Expr::col(C::ProjectId).in_subquery(ids.clone()))
        .group_by_col(C::ProjectId)
        .to_owned();
    let mut paid = Query::select();
    paid.column(D::ProjectId);
    sum_vnd(&mut paid, Expr::col(D::Amount), "v");
    let paid = paid
        .from(disbursement::Entity)
        .and_where(Expr::col(D::PaidOn).gte(year_start))
        .and_where(Expr::col(D::PaidOn).lte(as_of))
        .and_where(Expr::col(D::ProjectId).in_subquery(ids.clone()))
        .group_by_col(D::ProjectId)
        .to_owned();
    let by_project = |rs: Vec<sea_orm::QueryResult>| -> Result<HashMap<i32, VndTotal>, ApiError> {
        rs.iter()
            .map(|r| Ok((get_i32(r, "project_id")?, get_vnd_total(r, "v")?)))
            .collect()
    };
    let plan_of = by_project(rows(conn, &plans).await?)?;
    let paid_of = by_project(rows(conn, &paid).await?)?;
    let codes = Query::select()
        .columns([project::Column::Id, project::Column::Code])
        .from(project::Entity)
        .and_where(Expr::col(project::Column::Id).in_subquery(ids))
        .to_owned();
    let mut out = Vec::new();
    for r in rows(conn, &codes).await? {
        let id = get_i32(&r, "id")?;
        let plan = plan_of.get(&id).copied().unwrap_or_default();
        let disbursed = paid_of.get(&id).copied().unwrap_or_default();
        out.push(ProjectDisbursement {
            id,
            code: get_str(&r, "code")?,
            name: String::new(),
            plan,
            disbursed,
            rate_percent: disbursement_rate(disbursed, plan),
        });
    }
    Ok(out)
}

/// Names of the rows shown (one query for all lists).
async fn fill_names<const N: usize>(
    conn: &impl ConnectionTrait,
    lists: [&mut Vec<ProjectDisbursement>; N],
) -> Result<(), ApiError> {
    let ids: Vec<i32> = lists.iter().flat_map(|l| l.iter().map(|x| x.id)).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let stmt = Query::select()
        .columns([project::Column::Id, project::Column::Name])
        .from(project::Entity)
        .and_where(Expr::col(project::Column::Id).is_in(ids))
        .to_owned();
    let mut names = HashMap::new();
    for r in rows(conn, &stmt).await? {
        names.insert(get_i32(&r, "id")?, get_str(&r, "name")?);
    }
    for list in lists {
        for x in list.iter_mut() {
            x.name = names.get(&x.id).cloned().unwrap_or_default();
        }
    }
    Ok(())
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
    let mut default_amount = Query::select();
    sum_vnd(&mut default_amount, Expr::col(C::Amount), "v");
    let default_amount = default_amount
        .from(capital_plan::Entity)
        .and_where(Expr::col(C::Year).eq(year))
        .and_where(Expr::col(C::ScheduleJson).is_null())
        .and_where(Expr::col(C::ProjectId).in_subquery(ids.clone()))
        .to_owned();
    let default_amount = rows(conn, &default_amount)
        .await?
        .first()
        .map(|r| get_vnd_total(r, "v"))
        .transpose()?
        .unwrap_or_default();
    let own = Query::select()
        .columns([C::Amount, C::ScheduleJson])
        .from(capital_plan::Entity)
        .and_where(Expr::col(C::Year).eq(year))
        .and_where(Expr::col(C::ScheduleJson).is_not_null())
        .and_where(Expr::col(C::ProjectId).in_subquery(ids))
        .to_owned();
    let mut parts: Vec<(VndTotal, MonthlySchedule)> = vec![(default_amount, MonthlySchedule::province_default())];
    for r in rows(conn, &own).await? {
        let json: String = r.try_get("", "schedule_json")?;
        if let Ok(s) = serde_json::from_str::<MonthlySchedule>(&json) {
            parts.push((ioc_domain::Vnd::from_db(get_i64(&r, "amount")?).into(), s));
        }
    }
    Ok(MonthlySchedule::weighted(&parts))
}

/// Cumulative disbursed at each month end against the planned cumulative amount. For the
/// whole portfolio the months before `as_of`'s come from the monthly totals
/// (`disbursement_months`); the rest is grouped by payment date in SQL, folded into months.
async fn monthly(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    whole_portfolio: Option<bool>,
    year: i32,
    as_of: NaiveDate,
    plan: VndTotal,
    schedule: &MonthlySchedule,
) -> Result<Vec<MonthPoint>, ApiError> {
    use disbursement::Column as D;
    let mut per_month = [VndTotal::ZERO; 12];
    let mut year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
    if let (Some(include_archived), true) = (whole_portfolio, as_of.month() > 1) {
        let months = crate::store::disbursement_months::read(conn, year, as_of.month() - 1, include_archived).await?;
        for (m, v) in months {
            if let Some(slot) = per_month.get_mut(m as usize - 1) {
                *slot = *slot + v;
            }
        }
        year_start = NaiveDate::from_ymd_opt(year, as_of.month(), 1).unwrap_or(year_start);
    }
    let mut stmt = Query::select();
    stmt.column(D::PaidOn);
    sum_vnd(&mut stmt, Expr::col(D::Amount), "v");
    let stmt = stmt
        .from(disbursement::Entity)
        .and_where(Expr::col(D::PaidOn).gte(year_start))
        .and_where(Expr::col(D::PaidOn).lte(as_of))
        .and_where(Expr::col(D::ProjectId).in_subquery(ids))
        .group_by_col(D::PaidOn)
        .to_owned();
    for r in rows(conn, &stmt).await? {
        let d: NaiveDate = r.try_get("", "paid_on")?;
        let slot = &mut per_month[d.month0() as usize];
        *slot = *slot + get_vnd_total(&r, "v")?;
    }
    let mut cumulative = VndTotal::ZERO;
    Ok((0..12u32)
        .map(|m| {
            cumulative = cumulative + per_month[m as usize];
            MonthPoint {
                month: m + 1,
                planned_cumulative: plan.share_bp(schedule.0[m as usize].basis_points()),
                actual_cumulative: (m < as_of.month()).then_some(cumulative),
            }
        })
        .collect())
}
