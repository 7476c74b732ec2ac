//! Request-wide concerns: a request id on every request and response, and problem+json
//! bodies in the caller's language for every error, including those actix makes itself.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpMessage, HttpResponse};
use ioc_domain::Lang;

use crate::error::{Problem, PROBLEM_JSON};

/// The id of the current request (from `X-Request-Id` when sane, else generated).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn assign_request_id(req: &ServiceRequest) -> (String, Lang) {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    (id, lang)
}

/// Rewrites an error response as problem+json in `lang`, unless it is something else on
/// purpose (a non-API path's HTML, say).
pub fn finish_response<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
    id: &str,
    lang: Lang,
) -> ServiceResponse<BoxBody> {
    let is_api = res.request().path().starts_with("/api")
        || res.request().path().starts_with("/healthz")
        || res.request().path().starts_with("/readyz");
    let status = res.status();
    let problem = res.response().extensions().get::<Problem>().cloned();
    let mut res = match problem {
        Some(p) if lang == Lang::En => {
            let r = copy_headers(HttpResponse::build(status).body(p.render(Lang::En)), &res);
            res.into_response(r)
        }
        Some(_) => res.map_into_boxed_body(),
        None if is_api && (status.is_client_error() || status.is_server_error()) => {
            let p = generic_problem(status);
            let r = copy_headers(
                HttpResponse::build(status)
                    .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
                    .body(p.render(lang)),
                &res,
            );
            res.into_response(r)
        }
        None => res.map_into_boxed_body(),
    };
    if let Ok(v) = HeaderValue::from_str(id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    res
}

fn generic_problem(status: actix_web::http::StatusCode) -> Problem {
    use actix_web::http::StatusCode as S;
    let (code, vi, en) = match status {
        S::NOT_FOUND => ("not_found", "Không tìm thấy", "Not found"),
        S::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "Phương thức không được hỗ trợ",
            "Method not allowed",
        ),
        S::PAYLOAD_TOO_LARGE => ("payload_too_large", "Dữ liệu gửi lên quá lớn", "Payload too large"),
        S::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "Định dạng không được hỗ trợ",
            "Unsupported media type",
        ),
        s if s.is_server_error() => ("internal_error", "Lỗi hệ thống", "Internal server error"),
        _ => ("bad_request", "Yêu cầu không hợp lệ", "Bad request"),
    };
    Problem::simple(status, code, vi, en)
}

/// Keeps the original response's headers (Allow, Retry-After, ETag...) on a re-rendered body.
fn copy_headers<B>(mut r: HttpResponse, from: &ServiceResponse<B>) -> HttpResponse {
    for (k, v) in from.headers().iter() {
        if k != header::CONTENT_LENGTH && k != header::CONTENT_TYPE {
            r.headers_mut().insert(k.clone(), v.clone());
        }
    }
    if !r.headers().contains_key(header::CONTENT_TYPE) {
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    }
    r
}
