//! User accounts (admin-managed).

use ioc_domain::dto::{UserInput, UserView};
use ioc_domain::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{unit, user};
use crate::error::ApiError;

pub async fn view(conn: &impl ConnectionTrait, u: user::Model) -> Result<UserView, ApiError> {
    let unit = match u.unit_id {
        Some(id) => unit::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|m| super::units::unit_ref(&m)),
        None => None,
    };
    Ok(UserView {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        role: Role::parse(&u.role).unwrap_or(Role::Viewer),
        unit,
        email: u.email,
        active: u.active,
        version: u.version,
    })
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<user::Model, ApiError> {
    user::Entity::find_by_id(id).one(conn).await?.ok_or(ApiError::NotFound)
}

pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<UserView>, ApiError> {
    let rows = user::Entity::find()
        .order_by_asc(user::Column::Username)
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(view(conn, r).await?);
    }
    Ok(out)
}

/// Active people for the direction forms, by name; `roles` and `unit_id` narrow the list.
pub async fn people(
    conn: &impl ConnectionTrait,
    roles: Option<Vec<String>>,
    unit_id: Option<i32>,
) -> Result<Vec<ioc_domain::dto::PersonRef>, ApiError> {
    let mut sel = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        // Machine accounts are not people.
        .filter(user::Column::Role.ne(Role::Integrator.as_str()));
    if let Some(r) = roles {
        sel = sel.filter(user::Column::Role.is_in(r));
    }
    if let Some(u) = unit_id {
        sel = sel.filter(user::Column::UnitId.eq(u));
    }
    let rows = sel.order_by_asc(user::Column::DisplayName).all(conn).await?;
    let units = super::units::all_by_id(conn).await?;
    Ok(rows
        .into_iter()
        .map(|u| ioc_domain::dto::PersonRef {
            id: u.id,
            display_name: u.display_name,
            role: Role::parse(&u.role).unwrap_or(Role::Viewer),
            unit: u.unit_id.and_then(|id| units.get(&id)).map(super::units::unit_ref),
        })
        .collect())
}

fn duplicate() -> ApiError {
    ApiError::field(
        "username",
        "duplicate_username",
        "Tên đăng nhập đã tồn tại.",
        "This username is taken.",
    )
}

/// Creates a user; `password_hash` is computed by the caller (off the executor).
pub async fn create(
    conn: &impl ConnectionTrait,
    input: &UserInput,
    password_hash: String,
) -> Result<UserView, ApiError> {
    if let Some(id) = input.unit_id {
        super::units::require(conn, "unit_id", id).await?;
    }
    let now = super::now();
    let row = user::ActiveModel {
        username: Set(input.username.clone()),
        display_name: Set(input.display_name.clone()),
        password_hash: Set(password_hash),
        role: Set(input.role.as_str().to_owned()),
        unit_id: Set(input.unit_id),
        active: Set(input.active),
        email: Set(input.email.clone()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| super::map_unique(e, duplicate))?;
    view(conn, row).await
}

pub async fn update(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    input: &UserInput,
    password_hash: Option<String>,
) -> Result<UserView, ApiError> {
    if let Some(uid) = input.unit_id {
        super::units::require(conn, "unit_id", uid).await?;
    }
    let mut q = user::Entity::update_many()
        .col_expr(user::Column::Username, Expr::value(input.username.clone()))
        .col_expr(user::Column::DisplayName, Expr::value(input.display_name.clone()))
        .col_expr(user::Column::Role, Expr::value(input.role.as_str()))
        .col_expr(user::Column::UnitId, Expr::value(input.unit_id))
        .col_expr(user::Column::Active, Expr::value(input.active))
        .col_expr(user::Column::Email, Expr::value(input.email.clone()))
        .col_expr(user::Column::Version, Expr::value(expected_version + 1))
        .col_expr(user::Column::UpdatedAt, Expr::value(super::now()));
    if let Some(h) = password_hash {
        q = q.col_expr(user::Column::PasswordHash, Expr::value(h));
    }
    let res = q
        .filter(user::Column::Id.eq(id))
        .filter(user::Column::Version.eq(expected_version))
        .exec(conn)
        .await
        .map_err(|e| super::map_unique(e, duplicate))?;
    let current = get(conn, id).await?;
    super::check_version_hit(
        res.rows_affected,
        Some(crate::routes::etag::etag("user", id, current.version)),
    )?;
    view(conn, current).await
}
