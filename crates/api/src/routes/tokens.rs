//! Integrator tokens: long-lived, revocable, read-only credentials for machine clients.

use actix_web::{delete, get, post, web, HttpResponse};
use ioc_domain::dto::{IntegratorTokenCreated, IntegratorTokenInput, IntegratorTokenView};
use ioc_domain::policy::can_manage_integrator_tokens;
use ioc_domain::Role;
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store;
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tokens).service(create_token).service(revoke_token);
}

fn require(user: &AuthUser) -> Result<(), ApiError> {
    if can_manage_integrator_tokens(&user.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// List integrator tokens (admin). Secrets are never shown again after creation.
#[utoipa::path(tag = "integrator tokens", responses((status = 200, body = Vec<IntegratorTokenView>), (status = 403)), security(("bearer" = [])))]
#[get("/integrator-tokens")]
async fn list_tokens(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    require(&user)?;
    Ok(HttpResponse::Ok().json(store::auth::list_integrator_tokens(&state.db).await?))
}

/// Create a token for an integrator account (admin). The response holds the only copy of
/// the secret: send it as `Authorization: Bearer ioci_...`.
#[utoipa::path(
    tag = "integrator tokens",
    request_body = IntegratorTokenInput,
    responses((status = 201, body = IntegratorTokenCreated), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/integrator-tokens")]
async fn create_token(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<IntegratorTokenInput>,
) -> Result<HttpResponse, ApiError> {
    require(&user)?;
    let input = body.parse()?.validate()?;
    let w = Write::begin(&state, &user).await?;
    let owner = store::users::get(&w.txn, input.user_id)
        .await
        .map_err(|_| ApiError::field("user_id", "unknown_user", "Tài khoản không tồn tại.", "No such user."))?;
    if owner.role != Role::Integrator.as_str() || !owner.active {
        return Err(ApiError::field(
            "user_id",
            "not_integrator",
            "Chỉ cấp token cho tài khoản tích hợp đang hoạt động.",
            "Tokens can only be issued to active integrator accounts.",
        ));
    }
    let (token, info) = store::auth::create_integrator_token(&w.txn, owner.id, &input.name, user.actor.user_id).await?;
    w.created("integrator_token", info.id, &info).await?;
    w.commit().await?;
    let path = format!("/integrator-tokens/{}", info.id);
    Ok(created(&path, None, &IntegratorTokenCreated { token, info }))
}

/// Revoke a token (admin); it stops working at once.
#[utoipa::path(tag = "integrator tokens", responses((status = 200, body = IntegratorTokenView), (status = 404)), security(("bearer" = [])))]
#[delete("/integrator-tokens/{id}")]
async fn revoke_token(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    require(&user)?;
    let w = Write::begin(&state, &user).await?;
    let (before, after) = store::auth::revoke_integrator_token(&w.txn, *id)
        .await?
        .ok_or(ApiError::NotFound)?;
    w.record("revoke", "integrator_token", id, Some(&before), Some(&after))
        .await?;
    w.commit().await?;
    Ok(HttpResponse::Ok().json(after))
}
