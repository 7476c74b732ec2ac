//! Outgoing webhooks (admin): subscriptions to alert events and their delivery log.

use actix_web::{delete, get, post, web, HttpResponse};
use ioc_domain::dto::{Page, WebhookDeliveryView, WebhookInput, WebhookView};
use ioc_domain::policy::can_manage_webhooks;
use utoipa_actix_web::service_config::ServiceConfig;

use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::outbound;
use crate::state::AppState;
use crate::store::webhooks::{self, DeliveryQuery};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_webhooks)
        .service(create_webhook)
        .service(delete_webhook)
        .service(list_deliveries);
}

fn require(user: &AuthUser) -> Result<(), ApiError> {
    if can_manage_webhooks(&user.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Webhook subscriptions (admin). Secrets are never shown.
#[utoipa::path(tag = "webhooks", responses((status = 200, body = Vec<WebhookView>), (status = 403)), security(("bearer" = [])))]
#[get("/webhooks")]
async fn list_webhooks(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    require(&user)?;
    Ok(HttpResponse::Ok().json(webhooks::list(&state.db).await?))
}

/// Subscribe an address to alert events (admin). Each event is POSTed as JSON
/// (`WebhookPayload`) with `X-IOC-Event`, `X-IOC-Delivery`, `X-IOC-Timestamp` and
/// `X-IOC-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`; non-2xx
/// answers are retried with exponential backoff (8 attempts). Delivery is at least once:
/// deduplicate on `X-IOC-Delivery`. Loopback, private, link-local and other non-public
/// addresses are refused (`non_public_url`) unless the server allows them
/// (`IOC_WEBHOOK_ALLOW_PRIVATE`); redirects are not followed.
#[utoipa::path(
    tag = "webhooks",
    request_body = WebhookInput,
    responses((status = 201, body = WebhookView), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/webhooks")]
async fn create_webhook(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<WebhookInput>,
) -> Result<HttpResponse, ApiError> {
    require(&user)?;
    let valid = body.parse()?.validate()?;
    outbound::require_public_url("url", &valid.url, state.settings.webhook_allow_private)?;
    let w = Write::begin(&state, &user).await?;
    let created = webhooks::create(&w.txn, &valid).await?;
    // The view has no secret, so neither has the audit entry.
    w.created("webhook_subscription", created.id, &created).await?;
    w.commit().await?;
    Ok(super::created::created(
        &format!("/webhooks/{}", created.id),
        None,
        &created,
    ))
}

/// Delete a subscription with its pending deliveries and log (admin).
#[utoipa::path(tag = "webhooks", responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
#[delete("/webhooks/{id}")]
async fn delete_webhook(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require(&user)?;
    let w = Write::begin(&state, &user).await?;
    let before = webhooks::delete(&w.txn, *id).await?;
    w.deleted("webhook_subscription", id, &before).await?;
    w.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A subscription's delivery log, newest first: status, attempts, last answer (admin).
#[utoipa::path(
    tag = "webhooks",
    params(DeliveryQuery),
    responses((status = 200, body = Page<WebhookDeliveryView>), (status = 403), (status = 404)),
    security(("bearer" = []))
)]
#[get("/webhooks/{id}/deliveries")]
async fn list_deliveries(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    q: web::Query<DeliveryQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&user)?;
    Ok(HttpResponse::Ok().json(webhooks::deliveries(&state.db, *id, &q).await?))
}
