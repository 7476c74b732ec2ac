//! The signed-in user's inbox and delivery preferences, and the outbox's delivery log
//! (admin). Marking items read changes only the caller's own inbox state and is not
//! written to the audit log; saving preferences is.

use actix_web::http::StatusCode;
use actix_web::{get, post, put, web, HttpResponse};
use ioc_domain::dto::{
    MarkedRead, NotificationPreferencesInput, NotificationPreferencesView, NotificationView, OutboxJobView, Page,
    UnreadCount,
};
use ioc_domain::policy::{can_use_inbox, can_view_deliveries};
use utoipa_actix_web::service_config::ServiceConfig;

use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::notifications::{self, InboxQuery, OutboxQuery};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications)
        .service(unread_count)
        .service(mark_all_read)
        .service(mark_read)
        .service(get_preferences)
        .service(put_preferences)
        .service(list_outbox);
}

const PREFS: &str = "notification_preferences";

fn require(user: &AuthUser) -> Result<i32, ApiError> {
    if can_use_inbox(&user.actor) {
        Ok(user.actor.user_id)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// My notifications, newest first (`unread=true`: unread only).
#[utoipa::path(
    tag = "notifications",
    params(InboxQuery),
    responses((status = 200, body = Page<NotificationView>), (status = 401), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/notifications")]
async fn list_notifications(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<InboxQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = require(&user)?;
    Ok(HttpResponse::Ok().json(notifications::list(&state.db, me, &q).await?))
}

/// How many of my notifications are unread (the header badge).
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, body = UnreadCount), (status = 401), (status = 403)),
    security(("bearer" = []))
)]
#[get("/notifications/unread-count")]
async fn unread_count(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let me = require(&user)?;
    let unread = notifications::unread_count(&state.db, me).await?;
    Ok(HttpResponse::Ok().json(UnreadCount { unread }))
}

/// Marks one of my notifications read (idempotent). Another user's id is 404.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, body = NotificationView), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = []))
)]
#[post("/notifications/{id}/read")]
async fn mark_read(state: web::Data<AppState>, user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    let me = require(&user)?;
    Ok(HttpResponse::Ok().json(notifications::mark_read(&state.db, me, *id, state.now()).await?))
}

/// Marks all my notifications read.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, body = MarkedRead), (status = 401), (status = 403)),
    security(("bearer" = []))
)]
#[post("/notifications/read-all")]
async fn mark_all_read(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let me = require(&user)?;
    let marked = notifications::mark_all_read(&state.db, me, state.now()).await?;
    Ok(HttpResponse::Ok().json(MarkedRead { marked }))
}

/// My e-mail address and how each kind of event reaches me (`off`, `in_app`, `immediate`,
/// `digest`), with the ETag for `If-Match`.
#[utoipa::path(
    tag = "notifications",
    responses((status = 200, body = NotificationPreferencesView), (status = 401), (status = 403)),
    security(("bearer" = []))
)]
#[get("/me/notification-preferences")]
async fn get_preferences(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let me = require(&user)?;
    let v = notifications::preferences(&state.db, me, state.settings.digest_hour).await?;
    Ok(json_with_etag(StatusCode::OK, etag(PREFS, me, v.version), &v))
}

/// Sets my e-mail address and modes (events left out take their default). Needs `If-Match`.
#[utoipa::path(
    tag = "notifications",
    request_body = NotificationPreferencesInput,
    responses(
        (status = 200, body = NotificationPreferencesView),
        (status = 401), (status = 403),
        (status = 412, content_type = "application/problem+json"),
        (status = 422, content_type = "application/problem+json"),
        (status = 428, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[put("/me/notification-preferences")]
async fn put_preferences(
    state: web::Data<AppState>,
    user: AuthUser,
    if_match: IfMatch,
    body: JsonBody<NotificationPreferencesInput>,
) -> Result<HttpResponse, ApiError> {
    let me = require(&user)?;
    let input = body.parse()?.validate()?;
    let version = if_match.version(PREFS, me)?;
    let w = Write::begin(&state, &user).await?;
    let hour = state.settings.digest_hour;
    let before = notifications::preferences(&w.txn, me, hour).await?;
    notifications::save_preferences(&w.txn, me, version, &input, w.now()).await?;
    let after = notifications::preferences(&w.txn, me, hour).await?;
    w.updated(PREFS, me, &before, &after).await?;
    w.commit().await?;
    Ok(json_with_etag(StatusCode::OK, etag(PREFS, me, after.version), &after))
}

/// The outbox's delivery log, every channel (webhook calls, e-mails, daily digests), newest
/// first: status, attempts, last error (admin).
#[utoipa::path(
    tag = "notifications",
    params(OutboxQuery),
    responses((status = 200, body = Page<OutboxJobView>), (status = 401), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/deliveries")]
async fn list_outbox(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<OutboxQuery>,
) -> Result<HttpResponse, ApiError> {
    if !can_view_deliveries(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    Ok(HttpResponse::Ok().json(notifications::outbox_log(&state.db, &q).await?))
}
