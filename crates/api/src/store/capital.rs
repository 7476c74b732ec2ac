//! Yearly capital plans (kế hoạch vốn) per project and source.

use ioc_domain::dto::{CapitalPlanView, ValidCapitalPlan};
use ioc_domain::{CapitalSource, Vnd, YearTotalKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::capital_plan;
use crate::error::ApiError;
use crate::routes::etag::etag;

pub fn view(c: capital_plan::Model) -> CapitalPlanView {
    let schedule = super::projects::schedule_of(&c);
    CapitalPlanView {
        id: c.id,
        project_id: c.project_id,
        year: c.year,
        source: CapitalSource::parse(&c.source).unwrap_or(CapitalSource::Other),
        amount: Vnd::from_db(c.amount),
        schedule: schedule.0.to_vec(),
        uses_default_schedule: c.schedule_json.is_none(),
        note: c.note,
        version: c.version,
        updated_at: c.updated_at,
    }
}

pub async fn list(conn: &impl ConnectionTrait, project_id: i32) -> Result<Vec<CapitalPlanView>, ApiError> {
    Ok(capital_plan::Entity::find()
        .filter(capital_plan::Column::ProjectId.eq(project_id))
        .order_by_desc(capital_plan::Column::Year)
        .order_by_asc(capital_plan::Column::Source)
        .all(conn)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

pub async fn get(conn: &impl ConnectionTrait, project_id: i32, id: i32) -> Result<capital_plan::Model, ApiError> {
    capital_plan::Entity::find_by_id(id)
        .filter(capital_plan::Column::ProjectId.eq(project_id))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

fn duplicate() -> ApiError {
    ApiError::field(
        "source",
        "duplicate_capital_plan",
        "Dự án đã có kế hoạch vốn của nguồn này trong năm.",
        "The project already has a plan from this source for this year.",
    )
}

fn schedule_json(c: &ValidCapitalPlan) -> Option<String> {
    c.schedule
        .as_ref()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
}

pub async fn create(
    conn: &impl ConnectionTrait,
    project_id: i32,
    c: &ValidCapitalPlan,
) -> Result<CapitalPlanView, ApiError> {
    super::year_totals::check(conn, project_id, YearTotalKind::Planned, c.year, c.amount, None).await?;
    let now = super::now();
    let row = capital_plan::ActiveModel {
        project_id: Set(project_id),
        year: Set(c.year),
        source: Set(c.source.as_str().into()),
        amount: Set(c.amount.to_db()),
        schedule_json: Set(schedule_json(c)),
        note: Set(c.note.clone()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| super::map_unique(e, duplicate))?;
    Ok(view(row))
}

pub async fn update(
    conn: &impl ConnectionTrait,
    project_id: i32,
    id: i32,
    expected_version: i32,
    c: &ValidCapitalPlan,
) -> Result<CapitalPlanView, ApiError> {
    use capital_plan::Column as C;
    super::year_totals::check(conn, project_id, YearTotalKind::Planned, c.year, c.amount, Some(id)).await?;
    let res = capital_plan::Entity::update_many()
        .col_expr(C::Year, Expr::value(c.year))
        .col_expr(C::Source, Expr::value(c.source.as_str()))
        .col_expr(C::Amount, Expr::value(c.amount.to_db()))
        .col_expr(C::ScheduleJson, Expr::value(schedule_json(c)))
        .col_expr(C::Note, Expr::value(c.note.clone()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(super::now()))
        .filter(C::Id.eq(id))
        .filter(C::ProjectId.eq(project_id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await
        .map_err(|e| super::map_unique(e, duplicate))?;
    let current = get(conn, project_id, id).await?;
    super::check_version_hit(res.rows_affected, Some(etag("capital_plan", id, current.version)))?;
    Ok(view(current))
}

pub async fn delete(
    conn: &impl ConnectionTrait,
    project_id: i32,
    id: i32,
    expected_version: i32,
) -> Result<(), ApiError> {
    use capital_plan::Column as C;
    super::delete_child::<capital_plan::Entity>(
        conn,
        (C::Id, C::ProjectId, C::Version),
        project_id,
        id,
        expected_version,
        "capital_plan",
    )
    .await
}
