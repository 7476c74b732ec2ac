//! Group 1 — overview: totals, status and phase mix, progress over time.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use ioc_domain::dto::{Overview, PhaseCount, StatusCounts, WeekPoint};
use ioc_domain::{disbursement_rate, Percent, Phase, ProgressStatus, Thresholds, VndTotal};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;

use super::{
    filtered_ids, get_i64, get_str, get_vnd_total, latest_reports, rows, status_case_sql, sum_i64, sum_vnd,
    DashboardParams,
};
use crate::entities::{capital_plan, disbursement, progress_report, project};
use crate::error::ApiError;
use crate::store::projects::ProjectFilter;

pub async fn overview(
    conn: &impl ConnectionTrait,
    f: &ProjectFilter,
    p: &DashboardParams,
    today: NaiveDate,
    t: &Thresholds,
) -> Result<Overview, ApiError> {
    let as_of = p.as_of(today)?;
    let year = as_of.year();
    let ids = filtered_ids(conn, f).await?;

    // Status, phase, totals: one grouped query over the project rows.
    use project::Column as P;
    let mut stmt = Query::select();
    stmt.column(P::ProgressStatus)
        .column(P::Phase)
        .expr_as(super::count_i64(), Alias::new("n"));
    sum_vnd(&mut stmt, Expr::col(P::TotalInvestment), "investment");
    sum_vnd(&mut stmt, Expr::col(P::OutputValue), "output");
    // This year's plan and disbursed as each project's derived columns hold them (kept
    // current in every write's transaction), usable when all of them are for `year`.
    sum_vnd(&mut stmt, Expr::col(P::YearPlan), "plan");
    sum_vnd(&mut stmt, Expr::col(P::YearDisbursed), "paid");
    stmt.expr_as(
        sum_i64(Expr::Case(Box::new(
            Expr::case(Expr::col(P::PlanYear).eq(year), 0).finally(1),
        ))),
        Alias::new("other_year"),
    );
    let stmt = stmt
        .from(project::Entity)
        .and_where(Expr::col(P::Id).in_subquery(ids.clone()))
        .group_by_col(P::ProgressStatus)
        .group_by_col(P::Phase)
        .to_owned();
    let mut by_status = StatusCounts::default();
    let mut by_phase: BTreeMap<String, u64> = BTreeMap::new();
    let (mut projects, mut investment, mut output) = (0u64, VndTotal::ZERO, VndTotal::ZERO);
    let (mut plan_columns, mut paid_columns, mut other_year) = (VndTotal::ZERO, VndTotal::ZERO, 0);
    for r in rows(conn, &stmt).await? {
        let n = get_i64(&r, "n")? as u64;
        projects += n;
        investment = investment + get_vnd_total(&r, "investment")?;
        output = output + get_vnd_total(&r, "output")?;
        plan_columns = plan_columns + get_vnd_total(&r, "plan")?;
        paid_columns = paid_columns + get_vnd_total(&r, "paid")?;
        other_year += get_i64(&r, "other_year")?;
        if let Some(s) = ProgressStatus::parse(&get_str(&r, "progress_status")?) {
            by_status.add(s, n);
        }
        *by_phase.entry(get_str(&r, "phase")?).or_default() += n;
    }
    if as_of < today {
        // Before today: statuses and output from the latest report on or before `as_of`.
        let (past_status, past_output) = status_as_of(conn, ids.clone(), as_of, t).await?;
        by_status = past_status;
        by_status.on_track += projects.saturating_sub(by_status.total());
        output = past_output;
    }

    let (capital, disbursed) = if as_of == today && other_year == 0 {
        (plan_columns, paid_columns)
    } else {
        year_sums(conn, ids.clone(), year, as_of).await?
    };
    Ok(Overview {
        as_of,
        year,
        projects,
        total_investment: investment,
        capital_allocated: capital,
        output_value: output,
        disbursed,
        disbursement_rate_percent: disbursement_rate(disbursed, capital),
        by_status,
        by_phase: Phase::ALL
            .iter()
            .map(|ph| PhaseCount {
                phase: *ph,
                projects: by_phase.get(ph.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        progress_over_time: weekly(conn, ids, f.whole_portfolio(), as_of, p.weeks()?, t).await?,
    })
}

/// This year's capital plans and disbursements up to `as_of`, summed from the records.
async fn year_sums(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    year: i32,
    as_of: NaiveDate,
) -> Result<(VndTotal, VndTotal), ApiError> {
    let capital = scalar(
        conn,
        Expr::col(capital_plan::Column::Amount),
        Query::select()
            .from(capital_plan::Entity)
            .and_where(Expr::col(capital_plan::Column::Year).eq(year))
            .and_where(Expr::col(capital_plan::Column::ProjectId).in_subquery(ids.clone()))
            .to_owned(),
    )
    .await?;
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
    let disbursed = scalar(
        conn,
        Expr::col(disbursement::Column::Amount),
        Query::select()
            .from(disbursement::Entity)
            .and_where(Expr::col(disbursement::Column::PaidOn).gte(year_start))
            .and_where(Expr::col(disbursement::Column::PaidOn).lte(as_of))
            .and_where(Expr::col(disbursement::Column::ProjectId).in_subquery(ids))
            .to_owned(),
    )
    .await?;
    Ok((capital, disbursed))
}

/// The exact total of the amount `e` over the rows `stmt` selects from.
async fn scalar(
    conn: &impl ConnectionTrait,
    e: Expr,
    mut stmt: sea_orm::sea_query::SelectStatement,
) -> Result<VndTotal, ApiError> {
    sum_vnd(&mut stmt, e, "v");
    Ok(rows(conn, &stmt)
        .await?
        .first()
        .map(|r| get_vnd_total(r, "v"))
        .transpose()?
        .unwrap_or_default())
}

/// Status counts and output value from each project's latest report on or before `as_of`.
async fn status_as_of(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    as_of: NaiveDate,
    t: &Thresholds,
) -> Result<(StatusCounts, VndTotal), ApiError> {
    let mut stmt = Query::select();
    stmt.expr_as(
        Expr::cust(status_case_sql(t, "x.actual_bp", "x.planned_bp")),
        Alias::new("st"),
    )
    .expr_as(super::count_i64(), Alias::new("n"));
    sum_vnd(
        &mut stmt,
        Expr::col((Alias::new("x"), Alias::new("output_value"))),
        "output",
    );
    let stmt = stmt
        .from_subquery(latest_reports(ids, as_of), Alias::new("x"))
        .add_group_by([Expr::cust("1")])
        .to_owned();
    let mut counts = StatusCounts::default();
    let mut output = VndTotal::ZERO;
    for r in rows(conn, &stmt).await? {
        output = output + get_vnd_total(&r, "output")?;
        if let Some(s) = ProgressStatus::parse(&get_str(&r, "st")?) {
            counts.add(s, get_i64(&r, "n")? as u64);
        }
    }
    Ok((counts, output))
}

/// Progress over time: per week (Monday start), the reports submitted that week classified
/// by their gap to plan, and the average actual and planned %. For the whole portfolio the
/// weeks before `as_of`'s come from the weekly totals (`report_weeks`); the rest is grouped
/// by date in SQL from the reports, then folded into weeks (at most 7 dates a week).
async fn weekly(
    conn: &impl ConnectionTrait,
    ids: sea_orm::sea_query::SelectStatement,
    whole_portfolio: Option<bool>,
    as_of: NaiveDate,
    weeks: u32,
    t: &Thresholds,
) -> Result<Vec<WeekPoint>, ApiError> {
    use progress_report::Column as R;
    let this_monday = as_of - Duration::days(as_of.weekday().num_days_from_monday() as i64);
    let first_monday = this_monday - Duration::weeks(weeks as i64 - 1);
    let mut acc: BTreeMap<NaiveDate, (StatusCounts, u64, i64, i64)> = BTreeMap::new();
    for i in 0..weeks {
        acc.insert(first_monday + Duration::weeks(i as i64), Default::default());
    }
    // Reports read one by one from this date on; the weeks before come from the totals.
    let scan_from = match whole_portfolio {
        Some(include_archived) if this_monday > first_monday => {
            let last_full = this_monday - Duration::weeks(1);
            let totals = crate::store::report_weeks::read(conn, first_monday, last_full, include_archived).await?;
            for (week, w) in totals {
                let e = acc.entry(week).or_default();
                for (st, n) in &w.by_status {
                    if let Some(s) = ProgressStatus::parse(st) {
                        e.0.add(s, *n as u64);
                    }
                }
                e.1 += w.reports as u64;
                e.2 += w.actual_sum;
                e.3 += w.planned_sum;
            }
            this_monday
        }
        _ => first_monday,
    };
    let stmt = Query::select()
        .column(R::AsOf)
        .expr_as(
            Expr::cust(status_case_sql(t, "actual_bp", "planned_bp")),
            Alias::new("st"),
        )
        .expr_as(super::count_i64(), Alias::new("n"))
        .expr_as(sum_i64(Expr::col(R::ActualBp)), Alias::new("actual"))
        .expr_as(sum_i64(Expr::col(R::PlannedBp)), Alias::new("planned"))
        .from(progress_report::Entity)
        .and_where(Expr::col(R::AsOf).gte(scan_from))
        .and_where(Expr::col(R::AsOf).lte(as_of))
        .and_where(Expr::col(R::ProjectId).in_subquery(ids))
        .add_group_by([Expr::cust("1"), Expr::cust("2")])
        .to_owned();
    for r in rows(conn, &stmt).await? {
        let date: NaiveDate = r.try_get("", "as_of")?;
        let week = date - Duration::days(date.weekday().num_days_from_monday() as i64);
        let e = acc.entry(week).or_default();
        let n = get_i64(&r, "n")? as u64;
        if let Some(s) = ProgressStatus::parse(&get_str(&r, "st")?) {
            e.0.add(s, n);
        }
        e.1 += n;
        e.2 += get_i64(&r, "actual")?;
        e.3 += get_i64(&r, "planned")?;
    }
    Ok(acc
        .into_iter()
        .map(|(week_start, (statuses, reports, actual, planned))| {
            let avg = |sum: i64| {
                if reports == 0 {
                    Percent::ZERO
                } else {
                    Percent::from_basis_points((sum / reports as i64) as i32)
                }
            };
            WeekPoint {
                week_start,
                reports,
                statuses,
                avg_actual_percent: avg(actual),
                avg_planned_percent: avg(planned),
            }
        })
        .collect())
}
