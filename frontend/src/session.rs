//! The signed-in user: access token, rotating refresh token, and the user's role.
//!
//! Refresh tokens rotate and the server revokes the whole family when one is reused, so
//! refreshing is single-flight within a tab, and a tab adopts a newer token another tab
//! has stored instead of spending its own stale one.

use std::cell::{Cell, OnceCell};

use ioc_domain::dto::{MeView, RefreshRequest, TokenResponse};
use ioc_domain::{Actor, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const KEY: &str = "ioc.session";
/// Refresh this long before the access token expires.
const MARGIN_MS: f64 = 60_000.0;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Auth {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at_ms: f64,
    pub user: MeView,
}

impl Auth {
    pub fn from_response(t: TokenResponse) -> Auth {
        Auth {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
            expires_at_ms: now_ms() + t.expires_in as f64 * 1000.0,
            user: t.user,
        }
    }
}

thread_local! {
    static SESSION: OnceCell<RwSignal<Option<Auth>>> = const { OnceCell::new() };
    static REFRESHING: Cell<bool> = const { Cell::new(false) };
}

/// The session signal (created once, at the root, so it is never disposed).
pub fn session() -> RwSignal<Option<Auth>> {
    SESSION.with(|s| *s.get_or_init(|| RwSignal::new(load())))
}

pub fn user() -> Option<MeView> {
    session().with(|s| s.as_ref().map(|a| a.user.clone()))
}

pub fn role() -> Option<Role> {
    session().with(|s| s.as_ref().map(|a| a.user.role))
}

/// The signed-in user as the domain's policy functions take it.
pub fn actor() -> Option<Actor> {
    user().map(|u| Actor {
        user_id: u.id,
        role: u.role,
        unit_id: u.unit.map(|unit| unit.id),
    })
}

pub fn is_admin() -> bool {
    role() == Some(Role::Admin)
}

pub fn is_coordinator_or_admin() -> bool {
    matches!(role(), Some(Role::Admin | Role::Coordinator))
}

/// Leaders, coordinators, unit editors… follow directive tasks (the domain's policy).
pub fn can_read_tasks() -> bool {
    actor().is_some_and(|a| ioc_domain::policy::can_read_tasks(&a))
}

pub fn can_read_meetings() -> bool {
    actor().is_some_and(|a| ioc_domain::policy::can_read_meetings(&a))
}

pub fn sign_in(t: TokenResponse) {
    let auth = Auth::from_response(t);
    store(&auth);
    session().set(Some(auth));
}

pub fn sign_out_locally() {
    storage_remove(KEY);
    session().set(None);
}

/// A valid access token, refreshed first when it is about to expire.
pub async fn access_token() -> Option<String> {
    let auth = session().get_untracked()?;
    if auth.expires_at_ms - now_ms() > MARGIN_MS {
        return Some(auth.access_token);
    }
    refresh().await
}

/// Swaps the refresh token for a new pair. `None` when the session is over.
pub async fn refresh() -> Option<String> {
    if REFRESHING.with(Cell::get) {
        while REFRESHING.with(Cell::get) {
            sleep_ms(50).await;
        }
        return session().get_untracked().map(|a| a.access_token);
    }
    let mine = session().get_untracked()?;
    // Another tab may have rotated the token already: its pair is the live one.
    if let Some(stored) = load() {
        if stored.refresh_token != mine.refresh_token {
            session().set(Some(stored.clone()));
            if stored.expires_at_ms - now_ms() > MARGIN_MS {
                return Some(stored.access_token);
            }
        }
    }
    let current = session().get_untracked()?;
    REFRESHING.with(|r| r.set(true));
    let body = RefreshRequest {
        refresh_token: current.refresh_token.clone(),
    };
    let result = crate::api::post_unauthenticated::<_, TokenResponse>("/api/v1/auth/refresh", &body).await;
    REFRESHING.with(|r| r.set(false));
    match result {
        Ok(t) => {
            sign_in(t);
            session().get_untracked().map(|a| a.access_token)
        }
        // Refused: the session is over and the user signs in again.
        Err(e) if e.status == 401 || e.status == 400 || e.status == 403 => {
            sign_out_locally();
            None
        }
        // The network or server is down: keep the session and try again later.
        Err(_) => Some(current.access_token),
    }
}

fn load() -> Option<Auth> {
    storage_get(KEY).and_then(|s| serde_json::from_str(&s).ok())
}

fn store(auth: &Auth) {
    if let Ok(s) = serde_json::to_string(auth) {
        storage_set(KEY, &s);
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn storage_remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}
