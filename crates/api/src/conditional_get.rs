//! `304 Not Modified` for polling clients (the IOC wall re-reads the dashboards every few
//! seconds): a GET or HEAD answered 200 with JSON or an image gets a strong `ETag` computed
//! from its body, and a matching `If-None-Match` turns the answer into a 304 without a body.
//!
//! Responses whose handler set its own `ETag` (a record's version, `"project-12-v3"`, which
//! `If-Match` needs) keep it and are never turned into 304: the version does not change when
//! derived figures do (status, forecast, disbursement rate), so it cannot prove the client's
//! copy is current.

use actix_web::body::{to_bytes, BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::HttpResponse;
use sha2::{Digest, Sha256};

/// What the request asked for, read before the request is handed on.
pub struct Conditional {
    applies: bool,
    if_none_match: Option<String>,
}

impl Conditional {
    pub fn from_request(req: &actix_web::dev::ServiceRequest) -> Self {
        Conditional {
            applies: matches!(*req.method(), Method::GET | Method::HEAD),
            if_none_match: req
                .headers()
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        }
    }

    /// Tags the response and answers 304 when the client's copy is current.
    pub async fn finish<B>(self, res: ServiceResponse<B>) -> Result<ServiceResponse<BoxBody>, actix_web::Error>
    where
        B: MessageBody + 'static,
    {
        if !self.applies || res.status() != StatusCode::OK || !is_taggable(&res) {
            return Ok(res.map_into_boxed_body());
        }
        if res.headers().contains_key(header::ETAG) {
            return Ok(res.map_into_boxed_body());
        }
        let (req, response) = res.into_parts();
        let (mut head, body) = response.into_parts();
        let bytes = to_bytes(body).await.map_err(|e| {
            let e: Box<dyn std::error::Error> = e.into();
            actix_web::error::ErrorInternalServerError(e.to_string())
        })?;
        let tag = body_tag(&bytes);
        let matches = self.if_none_match.as_deref().is_some_and(|m| none_match_hits(m, &tag));
        let tag_value = HeaderValue::from_str(&tag).expect("hex tag is a valid header value");
        head.headers_mut().insert(header::ETAG, tag_value);
        let response = if matches {
            let mut not_modified = HttpResponse::build(StatusCode::NOT_MODIFIED).finish();
            for (name, value) in head.headers() {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    not_modified.headers_mut().insert(name.clone(), value.clone());
                }
            }
            not_modified
        } else {
            head.set_body(bytes).map_into_boxed_body()
        };
        Ok(ServiceResponse::new(req, response))
    }
}

fn is_taggable<B>(res: &ServiceResponse<B>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json") || ct.starts_with("image/"))
}

/// A strong tag: the first 128 bits of the body's SHA-256.
pub fn body_tag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored;
/// `*` matches any current representation; a list matches when any member does.
pub fn none_match_hits(header: &str, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let tag = opaque(tag);
    header.split(',').map(opaque).any(|t| t == "*" || t == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_uses_the_weak_comparison_over_a_list() {
        let tag = body_tag(b"{}");
        assert!(none_match_hits(&tag, &tag));
        assert!(none_match_hits(&format!("\"other\", W/{tag}"), &tag));
        assert!(none_match_hits("*", &tag));
        assert!(!none_match_hits("\"other\", W/\"older\"", &tag));
        assert!(!none_match_hits("", &tag));
    }

    #[test]
    fn the_tag_follows_the_body() {
        assert_eq!(body_tag(b"[1]"), body_tag(b"[1]"));
        assert_ne!(body_tag(b"[1]"), body_tag(b"[2]"));
    }
}
