//! Typed configuration, loaded once at start-up: an optional TOML file, then environment
//! variables (which win). Defaults give a working development server on an embedded SQLite
//! file, so a new user needs nothing installed.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use ioc_domain::thresholds::Thresholds;
use serde::Deserialize;

use crate::client_addr::TrustedProxies;

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

/// Every key of `ioc.toml`. A key it does not know (a typo such as `bnid`) stops the start-up
/// with an error naming it: a setting silently ignored is worse than none.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
    /// Failed logins of one username from one client address, within the window, before each
    /// further attempt from that address waits (`IOC_LOGIN_MAX_PER_USER`). Counted per
    /// address so that a stranger's failures never lock the user out elsewhere.
    pub login_max_failures_per_user: u64,
    /// Failed logins allowed per client address within the window, whatever the usernames
    /// (`IOC_LOGIN_MAX_PER_IP`).
    pub login_max_failures_per_ip: u64,
    /// `IOC_LOGIN_WINDOW_SECS`: how long a failed login counts.
    pub login_window_secs: i64,
    /// `IOC_LOGIN_DELAY_BASE_SECS`: the wait after the last allowed failure of a username from
    /// one address; doubled at each further failure.
    pub login_delay_base_secs: u64,
    /// `IOC_LOGIN_DELAY_MAX_SECS`: the longest such wait.
    pub login_delay_max_secs: u64,
    /// `IOC_TRUSTED_PROXIES` (comma-separated) / `trusted_proxies` (list): IPs or CIDRs of the
    /// reverse proxies in front of the server. Only when the TCP peer is one of them is the
    /// client address taken from `X-Forwarded-For`. Empty: the peer is the client.
    pub trusted_proxies: TrustedProxies,
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
    /// `IOC_WEBHOOK_ALLOW_PRIVATE=true`: allow webhook URLs on loopback, private, link-local
    /// and other non-public addresses (a receiver on the same host or LAN). Off by default,
    /// so an admin account cannot make the server probe its own network.
    pub webhook_allow_private: bool,
    /// `IOC_SMTP_URL`: the SMTP relay for notification e-mails, as lettre reads it:
    /// `smtp://user:password@host:587?tls=required` (STARTTLS), `smtps://host:465` (TLS),
    /// `smtp://host:25` (plain, e.g. a relay on the LAN). Unset: e-mail is off; e-mail jobs
    /// stay pending in the outbox (nothing is lost) and digests are not scheduled.
    pub smtp_url: Option<Secret>,
    /// `IOC_MAIL_FROM`: the sender of notification e-mails.
    pub mail_from: String,
    /// `IOC_SMTP_TIMEOUT_SECS`: the longest one e-mail may take to send, greeting included.
    pub smtp_timeout_secs: u64,
    /// `IOC_PUBLIC_URL`: the web app's address, for links in e-mails.
    pub public_url: String,
    /// `IOC_DIGEST_HOUR`: local hour (Asia/Ho_Chi_Minh, 0–23) from which the daily digest is sent.
    pub digest_hour: u32,
    /// `IOC_FRAME_ANCESTORS`: who may embed the app in a frame (CSP `frame-ancestors`
    /// sources, e.g. `'self' https://ioc.dongnai.gov.vn` for the IOC portal showing the wall).
    pub frame_ancestors: String,
    /// `IOC_TASK_DUE_SOON_DAYS`: a task not yet confirmed is "due soon" within this many days
    /// of its deadline.
    pub task_due_soon_days: i64,
    /// `IOC_TASK_REMINDER_DAYS` (comma-separated) / `task_reminder_days` (list): reminders
    /// are due this many days before a task's deadline.
    pub task_reminder_days: Vec<i64>,
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
            login_delay_base_secs: 30,
            login_delay_max_secs: 15 * 60,
            trusted_proxies: TrustedProxies::default(),
            max_body_bytes: 1024 * 1024,
            log_format: LogFormat::Text,
            static_dir: None,
            demo_on_first_run: true,
            thresholds: Thresholds::default(),
            webhook_poll_ms: 1000,
            webhook_backoff_base_secs: 10,
            webhook_allow_private: false,
            frame_ancestors: "'none'".into(),
            task_due_soon_days: ioc_domain::direction::DEFAULT_DUE_SOON_DAYS,
            task_reminder_days: ioc_domain::direction::DEFAULT_REMINDER_DAYS.to_vec(),
            smtp_url: None,
            mail_from: "Trung tâm IOC Đồng Nai <ioc-noreply@dongnai.gov.vn>".into(),
            smtp_timeout_secs: 20,
            public_url: "http://127.0.0.1:8080".into(),
            digest_hour: 7,
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
        if let Some(v) = get("IOC_LOGIN_DELAY_BASE_SECS") {
            self.login_delay_base_secs = parse("IOC_LOGIN_DELAY_BASE_SECS", v)?;
        }
        if let Some(v) = get("IOC_LOGIN_DELAY_MAX_SECS") {
            self.login_delay_max_secs = parse("IOC_LOGIN_DELAY_MAX_SECS", v)?;
        }
        if let Some(v) = get("IOC_TRUSTED_PROXIES") {
            self.trusted_proxies =
                TrustedProxies::parse(v.split(',')).map_err(|e| anyhow::anyhow!("IOC_TRUSTED_PROXIES: {e}"))?;
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
        if let Some(v) = get("IOC_WEBHOOK_ALLOW_PRIVATE") {
            self.webhook_allow_private = parse("IOC_WEBHOOK_ALLOW_PRIVATE", v)?;
        }
        if let Some(v) = get("IOC_FRAME_ANCESTORS") {
            self.frame_ancestors = v;
        }
        if let Some(v) = get("IOC_TASK_DUE_SOON_DAYS") {
            self.task_due_soon_days = parse("IOC_TASK_DUE_SOON_DAYS", v)?;
        }
        if let Some(v) = get("IOC_TASK_REMINDER_DAYS") {
            self.task_reminder_days = v
                .split(',')
                .map(|d| parse("IOC_TASK_REMINDER_DAYS", d.trim().to_owned()))
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = get("IOC_SMTP_URL") {
            self.smtp_url = Some(Secret::new(v));
        }
        if let Some(v) = get("IOC_MAIL_FROM") {
            self.mail_from = v;
        }
        if let Some(v) = get("IOC_SMTP_TIMEOUT_SECS") {
            self.smtp_timeout_secs = parse("IOC_SMTP_TIMEOUT_SECS", v)?;
        }
        if let Some(v) = get("IOC_PUBLIC_URL") {
            self.public_url = v;
        }
        if let Some(v) = get("IOC_DIGEST_HOUR") {
            self.digest_hour = parse("IOC_DIGEST_HOUR", v)?;
            if self.digest_hour > 23 {
                bail!("IOC_DIGEST_HOUR must be 0 to 23, not {}", self.digest_hour);
            }
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
                // Files written by earlier versions were world-readable.
                owner_only(&path)?;
                return Ok(Secret(existing.trim().to_owned()));
            }
        }
        let secret = crate::auth::tokens::random_token(48);
        write_private(&path, &secret)?;
        Ok(Secret(secret))
    }
}

/// Writes `content` to `path` so that no other local user can ever read it: a temporary file
/// created with mode 0600 (never briefly wider), then renamed into place, so a reader sees
/// the whole secret or none.
fn write_private(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&tmp)
        .with_context(|| format!("creating {}", tmp.display()))?;
    file.write_all(content.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
}

/// Narrows an existing file to its owner (read and write).
fn owner_only(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("restricting {}", path.display()))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
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

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn the_generated_jwt_secret_is_readable_by_its_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings {
            data_dir: dir.path().to_path_buf(),
            ..Settings::default()
        };
        let first = s.resolve_jwt_secret().unwrap();
        let path = dir.path().join("jwt-secret");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(
            s.resolve_jwt_secret().unwrap().expose(),
            first.expose(),
            "kept across restarts"
        );
        // Only the secret itself is left behind, no temporary file.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_world_readable_jwt_secret_from_before_is_tightened_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jwt-secret");
        let old = "o".repeat(48);
        std::fs::write(&path, &old).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let s = Settings {
            data_dir: dir.path().to_path_buf(),
            ..Settings::default()
        };
        assert_eq!(s.resolve_jwt_secret().unwrap().expose(), old);
        assert_eq!(mode(&path), 0o600);
    }

    fn from_toml(text: &str) -> anyhow::Result<Settings> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ioc.toml");
        std::fs::write(&path, text).unwrap();
        Settings::from_file(&path)
    }

    #[test]
    fn an_unknown_key_in_the_config_file_is_an_error_that_names_it() {
        let e = from_toml("bnid = \"0.0.0.0:80\"\n").unwrap_err();
        assert!(format!("{e:#}").contains("bnid"), "{e:#}");
        let e = from_toml("[thresholds]\nstale_after_dys = 3\n").unwrap_err();
        assert!(format!("{e:#}").contains("stale_after_dys"), "{e:#}");
        let ok = from_toml("bind = \"0.0.0.0:80\"\n[thresholds]\nstale_after_days = 3\n").unwrap();
        assert_eq!((ok.bind.as_str(), ok.thresholds.stale_after_days), ("0.0.0.0:80", 3));
    }

    #[test]
    fn the_example_config_file_loads_with_every_documented_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ioc.example.toml");
        let s = Settings::from_file(&path).unwrap();
        assert_eq!(s.login_delay_base_secs, 30);
        assert!(!s.webhook_allow_private);
        assert!(s.trusted_proxies.is_empty());
    }

    #[test]
    fn security_settings_come_from_the_environment() {
        let mut s = Settings::default();
        s.apply_env(|k| match k {
            "IOC_TRUSTED_PROXIES" => Some("10.0.0.0/8, 127.0.0.1".into()),
            "IOC_WEBHOOK_ALLOW_PRIVATE" => Some("true".into()),
            "IOC_LOGIN_DELAY_BASE_SECS" => Some("2".into()),
            "IOC_LOGIN_DELAY_MAX_SECS" => Some("60".into()),
            _ => None,
        })
        .unwrap();
        assert!(s.trusted_proxies.contains("10.1.2.3".parse().unwrap()));
        assert!(s.trusted_proxies.contains("127.0.0.1".parse().unwrap()));
        assert!(s.webhook_allow_private);
        assert_eq!((s.login_delay_base_secs, s.login_delay_max_secs), (2, 60));
        let mut bad = Settings::default();
        assert!(bad
            .apply_env(|k| (k == "IOC_TRUSTED_PROXIES").then(|| "10.0.0.0/33".into()))
            .is_err());
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
