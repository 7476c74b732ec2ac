//! API integration tests: the real server on a random port, over real HTTP, each test on a
//! fresh database (SQLite; PostgreSQL too when `TEST_DATABASE_URL` is set).

mod helpers;

mod alerts;
mod audit_log;
mod auth;
mod authorization;
mod charts;
mod concurrency;
mod dashboard;
mod derived_totals;
mod directives;
mod errors;
mod exports;
mod hardening_input;
mod http_contract;
mod mail;
mod meeting_record;
mod meetings;
mod migrations;
mod notifications;
mod openapi;
mod people;
mod projects;
mod records;
mod request_tracing;
mod scale_out;
mod sessions;
mod spa;
mod task_notifications;
mod task_report;
mod tasks;
mod throttling;
mod webhooks;
mod weekly_update;
mod year_totals;
