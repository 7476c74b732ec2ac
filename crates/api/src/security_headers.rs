//! Browser-facing protections set on every response: a Content-Security-Policy, no MIME
//! sniffing, no referrer, and no caching of answers to writes (login and refresh hand out
//! tokens; integrator-token and webhook creation hand out secrets).

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;

/// The header values, built once from the settings.
#[derive(Clone)]
pub struct SecurityHeaders {
    app_policy: HeaderValue,
    docs_policy: HeaderValue,
}

impl SecurityHeaders {
    /// `frame_ancestors` is the validated `IOC_FRAME_ANCESTORS` (`'none'` by default; the IOC
    /// portal that shows the wall in a frame is listed there).
    pub fn new(frame_ancestors: &str) -> anyhow::Result<Self> {
        // The SPA keeps its tokens in localStorage, so no script may run but its own files:
        // no inline script, no eval; wasm compilation needs 'wasm-unsafe-eval'. Styles set
        // through the CSSOM are allowed; style attributes in markup are not.
        let common =
            format!("object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}");
        let app = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; {common}"
        );
        // Swagger UI (vendored, served from the binary) styles elements inline and draws its
        // icons from data: URIs; it needs no inline or evaluated script.
        let docs = format!(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; connect-src 'self'; {common}"
        );
        Ok(SecurityHeaders {
            app_policy: HeaderValue::from_str(&app)?,
            docs_policy: HeaderValue::from_str(&docs)?,
        })
    }

    pub fn apply(&self, res: &mut ServiceResponse<BoxBody>) {
        let is_docs = res.request().path().starts_with("/api/docs");
        let is_write = !matches!(*res.request().method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let is_api = res.request().path().starts_with("/api/v1/");
        let headers = res.headers_mut();
        let policy = if is_docs { &self.docs_policy } else { &self.app_policy };
        headers.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        if !headers.contains_key(header::CACHE_CONTROL) {
            if is_write {
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            } else if is_api {
                // Signed-in data: only the caller's own cache, and revalidated each time (a
                // matching `If-None-Match` costs a 304 and no body).
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
            }
        }
    }
}
