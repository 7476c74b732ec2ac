//! Units (organisations): read by every signed-in caller, written by admins.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use ioc_domain::dto::{UnitInput, UnitView};
use ioc_domain::policy::can_manage_units_and_users;
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::units;
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_units)
        .service(create_unit)
        .service(get_unit)
        .service(update_unit)
        .service(delete_unit);
}

/// List units (investors, project management units, departments, communes...).
#[utoipa::path(tag = "units", responses((status = 200, body = Vec<UnitView>)), security(("bearer" = [])))]
#[get("/units")]
async fn list_units(state: web::Data<AppState>, _user: AuthUser) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(units::list(&state.db).await?))
}

/// One unit, with its `ETag`.
#[utoipa::path(tag = "units", responses((status = 200, body = UnitView), (status = 404)), security(("bearer" = [])))]
#[get("/units/{id}")]
async fn get_unit(state: web::Data<AppState>, _user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    let u = units::view(units::get(&state.db, *id).await?);
    Ok(json_with_etag(StatusCode::OK, etag("unit", u.id, u.version), &u))
}

/// Create a unit (admin).
#[utoipa::path(
    tag = "units",
    request_body = UnitInput,
    responses((status = 201, body = UnitView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/units")]
async fn create_unit(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<UnitInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_manage_units_and_users(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let input = body.parse()?.validate()?;
    let w = Write::begin(&state, &user).await?;
    let u = units::create(&w.txn, &input).await?;
    w.created("unit", u.id, &u).await?;
    w.commit().await?;
    Ok(created(
        &format!("/units/{}", u.id),
        Some(etag("unit", u.id, u.version)),
        &u,
    ))
}

/// Replace a unit (admin; `If-Match` required).
#[utoipa::path(
    tag = "units",
    request_body = UnitInput,
    params(("If-Match" = String, Header, description = "ETag of the unit as read")),
    responses((status = 200, body = UnitView), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[put("/units/{id}")]
async fn update_unit(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: JsonBody<UnitInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_manage_units_and_users(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let w = Write::begin(&state, &user).await?;
    let before = units::view(units::get(&w.txn, *id).await?);
    let input = body.parse()?.validate()?;
    let version = if_match.version("unit", *id)?;
    let after = units::update(&w.txn, *id, version, &input).await?;
    w.updated("unit", id, &before, &after).await?;
    w.commit().await?;
    Ok(json_with_etag(
        StatusCode::OK,
        etag("unit", after.id, after.version),
        &after,
    ))
}

/// Delete a unit that nothing refers to (admin; `If-Match` required). 409 when in use.
#[utoipa::path(
    tag = "units",
    params(("If-Match" = String, Header, description = "ETag of the unit as read")),
    responses((status = 204), (status = 409), (status = 412)),
    security(("bearer" = []))
)]
#[delete("/units/{id}")]
async fn delete_unit(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    if !can_manage_units_and_users(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let w = Write::begin(&state, &user).await?;
    let before = units::view(units::get(&w.txn, *id).await?);
    if if_match.version("unit", *id)? != before.version {
        return Err(ApiError::PreconditionFailed {
            current_etag: Some(etag("unit", before.id, before.version)),
        });
    }
    units::delete(&w.txn, *id).await?;
    w.deleted("unit", id, &before).await?;
    w.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
