//! The REST API server of the Đồng Nai IOC key-project monitor.
//!
//! Layers: `routes` (HTTP, thin) → `store` (persistence, one module per aggregate) →
//! `ioc_domain` (rules). Errors travel as `error::ApiError`, rendered once as problem+json.

pub mod auth;
pub mod charts;
pub mod cli;
pub mod client_addr;
pub mod conditional_get;
pub mod config;
pub mod db;
pub mod demo;
pub mod demo_meetings;
pub mod documents;
pub mod entities;
pub mod error;
pub mod mail;
pub mod middleware;
pub mod notify;
pub mod outbound;
pub mod outbox;
pub mod request_span;
pub mod routes;
pub mod security_headers;
pub mod spa;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod view_cache;
pub mod webhooks;
pub mod write;
