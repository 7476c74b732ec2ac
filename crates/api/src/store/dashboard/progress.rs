//! Group 2 — progress: the project table and the delayed projects, worst first.

use chrono::NaiveDate;
use ioc_domain::dto::{DelayedProject, ProgressBoard};
use ioc_domain::policy::Actor;
use ioc_domain::Percent;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::DashboardParams;
use crate::entities::project;
use crate::error::ApiError;
use crate::store::projects::{self, ProjectFilter};

pub async fn progress(
    conn: &impl ConnectionTrait,
    f: &ProjectFilter,
    p: &DashboardParams,
    today: NaiveDate,
    actor: &Actor,
) -> Result<ProgressBoard, ApiError> {
    let rows = projects::list(conn, f, actor).await?;
    let delayed_sel = f
        .select(conn)
        .await?
        .filter(project::Column::ProgressStatus.eq("delayed"));
    let delayed_total = delayed_sel.clone().count(conn).await?;
    let worst = delayed_sel
        .order_by(
            Expr::col(project::Column::PlannedBp).sub(Expr::col(project::Column::ActualBp)),
            Order::Desc,
        )
        .order_by_asc(project::Column::PlannedEnd)
        .limit(p.top()?)
        .all(conn)
        .await?;
    let units = crate::store::units::by_ids(conn, worst.iter().map(|r| r.investor_unit_id)).await?;
    let delayed = worst
        .into_iter()
        .map(|r| DelayedProject {
            id: r.id,
            investor: units
                .get(&r.investor_unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            actual_percent: Percent::from_basis_points(r.actual_bp),
            planned_percent: Percent::from_basis_points(r.planned_bp),
            gap_pp: Decimal::new((r.planned_bp - r.actual_bp) as i64, 2).normalize(),
            code: r.code,
            name: r.name,
            planned_end: r.planned_end,
            forecast_finish: r.forecast_finish,
        })
        .collect();
    Ok(ProgressBoard {
        as_of: p.as_of(today)?,
        rows,
        delayed,
        delayed_total,
    })
}
