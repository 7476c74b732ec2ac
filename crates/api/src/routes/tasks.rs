//! Tasks (nhiệm vụ): the follow-up list, one task with its history, and its transitions.
//! Every role reads tasks (integrators too: the IOC wall pulls them); the lead unit's editors
//! carry them out, coordinators and leaders judge them (`ioc_domain::direction::transition`).

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use ioc_domain::dto::{Page, TaskEventView, TaskTransitionInput, TaskView};
use ioc_domain::policy::{can_act_on_task, can_decide_tasks, can_read_tasks};
use utoipa_actix_web::service_config::ServiceConfig;

use super::directives::viewer;
use super::etag::{etag, json_with_etag, IfMatch};
use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::tasks::{self, TaskFilter};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tasks)
        .service(get_task)
        .service(task_events)
        .service(transition_task);
}

/// Tasks by deadline, with the follow-up filters (unit, state, deadline range, project,
/// directive source or meeting, overdue, due soon).
#[utoipa::path(
    tag = "tasks",
    params(TaskFilter),
    responses((status = 200, body = Page<TaskView>), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/tasks")]
async fn list_tasks(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<TaskFilter>,
) -> Result<HttpResponse, ApiError> {
    if !can_read_tasks(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    Ok(HttpResponse::Ok().json(tasks::list(&state.db, &filter, &viewer(&state, &user)).await?))
}

/// One task, with its `ETag` and the actions the caller may take.
#[utoipa::path(tag = "tasks", responses((status = 200, body = TaskView), (status = 404)), security(("bearer" = [])))]
#[get("/tasks/{id}")]
async fn get_task(state: web::Data<AppState>, user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    if !can_read_tasks(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let v = tasks::views::task_view_one(&state.db, tasks::get(&state.db, *id).await?, &viewer(&state, &user)).await?;
    Ok(json_with_etag(StatusCode::OK, etag("task", v.id, v.version), &v))
}

/// A task's history, oldest first.
#[utoipa::path(tag = "tasks", responses((status = 200, body = Vec<TaskEventView>), (status = 404)), security(("bearer" = [])))]
#[get("/tasks/{id}/events")]
async fn task_events(state: web::Data<AppState>, user: AuthUser, id: web::Path<i32>) -> Result<HttpResponse, ApiError> {
    if !can_read_tasks(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    tasks::get(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(tasks::events::list(&state.db, *id).await?))
}

/// Take an action on a task (`If-Match` required): 403 when the caller may not take it on
/// this task, 409 when it does not apply to the task's state.
#[utoipa::path(
    tag = "tasks",
    request_body = TaskTransitionInput,
    params(("If-Match" = String, Header, description = "ETag of the task as read")),
    responses(
        (status = 200, body = TaskView),
        (status = 403, content_type = "application/problem+json"),
        (status = 404),
        (status = 409, content_type = "application/problem+json"),
        (status = 412, content_type = "application/problem+json"),
        (status = 422, content_type = "application/problem+json"),
        (status = 428, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/tasks/{id}/transitions")]
async fn transition_task(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: JsonBody<TaskTransitionInput>,
) -> Result<HttpResponse, ApiError> {
    let mut w = Write::begin(&state, &user).await?;
    let t = tasks::get(&w.txn, *id).await?;
    // Object level first: a caller who may take no action on this task learns nothing more.
    if !(can_act_on_task(&user.actor, t.lead_unit_id) || can_decide_tasks(&user.actor)) {
        return Err(ApiError::Forbidden);
    }
    let input = body.parse()?;
    let version = if_match.version("task", t.id)?;
    // The rule (403/409) before the body's fields (422).
    ioc_domain::direction::transition(&user.actor, &tasks::views::facts(&t), input.action).map_err(|e| match e {
        ioc_domain::direction::TransitionError::Forbidden => ApiError::Forbidden,
        ioc_domain::direction::TransitionError::Invalid => tasks::invalid(&t, input.action),
    })?;
    let valid = input.validate(t.deadline)?;
    let after = tasks::apply(&w.txn, &user.actor, &t, version, &valid, w.today(), w.now()).await?;
    w.record(valid.action.as_str(), "task", t.id, Some(&t), Some(&after))
        .await?;
    // The related projects' `task_overdue` alerts follow the task (confirmed, extended...).
    for pid in tasks::project_ids_of_directive(&w.txn, t.directive_id).await? {
        w.refresh_project(pid);
    }
    let v = tasks::views::task_view_one(&w.txn, after, &viewer(&state, &user)).await?;
    w.commit().await?;
    Ok(json_with_etag(StatusCode::OK, etag("task", v.id, v.version), &v))
}
