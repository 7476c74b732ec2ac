//! The staff list for direction forms: who may chair a meeting, attend it, or be named on a
//! task. Active accounts only, no usernames or credentials.

use actix_web::{get, web, HttpResponse};
use ioc_domain::dto::PersonRef;
use ioc_domain::policy::can_list_people;
use ioc_domain::Role;
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::users;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_people);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Only this role, e.g. `leader` for a meeting's chair.
    pub role: Option<String>,
    /// Only people of this unit.
    pub unit_id: Option<i32>,
}

/// Active people (name, role, unit), for the chair, attendee and assignee pickers.
#[utoipa::path(
    tag = "users",
    params(PeopleQuery),
    responses((status = 200, body = Vec<PersonRef>), (status = 403), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/people")]
async fn list_people(
    state: web::Data<AppState>,
    user: AuthUser,
    q: web::Query<PeopleQuery>,
) -> Result<HttpResponse, ApiError> {
    if !can_list_people(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let role = crate::store::code_list("role", &q.role, Role::parse)?;
    Ok(HttpResponse::Ok().json(users::people(&state.db, role, q.unit_id).await?))
}
