//! Exports and the integration pull: the JSON feed, the project table as CSV and XLSX, and
//! the OC4IDS project package. Read-only, for every signed-in role and integrator tokens.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType, CONTENT_TYPE};
use actix_web::{get, web, HttpRequest, HttpResponse};
use ioc_domain::policy::can_read_projects;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::exports::{self, oc4ids::Oc4idsPackage, ExportPage, FeedQuery};
use crate::store::projects::ProjectFilter;

pub(super) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(export_json)
        .service(export_csv)
        .service(export_xlsx)
        .service(export_oc4ids);
}

fn readable(user: &AuthUser) -> Result<(), ApiError> {
    if can_read_projects(&user.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

pub(super) fn attachment(content_type: &str, filename: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename.into())],
        })
        .body(bytes)
}

/// Full JSON export of projects with all their records, for incremental pulls.
///
/// Schema version `1.0`: each project's `ProjectView` fields plus its `reports`,
/// `capital_plans`, `disbursements` and `difficulties`, as their own endpoints return them.
/// Every project, archived ones included (see `archived`), ordered by (`updated_at`, `id`).
/// A project's `updated_at` moves whenever its general information or any of its records is
/// written. To sync: pull pages, following `next_cursor` until it is null; next time, pass
/// the largest `updated_at` received as `updated_since`. A write stamps its time when it
/// starts, so a slow write may commit with a stamp just before the previous pull's last one:
/// subtract a minute from `updated_since` and upsert by `id` (items seen twice are
/// identical). Deleting a record also moves its project's `updated_at`, so the next pull
/// carries the shorter list; projects are never deleted, only archived. Derived figures
/// (status, this year's disbursement) are as of the pull: their daily recomputation does not
/// move `updated_at`.
#[utoipa::path(
    tag = "exports",
    params(FeedQuery),
    responses((status = 200, body = ExportPage), (status = 400, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/export/projects.json")]
async fn export_json(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, ApiError> {
    readable(&user)?;
    Ok(HttpResponse::Ok().json(exports::feed(&state.db, &query, &user.actor).await?))
}

/// The project table as CSV (UTF-8 with BOM), with the project list's filters.
///
/// Every matching project (pagination and `sort` ignored), sorted by code; Vietnamese
/// headers. Comma-separated; amounts in whole đồng without separators, percentages with a
/// `.` and two decimals, dates ISO 8601. Use the XLSX export for Excel formatting.
#[utoipa::path(
    tag = "exports",
    params(ProjectFilter),
    responses(
        (status = 200, content_type = "text/csv; charset=utf-8", body = String, description = "`du-an.csv`"),
        (status = 422, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/export/projects.csv")]
async fn export_csv(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ProjectFilter>,
) -> Result<HttpResponse, ApiError> {
    readable(&user)?;
    let bytes = exports::projects_csv(&state.db, &filter, &user.actor).await?;
    Ok(attachment("text/csv; charset=utf-8", "du-an.csv", bytes))
}

/// The project table as an Excel workbook, with the project list's filters.
///
/// One sheet per project group, always all four ("Quan trọng quốc gia", "Nhóm A", "Nhóm B",
/// "Nhóm C"; a group without matching projects has only its header), rows sorted by code;
/// the columns of the CSV export, amounts formatted `#,##0` đồng, percentages `0.00`.
#[utoipa::path(
    tag = "exports",
    params(ProjectFilter),
    responses(
        (status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", description = "`du-an.xlsx`"),
        (status = 422, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/export/projects.xlsx")]
async fn export_xlsx(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ProjectFilter>,
) -> Result<HttpResponse, ApiError> {
    readable(&user)?;
    let bytes = exports::projects_xlsx(&state.db, &filter, &user.actor).await?;
    Ok(attachment(XLSX, "du-an.xlsx", bytes))
}

/// The projects as an OC4IDS 0.9 project package, with the project list's filters.
///
/// Open Contracting for Infrastructure Data Standard (schema 0.9.5). Every matching project
/// (pagination and `sort` ignored), sorted by code; with none, `projects` is empty, which the
/// standard's schema does not accept.
///
/// `status` comes from the phase: `preparation`, `implementation`, `completion`. `sector`
/// from the sector: transport → `transport`, irrigation → `naturalResources`, health →
/// `health`, education → `education`, industrial parks → `economy`; urban infrastructure and
/// other carry no OC4IDS sector (no single code fits) but, like every project, their own code
/// in `additionalClassifications`. Parties: the investor is `publicAuthority` and `buyer`,
/// the managing unit (Ban QLDA) `procuringEntity` and `administrativeEntity`. Planned dates
/// in `period`; actual dates, the forecast finish and the slippage in the commencement and
/// completion `milestones` and in `completion`. Weekly % complete as `metrics`, planned % as
/// `forecasts`, disbursements as `transactions`, yearly capital plans as
/// `budget.budgetBreakdowns`. Amounts are JSON numbers in whole đồng (exact up to 2^53);
/// dates are date-times at midnight UTC.
#[utoipa::path(
    tag = "exports",
    params(ProjectFilter),
    responses((status = 200, body = Oc4idsPackage), (status = 422, content_type = "application/problem+json")),
    security(("bearer" = []))
)]
#[get("/export/oc4ids.json")]
async fn export_oc4ids(
    state: web::Data<AppState>,
    user: AuthUser,
    filter: web::Query<ProjectFilter>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    readable(&user)?;
    let uri = {
        let info = req.connection_info();
        format!("{}://{}{}", info.scheme(), info.host(), req.uri())
    };
    let package = exports::oc4ids::package(&state.db, &filter, &user.actor, uri, state.today()).await?;
    Ok(HttpResponse::Ok().json(package))
}
