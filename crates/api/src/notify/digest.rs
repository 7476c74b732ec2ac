//! The daily digest: once the province's local time passes `IOC_DIGEST_HOUR`, each user
//! with inbox items marked for the digest gets ONE e-mail job for that day listing them
//! (job dedupe key `digest:<user>:<date>`, unique, so two instances or a restart never
//! make two). Items that arrive after today's digest wait for tomorrow's.

use chrono::{DateTime, Timelike, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use crate::entities::{notification, outbox_job, user};
use crate::error::ApiError;
use crate::mail::{MailItem, MailPayload};
use crate::store::outbox::{new_job, DIGEST};

/// Most items listed in one digest; the rest go in the next one.
const MAX_ITEMS: u64 = 200;

pub fn dedupe_key(user_id: i32, date: chrono::NaiveDate) -> String {
    format!("digest:{user_id}:{date}")
}

/// Schedules the digests due at `now`. Returns how many were queued.
pub async fn schedule_due(db: &DatabaseConnection, now: DateTime<Utc>, digest_hour: u32) -> Result<usize, ApiError> {
    let local = now.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh);
    if local.hour() < digest_hour {
        return Ok(0);
    }
    let date = local.date_naive();
    let users: Vec<i32> = notification::Entity::find()
        .select_only()
        .column(notification::Column::UserId)
        .distinct()
        .filter(notification::Column::DigestPending.eq(true))
        .filter(notification::Column::CreatedAt.lte(now))
        .into_tuple()
        .all(db)
        .await?;
    let mut queued = 0;
    for user_id in users {
        let key = dedupe_key(user_id, date);
        let done = outbox_job::Entity::find()
            .filter(outbox_job::Column::DedupeKey.eq(&key))
            .one(db)
            .await?
            .is_some();
        if done {
            continue;
        }
        if schedule_one(db, user_id, &key, date, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

async fn schedule_one(
    db: &DatabaseConnection,
    user_id: i32,
    key: &str,
    date: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    use notification::Column as C;
    let txn = db.begin().await?;
    let items = notification::Entity::find()
        .filter(C::UserId.eq(user_id))
        .filter(C::DigestPending.eq(true))
        .filter(C::CreatedAt.lte(now))
        .order_by_asc(C::Id)
        .limit(MAX_ITEMS)
        .all(&txn)
        .await?;
    let ids: Vec<i32> = items.iter().map(|n| n.id).collect();
    let to = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .filter(|u| u.active)
        .and_then(|u| u.email)
        .filter(|e| !e.is_empty());
    if let (Some(to), false) = (to, items.is_empty()) {
        let payload = MailPayload {
            to: to.clone(),
            digest_date: Some(date),
            items: items
                .iter()
                .map(|n| MailItem {
                    event: ioc_domain::NotificationEvent::parse(&n.event)
                        .unwrap_or(ioc_domain::NotificationEvent::TaskStateChanged),
                    title: n.title.clone(),
                    body: n.body.clone(),
                    link: n.link.clone(),
                    created_at: n.created_at,
                })
                .collect(),
        };
        let json = serde_json::to_string(&payload).map_err(|e| ApiError::Unexpected(e.into()))?;
        let inserted = outbox_job::Entity::insert(outbox_job::ActiveModel {
            recipient_user_id: Set(Some(user_id)),
            recipient: Set(Some(to)),
            dedupe_key: Set(Some(key.to_owned())),
            ..new_job(DIGEST, "digest", json, now)
        })
        .exec_without_returning(&txn)
        .await;
        match inserted {
            Ok(_) => {}
            // Another instance queued it at the same moment: its unique key won (the
            // transaction rolls back when dropped).
            Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
    }
    // Listed, or nobody to send to any more (address removed, account closed): no longer pending.
    notification::Entity::update_many()
        .col_expr(C::DigestPending, Expr::value(false))
        .filter(C::Id.is_in(ids))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}
