//! The outbox worker: one background task per server instance that drains `outbox_jobs`
//! (webhook calls, e-mails, daily digests) and schedules each user's daily digest when the
//! clock passes `IOC_DIGEST_HOUR`. Several instances may run: jobs are claimed with leases
//! (`store::outbox`), digests are unique per user and day. A slow receiver or relay holds
//! only its own job (each attempt has a timeout; a batch is sent concurrently), never a
//! request: requests only write jobs.

use std::time::Duration as StdDuration;

use crate::error::ApiError;
use crate::mail::{self, Mailer};
use crate::state::AppState;
use crate::store::outbox::{self, DIGEST, EMAIL, WEBHOOK};
use crate::webhooks::{self, Sender};

/// Jobs claimed per round; sent concurrently.
pub const BATCH: u64 = 10;

/// What one instance delivers with.
pub struct Worker {
    pub state: AppState,
    pub sender: Sender,
    /// `None` while e-mail is off: e-mail and digest jobs stay pending.
    pub mailer: Option<Mailer>,
}

impl Worker {
    pub fn new(state: AppState) -> anyhow::Result<Worker> {
        let allow_private = state.settings.webhook_allow_private;
        let sender = Sender {
            client: webhooks::client(allow_private)?,
            allow_private,
            backoff_base_secs: state.settings.webhook_backoff_base_secs,
        };
        let mailer = Mailer::from_settings(&state.settings)?;
        Ok(Worker { state, sender, mailer })
    }

    /// One round: schedules due digests, then claims due jobs and sends them. Returns how
    /// many jobs were claimed.
    pub async fn round(&self) -> Result<usize, ApiError> {
        if self.mailer.is_some() {
            crate::notify::digest::schedule_due(&self.state.db, self.state.now(), self.state.settings.digest_hour)
                .await?;
        }
        let channels: &[&str] = if self.mailer.is_some() {
            &[WEBHOOK, EMAIL, DIGEST]
        } else {
            &[WEBHOOK]
        };
        let jobs = outbox::claim_due_in(&self.state.db, self.state.now(), BATCH, channels).await?;
        let n = jobs.len();
        let db = &self.state.db;
        let clock = &*self.state.clock;
        let results = futures_util::future::join_all(jobs.iter().map(|job| async move {
            match (job.delivery.channel.as_str(), &self.mailer) {
                (WEBHOOK, _) => webhooks::attempt(db, &self.sender, clock, job).await,
                (EMAIL | DIGEST, Some(m)) => {
                    mail::attempt(db, m, clock, job, self.state.settings.webhook_backoff_base_secs).await
                }
                (other, _) => outbox::give_up(db, job, &format!("unknown channel {other}")).await,
            }
        }))
        .await;
        for r in results {
            r?;
        }
        Ok(n)
    }
}

/// Starts the worker for the life of the process (or test runtime).
pub fn spawn_worker(state: AppState) {
    tokio::spawn(async move {
        let poll = StdDuration::from_millis(state.settings.webhook_poll_ms.max(10));
        let worker = match Worker::new(state) {
            Ok(w) => w,
            Err(e) => {
                tracing::error!(error = ?e, "outbox worker could not start");
                return;
            }
        };
        loop {
            match worker.round().await {
                // A full batch: more may be due, go on at once.
                Ok(n) if n as u64 == BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = ?e, "outbox delivery round failed"),
            }
            tokio::time::sleep(poll).await;
        }
    });
}
