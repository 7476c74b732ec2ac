//! Group 4 — difficulties: open counts per category and the projects needing direction.

use chrono::NaiveDate;
use ioc_domain::dto::{CategoryCount, DifficultyBoard, DirectionItem};
use ioc_domain::DifficultyCategory;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{filtered_ids, get_i64, get_str, rows, DashboardParams};
use crate::entities::difficulty;
use crate::error::ApiError;
use crate::store::projects::ProjectFilter;

/// Open on `as_of`: raised by then and not resolved by then.
fn open_on(as_of: NaiveDate) -> Condition {
    use difficulty::Column as D;
    Condition::all().add(Expr::col(D::RaisedOn).lte(as_of)).add(
        Condition::any()
            .add(Expr::col(D::Status).ne("resolved"))
            .add(Expr::col(D::ResolvedOn).gt(as_of)),
    )
}

pub async fn difficulties(
    conn: &impl ConnectionTrait,
    f: &ProjectFilter,
    p: &DashboardParams,
    today: NaiveDate,
) -> Result<DifficultyBoard, ApiError> {
    use difficulty::Column as D;
    let as_of = p.as_of(today)?;
    let ids = filtered_ids(conn, f).await?;
    let stmt = Query::select()
        .column(D::Category)
        .expr_as(super::count_i64(), Alias::new("n"))
        .from(difficulty::Entity)
        .cond_where(open_on(as_of))
        .and_where(Expr::col(D::ProjectId).in_subquery(ids.clone()))
        .group_by_col(D::Category)
        .to_owned();
    let mut counts: Vec<CategoryCount> = DifficultyCategory::ALL
        .iter()
        .map(|c| CategoryCount {
            category: *c,
            label_vi: c.label_vi().to_owned(),
            open: 0,
        })
        .collect();
    for r in rows(conn, &stmt).await? {
        if let Some(c) = DifficultyCategory::parse(&get_str(&r, "category")?) {
            if let Some(slot) = counts.iter_mut().find(|x| x.category == c) {
                slot.open = get_i64(&r, "n")? as u64;
            }
        }
    }
    let sel = difficulty::Entity::find()
        .filter(open_on(as_of))
        .filter(Expr::col(D::NeedsLeaderDirection).eq(true))
        .filter(Expr::col(D::ProjectId).in_subquery(ids));
    let needing_direction_total = sel.clone().count(conn).await?;
    let oldest = sel
        .order_by_asc(D::RaisedOn)
        .order_by_asc(D::Id)
        .limit(p.top()?)
        .all(conn)
        .await?;
    let pids: Vec<i32> = oldest.iter().map(|d| d.project_id).collect();
    let projects = crate::store::projects::by_ids(conn, pids).await?;
    let units = crate::store::units::by_ids(conn, oldest.iter().filter_map(|d| d.responsible_unit_id)).await?;
    let needing_direction = oldest
        .into_iter()
        .map(|d| {
            let pr = projects.get(&d.project_id);
            DirectionItem {
                difficulty_id: d.id,
                project_id: d.project_id,
                project_code: pr.map(|p| p.code.clone()).unwrap_or_default(),
                project_name: pr.map(|p| p.name.clone()).unwrap_or_default(),
                category: DifficultyCategory::parse(&d.category).unwrap_or(DifficultyCategory::Other),
                title: d.title,
                proposed_solution: d.proposed_solution,
                responsible_unit: d
                    .responsible_unit_id
                    .and_then(|id| units.get(&id))
                    .map(crate::store::units::unit_ref),
                age_days: (as_of - d.raised_on).num_days(),
                raised_on: d.raised_on,
            }
        })
        .collect();
    Ok(DifficultyBoard {
        as_of,
        open_total: counts.iter().map(|c| c.open).sum(),
        open_by_category: counts,
        needing_direction,
        needing_direction_total,
    })
}
