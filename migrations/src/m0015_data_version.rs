//! The data version: a number that grows with every committed write to the tables the
//! cached views read (projects and their children, units, localities, directives, tasks,
//! users, meetings). Each API instance keeps its own cache of dashboards and lists keyed by it, and
//! reads it from the database before answering, so a write committed through any instance
//! invalidates every instance's cache at once and no cache is the only copy of anything.
//!
//! Triggers do the bumping, so no write path can forget it. On PostgreSQL the counter is
//! spread over 64 rows picked by the writer's backend (one row would make every write
//! transaction wait for the previous one's commit on its lock), and bumped once per
//! transaction at its commit. The version is the sum of the rows; each commit adds at least
//! one, and PostgreSQL's snapshots see commits in one order, so two committed states never
//! share a version.
//!
//! Also the weekly totals of progress reports and the monthly totals of disbursements (the
//! overview's progress over time and the disbursement curve without scanning every row),
//! with what each was built with (`derived_meta`: the thresholds that classified the
//! reports), and covering indexes for the aggregates that still scan (dates first, then the
//! project and the summed columns, so the scans never touch the tables).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose rows some cached view shows or counts.
pub const VERSIONED_TABLES: &[&str] = &[
    "projects",
    "project_localities",
    "progress_reports",
    "capital_plans",
    "disbursements",
    "difficulties",
    "units",
    "localities",
    "users",
    "directives",
    "directive_projects",
    "directive_difficulties",
    "tasks",
    "task_supporting_units",
    "meetings",
    "report_week_totals",
    "disbursement_month_totals",
];

pub const SHARDS: i32 = 64;

const INDEXES: &[(&str, &str, &str)] = &[
    (
        "idx_progress_reports_as_of_cover",
        "progress_reports",
        "as_of, project_id, actual_bp, planned_bp",
    ),
    (
        "idx_disbursements_paid_on_cover",
        "disbursements",
        "paid_on, project_id, amount",
    ),
    (
        "idx_capital_plans_year_cover",
        "capital_plans",
        "year, project_id, amount",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("CREATE TABLE data_versions (shard INTEGER PRIMARY KEY, v BIGINT NOT NULL DEFAULT 0)")
            .await?;
        // Filled by the server at start-up (its thresholds decide the statuses), then kept
        // in step by every write to a report.
        db.execute_unprepared(
            "CREATE TABLE report_week_totals (week_start DATE NOT NULL, status VARCHAR(16) NOT NULL, \
             archived BOOLEAN NOT NULL, shard INTEGER NOT NULL, reports BIGINT NOT NULL, \
             actual_sum BIGINT NOT NULL, planned_sum BIGINT NOT NULL, \
             PRIMARY KEY (week_start, status, archived, shard))",
        )
        .await?;
        db.execute_unprepared(
            "CREATE TABLE disbursement_month_totals (year INTEGER NOT NULL, month INTEGER NOT NULL, \
             archived BOOLEAN NOT NULL, shard INTEGER NOT NULL, payments BIGINT NOT NULL, \
             amount_hi BIGINT NOT NULL, amount_lo BIGINT NOT NULL, \
             PRIMARY KEY (year, month, archived, shard))",
        )
        .await?;
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "INSERT INTO data_versions (shard, v) SELECT g, 0 FROM generate_series(0, {}) AS g",
                    SHARDS - 1
                ))
                .await?;
                // Deferred to the commit, and once per transaction: the counter row is then
                // locked only while the transaction commits, never while it waits on other
                // locks (which could deadlock with a writer on the same row).
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION ioc_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN \
                       IF current_setting('ioc.data_version_bumped', true) IS DISTINCT FROM 'on' THEN \
                         PERFORM set_config('ioc.data_version_bumped', 'on', true); \
                         UPDATE data_versions SET v = v + 1 WHERE shard = pg_backend_pid() % {SHARDS}; \
                       END IF; \
                       RETURN NULL; \
                     END $$"
                ))
                .await?;
                for t in VERSIONED_TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER trg_{t}_data_version AFTER INSERT OR UPDATE OR DELETE ON {t} \
                         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ioc_bump_data_version()"
                    ))
                    .await?;
                }
            }
            _ => {
                // SQLite has row triggers only; it runs one writer at a time, so one row.
                db.execute_unprepared("INSERT INTO data_versions (shard, v) VALUES (0, 0)")
                    .await?;
                for t in VERSIONED_TABLES {
                    for op in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER trg_{t}_{op}_data_version AFTER {op} ON {t} \
                             BEGIN UPDATE data_versions SET v = v + 1 WHERE shard = 0; END"
                        ))
                        .await?;
                    }
                }
            }
        }
        for (name, table, cols) in INDEXES {
            db.execute_unprepared(&format!("CREATE INDEX {name} ON {table} ({cols})"))
                .await?;
        }
        db.execute_unprepared("CREATE TABLE derived_meta (name VARCHAR(40) PRIMARY KEY, value TEXT NOT NULL)")
            .await?;
        db.execute_unprepared(
            "INSERT INTO derived_meta (name, value) VALUES ('report_week_totals', ''), ('disbursement_month_totals', '')",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for (name, _, _) in INDEXES {
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        match db.get_database_backend() {
            DbBackend::Postgres => {
                for t in VERSIONED_TABLES {
                    db.execute_unprepared(&format!("DROP TRIGGER trg_{t}_data_version ON {t}"))
                        .await?;
                }
                db.execute_unprepared("DROP FUNCTION ioc_bump_data_version()").await?;
            }
            _ => {
                for t in VERSIONED_TABLES {
                    for op in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!("DROP TRIGGER trg_{t}_{op}_data_version"))
                            .await?;
                    }
                }
            }
        }
        db.execute_unprepared("DROP TABLE derived_meta").await?;
        db.execute_unprepared("DROP TABLE disbursement_month_totals").await?;
        db.execute_unprepared("DROP TABLE report_week_totals").await?;
        db.execute_unprepared("DROP TABLE data_versions").await?;
        Ok(())
    }
}
