//! User accounts (admin only).

use actix_web::http::StatusCode;
use actix_web::{get, post, put, web, HttpResponse};
use ioc_domain::dto::{UserInput, UserView};
use ioc_domain::policy::can_manage_units_and_users;
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::{password, AuthUser};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{self, users};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(get_user)
        .service(update_user);
}

fn require_admin(user: &AuthUser) -> Result<(), ApiError> {
    if can_manage_units_and_users(&user.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// List users (admin).
#[utoipa::path(tag = "users", responses((status = 200, body = Vec<UserView>), (status = 403)), security(("bearer" = [])))]
#[get("/users")]
async fn list_users(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    Ok(HttpResponse::Ok().json(users::list(&state.db).await?))
}

/// One user (admin), with its `ETag`.
#[utoipa::path(tag = "users", responses((status = 200, body = UserView), (status = 403), (status = 404)), security(("bearer" = [])))]
#[get("/users/{id}")]
async fn get_user(state: web::Data<AppState>, user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let u = users::view(&state.db, users::get(&state.db, *id).await?).await?;
    Ok(json_with_etag(StatusCode::OK, etag("user", u.id, u.version), &u))
}

/// Create a user (admin). Passwords need at least 10 characters; stored as Argon2id hashes.
#[utoipa::path(
    tag = "users",
    request_body = UserInput,
    responses((status = 201, body = UserView), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/users")]
async fn create_user(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<UserInput>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let input = body.parse()?.validate(true)?;
    let hash = password::hash(input.password.clone().unwrap_or_default()).await?;
    let w = Write::begin(&state, &user).await?;
    let u = users::create(&w.txn, &input, hash).await?;
    w.created("user", u.id, &u).await?;
    w.commit().await?;
    Ok(created(
        &format!("/users/{}", u.id),
        Some(etag("user", u.id, u.version)),
        &u,
    ))
}

/// Update a user (admin; `If-Match` required). A new password, deactivation or a new role
/// or unit ends the user's sessions at once (access tokens included).
#[utoipa::path(
    tag = "users",
    request_body = UserInput,
    params(("If-Match" = String, Header, description = "ETag of the user as read")),
    responses((status = 200, body = UserView), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[put("/users/{id}")]
async fn update_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: JsonBody<UserInput>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    // Unknown user: 404 before anything is said about the body.
    users::get(&state.db, *id).await?;
    let input = body.parse()?.validate(false)?;
    let hash = match &input.password {
        Some(p) => Some(password::hash(p.clone()).await?),
        None => None,
    };
    let w = Write::begin(&state, &user).await?;
    let before = users::view(&w.txn, users::get(&w.txn, *id).await?).await?;
    let version = if_match.version("user", *id)?;
    let after = users::update(&w.txn, *id, version, &input, hash).await?;
    if input.ends_sessions_of(&before) {
        store::auth::end_all_sessions(&w.txn, *id).await?;
    }
    w.updated("user", id, &before, &after).await?;
    w.commit().await?;
    Ok(json_with_etag(
        StatusCode::OK,
        etag("user", after.id, after.version),
        &after,
    ))
}
