//! `JsonBody<T>`: the JSON body of a write, read by the extractor but parsed only when the
//! handler asks for it, after it has authorised the caller.
//!
//! With actix's `web::Json` the body is parsed before the handler runs, so a caller without
//! the right to write learned the body rules from a 400 before being told 403. Handlers take
//! `JsonBody<T>` instead and call [`JsonBody::parse`] once the caller is known to be allowed,
//! which makes the order structural: 401 (extractor) → 403/404 (handler, after loading the
//! object) → 400/413/415 (`parse`) → 422 (validation) → 428/412 (`If-Match`).

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A request body kept as bytes (or the reason it could not be read) until [`parse`](Self::parse).
pub struct JsonBody<T> {
    raw: Result<web::Bytes, ApiError>,
    _of: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> JsonBody<T> {
    /// The body as `T`: 415 when it is not declared JSON, 413 when larger than
    /// `IOC_MAX_BODY_BYTES`, 400 when it is not JSON of the expected shape.
    pub fn parse(self) -> Result<T, ApiError> {
        let bytes = self.raw?;
        serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::bad_request(
                "malformed_json",
                format!("JSON không hợp lệ: {e}"),
                format!("Malformed or mistyped JSON: {e}"),
            )
        })
    }
}

/// `application/json` or any `…/…+json`, as actix's JSON extractor accepts.
fn declares_json(req: &HttpRequest) -> bool {
    let Some(ct) = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence
        .split_once('/')
        .is_some_and(|(_, sub)| sub == "json" || sub.ends_with("+json"))
}

fn read_error(e: actix_web::Error) -> ApiError {
    if e.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::bad_request(
            "malformed_json",
            format!("Không đọc được nội dung: {e}"),
            format!("Could not read the body: {e}"),
        )
    }
}

impl<T: 'static> FromRequest for JsonBody<T> {
    /// Never returned: every failure waits for `parse`.
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let is_json = declares_json(req);
        // Bounded by the app's `PayloadConfig` (`IOC_MAX_BODY_BYTES`).
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let raw = match bytes.await {
                Ok(b) if is_json => Ok(b),
                Ok(_) => Err(ApiError::UnsupportedMediaType),
                Err(e) => Err(read_error(e)),
            };
            Ok(JsonBody { raw, _of: PhantomData })
        })
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn json_media_types_are_recognised() {
        for (ct, ok) in [
            ("application/json", true),
            ("application/json; charset=utf-8", true),
            ("application/problem+json", true),
            ("text/plain", false),
            ("application/x-www-form-urlencoded", false),
        ] {
            let req = TestRequest::default()
                .insert_header((header::CONTENT_TYPE, ct))
                .to_http_request();
            assert_eq!(declares_json(&req), ok, "{ct}");
        }
        assert!(!declares_json(&TestRequest::default().to_http_request()));
    }

    #[test]
    fn parsing_reports_the_deferred_failures() {
        let body = |raw| JsonBody::<serde_json::Value> { raw, _of: PhantomData };
        assert!(body(Ok(web::Bytes::from_static(br#"{"a":1}"#))).parse().is_ok());
        assert!(matches!(
            body(Ok(web::Bytes::from_static(b"{"))).parse(),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            body(Err(ApiError::UnsupportedMediaType)).parse(),
            Err(ApiError::UnsupportedMediaType)
        ));
    }
}
