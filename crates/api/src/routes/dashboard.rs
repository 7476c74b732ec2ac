//! The IOC dashboard's four groups. Every endpoint takes the project list's filters and an
//! `as_of` date, so one filter bar narrows the whole dashboard.

use actix_web::{get, web, HttpResponse};
use ioc_domain::dto::{DifficultyBoard, DirectionBoard, DisbursementBoard, Overview, ProgressBoard};
use utoipa_actix_web::service_config::ServiceConfig;

use super::cached;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::dashboard::{self, DashboardParams};
use crate::store::projects::ProjectFilter;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(overview)
        .service(progress)
        .service(disbursement)
        .service(difficulties)
        .service(direction);
}

/// Overview (Tổng quan): number of projects, total investment, capital allocated for the
/// year, output value, disbursed and overall rate, counts by status and phase, and progress
/// over time (per week: reports by status, average actual vs planned %).
///
/// Statuses are today's (the project list's) unless `as_of` is earlier; then each project's
/// latest report on or before `as_of` is classified by its gap to plan.
#[utoipa::path(
    tag = "dashboard",
    params(ProjectFilter, DashboardParams),
    responses((status = 200, body = Overview)),
    security(("bearer" = []))
)]
#[get("/dashboard/overview")]
async fn overview(
    state: web::Data<AppState>,
    user: AuthUser,
    f: web::Query<ProjectFilter>,
    p: web::Query<DashboardParams>,
) -> Result<HttpResponse, ApiError> {
    let key = cached::key("overview", state.today(), &[&*f, &*p]);
    let compute = dashboard::overview(&state.db, &f, &p, state.today(), &state.settings.thresholds);
    cached::json(&state, &user, key, compute).await
}

/// Progress (Theo dõi tiến độ): the project table (paginated, sortable like the project
/// list) and the delayed projects, worst gap first.
#[utoipa::path(
    tag = "dashboard",
    params(ProjectFilter, DashboardParams),
    responses((status = 200, body = ProgressBoard)),
    security(("bearer" = []))
)]
#[get("/dashboard/progress")]
async fn progress(
    state: web::Data<AppState>,
    user: AuthUser,
    f: web::Query<ProjectFilter>,
    p: web::Query<DashboardParams>,
) -> Result<HttpResponse, ApiError> {
    let key = cached::key("progress", state.today(), &[&*f, &*p, &cached::audience(&user.actor)]);
    cached::json(
        &state,
        &user,
        key,
        dashboard::progress(&state.db, &f, &p, state.today(), &user.actor),
    )
    .await
}

/// Disbursement (Theo dõi giải ngân): plan, disbursed and rate per project (paginated with
/// `page`/`per_page`) and in total, cumulative disbursement by month against the planned
/// schedule, and the `top` lowest and highest rates.
#[utoipa::path(
    tag = "dashboard",
    params(ProjectFilter, DashboardParams),
    responses((status = 200, body = DisbursementBoard)),
    security(("bearer" = []))
)]
#[get("/dashboard/disbursement")]
async fn disbursement(
    state: web::Data<AppState>,
    user: AuthUser,
    f: web::Query<ProjectFilter>,
    p: web::Query<DashboardParams>,
) -> Result<HttpResponse, ApiError> {
    let key = cached::key("disbursement", state.today(), &[&*f, &*p]);
    cached::json(
        &state,
        &user,
        key,
        dashboard::disbursement(&state.db, &f, &p, state.today()),
    )
    .await
}

/// Difficulties (Theo dõi khó khăn, vướng mắc): open difficulties per category on `as_of`
/// and the projects needing a leader's direction, oldest first, with the responsible unit
/// and the age in days.
#[utoipa::path(
    tag = "dashboard",
    params(ProjectFilter, DashboardParams),
    responses((status = 200, body = DifficultyBoard)),
    security(("bearer" = []))
)]
#[get("/dashboard/difficulties")]
async fn difficulties(
    state: web::Data<AppState>,
    user: AuthUser,
    f: web::Query<ProjectFilter>,
    p: web::Query<DashboardParams>,
) -> Result<HttpResponse, ApiError> {
    let key = cached::key("difficulties", state.today(), &[&*f, &*p]);
    cached::json(
        &state,
        &user,
        key,
        dashboard::difficulties(&state.db, &f, &p, state.today()),
    )
    .await
}

/// Direction (Chỉ đạo, điều hành): tasks by state, overdue by lead unit, the share of
/// confirmed tasks done on time and the oldest overdue tasks (`top`). Tasks of directives
/// related to a project the filter keeps count, and those of directives related to none.
#[utoipa::path(
    tag = "dashboard",
    params(ProjectFilter, DashboardParams, dashboard::DirectionParams),
    responses((status = 200, body = DirectionBoard)),
    security(("bearer" = []))
)]
#[get("/dashboard/direction")]
async fn direction(
    state: web::Data<AppState>,
    user: AuthUser,
    f: web::Query<ProjectFilter>,
    p: web::Query<DashboardParams>,
    d: web::Query<dashboard::DirectionParams>,
) -> Result<HttpResponse, ApiError> {
    if !ioc_domain::policy::can_read_tasks(&user.actor) {
        return Err(ApiError::Forbidden);
    }
    let v = super::directives::viewer(&state, &user);
    // The board shows no per-caller actions, so callers who may read tasks share one answer.
    let key = cached::key("direction", v.today, &[&*f, &*p, &*d]);
    cached::json(&state, &user, key, dashboard::direction(&state.db, &f, &d, &p, &v)).await
}
