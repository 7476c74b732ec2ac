//! Webhook delivery: one attempt at an outbox job of channel `webhook` (the worker that
//! claims jobs is `crate::outbox`; see `store::outbox` for how jobs are claimed safely
//! across instances).
//!
//! Each attempt POSTs the event JSON with `X-IOC-Event`, `X-IOC-Delivery` (the delivery id,
//! the same on every retry, for deduplication: delivery is at least once), `X-IOC-Timestamp`
//! (Unix seconds) and `X-IOC-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." +
//! body)>`. Signing the timestamp lets receivers refuse replays of old requests. A 2xx
//! answer delivers; anything else (redirects included: a receiver that moved must be
//! re-registered) is retried with exponential backoff, up to `jobs::MAX_ATTEMPTS`.
//!
//! Unless `webhook_allow_private` is set, deliveries go to public addresses only, checked
//! after DNS resolution (see `crate::outbound`).

use std::time::Duration as StdDuration;

use hmac::{Hmac, Mac};
use sea_orm::{DatabaseConnection, EntityTrait};
use sha2::Sha256;

use crate::entities::webhook_subscription;
use crate::error::ApiError;
use crate::outbound;
use crate::state::Clock;
use crate::store::outbox::{self as jobs, Job};
/// Time allowed for one receiver to answer.
const HTTP_TIMEOUT_SECS: u64 = 15;

/// `hex(HMAC-SHA256(secret, timestamp + "." + body))`.
pub fn sign(secret: &str, timestamp: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The delivery client: no redirects, and (unless private receivers are allowed) a resolver
/// that yields public addresses only.
pub fn client(allow_private: bool) -> reqwest::Result<reqwest::Client> {
    let builder = reqwest::Client::builder()
        .timeout(StdDuration::from_secs(HTTP_TIMEOUT_SECS))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("dongnai-ioc-webhooks/1");
    let builder = if allow_private {
        builder
    } else {
        builder.dns_resolver(std::sync::Arc::new(outbound::PublicOnlyResolver))
    };
    builder.build()
}

/// What one worker sends with.
pub struct Sender {
    pub client: reqwest::Client,
    pub allow_private: bool,
    pub backoff_base_secs: u64,
}

/// Sends one job and records the outcome (times by the server's clock).
pub async fn attempt(db: &DatabaseConnection, sender: &Sender, clock: &Clock, job: &Job) -> Result<(), ApiError> {
    let (client, backoff_base_secs) = (&sender.client, sender.backoff_base_secs);
    let now = clock.now();
    let sub = match job.delivery.subscription_id {
        Some(id) => webhook_subscription::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let Some(sub) = sub.filter(|s| s.active) else {
        return jobs::give_up(db, job, "subscription inactive").await;
    };
    // IP literals are not resolved, so the resolver never sees them: judge them here. A
    // subscription saved before this check existed, or under another configuration, ends here.
    if !sender.allow_private {
        if let Some(why) = outbound::literal_target_refusal(&sub.url) {
            tracing::warn!(delivery = job.delivery.id, why, "webhook address refused");
            let error = format!("refused address: {why}");
            return jobs::attempt_failed(db, job, None, &error, now, backoff_base_secs).await;
        }
    }
    let body = with_sent_at(&job.delivery.payload, now);
    let timestamp = now.timestamp().to_string();
    let signature = sign(&sub.secret, &timestamp, &body);
    let sent = client
        .post(&sub.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-IOC-Event", &job.delivery.event_type)
        .header("X-IOC-Delivery", job.delivery.id.to_string())
        .header("X-IOC-Timestamp", &timestamp)
        .header("X-IOC-Signature", format!("sha256={signature}"))
        .body(body)
        .send()
        .await;
    let done = clock.now();
    match sent {
        Ok(res) if res.status().is_success() => jobs::succeeded(db, job, res.status().as_u16(), done).await,
        Ok(res) => {
            let status = res.status();
            tracing::warn!(delivery = job.delivery.id, %status, "webhook receiver refused the event");
            let error = format!("HTTP {status}");
            jobs::attempt_failed(db, job, Some(status.as_u16()), &error, done, backoff_base_secs).await
        }
        Err(e) => {
            tracing::warn!(delivery = job.delivery.id, error = %e, "webhook receiver unreachable");
            jobs::attempt_failed(db, job, None, &with_causes(&e), done, backoff_base_secs).await
        }
    }
}

/// An error with its causes ("error sending request: … resolves to no public address"),
/// for the delivery log: reqwest's own message names no cause.
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

/// The queued event with the time of this attempt added.
fn with_sent_at(payload: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    match serde_json::from_str::<serde_json::Value>(payload) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.insert("sent_at".into(), serde_json::json!(now));
            serde_json::Value::Object(map).to_string()
        }
        _ => payload.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body() {
        // Reference value computed independently:
        // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'bi-mat-0123456789'
        assert_eq!(
            sign("bi-mat-0123456789", "1700000000", r#"{"a":1}"#),
            "283830055cfdd0091ea84782d9c82272d8a37ba09f105c0be5648b1479a834f2"
        );
    }

    #[test]
    fn each_attempt_carries_its_send_time() {
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let body: serde_json::Value = serde_json::from_str(&with_sent_at(r#"{"event":"alert.opened"}"#, now)).unwrap();
        assert_eq!(body["event"], "alert.opened");
        assert_eq!(body["sent_at"], "2023-11-14T22:13:20Z");
    }
}
