//! sea-orm entities: database rows only. They never cross the wire; `store` maps them to
//! domain DTOs.

pub mod alert;
pub mod audit_entry;
pub mod capital_plan;
pub mod difficulty;
pub mod disbursement;
pub mod failed_login;
pub mod integrator_token;
pub mod locality;
pub mod notice;
pub mod notification;
pub mod notification_preference;
pub mod outbox_job;
pub mod progress_report;
pub mod project;
pub mod project_locality;
pub mod refresh_token;
pub mod unit;
pub mod user;
pub mod webhook_subscription;
