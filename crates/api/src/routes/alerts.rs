//! Alerts: the province-wide list, counts for the dashboard, a project's history, and
//! acknowledgement by the coordinator.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use ioc_domain::dto::{AlertAckInput, AlertCounts, AlertView, Page};
use ioc_domain::policy::{can_acknowledge_alerts, can_read_projects};
use utoipa_actix_web::service_config::ServiceConfig;

use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::projects::ProjectFilter;
use crate::store::{self, alerts};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    // `/alerts/counts` before `/alerts/{id}`, which would otherwise take it.
    cfg.service(list_alerts)
        .service(alert_counts)
        .service(get_alert)
        .service(acknowledge_alert)
        .service(project_alerts);
}

fn require_read(user: &AuthUser) -> Result<(), ApiError> {
    if can_read_projects(&user.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Alerts across all projects, worst and newest first. Open ones by default (`open=false`
/// for closed ones); filters: type, severity, project, acknowledged, and the project-list
/// filters (unit, locality, sector, status...; `sort` does not apply), so the dashboard's
/// filter bar narrows the alerts as it narrows the counts.
///
/// Types: `progress_delayed` (high), `stale_data` (high after 2 × the stale threshold, else
/// medium; names the unit that must update), `forecast_late` (at risk: medium),
/// `disbursement_slow` (medium), `open_difficulty` (medium when one needs the leaders'
/// direction, else low). Alerts of archived projects are left out.
#[utoipa::path(
    tag = "alerts",
    params(alerts::AlertFilter, ProjectFilter),
    responses((status = 200, body = Page<AlertView>), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/alerts")]
async fn list_alerts(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<alerts::AlertFilter>,
    projects: web::Query<ProjectFilter>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    Ok(HttpResponse::Ok().json(alerts::list(&state.db, &filter, &projects).await?))
}

/// Open alerts per type and severity, for the projects selected by the project-list filters
/// (`sort`, `page` and `per_page` do not apply).
#[utoipa::path(
    tag = "alerts",
    params(ProjectFilter),
    responses((status = 200, body = AlertCounts), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/alerts/counts")]
async fn alert_counts(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ProjectFilter>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    Ok(HttpResponse::Ok().json(alerts::counts(&state.db, &filter).await?))
}

/// One alert, with its `ETag` (needed to acknowledge it).
#[utoipa::path(tag = "alerts", responses((status = 200, body = AlertView), (status = 404)), security(("bearer" = [])))]
#[get("/alerts/{id}")]
async fn get_alert(state: web::Data<AppState>, user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    let a = alerts::view(&state.db, alerts::get(&state.db, *id).await?).await?;
    Ok(json_with_etag(StatusCode::OK, etag("alert", a.id, a.version), &a))
}

/// A project's alerts, open and closed (its alert history).
#[utoipa::path(tag = "alerts", responses((status = 200, body = Vec<AlertView>), (status = 404)), security(("bearer" = [])))]
#[get("/projects/{id}/alerts")]
async fn project_alerts(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    store::projects::get(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(alerts::list_for_project(&state.db, *id).await?))
}

/// Acknowledge an open alert with a note on what is being done (admin, coordinator;
/// `If-Match` required; audited). The alert stays open until its condition clears.
#[utoipa::path(
    tag = "alerts",
    request_body = AlertAckInput,
    params(("If-Match" = String, Header, description = "ETag of the alert as read")),
    responses(
        (status = 200, body = AlertView),
        (status = 403),
        (status = 409, description = "The alert is closed", content_type = "application/problem+json"),
        (status = 412), (status = 422, content_type = "application/problem+json"), (status = 428)
    ),
    security(("bearer" = []))
)]
#[post("/alerts/{id}/acknowledge")]
async fn acknowledge_alert(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: JsonBody<AlertAckInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_acknowledge_alerts(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    alerts::get(&state.db, *id).await?;
    let note = body.parse()?.validate()?;
    let version = if_match.version("alert", *id)?;
    let mut w = Write::begin(&state, &user).await?;
    let (before, after) = alerts::acknowledge(&w.txn, *id, version, &note, user.actor.user_id).await?;
    w.set_trail(after.project_id);
    w.record("acknowledge", "alert", id, Some(&before), Some(&after))
        .await?;
    let v = alerts::view(&w.txn, after).await?;
    w.commit().await?;
    Ok(json_with_etag(StatusCode::OK, etag("alert", v.id, v.version), &v))
}
