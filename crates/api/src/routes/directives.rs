//! Directives (ý kiến chỉ đạo): leaders issue them, coordinators record them on a leader's
//! behalf; every role reads them.

use actix_web::http::StatusCode;
use actix_web::{get, post, put, web, HttpResponse};
use ioc_domain::dto::{DirectiveInput, DirectiveMode, DirectiveView, Page, TaskInput, TaskView};
use ioc_domain::policy::{can_read_tasks, can_record_directive};
use utoipa_actix_web::service_config::ServiceConfig;

use super::created::created;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::directives::{self, DirectiveFilter};
use crate::store::tasks::{self, Viewer};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_directive)
        .service(list_directives)
        .service(get_directive)
        .service(update_directive)
        .service(add_task);
}

pub fn viewer(state: &AppState, user: &AuthUser) -> Viewer {
    Viewer {
        actor: user.actor,
        today: state.today(),
        due_soon_days: state.settings.task_due_soon_days,
    }
}

/// Record a directive with its tasks (leaders, coordinators on a leader's behalf, admins).
#[utoipa::path(
    tag = "directives",
    request_body = DirectiveInput,
    responses(
        (status = 201, body = DirectiveView),
        (status = 403, content_type = "application/problem+json"),
        (status = 422, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/directives")]
async fn create_directive(
    state: web::Data<AppState>,
    user: AuthUser,
    body: JsonBody<DirectiveInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_record_directive(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let valid = body.parse()?.validate(state.today(), DirectiveMode::Create)?;
    let mut w = Write::begin(&state, &user).await?;
    let (row, task_rows) = directives::create(&w.txn, &valid, &user.actor, w.now()).await?;
    w.created("directive", row.id, &row).await?;
    for t in &task_rows {
        w.created("task", t.id, t).await?;
    }
    for pid in &valid.project_ids {
        w.refresh_project(*pid);
    }
    let v = directives::view(&w.txn, row, &viewer(&state, &user)).await?;
    w.commit().await?;
    Ok(created(
        &format!("/directives/{}", v.id),
        Some(etag("directive", v.id, v.version)),
        &v,
    ))
}

/// Directives, newest first, with filters.
#[utoipa::path(
    tag = "directives",
    params(DirectiveFilter),
    responses((status = 200, body = Page<DirectiveView>), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/directives")]
async fn list_directives(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<DirectiveFilter>,
) -> Result<HttpResponse, ApiError> {
    if !can_read_tasks(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    Ok(HttpResponse::Ok().json(directives::list(&state.db, &filter, &viewer(&state, &user)).await?))
}

/// One directive with its tasks, and its `ETag`.
#[utoipa::path(tag = "directives", responses((status = 200, body = DirectiveView), (status = 404)), security(("bearer" = [])))]
#[get("/directives/{id}")]
async fn get_directive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    if !can_read_tasks(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let v = directives::view(
        &state.db,
        directives::get(&state.db, *id).await?,
        &viewer(&state, &user),
    )
    .await?;
    Ok(json_with_etag(StatusCode::OK, etag("directive", v.id, v.version), &v))
}

/// Correct a directive (text, issuer, source, priority, related projects and difficulties;
/// `tasks` empty). `If-Match` required.
#[utoipa::path(
    tag = "directives",
    request_body = DirectiveInput,
    params(("If-Match" = String, Header, description = "ETag of the directive as read")),
    responses(
        (status = 200, body = DirectiveView),
        (status = 403), (status = 404), (status = 412),
        (status = 422, content_type = "application/problem+json"), (status = 428)
    ),
    security(("bearer" = []))
)]
#[put("/directives/{id}")]
async fn update_directive(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: JsonBody<DirectiveInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_record_directive(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let mut w = Write::begin(&state, &user).await?;
    let before = directives::get(&w.txn, *id).await?;
    for pid in tasks::project_ids_of_directive(&w.txn, *id).await? {
        w.refresh_project(pid);
    }
    let valid = body.parse()?.validate(state.today(), DirectiveMode::Update)?;
    let version = if_match.version("directive", *id)?;
    let after = directives::update(&w.txn, *id, version, &valid, &user.actor, w.now()).await?;
    w.updated("directive", after.id, &before, &after).await?;
    for pid in &valid.project_ids {
        w.refresh_project(*pid);
    }
    let v = directives::view(&w.txn, after, &viewer(&state, &user)).await?;
    w.commit().await?;
    Ok(json_with_etag(StatusCode::OK, etag("directive", v.id, v.version), &v))
}

/// Give one more task under a directive.
#[utoipa::path(
    tag = "directives",
    request_body = TaskInput,
    responses(
        (status = 201, body = TaskView),
        (status = 403), (status = 404),
        (status = 422, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/directives/{id}/tasks")]
async fn add_task(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    body: JsonBody<TaskInput>,
) -> Result<HttpResponse, ApiError> {
    if !can_record_directive(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let mut w = Write::begin(&state, &user).await?;
    let d = directives::get(&w.txn, *id).await?;
    for pid in tasks::project_ids_of_directive(&w.txn, d.id).await? {
        w.refresh_project(pid);
    }
    let valid = body.parse()?.validate(d.issued_on).map_err(ApiError::Validation)?;
    let row = tasks::create(&w.txn, d.id, &valid, "", user.actor.user_id, w.now()).await?;
    w.created("task", row.id, &row).await?;
    let v = tasks::views::task_view_one(&w.txn, row, &viewer(&state, &user)).await?;
    w.commit().await?;
    Ok(created(
        &format!("/tasks/{}", v.id),
        Some(etag("task", v.id, v.version)),
        &v,
    ))
}
