//! Typed configuration, loaded once at start-up: an optional TOML file, then environment
//! variables (which win). Defaults give a working development server on an embedded SQLite
//! file, so a new user needs nothing installed.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use ioc_domain::thresholds::Thresholds;
use serde::Deserialize;

/// A secret that never prints.
#[derive(Clone, Deserialize, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `IOC_DATA_DIR`: where the embedded database and the generated JWT secret live.
    pub data_dir: PathBuf,
    /// `DATABASE_URL`: `sqlite://...?mode=rwc` or `postgres://...`; default: SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// `IOC_BIND`: address to listen on.
    pub bind: String,
    /// `IOC_PRODUCTION=true`: refuse to start without an explicit JWT secret.
    pub production: bool,
    /// `IOC_JWT_SECRET`: HMAC key for access tokens (≥ 32 bytes).
    pub jwt_secret: Option<Secret>,
    /// `IOC_ACCESS_TOKEN_TTL_SECS`.
    pub access_token_ttl_secs: i64,
    /// `IOC_REFRESH_TOKEN_TTL_DAYS`.
    pub refresh_token_ttl_days: i64,
    /// Failed logins allowed per username within the window (`IOC_LOGIN_MAX_PER_USER`).
    pub login_max_failures_per_user: u64,
    /// Failed logins allowed per client IP within the window (`IOC_LOGIN_MAX_PER_IP`).
    pub login_max_failures_per_ip: u64,
    /// `IOC_LOGIN_WINDOW_SECS`.
    pub login_window_secs: i64,
    /// `IOC_MAX_BODY_BYTES`: largest accepted JSON body.
    pub max_body_bytes: usize,
    /// `IOC_LOG_FORMAT`: `text` or `json`.
    pub log_format: LogFormat,
    /// `IOC_STATIC_DIR`: built SPA to serve at `/` (absent: API only).
    pub static_dir: Option<PathBuf>,
    /// `IOC_DEMO_ON_FIRST_RUN`: load the demo data set into an empty embedded database.
    pub demo_on_first_run: bool,
    /// `[thresholds]` in the TOML file; `IOC_THRESHOLD_<NAME>` in the environment.
    pub thresholds: Thresholds,
    /// `IOC_WEBHOOK_POLL_MS`: how often the webhook worker looks for due deliveries.
    pub webhook_poll_ms: u64,
    /// `IOC_WEBHOOK_BACKOFF_BASE_SECS`: wait after a failed delivery, doubled at each failure
    /// (capped at an hour).
    pub webhook_backoff_base_secs: u64,
    /// `IOC_FRAME_ANCESTORS`: who may embed the app in a frame (CSP `frame-ancestors`
    /// sources, e.g. `'self' https://ioc.dongnai.gov.vn` for the IOC portal showing the wall).
    pub frame_ancestors: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_dir: PathBuf::from("data"),
            database_url: None,
            bind: "127.0.0.1:8080".into(),
            production: false,
            jwt_secret: None,
            access_token_ttl_secs: 15 * 60,
            refresh_token_ttl_days: 14,
            login_max_failures_per_user: 5,
            login_max_failures_per_ip: 30,
            login_window_secs: 15 * 60,
            max_body_bytes: 1024 * 1024,
            log_format: LogFormat::Text,
            static_dir: None,
            demo_on_first_run: true,
            thresholds: Thresholds::default(),
            webhook_poll_ms: 1000,
            webhook_backoff_base_secs: 10,
            frame_ancestors: "'none'".into(),
        }
    }
}

impl Settings {
    /// Reads `IOC_CONFIG` (or `ioc.toml` when present), then the environment.
    pub fn load() -> anyhow::Result<Settings> {
        let file = std::env::var("IOC_CONFIG").ok().map(PathBuf::from).or_else(|| {
            let p = PathBuf::from("ioc.toml");
            p.exists().then_some(p)
        });
        let mut s = match file {
            Some(path) => Self::from_file(&path)?,
            None => Settings::default(),
        };
        s.apply_env(|k| std::env::var(k).ok())?;
        Ok(s)
    }

    pub fn from_file(path: &Path) -> anyhow::Result<Settings> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// Applies environment overrides; `get` is injectable so tests need not touch the process env.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        fn parse<T: std::str::FromStr>(name: &str, v: String) -> anyhow::Result<T> {
            v.parse()
                .map_err(|_| anyhow::anyhow!("{name} has an invalid value: {v}"))
        }
        if let Some(v) = get("IOC_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = get("DATABASE_URL").filter(|v| !v.is_empty()) {
            self.database_url = Some(v);
        }
        if let Some(v) = get("IOC_BIND") {
            self.bind = v;
        }
        if let Some(v) = get("IOC_PRODUCTION") {
            self.production = parse("IOC_PRODUCTION", v)?;
        }
        if let Some(v) = get("IOC_JWT_SECRET").filter(|v| !v.is_empty()) {
            self.jwt_secret = Some(Secret(v));
        }
        if let Some(v) = get("IOC_ACCESS_TOKEN_TTL_SECS") {
            self.access_token_ttl_secs = parse("IOC_ACCESS_TOKEN_TTL_SECS", v)?;
        }
        if let Some(v) = get("IOC_REFRESH_TOKEN_TTL_DAYS") {
            self.refresh_token_ttl_days = parse("IOC_REFRESH_TOKEN_TTL_DAYS", v)?;
        }
        if let Some(v) = get("IOC_LOGIN_MAX_PER_USER") {
            self.login_max_failures_per_user = parse("IOC_LOGIN_MAX_PER_USER", v)?;
        }
        if let Some(v) = get("IOC_LOGIN_MAX_PER_IP") {
            self.login_max_failures_per_ip = parse("IOC_LOGIN_MAX_PER_IP", v)?;
        }
        if let Some(v) = get("IOC_LOGIN_WINDOW_SECS") {
            self.login_window_secs = parse("IOC_LOGIN_WINDOW_SECS", v)?;
        }
        if let Some(v) = get("IOC_MAX_BODY_BYTES") {
            self.max_body_bytes = parse("IOC_MAX_BODY_BYTES", v)?;
        }
        if let Some(v) = get("IOC_LOG_FORMAT") {
            self.log_format = match v.as_str() {
                "json" => LogFormat::Json,
                "text" => LogFormat::Text,
                other => bail!("IOC_LOG_FORMAT must be text or json, not {other}"),
            };
        }
        if let Some(v) = get("IOC_STATIC_DIR") {
            self.static_dir = Some(v.into());
        }
        if let Some(v) = get("IOC_DEMO_ON_FIRST_RUN") {
            self.demo_on_first_run = parse("IOC_DEMO_ON_FIRST_RUN", v)?;
        }
        if let Some(v) = get("IOC_WEBHOOK_POLL_MS") {
            self.webhook_poll_ms = parse("IOC_WEBHOOK_POLL_MS", v)?;
        }
        if let Some(v) = get("IOC_WEBHOOK_BACKOFF_BASE_SECS") {
            self.webhook_backoff_base_secs = parse("IOC_WEBHOOK_BACKOFF_BASE_SECS", v)?;
        }
        if let Some(v) = get("IOC_FRAME_ANCESTORS") {
            self.frame_ancestors = v;
        }
        let t = &mut self.thresholds;
        if let Some(v) = get("IOC_THRESHOLD_AT_RISK_GAP_PP") {
            t.at_risk_gap_pp = parse("IOC_THRESHOLD_AT_RISK_GAP_PP", v)?;
        }
        if let Some(v) = get("IOC_THRESHOLD_DELAYED_GAP_PP") {
            t.delayed_gap_pp = parse("IOC_THRESHOLD_DELAYED_GAP_PP", v)?;
        }
        if let Some(v) = get("IOC_THRESHOLD_AHEAD_GAP_PP") {
            t.ahead_gap_pp = parse("IOC_THRESHOLD_AHEAD_GAP_PP", v)?;
        }
        if let Some(v) = get("IOC_THRESHOLD_NEAR_END_DAYS") {
            t.near_end_days = parse("IOC_THRESHOLD_NEAR_END_DAYS", v)?;
        }
        if let Some(v) = get("IOC_THRESHOLD_FORECAST_GRACE_DAYS") {
            t.forecast_grace_days = parse("IOC_THRESHOLD_FORECAST_GRACE_DAYS", v)?;
        }
        if let Some(v) = get("IOC_THRESHOLD_SLOW_DISBURSEMENT_GAP_PP") {
            t.slow_disbursement_gap_pp = parse("IOC_THRESHOLD_SLOW_DISBURSEMENT_GAP_PP", v)?;
        }
        if let Some(v) = get("IOC_THRESHOLD_STALE_AFTER_DAYS") {
            t.stale_after_days = parse("IOC_THRESHOLD_STALE_AFTER_DAYS", v)?;
        }
        Ok(())
    }

    /// Rejects a `frame_ancestors` that is not a plain list of CSP sources: it goes into a
    /// header, and a `;` there would smuggle in other directives.
    pub fn validate(&self) -> anyhow::Result<()> {
        let ok_source = |s: &str| {
            matches!(s, "'none'" | "'self'")
                || (!s.starts_with('\'') && s.chars().all(|c| c.is_ascii_alphanumeric() || ":/.*-".contains(c)))
        };
        let sources: Vec<&str> = self.frame_ancestors.split(' ').filter(|s| !s.is_empty()).collect();
        if sources.is_empty() || !sources.iter().all(|s| ok_source(s)) {
            bail!(
                "IOC_FRAME_ANCESTORS must be CSP sources separated by spaces ('none', 'self', https://host), not {:?}",
                self.frame_ancestors
            );
        }
        Ok(())
    }

    /// True when running on the embedded SQLite default (no `DATABASE_URL`).
    pub fn uses_embedded_database(&self) -> bool {
        self.database_url.is_none()
    }

    pub fn effective_database_url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("creating data directory {}", self.data_dir.display()))?;
        let abs = std::fs::canonicalize(&self.data_dir)?;
        Ok(format!("sqlite://{}?mode=rwc", abs.join("ioc.db").display()))
    }

    /// The JWT key: configured, or (outside production) generated once and kept in `data_dir`
    /// so sessions survive restarts.
    pub fn resolve_jwt_secret(&self) -> anyhow::Result<Secret> {
        if let Some(s) = &self.jwt_secret {
            if s.expose().len() < 32 {
                bail!("IOC_JWT_SECRET must be at least 32 bytes long");
            }
            return Ok(s.clone());
        }
        if self.production {
            bail!("IOC_JWT_SECRET is required when IOC_PRODUCTION=true");
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join("jwt-secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if existing.trim().len() >= 32 {
                return Ok(Secret(existing.trim().to_owned()));
            }
        }
        let secret = crate::auth::tokens::random_token(48);
        std::fs::write(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
        Ok(Secret(secret))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults() {
        let mut s = Settings::default();
        s.apply_env(|k| match k {
            "IOC_BIND" => Some("0.0.0.0:9000".into()),
            "IOC_THRESHOLD_STALE_AFTER_DAYS" => Some("14".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.bind, "0.0.0.0:9000");
        assert_eq!(s.thresholds.stale_after_days, 14);
    }

    #[test]
    fn webhook_timing_comes_from_the_environment() {
        let mut s = Settings::default();
        assert_eq!((s.webhook_poll_ms, s.webhook_backoff_base_secs), (1000, 10));
        s.apply_env(|k| match k {
            "IOC_WEBHOOK_POLL_MS" => Some("50".into()),
            "IOC_WEBHOOK_BACKOFF_BASE_SECS" => Some("1".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!((s.webhook_poll_ms, s.webhook_backoff_base_secs), (50, 1));
    }

    #[test]
    fn production_requires_a_jwt_secret() {
        let s = Settings {
            production: true,
            ..Settings::default()
        };
        assert!(s.resolve_jwt_secret().is_err());
    }

    #[test]
    fn frame_ancestors_must_be_a_list_of_sources() {
        let with = |v: &str| Settings {
            frame_ancestors: v.into(),
            ..Settings::default()
        };
        assert!(Settings::default().validate().is_ok());
        assert!(with("'self' https://ioc.dongnai.gov.vn https://*.dongnai.gov.vn")
            .validate()
            .is_ok());
        for bad in [
            "",
            "'self'; script-src *",
            "https://a.vn\r\nX-Evil: 1",
            "'unsafe-inline'",
        ] {
            assert!(with(bad).validate().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn secrets_do_not_print() {
        assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(***)");
    }
}
