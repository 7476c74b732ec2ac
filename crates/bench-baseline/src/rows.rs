//! The 20-row query on either database, with pools sized like the server's (`crates/api/src/db.rs`:
//! 20 connections on PostgreSQL; sea-orm's default of one on SQLite).

use std::time::Duration;

use anyhow::Context;
use serde::Serialize;
use sqlx::{postgres::PgPoolOptions, sqlite::SqlitePoolOptions, PgPool, Row, SqlitePool};

/// The columns a project list row shows. Dates are read as text so that both databases
/// (PostgreSQL `DATE`, SQLite text) decode alike without another sqlx feature.
const FIRST_PAGE: &str = "SELECT id, code, name, sector, phase, investor_unit_id, managing_unit_id, \
     total_investment, CAST(planned_start AS TEXT) AS planned_start, \
     CAST(planned_end AS TEXT) AS planned_end, actual_bp, planned_bp, output_value, \
     progress_status, disbursement_status, open_difficulties, year_plan, year_disbursed, version \
     FROM projects ORDER BY code LIMIT 20";

#[derive(Serialize)]
pub struct ProjectRow {
    id: i32,
    code: String,
    name: String,
    sector: String,
    phase: String,
    investor_unit_id: i32,
    managing_unit_id: Option<i32>,
    total_investment: i64,
    planned_start: String,
    planned_end: String,
    actual_bp: i32,
    planned_bp: i32,
    output_value: i64,
    progress_status: String,
    disbursement_status: String,
    open_difficulties: i32,
    year_plan: i64,
    year_disbursed: i64,
    version: i32,
}

/// One decoder for both row types: sqlx's `Row` is generic per database, and spelling its
/// bounds for every column type would be longer than this.
macro_rules! project_row {
    ($r:expr) => {
        ProjectRow {
            id: $r.try_get("id")?,
            code: $r.try_get("code")?,
            name: $r.try_get("name")?,
            sector: $r.try_get("sector")?,
            phase: $r.try_get("phase")?,
            investor_unit_id: $r.try_get("investor_unit_id")?,
            managing_unit_id: $r.try_get("managing_unit_id")?,
            total_investment: $r.try_get("total_investment")?,
            planned_start: $r.try_get("planned_start")?,
            planned_end: $r.try_get("planned_end")?,
            actual_bp: $r.try_get("actual_bp")?,
            planned_bp: $r.try_get("planned_bp")?,
            output_value: $r.try_get("output_value")?,
            progress_status: $r.try_get("progress_status")?,
            disbursement_status: $r.try_get("disbursement_status")?,
            open_difficulties: $r.try_get("open_difficulties")?,
            year_plan: $r.try_get("year_plan")?,
            year_disbursed: $r.try_get("year_disbursed")?,
            version: $r.try_get("version")?,
        }
    };
}

pub enum Pool {
    Postgres(PgPool),
    Sqlite(SqlitePool),
}

impl Pool {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let timeout = Duration::from_secs(30);
        if url.starts_with("postgres") {
            let pool = PgPoolOptions::new()
                .max_connections(20)
                .acquire_timeout(timeout)
                .connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            Ok(Self::Postgres(pool))
        } else {
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(timeout)
                .connect(url)
                .await
                .context("opening the SQLite file")?;
            Ok(Self::Sqlite(pool))
        }
    }

    pub async fn first_page(&self) -> Result<Vec<ProjectRow>, sqlx::Error> {
        match self {
            Self::Postgres(p) => sqlx::query(FIRST_PAGE)
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok(project_row!(r)))
                .collect(),
            Self::Sqlite(p) => sqlx::query(FIRST_PAGE)
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok(project_row!(r)))
                .collect(),
        }
    }
}
