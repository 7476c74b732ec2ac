//! Meetings (giao ban, e-Cabinet): schedule, edit, start (freezing the snapshot), close.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, put, web, HttpResponse};
use ioc_domain::dto::{MeetingInput, MeetingView, Page};
use ioc_domain::policy::{can_manage_meetings, can_read_meetings};
use ioc_domain::MeetingState;
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::meetings::{self, MeetingFilter};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_meetings)
        .service(create_meeting)
        .service(get_meeting)
        .service(update_meeting)
        .service(delete_meeting)
        .service(start_meeting)
        .service(close_meeting);
}

pub fn require_read(user: &AuthUser) -> Result<(), ApiError> {
    if can_read_meetings(&user.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn require_manage(user: &AuthUser) -> Result<(), ApiError> {
    if can_manage_meetings(&user.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn answer(status: StatusCode, v: &MeetingView) -> HttpResponse {
    json_with_etag(status, etag("meeting", v.id, v.version), v)
}

/// Meetings, the latest first, filtered by kind, state and date.
#[utoipa::path(
    tag = "meetings",
    params(MeetingFilter),
    responses((status = 200, body = Page<MeetingView>), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/meetings")]
async fn list_meetings(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<MeetingFilter>,
) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    Ok(HttpResponse::Ok().json(meetings::list(&state.db, &filter, &user.actor).await?))
}

/// One meeting with its attendees and agenda, with its `ETag`.
#[utoipa::path(
    tag = "meetings",
    responses((status = 200, body = MeetingView), (status = 403), (status = 404)),
    security(("bearer" = []))
)]
#[get("/meetings/{id}")]
async fn get_meeting(state: web::Data<AppState>, user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    require_read(&user)?;
    let v = meetings::view(&state.db, meetings::get(&state.db, *id).await?, &user.actor).await?;
    Ok(answer(StatusCode::OK, &v))
}

/// Schedule a meeting: chair (a leader), attendees, ordered agenda.
#[utoipa::path(
    tag = "meetings",
    request_body = MeetingInput,
    responses((status = 201, body = MeetingView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/meetings")]
async fn create_meeting(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<MeetingInput>,
) -> Result<HttpResponse, ApiError> {
    require_manage(&user)?;
    let valid = body.parse()?.validate()?;
    let w = Write::begin(&state, &user).await?;
    let row = meetings::create(&w.txn, &valid, user.actor.user_id, w.now()).await?;
    let v = meetings::view(&w.txn, row, &user.actor).await?;
    w.created("meeting", v.id, &v).await?;
    w.commit().await?;
    Ok(created(
        &format!("/meetings/{}", v.id),
        Some(etag("meeting", v.id, v.version)),
        &v,
    ))
}

/// Edit a meeting (`If-Match` required); a closed meeting is on record and does not change.
#[utoipa::path(
    tag = "meetings",
    request_body = MeetingInput,
    params(("If-Match" = String, Header, description = "ETag of the meeting as read")),
    responses(
        (status = 200, body = MeetingView), (status = 403), (status = 404),
        (status = 409, content_type = "application/problem+json"), (status = 412), (status = 422, content_type = "application/problem+json"), (status = 428)
    ),
    security(("bearer" = []))
)]
#[put("/meetings/{id}")]
async fn update_meeting(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: JsonBody<MeetingInput>,
) -> Result<HttpResponse, ApiError> {
    require_manage(&user)?;
    let w = Write::begin(&state, &user).await?;
    let before = meetings::view(&w.txn, meetings::get(&w.txn, *id).await?, &user.actor).await?;
    let valid = body.parse()?.validate()?;
    let version = if_match.version("meeting", *id)?;
    let row = meetings::update(&w.txn, *id, version, &valid, w.now()).await?;
    let after = meetings::view(&w.txn, row, &user.actor).await?;
    w.updated("meeting", *id, &before, &after).await?;
    w.commit().await?;
    Ok(answer(StatusCode::OK, &after))
}

/// Delete a meeting that has not started (`If-Match` required).
#[utoipa::path(
    tag = "meetings",
    params(("If-Match" = String, Header, description = "ETag of the meeting as read")),
    responses((status = 204), (status = 403), (status = 404), (status = 409, content_type = "application/problem+json"), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[delete("/meetings/{id}")]
async fn delete_meeting(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    require_manage(&user)?;
    let w = Write::begin(&state, &user).await?;
    let before = meetings::view(&w.txn, meetings::get(&w.txn, *id).await?, &user.actor).await?;
    let version = if_match.version("meeting", *id)?;
    meetings::delete(&w.txn, *id, version).await?;
    w.deleted("meeting", *id, &before).await?;
    w.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Start a scheduled meeting: freezes the snapshot of its agenda's figures (`If-Match`).
#[utoipa::path(
    tag = "meetings",
    params(("If-Match" = String, Header, description = "ETag of the meeting as read")),
    responses((status = 200, body = MeetingView), (status = 403), (status = 404), (status = 409, content_type = "application/problem+json"), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[post("/meetings/{id}/start")]
async fn start_meeting(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    change_state(&state, &user, *id, &if_match, MeetingState::InProgress, "start").await
}

/// Close a meeting in progress (`If-Match`).
#[utoipa::path(
    tag = "meetings",
    params(("If-Match" = String, Header, description = "ETag of the meeting as read")),
    responses((status = 200, body = MeetingView), (status = 403), (status = 404), (status = 409, content_type = "application/problem+json"), (status = 412), (status = 428)),
    security(("bearer" = []))
)]
#[post("/meetings/{id}/close")]
async fn close_meeting(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    change_state(&state, &user, id.into_inner(), &if_match, MeetingState::Closed, "close").await
}

async fn change_state(
    state: &AppState,
    user: &AuthUser,
    id: i32,
    if_match: &IfMatch,
    to: MeetingState,
    action: &str,
) -> Result<HttpResponse, ApiError> {
    require_manage(user)?;
    let w = Write::begin(state, user).await?;
    let before = meetings::view(&w.txn, meetings::get(&w.txn, id).await?, &user.actor).await?;
    let version = if_match.version("meeting", id)?;
    let row = meetings::transition(&w.txn, id, version, to, w.now()).await?;
    if to == MeetingState::InProgress {
        meetings::take_snapshot(&w.txn, id, &user.actor, w.now(), w.today()).await?;
    }
    let after = meetings::view(&w.txn, row, &user.actor).await?;
    w.record(action, "meeting", id, Some(&before), Some(&after)).await?;
    w.commit().await?;
    Ok(answer(StatusCode::OK, &after))
}
