//! Persistence: one module per aggregate. Functions take `&impl ConnectionTrait` so they run
//! inside or outside a transaction; they map rows to domain DTOs and constraint violations
//! to client errors. No HTTP here.

pub mod alerts;
pub mod audit;
pub mod auth;
pub mod capital;
pub mod dashboard;
pub mod data_version;
pub mod difficulties;
pub mod directives;
pub mod disbursement_months;
pub mod disbursements;
pub mod exports;
pub mod localities;
pub mod meetings;
pub mod notifications;
pub mod outbox;
pub mod projects;
pub mod report_weeks;
pub mod reports;
pub mod tasks;
pub mod units;
pub mod users;
pub mod webhooks;
pub mod weekly;
pub mod year_totals;

use chrono::{DateTime, Utc};
use sea_orm::{DbErr, SqlErr};

use crate::error::ApiError;

pub fn now() -> DateTime<Utc> {
    // Microsecond precision: what both databases keep, so a value read back equals the one written.
    let n = Utc::now();
    DateTime::from_timestamp_micros(n.timestamp_micros()).unwrap_or(n)
}

/// `Err(missing())` unless every id in `ids` is a row of `entity` (by its `id` column): the
/// check behind the 422s on lists of references (a directive's projects, a meeting's people).
pub async fn require_ids<E: sea_orm::EntityTrait>(
    conn: &impl sea_orm::ConnectionTrait,
    entity: E,
    ids: &[i32],
    missing: impl FnOnce() -> ApiError,
) -> Result<(), ApiError>
where
    E::Model: Sync,
{
    use sea_orm::sea_query::{Alias, Expr, ExprTrait};
    use sea_orm::{PaginatorTrait, QueryFilter};
    let unique: std::collections::BTreeSet<i32> = ids.iter().copied().collect();
    if unique.is_empty() {
        return Ok(());
    }
    let found = E::find()
        .filter(Expr::col((entity, Alias::new("id"))).is_in(unique.iter().copied()))
        .count(conn)
        .await?;
    if found as usize == unique.len() {
        Ok(())
    } else {
        Err(missing())
    }
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

/// Reads the raw `page` and `per_page` query parameters with the domain's bounds: out of
/// range or not a number is a 422 on that field (never a panic on the offset, never a clamp).
pub fn paging(page: &Option<String>, per_page: &Option<String>) -> Result<ioc_domain::Paging, ApiError> {
    Ok(ioc_domain::Paging::parse(page.as_deref(), per_page.as_deref())?)
}

/// A free-text query parameter (`q`, a code or name filter) held to the domain's text rules,
/// so a NUL gives the same 422 on SQLite and PostgreSQL; empty means absent.
pub fn query_text(field: &str, raw: &Option<String>, max_chars: usize) -> Result<Option<String>, ApiError> {
    match raw.as_deref() {
        None => Ok(None),
        Some(v) => {
            let v = ioc_domain::validation::optional_text(field, v, max_chars)?;
            Ok(Some(v).filter(|v| !v.is_empty()))
        }
    }
}

/// A comma-separated filter of codes (`sector=transport,health`), each checked with `parse`;
/// an unknown code is a 422 on `field`.
pub fn code_list<T>(
    field: &str,
    raw: &Option<String>,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<Vec<String>>, ApiError> {
    let Some(raw) = query_text(field, raw, 1000)? else {
        return Ok(None);
    };
    let list: Vec<String> = raw.split(',').map(|s| s.trim().to_owned()).collect();
    if let Some(bad) = list.iter().find(|c| parse(c).is_none()) {
        return Err(ApiError::field(
            field,
            "invalid_choice",
            format!("Giá trị lọc không hợp lệ: {bad}."),
            format!("Invalid filter value: {bad}."),
        ));
    }
    Ok(Some(list))
}

/// Deletes a project's child row when `expected_version` is current: 404 when the row is not
/// the project's, 412 (with the current ETag) when someone changed it since it was read.
pub async fn delete_child<E>(
    conn: &impl sea_orm::ConnectionTrait,
    (id_col, project_col, version_col): (E::Column, E::Column, E::Column),
    project_id: i32,
    id: i32,
    expected_version: i32,
    entity: &str,
) -> Result<(), ApiError>
where
    E: sea_orm::EntityTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    let res = E::delete_many()
        .filter(id_col.eq(id))
        .filter(project_col.eq(project_id))
        .filter(version_col.eq(expected_version))
        .exec(conn)
        .await?;
    if res.rows_affected == 1 {
        return Ok(());
    }
    let current: Option<i32> = E::find()
        .select_only()
        .column(version_col)
        .filter(id_col.eq(id))
        .filter(project_col.eq(project_id))
        .into_tuple()
        .one(conn)
        .await?;
    match current {
        None => Err(ApiError::NotFound),
        Some(v) => Err(ApiError::PreconditionFailed {
            current_etag: Some(crate::routes::etag::etag(entity, id, v)),
        }),
    }
}
