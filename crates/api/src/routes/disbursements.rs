//! Disbursement records of a project.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use ioc_domain::dto::{DisbursementInput, DisbursementView};
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use super::ChildPath;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{self, disbursements};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_disbursements)
        .service(create_disbursement)
        .service(update_disbursement)
        .service(delete_disbursement);
}

/// A project's disbursements, newest first, with the year's cumulative amount and rate
/// against that year's capital plan at each record.
#[utoipa::path(tag = "disbursements", responses((status = 200, body = Vec<DisbursementView>)), security(("bearer" = [])))]
#[get("/projects/{id}/disbursements")]
async fn list_disbursements(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    store::projects::get(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(disbursements::list(&state.db, *id).await?))
}

/// Record a disbursement (amount > 0, whole đồng, not in the future).
#[utoipa::path(
    tag = "disbursements",
    request_body = DisbursementInput,
    responses((status = 201, body = DisbursementView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/projects/{id}/disbursements")]
async fn create_disbursement(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    body: JsonBody<DisbursementInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, project) = Write::project(&state, &user, *id).await?;
    let valid = body.parse()?.validate(state.today())?;
    let row = disbursements::create(&w.txn, &project, &valid, user.actor.user_id).await?;
    w.created("disbursement", row.id, &row).await?;
    let v = disbursements::view_one(&w.txn, *id, row.id).await?;
    w.commit().await?;
    Ok(created(
        &format!("/projects/{}/disbursements/{}", *id, v.id),
        Some(etag("disbursement", v.id, v.version)),
        &v,
    ))
}

/// Correct a disbursement (`If-Match` required).
#[utoipa::path(
    tag = "disbursements",
    request_body = DisbursementInput,
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the record as read")),
    responses((status = 200, body = DisbursementView), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[put("/projects/{id}/disbursements/{child_id}")]
async fn update_disbursement(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
    body: JsonBody<DisbursementInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, project) = Write::project(&state, &user, path.id).await?;
    let before = disbursements::get(&w.txn, path.id, path.child_id).await?;
    let valid = body.parse()?.validate(state.today())?;
    let version = if_match.version("disbursement", path.child_id)?;
    disbursements::update(&w.txn, &project, path.child_id, version, &valid).await?;
    let after = disbursements::get(&w.txn, path.id, path.child_id).await?;
    w.updated("disbursement", path.child_id, &before, &after).await?;
    let v = disbursements::view_one(&w.txn, path.id, path.child_id).await?;
    w.commit().await?;
    Ok(json_with_etag(
        StatusCode::OK,
        etag("disbursement", v.id, v.version),
        &v,
    ))
}

/// Delete a disbursement entered by mistake (`If-Match` required).
#[utoipa::path(
    tag = "disbursements",
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the record as read")),
    responses((status = 204), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}/disbursements/{child_id}")]
async fn delete_disbursement(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let (w, project) = Write::project(&state, &user, path.id).await?;
    let before = disbursements::get(&w.txn, path.id, path.child_id).await?;
    let version = if_match.version("disbursement", path.child_id)?;
    disbursements::delete(&w.txn, &project, path.child_id, version).await?;
    w.deleted("disbursement", path.child_id, &before).await?;
    w.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
