//! The database's data version (migration m0015): the sum of the counters its triggers bump
//! in every write transaction to the tables cached answers read.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::ApiError;

/// The version as a scalar query (also a subquery of the caller check at sign-in time).
pub const SQL: &str = "SELECT CAST(COALESCE(SUM(v), 0) AS BIGINT) AS v FROM data_versions";

/// The current data version, read in one statement (one snapshot), so the sum is of one
/// committed state.
pub async fn current(conn: &impl ConnectionTrait) -> Result<i64, ApiError> {
    let backend = conn.get_database_backend();
    let row = conn.query_one_raw(Statement::from_string(backend, SQL)).await?;
    Ok(match row {
        Some(r) => r.try_get::<i64>("", "v")?,
        None => 0,
    })
}
