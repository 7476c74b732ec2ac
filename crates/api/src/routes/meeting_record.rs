//! What a meeting shows and leaves: the frozen snapshot beside the live figures.

use actix_web::{get, web, HttpResponse};
use ioc_domain::dto::SnapshotView;
use utoipa_actix_web::service_config::ServiceConfig;

use super::meetings::require_read;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::meetings;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(meeting_snapshot).service(meeting_live);
}

/// The figures frozen when the meeting started (404 before it started).
#[utoipa::path(
    tag = "meetings",
    responses((status = 200, body = SnapshotView), (status = 403), (status = 404)),
    security(("bearer" = []))
)]
#[get("/meetings/{id}/snapshot")]
async fn meeting_snapshot(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    Ok(HttpResponse::Ok().json(meetings::snapshot(&state.db, *id).await?))
}

/// The same figures as of now (the live view beside the snapshot).
#[utoipa::path(
    tag = "meetings",
    responses((status = 200, body = SnapshotView), (status = 403), (status = 404)),
    security(("bearer" = []))
)]
#[get("/meetings/{id}/live")]
async fn meeting_live(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    Ok(HttpResponse::Ok().json(meetings::live(&state.db, *id, &user.actor, state.now(), state.today()).await?))
}
