//! Sign-in, token refresh (rotating), sign-out (this session or all) and the current user.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use ioc_domain::dto::{LoginRequest, MeView, RefreshRequest, TokenResponse};
use ioc_domain::Role;
use sea_orm::TransactionTrait;
use utoipa_actix_web::service_config::ServiceConfig;

use super::json_body::JsonBody;
use crate::auth::throttle::{self, LoginLimits};
use crate::auth::{password, AuthUser};
use crate::entities::user;
use crate::error::ApiError;
use crate::middleware::RequestId;
use crate::state::AppState;
use crate::store::audit::{self, Change, Who};
use crate::store::{self, auth::RefreshOutcome};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login)
        .service(refresh)
        .service(logout)
        .service(logout_all)
        .service(me);
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

/// Issues an access token and a refresh token of session `family` inside `txn`.
async fn issue(
    state: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    u: &user::Model,
    family: &str,
) -> Result<TokenResponse, ApiError> {
    let access = state.jwt.issue(u.id, u.token_generation, family)?;
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
/// Failed attempts are counted per username and client address: past
/// `IOC_LOGIN_MAX_PER_USER` failures from one address, that address waits before each
/// further try (`Retry-After`, doubling at each failure); the same user from another address
/// is not affected. An address with `IOC_LOGIN_MAX_PER_IP` failures, whatever the usernames,
/// waits too. Integrator accounts cannot sign in (they use tokens).
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
    body: JsonBody<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse()?;
    body.validate()?;
    let s = &state.settings;
    let ip = crate::client_addr::client_ip(&req, &s.trusted_proxies)
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".into());
    let failures = store::auth::recent_failures(&state.db, &body.username, &ip, s.login_window_secs).await?;
    if let Some(secs) = throttle::wait_secs(&LoginLimits::from_settings(s), &failures, store::now()) {
        return Err(ApiError::TooManyRequests { retry_after_secs: secs });
    }
    let found = store::auth::user_by_username(&state.db, &body.username).await?;
    let ok = password::verify(body.password.clone(), found.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match found {
        Some(u) if ok && u.active && u.role != Role::Integrator.as_str() => u,
        _ => {
            store::auth::record_failed_login(&state.db, &body.username, &ip, s.login_window_secs).await?;
            return Err(bad_credentials());
        }
    };
    let txn = state.db.begin().await?;
    store::auth::clear_failures(&txn, &user.username, &ip).await?;
    let tokens = issue(&state, &txn, &user, &store::auth::new_session_id()).await?;
    let who = Who {
        user_id: Some(user.id),
        username: user.username.clone(),
        request_id: request_id(&req),
    };
    audit::record(&txn, &who, session_change("login", user.id)).await?;
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
async fn refresh(state: web::Data<AppState>, body: JsonBody<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let body = body.parse()?;
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
    let tokens = issue(&state, &txn, &user, &family).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(tokens))
}

/// Sign out: revokes the refresh token's session, which also ends the access tokens issued
/// with it.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out (also when the token was unknown)"))
)]
#[post("/auth/logout")]
async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.parse()?;
    let txn = state.db.begin().await?;
    if let Some(user_id) = store::auth::revoke_refresh(&txn, &body.refresh_token).await? {
        let u = store::users::get(&txn, user_id).await?;
        let who = Who {
            user_id: Some(u.id),
            username: u.username,
            request_id: request_id(&req),
        };
        audit::record(&txn, &who, session_change("logout", user_id)).await?;
    }
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

fn session_change(action: &'static str, user_id: i32) -> Change<'static, (), ()> {
    Change {
        action,
        entity: "session",
        entity_id: user_id.to_string(),
        project_id: None,
        before: None,
        after: None,
    }
}

/// Sign out everywhere: ends every session of the caller, on every device, with the access
/// tokens already issued. Integrator tokens are revoked one by one instead
/// (`DELETE /integrator-tokens/{id}`).
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Every session of the caller has ended"),
        (status = 401, description = "Not signed in, or the session has already ended", content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/auth/logout-all")]
async fn logout_all(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let txn = state.db.begin().await?;
    store::auth::end_all_sessions(&txn, user.actor.user_id).await?;
    audit::record(
        &txn,
        &Who::from(&user),
        session_change("logout_all", user.actor.user_id),
    )
    .await?;
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
