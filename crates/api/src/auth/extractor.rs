//! The `AuthUser` extractor: who is calling, from a Bearer JWT or an integrator token.
//!
//! Both kinds are checked against the database on every request (one indexed query), so
//! signing out, deactivation and a role or unit change take effect at the next request on
//! every instance, not when a token expires.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use ioc_domain::policy::Actor;
use ioc_domain::{Lang, Role};

use crate::auth::tokens::{hash_token, INTEGRATOR_PREFIX};
use crate::error::ApiError;
use crate::middleware::RequestId;
use crate::state::AppState;
use crate::store;

/// An authenticated caller, with what the audit log needs to name it.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub actor: Actor,
    pub username: String,
    pub request_id: String,
    pub lang: Lang,
    /// The data version read with the caller's check, when it was (`routes::cached`).
    pub data_version: Option<i64>,
}

impl AuthUser {
    pub fn role(&self) -> Role {
        self.actor.role
    }
}

fn missing() -> ApiError {
    ApiError::unauthorized(
        "missing_token",
        "Cần đăng nhập (thiếu Bearer token).",
        "Authentication required (no Bearer token).",
    )
}

fn invalid() -> ApiError {
    ApiError::unauthorized(
        "invalid_token",
        "Phiên đăng nhập không hợp lệ hoặc đã hết hạn.",
        "The token is invalid or has expired.",
    )
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let request_id = req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let lang = req
            .headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::from_accept_language)
            .unwrap_or_default();
        let token = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(|t| t.trim().to_owned());
        Box::pin(async move {
            let state = state.ok_or_else(|| anyhow::anyhow!("AppState missing"))?;
            let token = token.filter(|t| !t.is_empty()).ok_or_else(missing)?;
            if token.starts_with(INTEGRATOR_PREFIX) {
                let user = store::auth::integrator_by_token_hash(&state.db, &hash_token(&token))
                    .await?
                    .ok_or_else(invalid)?;
                return Ok(AuthUser {
                    actor: Actor {
                        user_id: user.id,
                        role: Role::Integrator,
                        unit_id: user.unit_id,
                    },
                    username: user.username,
                    request_id,
                    lang,
                    data_version: None,
                });
            }
            let claims = state.jwt.verify(&token).ok_or_else(invalid)?;
            let user_id: i32 = claims.sub.parse().map_err(|_| invalid())?;
            let caller = store::auth::caller(&state.db, user_id, &claims.sid)
                .await?
                .ok_or_else(invalid)?;
            // Integrators sign in with their tokens only; a JWT naming one is stale.
            let role = Role::parse(&caller.role)
                .filter(|r| *r != Role::Integrator)
                .ok_or_else(invalid)?;
            if !caller.active || !caller.session_live || caller.token_generation != claims.generation {
                return Err(invalid());
            }
            Ok(AuthUser {
                actor: Actor {
                    user_id: caller.id,
                    role,
                    unit_id: caller.unit_id,
                },
                username: caller.username,
                request_id,
                lang,
                data_version: Some(caller.data_version),
            })
        })
    }
}
