//! Alerts: opened and closed from each project's derived state (the domain rule decides),
//! then listed, counted and acknowledged.
//!
//! `evaluate_project` runs at the end of `projects::refresh_derived`, so after every write to
//! a project in that write's transaction, and hourly through `projects::refresh_all` for
//! projects not yet evaluated today. That hourly pass is enough for the date-driven alerts:
//! `stale_data` (and a planned end passing) depend only on the date, which changes once a day.
//! An alert is an episode: when its condition clears it is closed (kept as history) and a
//! recurrence opens a new one. Each open and close queues webhook deliveries in the same
//! transaction, so an event is sent if and only if the change committed.

mod query;

pub use query::{counts, get, list, list_for_project, view, views, AlertFilter};

use chrono::{DateTime, NaiveDate, Utc};
use ioc_domain::alerts::{active_alerts, ActiveAlert, AlertFacts};
use ioc_domain::dto::{WebhookEvent, WebhookProject};
use ioc_domain::{DisbursementStatus, Percent, Phase, ProgressStatus, Thresholds, Vnd};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, TryInsertResult,
};

use crate::entities::{alert, difficulty, project};
use crate::error::ApiError;
use crate::routes::etag::etag;

/// Opens and closes the project's alerts from its current derived state.
pub async fn evaluate_project(
    conn: &impl ConnectionTrait,
    project_id: i32,
    today: NaiveDate,
    t: &Thresholds,
) -> Result<(), ApiError> {
    let p = super::projects::get(conn, project_id).await?;
    let wanted = active_alerts(&facts(conn, &p, today).await?, t);
    let open = alert::Entity::find()
        .filter(alert::Column::ProjectId.eq(project_id))
        .filter(alert::Column::ClosedAt.is_null())
        .all(conn)
        .await?;
    let now = super::now();
    if !p.archived
        && wanted
            .iter()
            .any(|a| a.alert_type == ioc_domain::alerts::AlertType::StaleData)
    {
        // The stale-data rule: the unit that owes the update is told (once a week).
        crate::notify::events::report_owed(conn, &p, today, now).await?;
    }
    let mut events = Vec::new();
    for a in &wanted {
        match open.iter().find(|o| o.alert_type == a.alert_type.as_str()) {
            Some(o) => refresh(conn, o, a).await?,
            None => {
                if let Some(row) = open_alert(conn, project_id, a, now).await? {
                    // The project's units are told in their inbox (and by e-mail as they chose).
                    crate::notify::events::alert_opened(conn, &p, &row, now).await?;
                    events.push((WebhookEvent::AlertOpened, row));
                }
            }
        }
    }
    for o in open
        .iter()
        .filter(|o| !wanted.iter().any(|a| a.alert_type.as_str() == o.alert_type))
    {
        if let Some(row) = close(conn, o.id, now).await? {
            events.push((WebhookEvent::AlertClosed, row));
        }
    }
    notify(conn, &p, events, now).await
}

/// The rule's inputs, read from the project row (refreshed just before) and its references.
async fn facts(conn: &impl ConnectionTrait, p: &project::Model, today: NaiveDate) -> Result<AlertFacts, ApiError> {
    let needing_direction = if p.open_difficulties > 0 {
        difficulty::Entity::find()
            .filter(difficulty::Column::ProjectId.eq(p.id))
            .filter(difficulty::Column::Status.ne("resolved"))
            .filter(difficulty::Column::NeedsLeaderDirection.eq(true))
            .count(conn)
            .await? as u32
    } else {
        0
    };
    let overdue = super::tasks::overdue_deadlines_of_project(conn, p.id, today).await?;
    let investor = super::units::get(conn, p.investor_unit_id).await?;
    let managing = match p.managing_unit_id {
        Some(id) => Some(super::units::get(conn, id).await?.name),
        None => None,
    };
    Ok(AlertFacts {
        today,
        phase: Phase::parse(&p.phase).unwrap_or(Phase::Implementation),
        planned_start: p.planned_start,
        planned_end: p.planned_end,
        actual_start: p.actual_start,
        progress_status: ProgressStatus::parse(&p.progress_status).unwrap_or(ProgressStatus::OnTrack),
        actual: Percent::from_basis_points(p.actual_bp),
        planned: Percent::from_basis_points(p.planned_bp),
        forecast_finish: p.forecast_finish,
        disbursement_status: DisbursementStatus::parse(&p.disbursement_status).unwrap_or(DisbursementStatus::NoPlan),
        year_plan: Vnd::from_db(p.year_plan),
        year_disbursed: Vnd::from_db(p.year_disbursed),
        open_difficulties: u32::try_from(p.open_difficulties).unwrap_or(0),
        difficulties_needing_direction: needing_direction,
        latest_report_on: p.latest_report_on,
        investor_unit: investor.name,
        managing_unit: managing,
        overdue_tasks: u32::try_from(overdue.len()).unwrap_or(u32::MAX),
        oldest_overdue_task_days: overdue.iter().map(|d| (today - *d).num_days()).max().unwrap_or(0),
        archived: p.archived,
    })
}

/// Inserts the alert unless one of its type is open already (the partial unique index
/// decides, so a concurrent evaluation cannot open a duplicate). `None`: nothing opened.
async fn open_alert(
    conn: &impl ConnectionTrait,
    project_id: i32,
    a: &ActiveAlert,
    now: DateTime<Utc>,
) -> Result<Option<alert::Model>, ApiError> {
    use alert::Column as C;
    let row = alert::ActiveModel {
        project_id: Set(project_id),
        alert_type: Set(a.alert_type.as_str().into()),
        severity: Set(a.severity.as_str().into()),
        title_vi: Set(a.alert_type.title_vi().into()),
        title_en: Set(a.alert_type.title_en().into()),
        message_vi: Set(a.message_vi.clone()),
        message_en: Set(a.message_en.clone()),
        opened_at: Set(now),
        closed_at: Set(None),
        acknowledged_at: Set(None),
        acknowledged_by: Set(None),
        ack_note: Set(None),
        version: Set(1),
        ..Default::default()
    };
    let mut on_open = OnConflict::columns([C::ProjectId, C::AlertType]);
    on_open.target_and_where(C::ClosedAt.is_null()).do_nothing();
    match alert::Entity::insert(row)
        .on_conflict(on_open)
        .try_insert()
        .exec(conn)
        .await?
    {
        TryInsertResult::Inserted(r) => Ok(alert::Entity::find_by_id(r.last_insert_id).one(conn).await?),
        TryInsertResult::Conflicted | TryInsertResult::Empty => Ok(None),
    }
}

/// Keeps an open alert's facts current. A change of severity is material (an acknowledgement
/// read at the old severity should be re-read), so it moves the version; new figures in the
/// message alone do not, or the ETag would change with every weekly report.
async fn refresh(conn: &impl ConnectionTrait, o: &alert::Model, a: &ActiveAlert) -> Result<(), ApiError> {
    use alert::Column as C;
    let severity_changed = o.severity != a.severity.as_str();
    if !severity_changed && o.message_vi == a.message_vi && o.message_en == a.message_en {
        return Ok(());
    }
    let mut q = alert::Entity::update_many()
        .col_expr(C::Severity, Expr::value(a.severity.as_str()))
        .col_expr(C::MessageVi, Expr::value(a.message_vi.clone()))
        .col_expr(C::MessageEn, Expr::value(a.message_en.clone()));
    if severity_changed {
        q = q.col_expr(C::Version, Expr::col(C::Version).add(1));
    }
    q.filter(C::Id.eq(o.id))
        .filter(C::ClosedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Closes an open alert; `None` when another evaluation closed it first.
async fn close(conn: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<Option<alert::Model>, ApiError> {
    use alert::Column as C;
    let res = alert::Entity::update_many()
        .col_expr(C::ClosedAt, Expr::value(now))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .filter(C::Id.eq(id))
        .filter(C::ClosedAt.is_null())
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        return Ok(None);
    }
    Ok(alert::Entity::find_by_id(id).one(conn).await?)
}

/// Queues the events for every subscriber (nothing to build when nobody subscribes).
async fn notify(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    events: Vec<(WebhookEvent, alert::Model)>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if events.is_empty() {
        return Ok(());
    }
    let subscribers = super::webhooks::active_subscriptions(conn).await?;
    if subscribers.is_empty() {
        return Ok(());
    }
    let (kinds, rows): (Vec<_>, Vec<_>) = events.into_iter().unzip();
    let alerts = views(conn, rows).await?;
    let project = WebhookProject {
        id: p.id,
        code: p.code.clone(),
        name: p.name.clone(),
    };
    let events: Vec<_> = kinds.into_iter().zip(alerts).collect();
    super::webhooks::enqueue(conn, &subscribers, &events, &project, now).await
}

/// Records that the province has taken an open alert up, when `expected_version` is current.
/// Returns the row before and after, for the audit log.
pub async fn acknowledge(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    note: &str,
    user_id: i32,
) -> Result<(alert::Model, alert::Model), ApiError> {
    use alert::Column as C;
    let before = get(conn, id).await?;
    if before.closed_at.is_some() {
        return Err(ApiError::conflict(
            "alert_closed",
            "Cảnh báo đã đóng (điều kiện không còn); không cần xác nhận.",
            "The alert is closed (its condition cleared); there is nothing to acknowledge.",
        ));
    }
    let res = alert::Entity::update_many()
        .col_expr(C::AcknowledgedAt, Expr::value(super::now()))
        .col_expr(C::AcknowledgedBy, Expr::value(user_id))
        .col_expr(C::AckNote, Expr::value(note.to_owned()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await?;
    let after = get(conn, id).await?;
    super::check_version_hit(res.rows_affected, Some(etag("alert", id, after.version)))?;
    Ok((before, after))
}
