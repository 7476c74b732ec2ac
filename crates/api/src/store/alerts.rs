//! Alerts (stub: filled in by the alerts work).

use chrono::NaiveDate;
use ioc_domain::Thresholds;
use sea_orm::ConnectionTrait;

use crate::error::ApiError;

/// Opens and closes the project's alerts from its current derived state.
pub async fn evaluate_project(
    _conn: &impl ConnectionTrait,
    _project_id: i32,
    _today: NaiveDate,
    _t: &Thresholds,
) -> Result<(), ApiError> {
    Ok(())
}
