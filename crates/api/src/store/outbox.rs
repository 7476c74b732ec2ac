//! The outbox: ONE durable job table (`outbox_jobs`) for webhook calls, e-mails and daily
//! digests (`channel`), safe with several server instances. Jobs are written in the
//! transaction of the change they report, so an event is never lost nor sent for a change
//! that rolled back.
//!
//! Claiming is a conditional UPDATE that takes a lease (`locked_until`) only if nobody holds
//! a live one: `UPDATE ... SET locked_until = :lease WHERE id = :id AND status = 'pending'
//! AND (locked_until IS NULL OR locked_until < :now)`. Exactly one instance sees one row
//! affected — PostgreSQL re-checks the WHERE after taking the row lock, SQLite has a single
//! writer — so it works the same on both, and no transaction stays open during the HTTP
//! call (which `SELECT ... FOR UPDATE SKIP LOCKED` would need). The lease value is then the
//! claim's fencing token: the result is recorded only `WHERE locked_until = :lease`, so an
//! instance whose lease expired (and whose job was re-claimed) cannot overwrite the newer
//! attempt. A worker that dies mid-send leaves a lease that expires: the job is retried, so
//! delivery is at least once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::outbox_job;
use crate::error::ApiError;

/// Job states, as stored.
pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

/// Channels, as stored.
pub const WEBHOOK: &str = "webhook";
pub const EMAIL: &str = "email";
pub const DIGEST: &str = "digest";

/// How long a claim holds a job: well above the HTTP timeout of one attempt.
pub const LEASE_SECS: i64 = 60;
/// Attempts before a delivery is marked failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// Longest wait between two attempts.
pub const MAX_BACKOFF_SECS: i64 = 3600;

/// A claimed job.
#[derive(Debug, Clone)]
pub struct Job {
    pub delivery: outbox_job::Model,
    /// The claim's lease; results are recorded only while it is still ours.
    pub lease: DateTime<Utc>,
}

/// A new job, due now.
pub fn new_job(channel: &str, event_type: &str, payload: String, now: DateTime<Utc>) -> outbox_job::ActiveModel {
    use sea_orm::Set;
    outbox_job::ActiveModel {
        channel: Set(channel.into()),
        event_type: Set(event_type.into()),
        subscription_id: Set(None),
        recipient_user_id: Set(None),
        recipient: Set(None),
        dedupe_key: Set(None),
        payload: Set(payload),
        status: Set(PENDING.into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_status_code: Set(None),
        last_error: Set(None),
        locked_until: Set(None),
        created_at: Set(now),
        delivered_at: Set(None),
        ..Default::default()
    }
}

/// Wait before the next attempt after `failed_attempts` failures: `base × 2^(n−1)` (10 s,
/// 20 s, 40 s... with the default base), capped at an hour.
pub fn backoff(base_secs: u64, failed_attempts: i32) -> Duration {
    let exp = failed_attempts.saturating_sub(1).clamp(0, 30) as u32;
    let secs = i64::try_from(base_secs).unwrap_or(i64::MAX).saturating_mul(1i64 << exp);
    Duration::seconds(std::cmp::min(secs, MAX_BACKOFF_SECS))
}

fn claimable(now: DateTime<Utc>) -> Condition {
    use outbox_job::Column as C;
    Condition::all().add(C::Status.eq(PENDING)).add(
        Condition::any()
            .add(C::LockedUntil.is_null())
            .add(C::LockedUntil.lt(now)),
    )
}

/// Claims up to `limit` due jobs for this instance, of every channel.
pub async fn claim_due(conn: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Job>, ApiError> {
    claim_due_in(conn, now, limit, &[WEBHOOK, EMAIL, DIGEST]).await
}

/// Claims up to `limit` due jobs of the given channels (e-mail jobs are left pending while
/// no relay is configured).
pub async fn claim_due_in(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
    channels: &[&str],
) -> Result<Vec<Job>, ApiError> {
    use outbox_job::Column as C;
    let candidates: Vec<i32> = outbox_job::Entity::find()
        .select_only()
        .column(C::Id)
        .filter(claimable(now))
        .filter(C::NextAttemptAt.lte(now))
        .filter(C::Channel.is_in(channels.iter().copied()))
        .order_by_asc(C::NextAttemptAt)
        .order_by_asc(C::Id)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await?;
    let lease = now + Duration::seconds(LEASE_SECS);
    let mut jobs = Vec::new();
    for id in candidates {
        let res = outbox_job::Entity::update_many()
            .col_expr(C::LockedUntil, Expr::value(lease))
            .filter(C::Id.eq(id))
            .filter(claimable(now))
            .exec(conn)
            .await?;
        if res.rows_affected == 0 {
            continue; // another instance got it first
        }
        if let Some(delivery) = outbox_job::Entity::find_by_id(id).one(conn).await? {
            jobs.push(Job { delivery, lease });
        }
    }
    Ok(jobs)
}

/// Records a 2xx answer.
pub async fn succeeded(
    conn: &impl ConnectionTrait,
    job: &Job,
    status: u16,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    use outbox_job::Column as C;
    finish(
        conn,
        job,
        outbox_job::Entity::update_many()
            .col_expr(C::Status, Expr::value(DELIVERED))
            .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
            .col_expr(C::LastStatusCode, Expr::value(i32::from(status)))
            .col_expr(C::LastError, Expr::value(Option::<String>::None))
            .col_expr(C::DeliveredAt, Expr::value(now)),
    )
    .await
}

/// Records a failed attempt (an error status, or no answer): retried after the backoff, or
/// marked failed after [`MAX_ATTEMPTS`].
pub async fn attempt_failed(
    conn: &impl ConnectionTrait,
    job: &Job,
    status: Option<u16>,
    error: &str,
    now: DateTime<Utc>,
    backoff_base_secs: u64,
) -> Result<(), ApiError> {
    use outbox_job::Column as C;
    let attempts = job.delivery.attempts + 1;
    let next = if attempts >= MAX_ATTEMPTS { FAILED } else { PENDING };
    let error: String = error.chars().take(500).collect();
    finish(
        conn,
        job,
        outbox_job::Entity::update_many()
            .col_expr(C::Status, Expr::value(next))
            .col_expr(C::Attempts, Expr::value(attempts))
            .col_expr(C::LastStatusCode, Expr::value(status.map(i32::from)))
            .col_expr(C::LastError, Expr::value(error))
            .col_expr(
                C::NextAttemptAt,
                Expr::value(now + backoff(backoff_base_secs, attempts)),
            ),
    )
    .await
}

/// Records an attempt refused for good (an SMTP 5xx: the address does not exist): failed
/// at once, not retried.
pub async fn refused_permanently(
    conn: &impl ConnectionTrait,
    job: &Job,
    status: Option<u16>,
    error: &str,
) -> Result<(), ApiError> {
    use outbox_job::Column as C;
    let error: String = error.chars().take(500).collect();
    finish(
        conn,
        job,
        outbox_job::Entity::update_many()
            .col_expr(C::Status, Expr::value(FAILED))
            .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
            .col_expr(C::LastStatusCode, Expr::value(status.map(i32::from)))
            .col_expr(C::LastError, Expr::value(error)),
    )
    .await
}

/// Marks a job failed without (further) retries: an inactive subscription, a permanently
/// refused address.
pub async fn give_up(conn: &impl ConnectionTrait, job: &Job, why: &str) -> Result<(), ApiError> {
    use outbox_job::Column as C;
    finish(
        conn,
        job,
        outbox_job::Entity::update_many()
            .col_expr(C::Status, Expr::value(FAILED))
            .col_expr(C::LastError, Expr::value(why.chars().take(500).collect::<String>())),
    )
    .await
}

/// Applies `update` and releases the lease, only while the lease is still this claim's.
async fn finish(
    conn: &impl ConnectionTrait,
    job: &Job,
    update: sea_orm::UpdateMany<outbox_job::Entity>,
) -> Result<(), ApiError> {
    use outbox_job::Column as C;
    let res = update
        .col_expr(C::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(C::Id.eq(job.delivery.id))
        .filter(C::LockedUntil.eq(job.lease))
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        tracing::warn!(
            delivery = job.delivery.id,
            "outbox lease lost before the result was recorded"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_and_is_capped_at_an_hour() {
        let secs = |n| backoff(10, n).num_seconds();
        assert_eq!([secs(1), secs(2), secs(3), secs(7)], [10, 20, 40, 640]);
        assert_eq!(secs(9), 2560);
        assert_eq!(secs(10), 3600);
        assert_eq!(backoff(10, 1000).num_seconds(), 3600);
        assert_eq!(backoff(0, 5).num_seconds(), 0);
        assert_eq!(backoff(u64::MAX, 3).num_seconds(), 3600);
    }
}
