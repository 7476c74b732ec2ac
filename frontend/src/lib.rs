//! Placeholder until the SPA issue: proves the domain crate is usable from the client.
pub use ioc_domain;
