//! Units (organisations) and the references other resources make to them.

use std::collections::HashMap;

use ioc_domain::dto::{UnitInput, UnitRef, UnitView};
use ioc_domain::UnitKind;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::unit;
use crate::error::ApiError;

pub fn view(u: unit::Model) -> UnitView {
    UnitView {
        id: u.id,
        code: u.code,
        name: u.name,
        kind: UnitKind::parse(&u.kind).unwrap_or(UnitKind::Other),
        version: u.version,
    }
}

pub fn unit_ref(u: &unit::Model) -> UnitRef {
    UnitRef {
        id: u.id,
        code: u.code.clone(),
        name: u.name.clone(),
    }
}

fn duplicate_code() -> ApiError {
    ApiError::field(
        "code",
        "duplicate_code",
        "Mã đơn vị đã tồn tại.",
        "This unit code already exists.",
    )
}

pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<UnitView>, ApiError> {
    Ok(unit::Entity::find()
        .order_by_asc(unit::Column::Code)
        .all(conn)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<unit::Model, ApiError> {
    unit::Entity::find_by_id(id).one(conn).await?.ok_or(ApiError::NotFound)
}

/// Every unit by id, for joining names into lists.
pub async fn all_by_id(conn: &impl ConnectionTrait) -> Result<HashMap<i32, unit::Model>, ApiError> {
    Ok(unit::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// The units with these ids (for the few a page of records names; a province-wide system
/// has thousands of units).
pub async fn by_ids(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, unit::Model>, ApiError> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// Checks that a referenced unit exists, as a field error on `field`.
pub async fn require(conn: &impl ConnectionTrait, field: &str, id: i32) -> Result<unit::Model, ApiError> {
    unit::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::field(field, "unknown_unit", "Đơn vị không tồn tại.", "No such unit."))
}

pub async fn create(conn: &impl ConnectionTrait, input: &UnitInput) -> Result<UnitView, ApiError> {
    let now = super::now();
    let row = unit::ActiveModel {
        code: Set(input.code.clone()),
        name: Set(input.name.clone()),
        kind: Set(input.kind.as_str().to_owned()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| super::map_unique(e, duplicate_code))?;
    Ok(view(row))
}

pub async fn update(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    input: &UnitInput,
) -> Result<UnitView, ApiError> {
    let res = unit::Entity::update_many()
        .col_expr(unit::Column::Code, Expr::value(input.code.clone()))
        .col_expr(unit::Column::Name, Expr::value(input.name.clone()))
        .col_expr(unit::Column::Kind, Expr::value(input.kind.as_str()))
        .col_expr(unit::Column::Version, Expr::value(expected_version + 1))
        .col_expr(unit::Column::UpdatedAt, Expr::value(super::now()))
        .filter(unit::Column::Id.eq(id))
        .filter(unit::Column::Version.eq(expected_version))
        .exec(conn)
        .await
        .map_err(|e| super::map_unique(e, duplicate_code))?;
    let current = get(conn, id).await?;
    super::check_version_hit(
        res.rows_affected,
        Some(crate::routes::etag::etag("unit", id, current.version)),
    )?;
    Ok(view(current))
}

pub async fn delete(conn: &impl ConnectionTrait, id: i32) -> Result<(), ApiError> {
    unit::Entity::delete_by_id(id)
        .exec(conn)
        .await
        .map_err(super::map_in_use)?;
    Ok(())
}
