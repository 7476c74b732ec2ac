//! The periodic deadline scan: which reminders are due, which tasks became overdue, and the
//! related projects' `task_overdue` alerts brought up to date. Idempotent: a second run the
//! same day finds nothing new (each reminder and each day's overdue notice is marked on the
//! task in the same transaction as its notice is emitted).

use chrono::NaiveDate;
use ioc_domain::direction::{is_overdue, reminder_due, TaskState};
use ioc_domain::Thresholds;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use super::views::dates;
use crate::entities::task;
use crate::error::ApiError;

/// What a scan found, for the notification worker to send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanResult {
    /// (task id, days before the deadline) of the reminders due now.
    pub reminders: Vec<(i32, i64)>,
    /// Tasks overdue today not yet notified today.
    pub overdue: Vec<i32>,
}

pub async fn scan_deadlines(
    db: &DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    today: NaiveDate,
    reminder_days: &[i64],
    thresholds: &Thresholds,
) -> Result<ScanResult, ApiError> {
    use task::Column as C;
    let txn = db.begin().await?;
    let open = task::Entity::find()
        .filter(C::State.ne(TaskState::Confirmed.as_str()))
        .all(&txn)
        .await?;
    let mut out = ScanResult::default();
    let mut projects = std::collections::BTreeSet::new();
    for t in &open {
        let d = dates(t);
        if let Some(offset) = reminder_due(&d, today, reminder_days, t.last_reminder_days.map(i64::from)) {
            task::Entity::update_many()
                .col_expr(
                    C::LastReminderDays,
                    Expr::value(i32::try_from(offset).unwrap_or(i32::MAX)),
                )
                .filter(C::Id.eq(t.id))
                .exec(&txn)
                .await?;
            crate::notify::tasks::reminder(&txn, now, t.id, offset).await?;
            out.reminders.push((t.id, offset));
        }
        if is_overdue(&d, today) && t.overdue_notified_on != Some(today) {
            task::Entity::update_many()
                .col_expr(C::OverdueNotifiedOn, Expr::value(today))
                .filter(C::Id.eq(t.id))
                .exec(&txn)
                .await?;
            crate::notify::tasks::overdue(&txn, now, t.id, today).await?;
            out.overdue.push(t.id);
            projects.extend(super::project_ids_of_directive(&txn, t.directive_id).await?);
        }
    }
    for pid in projects {
        crate::store::projects::refresh_derived(&txn, pid, today, thresholds).await?;
    }
    txn.commit().await?;
    Ok(out)
}
