//! Answers served from the per-instance view cache (`view_cache`): the data version is read
//! first, then the answer is looked up or computed and stored under that version.

use std::future::Future;

use actix_web::http::header::ContentType;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use serde::Serialize;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store;
use crate::view_cache::Answer;

/// The JSON answer for `key`, computed by `compute` on a miss. `key` must name everything
/// the answer depends on besides the stored data: the endpoint, its parsed parameters, the
/// date it is computed for, and the caller's role and unit where the answer differs by them.
/// `compute` is not polled before the version is read.
pub async fn json<T, F>(state: &AppState, user: &AuthUser, key: String, compute: F) -> Result<HttpResponse, ApiError>
where
    T: Serialize,
    F: Future<Output = Result<T, ApiError>>,
{
    record(state, user, key, |_| None, compute).await
}

/// As [`json`], for a record answered with the `ETag` of its version (`etag_of`).
pub async fn record<T, F>(
    state: &AppState,
    user: &AuthUser,
    key: String,
    etag_of: impl FnOnce(&T) -> Option<String>,
    compute: F,
) -> Result<HttpResponse, ApiError>
where
    T: Serialize,
    F: Future<Output = Result<T, ApiError>>,
{
    // Read with the caller's check when it was: that was before this request read anything.
    let version = match user.data_version {
        Some(v) => v,
        None => store::data_version::current(&state.db).await?,
    };
    if let Some(answer) = state.views.get(version, &key) {
        return Ok(respond(answer));
    }
    let value = compute.await?;
    let answer = Answer {
        body: Bytes::from(serde_json::to_vec(&value).map_err(anyhow::Error::from)?),
        etag: etag_of(&value),
    };
    state.views.put(version, key, answer.clone());
    Ok(respond(answer))
}

fn respond(answer: Answer) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    res.content_type(ContentType::json());
    if let Some(tag) = answer.etag {
        res.insert_header((actix_web::http::header::ETAG, tag));
    }
    res.body(answer.body)
}

/// A cache key: the endpoint, the date its figures are for, and the parsed parameters
/// (their `Debug` form, so the order of a query string's fields does not matter).
pub fn key(endpoint: &str, today: chrono::NaiveDate, parts: &[&dyn std::fmt::Debug]) -> String {
    use std::fmt::Write;
    let mut k = format!("{endpoint}|{today}");
    for p in parts {
        let _ = write!(k, "|{p:?}");
    }
    k
}

/// What of the caller an answer depends on when it shows what they may edit.
pub fn audience(actor: &ioc_domain::policy::Actor) -> String {
    format!("{:?}/{:?}", actor.role, actor.unit_id)
}
