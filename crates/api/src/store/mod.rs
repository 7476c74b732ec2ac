//! Persistence: one module per aggregate. Functions take `&impl ConnectionTrait` so they run
//! inside or outside a transaction; they map rows to domain DTOs and constraint violations
//! to client errors. No HTTP here.

pub mod alerts;
pub mod audit;
pub mod auth;
pub mod capital;
pub mod dashboard;
pub mod difficulties;
pub mod disbursements;
pub mod exports;
pub mod localities;
pub mod projects;
pub mod reports;
pub mod units;
pub mod users;
pub mod webhooks;
pub mod weekly;

use chrono::{DateTime, Utc};
use sea_orm::{DbErr, SqlErr};

use crate::error::ApiError;

pub fn now() -> DateTime<Utc> {
    // Microsecond precision: what both databases keep, so a value read back equals the one written.
    let n = Utc::now();
    DateTime::from_timestamp_micros(n.timestamp_micros()).unwrap_or(n)
}

/// Turns a unique-key violation into `on_unique`, identically on SQLite and PostgreSQL.
pub fn map_unique(e: DbErr, on_unique: impl FnOnce() -> ApiError) -> ApiError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => on_unique(),
        _ => e.into(),
    }
}

/// Turns a foreign-key violation (a row still referenced) into a 409.
pub fn map_in_use(e: DbErr) -> ApiError {
    match e.sql_err() {
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => ApiError::conflict(
            "in_use",
            "Không thể xóa: dữ liệu đang được sử dụng.",
            "Cannot delete: the record is still referenced.",
        ),
        _ => e.into(),
    }
}

/// The result of a conditional update: rows affected 0 means the version moved on.
pub fn check_version_hit(rows: u64, current_etag: Option<String>) -> Result<(), ApiError> {
    if rows == 0 {
        Err(ApiError::PreconditionFailed { current_etag })
    } else {
        Ok(())
    }
}

/// Clamps pagination parameters: page ≥ 1, 1 ≤ per_page ≤ 200 (default 20).
pub fn paging(page: Option<u64>, per_page: Option<u64>) -> (u64, u64) {
    (page.unwrap_or(1).max(1), per_page.unwrap_or(20).clamp(1, 200))
}
