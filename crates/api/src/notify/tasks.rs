//! Notices of the direction loop (seed 001 §III.3: "tự động thông báo đến các đơn vị thực
//! hiện"): a task given to a unit, each step of its handling, the reminders before its
//! deadline, the daily overdue notice, and a directive recorded. Each is emitted in the
//! transaction of the change that causes it, so a change is never stored without its notice
//! (nor a notice sent for a change that rolled back).

use chrono::{DateTime, NaiveDate, Utc};
use ioc_domain::direction::TaskEventKind;
use ioc_domain::{NotificationEvent, Role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{emit, Audience, Notice};
use crate::entities::{directive, task, task_event, task_supporting_unit, unit};
use crate::error::ApiError;

/// What a notice needs to know of a task.
struct TaskFacts {
    task: task::Model,
    directive: directive::Model,
    supporting: Vec<i32>,
    lead_unit: String,
}

async fn facts(conn: &impl ConnectionTrait, task_id: i32) -> Result<TaskFacts, ApiError> {
    let task = task::Entity::find_by_id(task_id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let directive = directive::Entity::find_by_id(task.directive_id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let supporting = task_supporting_unit::Entity::find()
        .filter(task_supporting_unit::Column::TaskId.eq(task_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.unit_id)
        .collect();
    let lead_unit = unit::Entity::find_by_id(task.lead_unit_id)
        .one(conn)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    Ok(TaskFacts {
        task,
        directive,
        supporting,
        lead_unit,
    })
}

/// A short form of a long text for a notice title.
fn short(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

impl TaskFacts {
    fn lead(&self) -> Vec<Audience> {
        let mut a = vec![Audience::Unit(self.task.lead_unit_id)];
        a.extend(self.task.assignee_user_id.map(Audience::User));
        a
    }

    /// Whoever answers for the directive: its leader and who recorded it.
    fn issuers(&self) -> Vec<Audience> {
        let mut a = vec![Audience::User(self.directive.issued_by)];
        if self.directive.recorded_by != self.directive.issued_by {
            a.push(Audience::User(self.directive.recorded_by));
        }
        a
    }

    fn body_vi(&self) -> String {
        format!(
            "Ý kiến chỉ đạo: {}\nNhiệm vụ: {}\nĐơn vị chủ trì: {}\nHạn xử lý: {}",
            short(&self.directive.text),
            self.task.description,
            self.lead_unit,
            date(self.task.deadline)
        )
    }

    fn body_en(&self) -> String {
        format!(
            "Directive: {}\nTask: {}\nLead unit: {}\nDeadline: {}",
            short(&self.directive.text),
            self.task.description,
            self.lead_unit,
            date(self.task.deadline)
        )
    }

    fn payload(&self, what: &str) -> serde_json::Value {
        serde_json::json!({
            "event": what,
            "task_id": self.task.id,
            "directive_id": self.directive.id,
            "state": self.task.state,
            "lead_unit_id": self.task.lead_unit_id,
            "supporting_unit_ids": self.supporting,
            "deadline": self.task.deadline,
        })
    }

    fn link(&self) -> Option<String> {
        Some(format!("/tasks/{}", self.task.id))
    }
}

/// A task event was recorded (called by `store::tasks::events::record`, in its transaction).
pub async fn task_event(conn: &impl ConnectionTrait, e: &task_event::Model) -> Result<(), ApiError> {
    let f = facts(conn, e.task_id).await?;
    let kind = TaskEventKind::parse(&e.kind).unwrap_or(TaskEventKind::Updated);
    let (event, audience) = match kind {
        TaskEventKind::Created => {
            let mut a = f.lead();
            a.extend(f.supporting.iter().copied().map(Audience::Unit));
            (NotificationEvent::TaskAssigned, a)
        }
        // The unit moved: those who follow the directive for the province are told; a done
        // report and an extension request wait for a coordinator's decision.
        TaskEventKind::Acknowledge | TaskEventKind::Start => (NotificationEvent::TaskStateChanged, f.issuers()),
        TaskEventKind::ReportDone | TaskEventKind::RequestExtension => {
            let mut a = f.issuers();
            a.push(Audience::Role(Role::Coordinator));
            (NotificationEvent::TaskStateChanged, a)
        }
        // The province decided: the unit is told.
        TaskEventKind::Confirm | TaskEventKind::Reopen => (NotificationEvent::TaskStateChanged, f.lead()),
        TaskEventKind::ApproveExtension | TaskEventKind::RefuseExtension => {
            (NotificationEvent::ExtensionDecided, f.lead())
        }
        TaskEventKind::Updated => return Ok(()),
    };
    let what_vi = match kind {
        TaskEventKind::Created => "Nhiệm vụ mới được giao".to_owned(),
        k => k.label_vi().to_owned(),
    };
    let what_en = match kind {
        TaskEventKind::Created => "New task assigned".to_owned(),
        k => k.label_en().to_owned(),
    };
    let note = if e.note.is_empty() {
        String::new()
    } else {
        format!("\nGhi chú / Note: {}", e.note)
    };
    emit(
        conn,
        e.at,
        Notice {
            event,
            audience,
            title_vi: format!("{what_vi}: {}", short(&f.task.description)),
            title_en: format!("{what_en}: {}", short(&f.task.description)),
            body_vi: format!("{}{note}", f.body_vi()),
            body_en: format!("{}{note}", f.body_en()),
            link: f.link(),
            dedupe_key: format!("task_event:{}", e.id),
            payload: f.payload(kind.as_str()),
        },
    )
    .await?;
    Ok(())
}

/// The deadline is `days_before` days away (from the deadline scan, once per offset).
pub async fn reminder(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    task_id: i32,
    days_before: i64,
) -> Result<(), ApiError> {
    let f = facts(conn, task_id).await?;
    emit(
        conn,
        now,
        Notice {
            event: NotificationEvent::TaskDueSoon,
            audience: f.lead(),
            title_vi: format!(
                "Nhiệm vụ sắp đến hạn (còn {days_before} ngày): {}",
                short(&f.task.description)
            ),
            title_en: format!("Task due in {days_before} days: {}", short(&f.task.description)),
            body_vi: f.body_vi(),
            body_en: f.body_en(),
            link: f.link(),
            dedupe_key: format!("task_due_soon:{}:{}:{days_before}", f.task.id, f.task.deadline),
            payload: f.payload("due_soon"),
        },
    )
    .await?;
    Ok(())
}

/// The task is overdue on `today` (from the deadline scan, once a day).
pub async fn overdue(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    task_id: i32,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let f = facts(conn, task_id).await?;
    let days = (today - f.task.deadline).num_days();
    let mut audience = f.lead();
    audience.extend(f.issuers());
    emit(
        conn,
        now,
        Notice {
            event: NotificationEvent::TaskOverdue,
            audience,
            title_vi: format!("Nhiệm vụ quá hạn {days} ngày: {}", short(&f.task.description)),
            title_en: format!("Task {days} days overdue: {}", short(&f.task.description)),
            body_vi: f.body_vi(),
            body_en: f.body_en(),
            link: f.link(),
            dedupe_key: format!("task_overdue:{}:{today}", f.task.id),
            payload: f.payload("overdue"),
        },
    )
    .await?;
    Ok(())
}

/// A directive was recorded: the leader it is recorded for is told when someone else recorded
/// it, and webhook subscribers get `directive.created`.
pub async fn directive_created(conn: &impl ConnectionTrait, d: &directive::Model) -> Result<(), ApiError> {
    let audience = if d.recorded_by != d.issued_by {
        vec![Audience::User(d.issued_by)]
    } else {
        Vec::new()
    };
    emit(
        conn,
        d.created_at,
        Notice {
            event: NotificationEvent::DirectiveCreated,
            audience,
            title_vi: format!("Ý kiến chỉ đạo đã được ghi nhận: {}", short(&d.text)),
            title_en: format!("Directive recorded: {}", short(&d.text)),
            body_vi: d.text.clone(),
            body_en: d.text.clone(),
            link: Some(format!("/directives/{}", d.id)),
            dedupe_key: format!("directive_created:{}", d.id),
            payload: serde_json::json!({
                "event": "directive_created",
                "directive_id": d.id,
                "source": d.source,
                "meeting_id": d.meeting_id,
                "document_number": d.document_number,
                "priority": d.priority,
                "issued_on": d.issued_on,
            }),
        },
    )
    .await?;
    Ok(())
}
