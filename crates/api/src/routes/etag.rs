//! Optimistic concurrency: `ETag` on reads, `If-Match` required on updates and deletes.
//! Tags name the entity, id and version (`"project-12-v3"`), so a tag read from one
//! resource can never pass for another's.

use std::future::{ready, Ready};

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::error::ApiError;

pub fn etag(entity: &str, id: i32, version: i32) -> String {
    format!("\"{entity}-{id}-v{version}\"")
}

/// The `If-Match` header as sent (absent: `None`).
pub struct IfMatch(Option<String>);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let v = req
            .headers()
            .get(header::IF_MATCH)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        ready(Ok(IfMatch(v)))
    }
}

impl IfMatch {
    /// The version the client read of `entity` `id`: 428 without the header; 412 when the
    /// tag belongs to something else (it cannot match the current version).
    pub fn version(&self, entity: &str, id: i32) -> Result<i32, ApiError> {
        let raw = self
            .0
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(ApiError::PreconditionRequired)?;
        let prefix = format!("{entity}-{id}-v");
        raw.split(',')
            .map(|t| t.trim().trim_start_matches("W/").trim_matches('"'))
            .find_map(|t| t.strip_prefix(&prefix).and_then(|v| v.parse::<i32>().ok()))
            .ok_or(ApiError::PreconditionFailed { current_etag: None })
    }
}

/// A JSON response carrying the resource's ETag.
pub fn json_with_etag<T: Serialize>(status: actix_web::http::StatusCode, tag: String, body: &T) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, tag))
        .json(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_yields_the_version_of_the_right_entity_only() {
        let m = IfMatch(Some("\"project-12-v3\"".into()));
        assert_eq!(m.version("project", 12).unwrap(), 3);
        assert!(matches!(
            m.version("project", 13),
            Err(ApiError::PreconditionFailed { .. })
        ));
        assert!(matches!(
            IfMatch(None).version("project", 12),
            Err(ApiError::PreconditionRequired)
        ));
        assert_eq!(IfMatch(Some("W/\"unit-1-v9\"".into())).version("unit", 1).unwrap(), 9);
    }
}
