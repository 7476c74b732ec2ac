//! `POST /projects/{id}/weekly-update`: the weekly e-form in one atomic submission.

use actix_web::{post, web, HttpResponse};
use ioc_domain::dto::{WeeklyUpdateInput, WeeklyUpdateResult};
use utoipa_actix_web::service_config::ServiceConfig;

use super::json_body::JsonBody;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{self, weekly};
use crate::write::Write;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(weekly_update);
}

/// Submit the weekly update: a progress report, new disbursements, new difficulties and
/// changes to existing ones, all or nothing.
///
/// Every part is validated first and all field errors come back together (paths such as
/// `report.actual_percent` or `new_difficulties[0].title`). Each difficulty change carries
/// the `version` it was read at; a stale one fails the whole submission with 412.
#[utoipa::path(
    tag = "weekly update",
    request_body = WeeklyUpdateInput,
    responses(
        (status = 201, body = WeeklyUpdateResult),
        (status = 403),
        (status = 412, description = "A difficulty changed since it was read; nothing was saved"),
        (status = 422, description = "Invalid fields; nothing was saved", content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/weekly-update")]
async fn weekly_update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i32>,
    body: JsonBody<WeeklyUpdateInput>,
) -> Result<HttpResponse, ApiError> {
    let (w, project) = Write::project(&state, &user, *id).await?;
    let body = body.parse()?;
    let out = weekly::submit(
        &w.txn,
        &w.who,
        &project,
        &body,
        state.today(),
        &state.settings.thresholds,
    )
    .await?;
    w.commit().await?;
    let project = store::projects::get(&state.db, *id).await?;
    let project = store::projects::view(&state.db, project, &user.actor).await?;
    let location = format!("/projects/{}/reports/{}", *id, out.report.id);
    let result = WeeklyUpdateResult {
        report: out.report,
        disbursements: out.disbursements,
        difficulties: out.difficulties,
        project,
    };
    Ok(super::created::created(&location, None, &result))
}
