//! Liveness and readiness probes (outside `/api/v1`, no authentication).

use actix_web::{get, web, HttpResponse};
use sea_orm::ConnectionTrait;

use crate::state::AppState;

/// The process is up.
#[utoipa::path(tag = "health", responses((status = 200, description = "Alive")))]
#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The database answers; 503 otherwise (take the instance out of a load balancer).
#[utoipa::path(tag = "health", responses((status = 200, description = "Ready"), (status = 503, description = "Database unreachable")))]
#[get("/readyz")]
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let backend = state.db.get_database_backend();
    match state
        .db
        .execute_raw(sea_orm::Statement::from_string(backend, "SELECT 1"))
        .await
    {
        Ok(_) => HttpResponse::Ok().json(serde_json::json!({ "status": "ready", "database": format!("{backend:?}") })),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .insert_header(("content-type", crate::error::PROBLEM_JSON))
                .json(serde_json::json!({
                    "type": "https://ioc.dongnai.gov.vn/problems/database-unavailable",
                    "title": "Database unavailable",
                    "status": 503,
                    "code": "database_unavailable"
                }))
        }
    }
}
