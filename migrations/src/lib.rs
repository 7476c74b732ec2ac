//! Schema migrations, applied by the server at start-up (`ioc migrate` applies them alone).
//! One change per file; shipped files are never edited. Column helpers keep them portable
//! between SQLite and PostgreSQL. Money is BIGINT whole đồng; percentages are basis points.

pub use sea_orm_migration::prelude::*;

mod m0001_units_localities;
mod m0002_users_auth;
mod m0003_projects;
mod m0004_progress_reports;
mod m0005_capital_disbursements;
mod m0006_difficulties;
mod m0007_audit_log;
mod m0008_project_forecast;
mod m0009_alerts;
mod m0010_webhooks;
mod m0011_session_checks;
mod m0012_direction;
mod m0013_meetings;
mod m0014_notifications;
mod m0015_data_version;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_units_localities::Migration),
            Box::new(m0002_users_auth::Migration),
            Box::new(m0003_projects::Migration),
            Box::new(m0004_progress_reports::Migration),
            Box::new(m0005_capital_disbursements::Migration),
            Box::new(m0006_difficulties::Migration),
            Box::new(m0007_audit_log::Migration),
            Box::new(m0008_project_forecast::Migration),
            Box::new(m0009_alerts::Migration),
            Box::new(m0010_webhooks::Migration),
            Box::new(m0011_session_checks::Migration),
            Box::new(m0012_direction::Migration),
            Box::new(m0013_meetings::Migration),
            Box::new(m0014_notifications::Migration),
            Box::new(m0015_data_version::Migration),
        ]
    }
}
