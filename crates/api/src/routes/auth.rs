//! Sign-in, token refresh (rotating), sign-out and the current user.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use ioc_domain::dto::{LoginRequest, MeView, RefreshRequest, TokenResponse};
use ioc_domain::Role;
use sea_orm::TransactionTrait;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{password, AuthUser};
use crate::entities::user;
use crate::error::ApiError;
use crate::middleware::RequestId;
use crate::state::AppState;
use crate::store::audit::{self, Change, Who};
use crate::store::{self, auth::RefreshOutcome};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(refresh).service(logout).service(me);
}

fn bad_credentials() -> ApiError {
    ApiError::unauthorized(
        "invalid_credentials",
        "Tên đăng nhập hoặc mật khẩu không đúng.",
        "Wrong username or password.",
    )
}

fn request_id(req: &HttpRequest) -> String {
    use actix_web::HttpMessage;
    req.extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

async fn me_view(conn: &impl sea_orm::ConnectionTrait, u: &user::Model) -> Result<MeView, ApiError> {
    let unit = match u.unit_id {
        Some(id) => Some(store::units::unit_ref(&store::units::get(conn, id).await?)),
        None => None,
    };
    Ok(MeView {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: Role::parse(&u.role).unwrap_or(Role::Viewer),
        unit,
    })
}

/// Issues an access token and a refresh token in `family` (new at login) inside `txn`.
async fn issue(
    state: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    u: &user::Model,
    family: Option<String>,
) -> Result<TokenResponse, ApiError> {
    let role = Role::parse(&u.role).unwrap_or(Role::Viewer);
    let access = state.jwt.issue(u.id, &u.username, role, u.unit_id)?;
    let refresh_token = store::auth::issue_refresh(txn, u.id, family, state.settings.refresh_token_ttl_days).await?;
    Ok(TokenResponse {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl_secs,
        refresh_token,
        user: me_view(txn, u).await?,
    })
}

/// Sign in with username and password.
///
/// Failed attempts are limited per username and per client address; past the limit the
/// answer is 429 with `Retry-After`. Integrator accounts cannot sign in (they use tokens).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Wrong username or password", content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts", content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let s = &state.settings;
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let (by_user, by_ip) = store::auth::recent_failures(&state.db, &body.username, &ip, s.login_window_secs).await?;
    if by_user >= s.login_max_failures_per_user || by_ip >= s.login_max_failures_per_ip {
        return Err(ApiError::TooManyRequests {
            retry_after_secs: s.login_window_secs.max(1) as u64,
        });
    }
    let found = store::auth::user_by_username(&state.db, &body.username).await?;
    let ok = password::verify(body.password.clone(), found.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match found {
        Some(u) if ok && u.active && u.role != Role::Integrator.as_str() => u,
        _ => {
            store::auth::record_failed_login(&state.db, &body.username, &ip).await?;
            return Err(bad_credentials());
        }
    };
    let txn = state.db.begin().await?;
    store::auth::clear_failures(&txn, &user.username).await?;
    let tokens = issue(&state, &txn, &user, None).await?;
    let who = Who {
        user_id: Some(user.id),
        username: user.username.clone(),
        request_id: request_id(&req),
    };
    audit::record(
        &txn,
        &who,
        Change::<(), ()> {
            action: "login",
            entity: "session",
            entity_id: user.id.to_string(),
            project_id: None,
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(tokens))
}

/// Exchange a refresh token for a new access token and a new refresh token.
///
/// Each refresh token works once. Presenting an already-used one revokes every token of
/// that sign-in (it was probably copied).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 401, content_type = "application/problem+json"))
)]
#[post("/auth/refresh")]
async fn refresh(state: web::Data<AppState>, body: web::Json<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let txn = state.db.begin().await?;
    let outcome = store::auth::consume_refresh(&txn, &body.refresh_token).await?;
    let (user_id, family) = match outcome {
        RefreshOutcome::Rotated { user_id, family } => (user_id, family),
        RefreshOutcome::Reused => {
            txn.commit().await?;
            return Err(ApiError::unauthorized(
                "refresh_token_reused",
                "Phiên đăng nhập đã bị thu hồi; vui lòng đăng nhập lại.",
                "This session was revoked; sign in again.",
            ));
        }
        RefreshOutcome::Invalid => {
            return Err(ApiError::unauthorized(
                "invalid_refresh_token",
                "Phiên đăng nhập không hợp lệ hoặc đã hết hạn.",
                "The refresh token is invalid or expired.",
            ))
        }
    };
    let user = store::users::get(&txn, user_id).await?;
    if !user.active {
        return Err(bad_credentials());
    }
    let tokens = issue(&state, &txn, &user, Some(family)).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(tokens))
}

/// Sign out: revokes the refresh token (and its rotation family).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out (also when the token was unknown)"))
)]
#[post("/auth/logout")]
async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let txn = state.db.begin().await?;
    if let Some(user_id) = store::auth::revoke_refresh(&txn, &body.refresh_token).await? {
        let u = store::users::get(&txn, user_id).await?;
        let who = Who {
            user_id: Some(u.id),
            username: u.username,
            request_id: request_id(&req),
        };
        audit::record(
            &txn,
            &who,
            Change::<(), ()> {
                action: "logout",
                entity: "session",
                entity_id: user_id.to_string(),
                project_id: None,
                before: None,
                after: None,
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user (or the integrator a token belongs to).
#[utoipa::path(tag = "auth", responses((status = 200, body = MeView), (status = 401)), security(("bearer" = [])))]
#[get("/me")]
async fn me(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let u = store::users::get(&state.db, user.actor.user_id).await?;
    Ok(HttpResponse::Ok().json(me_view(&state.db, &u).await?))
}
