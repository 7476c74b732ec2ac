//! Yearly capital plans of a project.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use ioc_domain::dto::{CapitalPlanInput, CapitalPlanView};
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use super::ChildPath;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{self, capital};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_plans)
        .service(create_plan)
        .service(update_plan)
        .service(delete_plan);
}

/// A project's capital plans by year and source, with the disbursement schedule that applies.
#[utoipa::path(tag = "capital plans", responses((status = 200, body = Vec<CapitalPlanView>)), security(("bearer" = [])))]
#[get("/projects/{id}/capital-plans")]
async fn list_plans(state: web::Data<AppState>, _user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    store::projects::get(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(capital::list(&state.db, *id).await?))
}

/// Add a year's capital plan from one source (one per project, year and source).
#[utoipa::path(
    tag = "capital plans",
    request_body = CapitalPlanInput,
    responses((status = 201, body = CapitalPlanView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/projects/{id}/capital-plans")]
async fn create_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    body: JsonBody<CapitalPlanInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, _) = Write::project(&state, &user, *id).await?;
    let valid = body.parse()?.validate()?;
    let c = capital::create(&w.txn, *id, &valid).await?;
    w.created("capital_plan", c.id, &c).await?;
    w.commit().await?;
    Ok(created(
        &format!("/projects/{}/capital-plans/{}", *id, c.id),
        Some(etag("capital_plan", c.id, c.version)),
        &c,
    ))
}

/// Change a capital plan (`If-Match` required).
#[utoipa::path(
    tag = "capital plans",
    request_body = CapitalPlanInput,
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the plan as read")),
    responses((status = 200, body = CapitalPlanView), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[put("/projects/{id}/capital-plans/{child_id}")]
async fn update_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
    body: JsonBody<CapitalPlanInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, _) = Write::project(&state, &user, path.id).await?;
    let before = capital::view(capital::get(&w.txn, path.id, path.child_id).await?);
    let valid = body.parse()?.validate()?;
    let version = if_match.version("capital_plan", path.child_id)?;
    let after = capital::update(&w.txn, path.id, path.child_id, version, &valid).await?;
    w.updated("capital_plan", after.id, &before, &after).await?;
    w.commit().await?;
    Ok(json_with_etag(
        StatusCode::OK,
        etag("capital_plan", after.id, after.version),
        &after,
    ))
}

/// Delete a capital plan (`If-Match` required).
#[utoipa::path(
    tag = "capital plans",
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the plan as read")),
    responses((status = 204), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}/capital-plans/{child_id}")]
async fn delete_plan(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let (w, _) = Write::project(&state, &user, path.id).await?;
    let before = capital::view(capital::get(&w.txn, path.id, path.child_id).await?);
    let version = if_match.version("capital_plan", path.child_id)?;
    capital::delete(&w.txn, path.id, path.child_id, version).await?;
    w.deleted("capital_plan", path.child_id, &before).await?;
    w.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
