//! Applying a task action: the domain rule decides, this writes the new state, the extension
//! request or the done report, and the event.

use ioc_domain::direction::{transition, TaskAction, TransitionError};
use ioc_domain::dto::ValidTransition;
use ioc_domain::Actor;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::events::{self, TaskEvent};
use super::views::{facts, state_of};
use crate::entities::task;
use crate::error::ApiError;
use crate::routes::etag::etag;

pub fn invalid(t: &task::Model, action: TaskAction) -> ApiError {
    let s = state_of(t);
    ApiError::conflict(
        "invalid_transition",
        format!(
            "Không thể \"{}\" khi nhiệm vụ ở trạng thái \"{}\".",
            action.label_vi(),
            s.label_vi()
        ),
        format!(
            "Cannot {} a task that is {}.",
            action.label_en().to_lowercase(),
            s.label_en().to_lowercase()
        ),
    )
}

/// Applies `tr` to the task at `expected_version` (412 when it moved on), returns the new row.
pub async fn apply(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    t: &task::Model,
    expected_version: i32,
    tr: &ValidTransition,
    today: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<task::Model, ApiError> {
    use task::Column as C;
    let from = state_of(t);
    let to = match transition(actor, &facts(t), tr.action) {
        Ok(s) => s,
        Err(TransitionError::Forbidden) => return Err(ApiError::Forbidden),
        Err(TransitionError::Invalid) => return Err(invalid(t, tr.action)),
    };
    let null_date = || SimpleExpr::from(Expr::value(Option::<chrono::NaiveDate>::None));
    let mut upd = task::Entity::update_many()
        .col_expr(C::State, Expr::value(to.as_str()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(now));
    let mut event_deadline = None;
    match tr.action {
        TaskAction::ReportDone => {
            upd = upd
                .col_expr(C::DoneNote, Expr::value(tr.note.clone()))
                .col_expr(C::DoneEvidence, Expr::value(tr.evidence.clone()))
                .col_expr(C::DoneReportedOn, Expr::value(today))
                .col_expr(C::DoneReportedBy, Expr::value(actor.user_id));
        }
        TaskAction::Confirm => upd = upd.col_expr(C::ConfirmedOn, Expr::value(today)),
        TaskAction::Reopen => upd = upd.col_expr(C::ConfirmedOn, null_date()),
        TaskAction::RequestExtension => {
            event_deadline = tr.new_deadline;
            upd = upd
                .col_expr(C::ExtRequestedDeadline, Expr::value(tr.new_deadline))
                .col_expr(C::ExtReason, Expr::value(tr.note.clone()))
                .col_expr(C::ExtRequestedBy, Expr::value(actor.user_id))
                .col_expr(C::ExtRequestedAt, Expr::value(now));
        }
        TaskAction::ApproveExtension | TaskAction::RefuseExtension => {
            if tr.action == TaskAction::ApproveExtension {
                let granted = tr.new_deadline.or(t.ext_requested_deadline).unwrap_or(t.deadline);
                if granted <= t.deadline {
                    return Err(ApiError::field(
                        "new_deadline",
                        "not_after_deadline",
                        "Thời hạn mới phải sau thời hạn hiện tại.",
                        "The new deadline must be after the current one.",
                    ));
                }
                event_deadline = Some(granted);
                upd = upd
                    .col_expr(C::Deadline, Expr::value(granted))
                    .col_expr(C::LastReminderDays, Expr::value(Option::<i32>::None))
                    .col_expr(C::OverdueNotifiedOn, null_date());
            }
            upd = upd
                .col_expr(C::ExtRequestedDeadline, null_date())
                .col_expr(C::ExtReason, Expr::value(Option::<String>::None))
                .col_expr(C::ExtRequestedBy, Expr::value(Option::<i32>::None))
                .col_expr(
                    C::ExtRequestedAt,
                    Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
                );
        }
        TaskAction::Acknowledge | TaskAction::Start => {}
    }
    let res = upd
        .filter(C::Id.eq(t.id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await?;
    let current = super::get(conn, t.id).await?;
    crate::store::check_version_hit(res.rows_affected, Some(etag("task", t.id, current.version)))?;
    events::record(
        conn,
        TaskEvent {
            task_id: t.id,
            kind: tr.action.into(),
            from: Some(from),
            to,
            note: &tr.note,
            evidence: tr.evidence.as_deref(),
            deadline: event_deadline,
            actor_id: actor.user_id,
            at: now,
        },
    )
    .await?;
    Ok(current)
}
