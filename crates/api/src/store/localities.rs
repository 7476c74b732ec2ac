//! Communes and wards (the province's locality reference list).

use ioc_domain::dto::{LocalityInput, LocalityView};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::locality;
use crate::error::ApiError;

pub fn view(l: locality::Model) -> LocalityView {
    LocalityView {
        id: l.id,
        code: l.code,
        name: l.name,
        kind: l.kind,
    }
}

pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<LocalityView>, ApiError> {
    Ok(locality::Entity::find()
        .order_by_asc(locality::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<LocalityView, ApiError> {
    locality::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(view)
        .ok_or(ApiError::NotFound)
}

pub async fn create(conn: &impl ConnectionTrait, input: &LocalityInput) -> Result<LocalityView, ApiError> {
    let row = locality::ActiveModel {
        code: Set(input.code.clone()),
        name: Set(input.name.clone()),
        kind: Set(input.kind.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| {
        super::map_unique(e, || {
            ApiError::field(
                "code",
                "duplicate_code",
                "Mã xã, phường đã tồn tại.",
                "This locality code already exists.",
            )
        })
    })?;
    Ok(view(row))
}

/// Resolves locality codes to rows; unknown codes are a field error.
pub async fn resolve_codes(conn: &impl ConnectionTrait, codes: &[String]) -> Result<Vec<locality::Model>, ApiError> {
    let rows = locality::Entity::find()
        .filter(locality::Column::Code.is_in(codes.to_vec()))
        .all(conn)
        .await?;
    if let Some(missing) = codes.iter().find(|c| !rows.iter().any(|r| &r.code == *c)) {
        return Err(ApiError::field(
            "locality_codes",
            "unknown_locality",
            format!("Không có xã, phường mã {missing}."),
            format!("No commune or ward with code {missing}."),
        ));
    }
    Ok(rows)
}
