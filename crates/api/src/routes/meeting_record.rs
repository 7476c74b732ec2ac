//! What a meeting shows and leaves: the frozen snapshot beside the live figures, the
//! follow-up list it opens with, and the conclusions notice (JSON for the print view, DOCX).

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use ioc_domain::dto::{ConclusionsView, FollowUpView, SnapshotView};
use utoipa_actix_web::service_config::ServiceConfig;

use super::directives::viewer;
use super::meetings::require_read;
use crate::auth::AuthUser;
use crate::documents::conclusions_docx::conclusions_docx;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::meetings;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(meeting_snapshot)
        .service(meeting_live)
        .service(meeting_follow_up)
        .service(meeting_conclusions)
        .service(meeting_conclusions_docx);
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

/// Directives' tasks due or overdue since the previous meeting of the same kind.
#[utoipa::path(
    tag = "meetings",
    responses((status = 200, body = FollowUpView), (status = 403), (status = 404)),
    security(("bearer" = []))
)]
#[get("/meetings/{id}/follow-up")]
async fn meeting_follow_up(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    Ok(HttpResponse::Ok().json(meetings::follow_up(&state.db, *id, &viewer(&state, &user)).await?))
}

/// The conclusions notice's content: the meeting's directives grouped by project.
#[utoipa::path(
    tag = "meetings",
    responses((status = 200, body = ConclusionsView), (status = 403), (status = 404)),
    security(("bearer" = []))
)]
#[get("/meetings/{id}/conclusions")]
async fn meeting_conclusions(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    Ok(HttpResponse::Ok().json(meetings::conclusions(&state.db, *id, &viewer(&state, &user)).await?))
}

/// The conclusions notice (thông báo kết luận) as a Word document.
#[utoipa::path(
    tag = "meetings",
    responses(
        (status = 200, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", description = "`thong-bao-ket-luan-{id}.docx`"),
        (status = 403), (status = 404)
    ),
    security(("bearer" = []))
)]
#[get("/meetings/{id}/conclusions.docx")]
async fn meeting_conclusions_docx(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    let content = meetings::conclusions(&state.db, *id, &viewer(&state, &user)).await?;
    let bytes = conclusions_docx(&content)?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"thong-bao-ket-luan-{}.docx\"", *id),
        ))
        .body(bytes))
}
