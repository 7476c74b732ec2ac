//! Difficulties of a project, and the province-wide list leaders act on.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use ioc_domain::dto::{DifficultyInput, DifficultyView, Page};
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use super::ChildPath;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store;
use crate::store::difficulties::{self, DifficultyFilter};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_all)
        .service(list_for_project)
        .service(create_difficulty)
        .service(get_difficulty)
        .service(update_difficulty)
        .service(delete_difficulty);
}

/// Difficulties across all projects, oldest first, with filters (category, status,
/// unresolved, needs leader direction, project, responsible unit, unit).
#[utoipa::path(
    tag = "difficulties",
    params(DifficultyFilter),
    responses((status = 200, body = Page<DifficultyView>)),
    security(("bearer" = []))
)]
#[get("/difficulties")]
async fn list_all(
    state: web::Data<AppState>,
    _user: AuthUser,
    filter: web::Query<DifficultyFilter>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(difficulties::list(&state.db, &filter).await?))
}

/// A project's difficulties, newest first.
#[utoipa::path(tag = "difficulties", responses((status = 200, body = Vec<DifficultyView>)), security(("bearer" = [])))]
#[get("/projects/{id}/difficulties")]
async fn list_for_project(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    store::projects::get(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(difficulties::list_for_project(&state.db, *id).await?))
}

/// One difficulty, with its `ETag`.
#[utoipa::path(tag = "difficulties", params(ChildPath), responses((status = 200, body = DifficultyView), (status = 404)), security(("bearer" = [])))]
#[get("/projects/{id}/difficulties/{child_id}")]
async fn get_difficulty(
    state: web::Data<AppState>,
    _user: AuthUser,
    path: web::Path<ChildPath>,
) -> Result<HttpResponse, ApiError> {
    let d = difficulties::view(&state.db, difficulties::get(&state.db, path.id, path.child_id).await?).await?;
    Ok(json_with_etag(StatusCode::OK, etag("difficulty", d.id, d.version), &d))
}

/// Report a difficulty with its proposed solution and responsible unit.
#[utoipa::path(
    tag = "difficulties",
    request_body = DifficultyInput,
    responses((status = 201, body = DifficultyView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/projects/{id}/difficulties")]
async fn create_difficulty(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    body: JsonBody<DifficultyInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, _) = Write::project(&state, &user, *id).await?;
    let valid = body.parse()?.validate(state.today())?;
    let row = difficulties::create(&w.txn, *id, &valid, user.actor.user_id).await?;
    w.created("difficulty", row.id, &row).await?;
    let v = difficulties::view(&w.txn, row).await?;
    w.commit().await?;
    Ok(created(
        &format!("/projects/{}/difficulties/{}", *id, v.id),
        Some(etag("difficulty", v.id, v.version)),
        &v,
    ))
}

/// Update a difficulty: progress, resolution (`If-Match` required).
#[utoipa::path(
    tag = "difficulties",
    request_body = DifficultyInput,
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the difficulty as read")),
    responses((status = 200, body = DifficultyView), (status = 412), (status = 422), (status = 428)),
    security(("bearer" = []))
)]
#[put("/projects/{id}/difficulties/{child_id}")]
async fn update_difficulty(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
    body: JsonBody<DifficultyInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, _) = Write::project(&state, &user, path.id).await?;
    let before = difficulties::get(&w.txn, path.id, path.child_id).await?;
    let valid = body.parse()?.validate(state.today())?;
    let version = if_match.version("difficulty", path.child_id)?;
    let after = difficulties::update(&w.txn, path.id, path.child_id, version, &valid).await?;
    w.updated("difficulty", after.id, &before, &after).await?;
    let v = difficulties::view(&w.txn, after).await?;
    w.commit().await?;
    Ok(json_with_etag(StatusCode::OK, etag("difficulty", v.id, v.version), &v))
}

/// Delete a difficulty entered by mistake (`If-Match` required).
#[utoipa::path(
    tag = "difficulties",
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the difficulty as read")),
    responses((status = 204), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}/difficulties/{child_id}")]
async fn delete_difficulty(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let (w, _) = Write::project(&state, &user, path.id).await?;
    let before = difficulties::get(&w.txn, path.id, path.child_id).await?;
    let version = if_match.version("difficulty", path.child_id)?;
    difficulties::delete(&w.txn, path.id, path.child_id, version).await?;
    w.deleted("difficulty", path.child_id, &before).await?;
    w.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
