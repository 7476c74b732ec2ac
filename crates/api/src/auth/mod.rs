//! Authentication: passwords, access tokens (JWT), refresh and integrator tokens, the
//! `AuthUser` extractor and failed-login throttling. Authorisation rules live in
//! `ioc_domain::policy` and are called visibly by handlers.

pub mod extractor;
pub mod jwt;
pub mod password;
pub mod throttle;
pub mod tokens;

pub use extractor::AuthUser;
