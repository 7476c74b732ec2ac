//! Notification e-mail: the SMTP relay (lettre, rustls) and one attempt at an outbox job of
//! channel `email` or `digest`.
//!
//! Retries are decided here, not by lettre: a refused connection, a timeout, a 4xx answer
//! or any transport error is retried with the outbox's backoff (the relay may come back);
//! only a 5xx answer (the relay refuses this message or address for good, e.g. 550 no such
//! mailbox) fails the job at once. Every send is wrapped in `tokio::time::timeout`: lettre's
//! own timeout covers the TCP connect only, and a relay that accepts and never greets
//! would otherwise hold the worker.

pub mod templates;

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::error::ApiError;
use crate::state::Clock;
use crate::store::outbox::{self, Job};

/// What an e-mail job carries: the address and the items (one for an immediate e-mail, the
/// day's items for a digest). Rendered when sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailPayload {
    pub to: String,
    /// Set for a daily digest: the local date it covers.
    #[serde(default)]
    pub digest_date: Option<chrono::NaiveDate>,
    pub items: Vec<MailItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailItem {
    pub event: ioc_domain::NotificationEvent,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The configured relay.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    timeout: Duration,
    public_url: String,
}

/// How one attempt ended.
#[derive(Debug)]
pub enum Outcome {
    Sent(u16),
    /// Try again after the backoff.
    Retry(Option<u16>, String),
    /// The relay refused this message for good.
    Refused(Option<u16>, String),
}

impl Mailer {
    /// The relay of `IOC_SMTP_URL`; `None` when e-mail is off.
    pub fn from_settings(s: &Settings) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = &s.smtp_url else {
            return Ok(None);
        };
        let timeout = Duration::from_secs(s.smtp_timeout_secs.max(1));
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
            .map_err(|e| anyhow::anyhow!("IOC_SMTP_URL: {e}"))?
            .timeout(Some(timeout))
            .build();
        let from: Mailbox = s.mail_from.parse().map_err(|e| anyhow::anyhow!("IOC_MAIL_FROM: {e}"))?;
        Ok(Some(Mailer {
            transport,
            from,
            timeout,
            public_url: s.public_url.trim_end_matches('/').to_owned(),
        }))
    }

    /// Renders and sends one payload.
    pub async fn send(&self, payload: &MailPayload) -> Outcome {
        let to: Mailbox = match payload.to.parse() {
            Ok(t) => t,
            Err(e) => return Outcome::Refused(None, format!("invalid address: {e}")),
        };
        let mail = templates::render(payload, &self.public_url);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html));
        let message = match message {
            Ok(m) => m,
            Err(e) => return Outcome::Refused(None, format!("could not build the message: {e}")),
        };
        match tokio::time::timeout(self.timeout, self.transport.send(message)).await {
            Err(_) => Outcome::Retry(None, format!("timed out after {} s", self.timeout.as_secs())),
            Ok(Ok(res)) => Outcome::Sent(code_of(&res.code().to_string())),
            Ok(Err(e)) => {
                let status = e.status().map(|c| code_of(&c.to_string()));
                let msg = with_causes(&e);
                if e.is_permanent() {
                    Outcome::Refused(status, msg)
                } else {
                    Outcome::Retry(status, msg)
                }
            }
        }
    }
}

fn code_of(s: &str) -> u16 {
    s.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0)
}

fn with_causes(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cause = c.source();
    }
    msg
}

/// One attempt at an e-mail or digest job, its outcome recorded under the job's lease.
pub async fn attempt(
    db: &DatabaseConnection,
    mailer: &Mailer,
    clock: &Clock,
    job: &Job,
    backoff_base_secs: u64,
) -> Result<(), ApiError> {
    let payload: MailPayload = match serde_json::from_str(&job.delivery.payload) {
        Ok(p) => p,
        Err(e) => return outbox::give_up(db, job, &format!("unreadable payload: {e}")).await,
    };
    let outcome = mailer.send(&payload).await;
    let now = clock.now();
    match outcome {
        Outcome::Sent(code) => outbox::succeeded(db, job, code, now).await,
        Outcome::Retry(code, error) => {
            tracing::warn!(job = job.delivery.id, %error, "e-mail not sent, will retry");
            outbox::attempt_failed(db, job, code, &error, now, backoff_base_secs).await
        }
        Outcome::Refused(code, error) => {
            tracing::warn!(job = job.delivery.id, %error, "e-mail refused by the relay");
            outbox::refused_permanently(db, job, code, &error).await
        }
    }
}
