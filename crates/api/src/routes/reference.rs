//! Reference lists: the closed code lists with their labels, and the localities.

use actix_web::{get, post, web, HttpResponse};
use ioc_domain::dto::{LocalityInput, LocalityView, ReferenceLists};
use ioc_domain::policy::can_manage_units_and_users;
use utoipa_actix_web::service_config::ServiceConfig;

use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::localities;
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(reference)
        .service(list_localities)
        .service(get_locality)
        .service(create_locality);
}

/// Every code list the forms need (sectors, groups, phases, difficulty categories and
/// statuses, capital sources, progress statuses, unit kinds, roles) with Vietnamese and
/// English labels, plus the communes/wards.
#[utoipa::path(tag = "reference", responses((status = 200, body = ReferenceLists)), security(("bearer" = [])))]
#[get("/reference")]
async fn reference(state: web::Data<AppState>, _user: AuthUser) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(ReferenceLists::with_localities(localities::list(&state.db).await?)))
}

/// Communes and wards of the province.
#[utoipa::path(tag = "reference", responses((status = 200, body = Vec<LocalityView>)), security(("bearer" = [])))]
#[get("/localities")]
async fn list_localities(state: web::Data<AppState>, _user: AuthUser) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(localities::list(&state.db).await?))
}

/// One commune or ward.
#[utoipa::path(tag = "reference", responses((status = 200, body = LocalityView), (status = 404)), security(("bearer" = [])))]
#[get("/localities/{id}")]
async fn get_locality(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(localities::get(&state.db, *id).await?))
}

/// Add a commune or ward (admin).
#[utoipa::path(
    tag = "reference",
    request_body = LocalityInput,
    responses((status = 201, body = LocalityView), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[post("/localities")]
async fn create_locality(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<LocalityInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_manage_units_and_users(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let input = body.parse()?.validate()?;
    let w = Write::begin(&state, &user).await?;
    let l = localities::create(&w.txn, &input).await?;
    w.created("locality", l.id, &l).await?;
    w.commit().await?;
    Ok(super::created::created(&format!("/localities/{}", l.id), None, &l))
}
