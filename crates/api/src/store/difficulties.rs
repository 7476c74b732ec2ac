//! Difficulties (khó khăn, vướng mắc) per project, and the province-wide list.

use ioc_domain::dto::{DifficultyView, Page, ValidDifficulty};
use ioc_domain::{DifficultyCategory, DifficultyStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::Deserialize;

use crate::entities::{difficulty, project};
use crate::error::ApiError;
use crate::routes::etag::etag;

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DifficultyFilter {
    /// Category code; several separated by commas.
    pub category: Option<String>,
    /// `open`, `in_progress`, `resolved`; several separated by commas.
    pub status: Option<String>,
    /// Only unresolved difficulties (open or in progress).
    pub unresolved: Option<bool>,
    /// Only those flagged as needing a leader's direction.
    pub needs_leader_direction: Option<bool>,
    pub project_id: Option<i32>,
    pub responsible_unit_id: Option<i32>,
    /// Difficulties of projects where this unit is investor or managing unit.
    pub unit: Option<i32>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// A difficulty as the API shows it, with its project and responsible unit already loaded.
pub fn view_with(
    d: difficulty::Model,
    p: Option<&project::Model>,
    responsible_unit: Option<ioc_domain::dto::UnitRef>,
) -> DifficultyView {
    DifficultyView {
        id: d.id,
        project_id: d.project_id,
        project_code: p.map(|p| p.code.clone()).unwrap_or_default(),
        project_name: p.map(|p| p.name.clone()).unwrap_or_default(),
        category: DifficultyCategory::parse(&d.category).unwrap_or(DifficultyCategory::Other),
        title: d.title,
        detail: d.detail,
        proposed_solution: d.proposed_solution,
        responsible_unit,
        needs_leader_direction: d.needs_leader_direction,
        status: DifficultyStatus::parse(&d.status).unwrap_or(DifficultyStatus::Open),
        raised_on: d.raised_on,
        resolved_on: d.resolved_on,
        resolution_note: d.resolution_note,
        version: d.version,
        created_at: d.created_at,
        updated_at: d.updated_at,
    }
}

pub async fn views(conn: &impl ConnectionTrait, rows: Vec<difficulty::Model>) -> Result<Vec<DifficultyView>, ApiError> {
    let units = super::units::all_by_id(conn).await?;
    let pids: Vec<i32> = rows.iter().map(|d| d.project_id).collect();
    let projects = crate::store::projects::by_ids(conn, pids).await?;
    Ok(rows
        .into_iter()
        .map(|d| {
            let unit = d
                .responsible_unit_id
                .and_then(|id| units.get(&id))
                .map(super::units::unit_ref);
            let project = projects.get(&d.project_id);
            view_with(d, project, unit)
        })
        .collect())
}

pub async fn view(conn: &impl ConnectionTrait, d: difficulty::Model) -> Result<DifficultyView, ApiError> {
    Ok(views(conn, vec![d]).await?.pop().expect("one view"))
}

pub async fn list(conn: &impl ConnectionTrait, f: &DifficultyFilter) -> Result<Page<DifficultyView>, ApiError> {
    use difficulty::Column as C;
    let paging = super::paging(&f.page, &f.per_page)?;
    let mut cond = Condition::all();
    if let Some(v) = super::code_list("category", &f.category, DifficultyCategory::parse)? {
        cond = cond.add(C::Category.is_in(v));
    }
    if let Some(v) = super::code_list("status", &f.status, DifficultyStatus::parse)? {
        cond = cond.add(C::Status.is_in(v));
    }
    match f.unresolved {
        Some(true) => cond = cond.add(C::Status.ne("resolved")),
        Some(false) => cond = cond.add(C::Status.eq("resolved")),
        None => {}
    }
    if let Some(v) = f.needs_leader_direction {
        cond = cond.add(C::NeedsLeaderDirection.eq(v));
    }
    if let Some(v) = f.project_id {
        cond = cond.add(C::ProjectId.eq(v));
    }
    if let Some(v) = f.responsible_unit_id {
        cond = cond.add(C::ResponsibleUnitId.eq(v));
    }
    if let Some(v) = f.unit {
        cond = cond.add(
            C::ProjectId.in_subquery(
                Query::select()
                    .column(project::Column::Id)
                    .from(project::Entity)
                    .cond_where(
                        Condition::any()
                            .add(Expr::col(project::Column::InvestorUnitId).eq(v))
                            .add(Expr::col(project::Column::ManagingUnitId).eq(v)),
                    )
                    .to_owned(),
            ),
        );
    }
    let sel = difficulty::Entity::find().filter(cond);
    let total = sel.clone().count(conn).await?;
    // Oldest open problems first: they are the ones leaders must act on.
    let rows = sel
        .order_by_asc(C::RaisedOn)
        .order_by_asc(C::Id)
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: views(conn, rows).await?,
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}

pub async fn list_for_project(conn: &impl ConnectionTrait, project_id: i32) -> Result<Vec<DifficultyView>, ApiError> {
    let rows = difficulty::Entity::find()
        .filter(difficulty::Column::ProjectId.eq(project_id))
        .order_by_desc(difficulty::Column::RaisedOn)
        .order_by_desc(difficulty::Column::Id)
        .all(conn)
        .await?;
    views(conn, rows).await
}

pub async fn get(conn: &impl ConnectionTrait, project_id: i32, id: i32) -> Result<difficulty::Model, ApiError> {
    difficulty::Entity::find_by_id(id)
        .filter(difficulty::Column::ProjectId.eq(project_id))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

async fn check_unit(conn: &impl ConnectionTrait, d: &ValidDifficulty) -> Result<(), ApiError> {
    if let Some(id) = d.responsible_unit_id {
        super::units::require(conn, "responsible_unit_id", id).await?;
    }
    Ok(())
}

pub async fn create(
    conn: &impl ConnectionTrait,
    project_id: i32,
    d: &ValidDifficulty,
    created_by: i32,
) -> Result<difficulty::Model, ApiError> {
    check_unit(conn, d).await?;
    let now = super::now();
    Ok(difficulty::ActiveModel {
        project_id: Set(project_id),
        category: Set(d.category.as_str().into()),
        title: Set(d.title.clone()),
        detail: Set(d.detail.clone()),
        proposed_solution: Set(d.proposed_solution.clone()),
        responsible_unit_id: Set(d.responsible_unit_id),
        needs_leader_direction: Set(d.needs_leader_direction),
        status: Set(d.status.as_str().into()),
        raised_on: Set(d.raised_on),
        resolved_on: Set(d.resolved_on),
        resolution_note: Set(d.resolution_note.clone()),
        created_by: Set(created_by),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

pub async fn update(
    conn: &impl ConnectionTrait,
    project_id: i32,
    id: i32,
    expected_version: i32,
    d: &ValidDifficulty,
) -> Result<difficulty::Model, ApiError> {
    check_unit(conn, d).await?;
    use difficulty::Column as C;
    let res = difficulty::Entity::update_many()
        .col_expr(C::Category, Expr::value(d.category.as_str()))
        .col_expr(C::Title, Expr::value(d.title.clone()))
        .col_expr(C::Detail, Expr::value(d.detail.clone()))
        .col_expr(C::ProposedSolution, Expr::value(d.proposed_solution.clone()))
        .col_expr(C::ResponsibleUnitId, Expr::value(d.responsible_unit_id))
        .col_expr(C::NeedsLeaderDirection, Expr::value(d.needs_leader_direction))
        .col_expr(C::Status, Expr::value(d.status.as_str()))
        .col_expr(C::RaisedOn, Expr::value(d.raised_on))
        .col_expr(C::ResolvedOn, Expr::value(d.resolved_on))
        .col_expr(C::ResolutionNote, Expr::value(d.resolution_note.clone()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(super::now()))
        .filter(C::Id.eq(id))
        .filter(C::ProjectId.eq(project_id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await?;
    let current = get(conn, project_id, id).await?;
    super::check_version_hit(res.rows_affected, Some(etag("difficulty", id, current.version)))?;
    Ok(current)
}

pub async fn delete(
    conn: &impl ConnectionTrait,
    project_id: i32,
    id: i32,
    expected_version: i32,
) -> Result<(), ApiError> {
    use difficulty::Column as C;
    super::delete_child::<difficulty::Entity>(
        conn,
        (C::Id, C::ProjectId, C::Version),
        project_id,
        id,
        expected_version,
        "difficulty",
    )
    .await
}
