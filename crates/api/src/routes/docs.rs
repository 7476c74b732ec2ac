//! The OpenAPI document and its offline Swagger UI, plus 405 answers derived from it.

use actix_web::{web, HttpRequest, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi as Spec;
use utoipa::{Modify, OpenApi};

use crate::error::ApiError;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Đồng Nai IOC — key project monitor API",
        description = "REST/JSON API of the Đồng Nai provincial IOC for tracking key public investment projects \
(dự án trọng điểm): progress, disbursement, difficulties.\n\n\
* Authenticate with `POST /api/v1/auth/login`, then send `Authorization: Bearer <access_token>`. \
Integrators use a long-lived token (`ioci_...`) issued by an administrator.\n\
* Money is VND in whole đồng, sent as JSON strings of digits (exact). Percentages are strings with up to 2 decimals.\n\
* Reads return an `ETag`; updates and deletes require `If-Match` with it (412 when stale, 428 when missing).\n\
* Errors are RFC 7807 `application/problem+json` with a stable `code` and, for validation, `errors[]` per field \
in Vietnamese and English. `Accept-Language: en` switches titles and messages to English (Vietnamese by default).\n\
* Dates are calendar dates of the province (Asia/Ho_Chi_Minh); timestamps are UTC.",
        license(name = "MIT OR Apache-2.0"),
        version = "1.0.0"
    ),
    modifiers(&BearerAuth),
    components(schemas(ioc_domain::dto::ProblemDetails))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut Spec) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Path templates and their methods, to tell 404 (no such path) from 405 (wrong method).
#[derive(Clone)]
pub struct KnownRoutes(Vec<(Vec<String>, Vec<String>)>);

impl KnownRoutes {
    pub fn from_spec(spec: &Spec) -> Self {
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segs = path.trim_matches('/').split('/').map(str::to_owned).collect();
                let json = serde_json::to_value(item).unwrap_or_default();
                let methods = ["get", "post", "put", "delete", "patch"]
                    .iter()
                    .filter(|m| json.get(**m).is_some())
                    .map(|m| m.to_uppercase())
                    .collect();
                (segs, methods)
            })
            .collect();
        KnownRoutes(routes)
    }

    fn methods_for(&self, path: &str) -> Option<Vec<String>> {
        let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
        let mut found: Option<Vec<String>> = None;
        for (tmpl, methods) in &self.0 {
            let hit = tmpl.len() == segs.len()
                && tmpl
                    .iter()
                    .zip(&segs)
                    .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s);
            if hit {
                found.get_or_insert_with(Vec::new).extend(methods.iter().cloned());
            }
        }
        found
    }
}

/// Fallback for unmatched requests: 405 with `Allow` when the path exists, else 404.
pub async fn fallback(req: HttpRequest, routes: web::Data<KnownRoutes>) -> Result<HttpResponse, ApiError> {
    match routes.methods_for(req.path()) {
        Some(mut methods) => {
            methods.sort();
            methods.dedup();
            Err(ApiError::MethodNotAllowed(methods))
        }
        None => Err(ApiError::NotFound),
    }
}
