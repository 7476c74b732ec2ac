//! sea-orm entities: database rows only. They never cross the wire; `store` maps them to
//! domain DTOs.

pub mod alert;
pub mod audit_entry;
pub mod capital_plan;
pub mod difficulty;
pub mod directive;
pub mod directive_difficulty;
pub mod directive_project;
pub mod disbursement;
pub mod failed_login;
pub mod integrator_token;
pub mod locality;
pub mod progress_report;
pub mod project;
pub mod project_locality;
pub mod refresh_token;
pub mod task;
pub mod task_event;
pub mod task_supporting_unit;
pub mod unit;
pub mod user;
pub mod webhook_delivery;
pub mod webhook_subscription;
