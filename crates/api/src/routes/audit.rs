//! The audit log, for admins and coordinators.

use actix_web::{get, web, HttpResponse};
use ioc_domain::dto::{AuditEntryView, Page};
use ioc_domain::policy::can_view_audit;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::audit::{self, AuditQuery};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit);
}

/// Audit entries, newest first: who did what to which record, with before and after.
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = Page<AuditEntryView>), (status = 403)),
    security(("bearer" = []))
)]
#[get("/audit")]
async fn list_audit(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    if !can_view_audit(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    Ok(HttpResponse::Ok().json(audit::list(&state.db, &q).await?))
}
