//! HTTP handlers, one module per resource. Each handler: extract → authorise (a visible
//! `policy::` call) → call one store function → map to a response.

pub mod alerts;
pub mod audit;
pub mod auth;
pub mod cached;
pub mod capital;
pub mod charts;
pub mod created;
pub mod dashboard;
pub mod difficulties;
pub mod directives;
pub mod disbursements;
pub mod docs;
pub mod etag;
pub mod exports;
pub mod health;
pub mod json_body;
pub mod meeting_record;
pub mod meetings;
pub mod notifications;
pub mod people;
pub mod projects;
pub mod reference;
pub mod reports;
pub mod spec_rules;
pub mod tasks;
pub mod tokens;
pub mod units;
pub mod users;
pub mod webhooks;
pub mod weekly;

use ioc_domain::policy::can_edit_project;
use sea_orm::ConnectionTrait;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::entities::project;
use crate::error::ApiError;
use crate::store;

/// Registers every `/api/v1` handler; the OpenAPI paths are collected from the same calls.
pub fn api_v1(cfg: &mut ServiceConfig) {
    auth::configure(cfg);
    units::configure(cfg);
    users::configure(cfg);
    people::configure(cfg);
    tokens::configure(cfg);
    reference::configure(cfg);
    projects::configure(cfg);
    reports::configure(cfg);
    capital::configure(cfg);
    disbursements::configure(cfg);
    difficulties::configure(cfg);
    directives::configure(cfg);
    tasks::configure(cfg);
    weekly::configure(cfg);
    audit::configure(cfg);
    alerts::configure(cfg);
    webhooks::configure(cfg);
    notifications::configure(cfg);
    exports::configure(cfg);
    dashboard::configure(cfg);
    charts::configure(cfg);
    meetings::configure(cfg);
    meeting_record::configure(cfg);
}

/// Loads a project for a write, locking its row for the transaction (see
/// `store::projects::get_for_update`), and checks the caller may edit it and it is not
/// archived.
pub async fn editable_project(
    conn: &impl ConnectionTrait,
    user: &AuthUser,
    id: i32,
) -> Result<project::Model, ApiError> {
    let p = store::projects::get_for_update(conn, id).await?;
    if !can_edit_project(&user.actor, &store::projects::ownership(&p)) {
        return Err(ApiError::Forbidden);
    }
    if p.archived {
        return Err(ApiError::conflict(
            "project_archived",
            "Dự án đã lưu trữ; khôi phục trước khi cập nhật.",
            "The project is archived; restore it before updating.",
        ));
    }
    Ok(p)
}

/// Path of a project's child resource.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ChildPath {
    /// The project's id.
    pub id: i32,
    /// The child record's id (report, plan, disbursement, difficulty).
    pub child_id: i32,
}
