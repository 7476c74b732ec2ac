//! Projects: list with filters, create, read, replace, archive and restore.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use ioc_domain::dto::{Page, ProjectInput, ProjectView};
use ioc_domain::policy::{can_archive_project, can_change_project_ownership, can_create_project};
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::projects::{self, ProjectFilter};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_projects)
        .service(create_project)
        .service(get_project)
        .service(update_project)
        .service(archive_project)
        .service(restore_project);
}

/// List projects with the dashboard's filters, sorting and pagination.
///
/// Status and disbursement figures are as of today (Asia/Ho_Chi_Minh). Progress status:
/// `completed` at 100% or after the actual end; `delayed` past the planned end, or at least
/// `delayed_gap_pp` (default 10) percentage points behind plan; `at_risk` at least
/// `at_risk_gap_pp` (default 5) behind, or behind at all within `near_end_days` (default 30)
/// of the planned end; `ahead` at least `ahead_gap_pp` (default 5) ahead; else `on_track`.
///
/// Early warning: `progress.spi` is actual % / planned % at the latest report;
/// `progress.forecast_finish` is where the least-squares line through the last 8 reports
/// reaches 100 % (`forecast_method = trend`), or planned start + planned duration / SPI with
/// fewer than 3 reports or a flat trend (`spi`). An `on_track` or `ahead` project whose
/// forecast finish is more than `forecast_grace_days` (default 15) after the planned end is
/// reported `at_risk`.
#[utoipa::path(
    tag = "projects",
    params(ProjectFilter),
    responses((status = 200, body = Page<ProjectView>), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/projects")]
async fn list_projects(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ProjectFilter>,
) -> Result<HttpResponse, ApiError> {
    let key = super::cached::key(
        "projects",
        state.today(),
        &[&*filter, &super::cached::audience(&user.actor)],
    );
    super::cached::json(&state, &user, key, projects::list(&state.db, &filter, &user.actor)).await
}

/// One project, with its `ETag`.
#[utoipa::path(tag = "projects", responses((status = 200, body = ProjectView), (status = 404)), security(("bearer" = [])))]
#[get("/projects/{id}")]
async fn get_project(state: web::Data<AppState>, user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    let key = super::cached::key("project", state.today(), &[&*id, &super::cached::audience(&user.actor)]);
    let compute = async { projects::view(&state.db, projects::get(&state.db, *id).await?, &user.actor).await };
    super::cached::record(&state, &user, key, |v| Some(etag("project", v.id, v.version)), compute).await
}

/// Create a project (admin, coordinator).
#[utoipa::path(
    tag = "projects",
    request_body = ProjectInput,
    responses((status = 201, body = ProjectView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/projects")]
async fn create_project(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<ProjectInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_create_project(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let body = body.parse()?;
    let input = body.validate(state.today())?;
    let mut w = Write::begin(&state, &user).await?;
    let row = projects::create(&w.txn, &input).await?;
    projects::refresh_derived(&w.txn, row.id, state.today(), &state.settings.thresholds).await?;
    let v = projects::view(&w.txn, projects::get(&w.txn, row.id).await?, &user.actor).await?;
    w.set_trail(v.id);
    w.created("project", v.id, &body).await?;
    w.commit().await?;
    Ok(created(
        &format!("/projects/{}", v.id),
        Some(etag("project", v.id, v.version)),
        &v,
    ))
}

/// Replace a project's general information (`If-Match` required).
///
/// Admins and coordinators edit every project; unit editors only those whose investor or
/// managing unit is their unit, and they cannot change the investor or managing unit (403
/// `ownership_change_forbidden`): that would hand edit rights to another unit.
#[utoipa::path(
    tag = "projects",
    request_body = ProjectInput,
    params(("If-Match" = String, Header, description = "ETag of the project as read")),
    responses((status = 200, body = ProjectView), (status = 403), (status = 412), (status = 422), (status = 428)),
    security(("bearer" = []))
)]
#[put("/projects/{id}")]
async fn update_project(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: JsonBody<ProjectInput>,
) -> Result<HttpResponse, ApiError> {
    let mut w = Write::begin(&state, &user).await?;
    let current = super::editable_project(&w.txn, &user, *id).await?;
    let body = body.parse()?;
    let new_owner = ioc_domain::Ownership {
        investor_unit_id: body.investor_unit_id,
        managing_unit_id: body.managing_unit_id,
    };
    if !can_change_project_ownership(&user.actor, &projects::ownership(&current), &new_owner) {
        return Err(ApiError::forbidden(
            "ownership_change_forbidden",
            "Chỉ Sở Xây dựng hoặc quản trị viên được đổi chủ đầu tư hoặc đơn vị quản lý của dự án.",
            "Only coordinators and administrators may change a project's investor or managing unit.",
        ));
    }
    let input = body.validate(state.today())?;
    let version = if_match.version("project", *id)?;
    projects::update(&w.txn, *id, version, &input).await?;
    projects::refresh_derived(&w.txn, *id, state.today(), &state.settings.thresholds).await?;
    let after = projects::get(&w.txn, *id).await?;
    w.set_trail(*id);
    w.updated("project", id, &current, &after).await?;
    let v = projects::view(&w.txn, after, &user.actor).await?;
    w.commit().await?;
    Ok(json_with_etag(StatusCode::OK, etag("project", v.id, v.version), &v))
}

async fn set_archived(
    state: &AppState,
    user: &AuthUser,
    id: i32,
    if_match: &IfMatch,
    archived: bool,
) -> Result<HttpResponse, ApiError> {
    if !can_archive_project(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let mut w = Write::begin(state, user).await?;
    let before = projects::get(&w.txn, id).await?;
    let version = if_match.version("project", id)?;
    projects::set_archived(&w.txn, id, version, archived, &state.settings.thresholds).await?;
    // Archived projects raise no alerts: close (or reopen) them now, not at the next refresh.
    projects::refresh_derived(&w.txn, id, state.today(), &state.settings.thresholds).await?;
    let after = projects::get(&w.txn, id).await?;
    w.set_trail(id);
    w.record(
        if archived { "archive" } else { "restore" },
        "project",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    let v = projects::view(&w.txn, after, &user.actor).await?;
    w.commit().await?;
    Ok(json_with_etag(StatusCode::OK, etag("project", v.id, v.version), &v))
}

/// Archive a project (admin, coordinator; `If-Match` required). Archived projects leave
/// lists and dashboards but keep their history; nothing is deleted.
#[utoipa::path(
    tag = "projects",
    params(("If-Match" = String, Header, description = "ETag of the project as read")),
    responses((status = 200, body = ProjectView), (status = 403), (status = 412)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}")]
async fn archive_project(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    set_archived(&state, &user, *id, &if_match, true).await
}

/// Restore an archived project (admin, coordinator; `If-Match` required).
#[utoipa::path(
    tag = "projects",
    params(("If-Match" = String, Header, description = "ETag of the project as read")),
    responses((status = 200, body = ProjectView), (status = 403), (status = 412)),
    security(("bearer" = []))
)]
#[post("/projects/{id}/restore")]
async fn restore_project(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    set_archived(&state, &user, *id, &if_match, false).await
}
