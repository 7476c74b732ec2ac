//! The root span of every request, named by our request id (the one in the `X-Request-Id`
//! response header and in the audit row), and one log line per finished request.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;

use crate::middleware::RequestId;

/// When the request started, for the elapsed time on its last line.
#[derive(Clone, Copy)]
struct Started(Instant);

pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(req: &ServiceRequest) -> Span {
        // `middleware::assign_request_id` runs first (it wraps this middleware).
        let id = req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        req.extensions_mut().insert(Started(Instant::now()));
        let route = req.match_pattern().unwrap_or_else(|| "(unmatched)".into());
        tracing::info_span!(
            "request",
            request_id = %id,
            method = %req.method(),
            route = %route,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, elapsed_ms) = match outcome {
            Ok(res) => {
                let started = res.request().extensions().get::<Started>().copied();
                let ms = started.map(|s| s.0.elapsed().as_millis() as u64).unwrap_or_default();
                (res.status().as_u16(), ms)
            }
            Err(e) => (e.as_response_error().status_code().as_u16(), 0),
        };
        span.in_scope(|| {
            if status >= 500 {
                tracing::error!(status, elapsed_ms, "request finished");
            } else {
                tracing::info!(status, elapsed_ms, "request finished");
            }
        });
    }
}
