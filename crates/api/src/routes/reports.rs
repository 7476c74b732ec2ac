//! Weekly progress reports of a project (corrections allowed, audited).

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use ioc_domain::dto::{ProgressReportInput, ProgressReportView};
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use super::ChildPath;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{self, reports};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_reports)
        .service(create_report)
        .service(get_report)
        .service(update_report)
        .service(delete_report);
}

/// A project's progress reports, newest first.
#[utoipa::path(tag = "progress reports", responses((status = 200, body = Vec<ProgressReportView>)), security(("bearer" = [])))]
#[get("/projects/{id}/reports")]
async fn list_reports(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    store::projects::get(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(reports::list(&state.db, *id).await?))
}

/// One report, with its `ETag`.
#[utoipa::path(tag = "progress reports", params(ChildPath), responses((status = 200, body = ProgressReportView), (status = 404)), security(("bearer" = [])))]
#[get("/projects/{id}/reports/{child_id}")]
async fn get_report(
    state: web::Data<AppState>,
    _user: AuthUser,
    path: web::Path<ChildPath>,
) -> Result<HttpResponse, ApiError> {
    let r = reports::view(reports::get(&state.db, path.id, path.child_id).await?);
    Ok(json_with_etag(
        StatusCode::OK,
        etag("progress_report", r.id, r.version),
        &r,
    ))
}

/// Submit a progress report (one per as-of date). The planned % at that date is computed
/// from the project's baseline. A lower % or output value than the previous report needs a
/// `correction_reason`.
#[utoipa::path(
    tag = "progress reports",
    request_body = ProgressReportInput,
    responses((status = 201, body = ProgressReportView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/projects/{id}/reports")]
async fn create_report(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    body: JsonBody<ProgressReportInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, project) = Write::project(&state, &user, *id).await?;
    let valid = reports::validate(&w.txn, &project, &body.parse()?, state.today(), None).await?;
    let r = reports::create(&w.txn, &project, &valid, user.actor.user_id, &state.settings.thresholds).await?;
    w.created("progress_report", r.id, &r).await?;
    w.commit().await?;
    Ok(created(
        &format!("/projects/{}/reports/{}", *id, r.id),
        Some(etag("progress_report", r.id, r.version)),
        &r,
    ))
}

/// Correct a report (`If-Match` required; audited with before and after).
#[utoipa::path(
    tag = "progress reports",
    request_body = ProgressReportInput,
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the report as read")),
    responses((status = 200, body = ProgressReportView), (status = 412), (status = 422), (status = 428)),
    security(("bearer" = []))
)]
#[put("/projects/{id}/reports/{child_id}")]
async fn update_report(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
    body: JsonBody<ProgressReportInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, project) = Write::project(&state, &user, path.id).await?;
    let before = reports::view(reports::get(&w.txn, path.id, path.child_id).await?);
    let valid = reports::validate(&w.txn, &project, &body.parse()?, state.today(), Some(path.child_id)).await?;
    let version = if_match.version("progress_report", path.child_id)?;
    let after = reports::update(
        &w.txn,
        &project,
        path.child_id,
        version,
        &valid,
        &state.settings.thresholds,
    )
    .await?;
    w.updated("progress_report", after.id, &before, &after).await?;
    w.commit().await?;
    Ok(json_with_etag(
        StatusCode::OK,
        etag("progress_report", after.id, after.version),
        &after,
    ))
}

/// Delete a report entered by mistake (`If-Match` required; audited).
#[utoipa::path(
    tag = "progress reports",
    params(ChildPath, ("If-Match" = String, Header, description = "ETag of the report as read")),
    responses((status = 204), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}/reports/{child_id}")]
async fn delete_report(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<ChildPath>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let (w, project) = Write::project(&state, &user, path.id).await?;
    let before = reports::view(reports::get(&w.txn, path.id, path.child_id).await?);
    let version = if_match.version("progress_report", path.child_id)?;
    reports::delete(&w.txn, &project, path.child_id, version, &state.settings.thresholds).await?;
    w.deleted("progress_report", path.child_id, &before).await?;
    w.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
