//! The one HTTP client of the SPA: bearer token, refresh on expiry, problem+json errors.

use gloo_net::http::{Method, Request, RequestBuilder, Response};
use ioc_domain::dto::{ProblemDetails, ProblemFieldError};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::session;

#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status; 0 when the server could not be reached.
    pub status: u16,
    pub problem: ProblemDetails,
}

impl ApiError {
    fn network(e: impl std::fmt::Display) -> ApiError {
        ApiError {
            status: 0,
            problem: ProblemDetails {
                title: "Không kết nối được máy chủ / Cannot reach the server".into(),
                detail: Some(e.to_string()),
                code: "network".into(),
                ..Default::default()
            },
        }
    }

    /// One line for a banner: title and detail (already in the UI language).
    pub fn message(&self) -> String {
        match &self.problem.detail {
            Some(d) if !d.is_empty() => format!("{} {}", self.problem.title, d),
            _ => self.problem.title.clone(),
        }
    }

    pub fn field_errors(&self) -> &[ProblemFieldError] {
        &self.problem.errors
    }

    pub fn is_conflict(&self) -> bool {
        self.status == 412
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

fn lang_header() -> &'static str {
    if session::storage_get("ioc.lang").as_deref() == Some("en") {
        "en"
    } else {
        "vi"
    }
}

async fn problem(res: Response) -> ApiError {
    let status = res.status();
    let problem = res.json::<ProblemDetails>().await.unwrap_or_else(|_| ProblemDetails {
        title: format!("HTTP {status}"),
        status,
        ..Default::default()
    });
    ApiError { status, problem }
}

/// Sends with the bearer token; on a 401 refreshes once and retries.
async fn execute(build: impl Fn() -> RequestBuilder, body: Option<String>) -> ApiResult<Response> {
    let mut retried = false;
    loop {
        let token = session::access_token().await;
        let mut rb = build().header("Accept-Language", lang_header());
        if let Some(t) = &token {
            rb = rb.header("Authorization", &format!("Bearer {t}"));
        }
        let req = match &body {
            Some(b) => rb.header("Content-Type", "application/json").body(b.clone()),
            None => rb.build(),
        }
        .map_err(ApiError::network)?;
        let res = req.send().await.map_err(ApiError::network)?;
        if res.status() == 401 && token.is_some() && !retried {
            retried = true;
            if session::refresh().await.is_some() {
                continue;
            }
        }
        if res.status() == 401 {
            session::sign_out_locally();
        }
        return Ok(res);
    }
}

async fn json_or_problem<T: DeserializeOwned>(res: Response) -> ApiResult<(T, Option<String>)> {
    if !res.ok() {
        return Err(problem(res).await);
    }
    let etag = res.headers().get("etag");
    let value = res.json::<T>().await.map_err(ApiError::network)?;
    Ok((value, etag))
}

/// Takes the path by value so callers can pass a `format!` straight into `join!`.
pub async fn get<T: DeserializeOwned>(path: impl Into<String>) -> ApiResult<T> {
    get_with_etag(&path.into()).await.map(|(v, _)| v)
}

/// GET, keeping the `ETag` for a later conditional write.
pub async fn get_with_etag<T: DeserializeOwned>(path: &str) -> ApiResult<(T, Option<String>)> {
    let res = execute(|| Request::get(path), None).await?;
    json_or_problem(res).await
}

/// POST/PUT/DELETE with a JSON body and an optional `If-Match`.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
    if_match: Option<&str>,
) -> ApiResult<(T, Option<String>)> {
    let body = match body {
        Some(b) => Some(serde_json::to_string(b).map_err(ApiError::network)?),
        None => None,
    };
    let res = execute(
        || {
            let rb = RequestBuilder::new(path).method(method.clone());
            match if_match {
                Some(tag) => rb.header("If-Match", tag),
                None => rb,
            }
        },
        body,
    )
    .await?;
    json_or_problem(res).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    send(Method::POST, path, Some(body), None).await.map(|(v, _)| v)
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B, if_match: &str) -> ApiResult<T> {
    send(Method::PUT, path, Some(body), Some(if_match))
        .await
        .map(|(v, _)| v)
}

/// DELETE (or archive) with `If-Match`; the body of the answer, if any, is ignored.
pub async fn delete(path: &str, if_match: &str) -> ApiResult<()> {
    let res = execute(|| Request::delete(path).header("If-Match", if_match), None).await?;
    if res.ok() {
        Ok(())
    } else {
        Err(problem(res).await)
    }
}

/// For the refresh call itself (no bearer, no retry).
pub async fn post_unauthenticated<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let req = Request::post(path)
        .header("Accept-Language", lang_header())
        .json(body)
        .map_err(ApiError::network)?;
    let res = req.send().await.map_err(ApiError::network)?;
    json_or_problem(res).await.map(|(v, _)| v)
}

/// Downloads a file the API serves behind the bearer token (exports), as the browser's own
/// download of a blob URL.
pub async fn download(path: &str, filename: &str) -> ApiResult<()> {
    let res = execute(|| Request::get(path), None).await?;
    if !res.ok() {
        return Err(problem(res).await);
    }
    let bytes = res.binary().await.map_err(ApiError::network)?;
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let parts = js_sys::Array::of1(&array);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ApiError::network("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::network("blob url"))?;
    let doc = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement =
        wasm_bindgen::JsCast::unchecked_into(doc.create_element("a").map_err(|_| ApiError::network("anchor"))?);
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// `?a=1&b=2` from pairs, percent-encoded; empty values are left out.
pub fn query(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The server's entity tag for a record at a version (what `If-Match` must carry), so a
/// list item can be written without re-reading it first.
pub fn etag(entity: &str, id: i32, version: i32) -> String {
    format!("\"{entity}-{id}-v{version}\"")
}

/// Creates a record (POST to `collection`) or replaces one (PUT to `collection/{id}` with
/// `If-Match`), for the forms that do both.
pub async fn save<B: Serialize, T: DeserializeOwned>(
    collection: &str,
    existing: Option<(i32, String)>,
    body: &B,
) -> ApiResult<T> {
    match existing {
        Some((id, tag)) => put(&format!("{collection}/{id}"), body, &tag).await,
        None => post(collection, body).await,
    }
}

/// A conditional GET for polling: `Ok(None)` when the server answers 304 to `If-None-Match`
/// (nothing changed since `etag`), else the new value with its `ETag`.
pub async fn get_if_changed<T: DeserializeOwned>(
    path: &str,
    etag: Option<&str>,
) -> ApiResult<Option<(T, Option<String>)>> {
    let res = execute(
        || match etag {
            Some(tag) => Request::get(path).header("If-None-Match", tag),
            None => Request::get(path),
        },
        None,
    )
    .await?;
    if res.status() == 304 {
        return Ok(None);
    }
    json_or_problem(res).await.map(Some)
}

/// POST without a body (an action such as "mark all read"), optionally with `If-Match`;
/// the body of the answer, if any, is ignored.
pub async fn post_action(path: &str, if_match: Option<&str>) -> ApiResult<()> {
    let res = execute(
        || match if_match {
            Some(tag) => Request::post(path).header("If-Match", tag),
            None => Request::post(path),
        },
        None,
    )
    .await?;
    if res.ok() {
        Ok(())
    } else {
        Err(problem(res).await)
    }
}
