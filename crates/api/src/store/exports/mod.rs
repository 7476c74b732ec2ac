//! Read-only exports for people and other systems: the JSON feed (incremental, cursor-paged),
//! the project table as CSV and XLSX, and the OC4IDS project package.

mod children;
mod csv;
mod cursor;
mod feed;
pub mod oc4ids;
mod table;
mod task_report;
mod xlsx;

pub use feed::{feed, ExportPage, ExportProject, FeedQuery, SCHEMA_VERSION};

use ioc_domain::policy::Actor;
use sea_orm::ConnectionTrait;

use crate::error::ApiError;
use crate::store::projects::ProjectFilter;

/// The filtered project table as CSV bytes (UTF-8 with BOM).
pub async fn projects_csv(
    conn: &impl ConnectionTrait,
    filter: &ProjectFilter,
    actor: &Actor,
) -> Result<Vec<u8>, ApiError> {
    csv::write(&table::load(conn, filter, actor).await?)
}

/// The filtered project table as an XLSX workbook, built off the async executor: a workbook
/// of thousands of rows takes long enough to stall other requests.
pub async fn projects_xlsx(
    conn: &impl ConnectionTrait,
    filter: &ProjectFilter,
    actor: &Actor,
) -> Result<Vec<u8>, ApiError> {
    let projects = table::load(conn, filter, actor).await?;
    tokio::task::spawn_blocking(move || xlsx::write(&projects))
        .await
        .map_err(|e| ApiError::Unexpected(anyhow::Error::new(e).context("building the XLSX export")))?
}

/// The follow-up report of the tasks `filter` keeps, as an XLSX workbook (built off the async
/// executor, like the project table).
pub async fn task_report_xlsx(
    conn: &impl ConnectionTrait,
    filter: &crate::store::tasks::TaskFilter,
    viewer: &crate::store::tasks::Viewer,
) -> Result<Vec<u8>, ApiError> {
    let report = crate::store::tasks::report::load(conn, filter, viewer).await?;
    tokio::task::spawn_blocking(move || task_report::write(&report))
        .await
        .map_err(|e| ApiError::Unexpected(anyhow::Error::new(e).context("building the follow-up report")))?
}
