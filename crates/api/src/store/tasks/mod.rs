//! Tasks (nhiệm vụ) of directives: create, list with the follow-up filters, read, and move on
//! by the domain's transition rule. Every change leaves its line through [`events::record`].

pub mod events;
pub mod report;
mod scan;
pub mod transition;
pub mod views;

use chrono::NaiveDate;
use ioc_domain::direction::{DirectiveSource, TaskEventKind, TaskState};
use ioc_domain::dto::{Page, TaskView, ValidTask};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::Deserialize;

pub use scan::{scan_deadlines, ScanResult};
pub use transition::{apply, invalid};
pub use views::Viewer;

use crate::entities::{directive, directive_project, task, task_supporting_unit, user};
use crate::error::ApiError;

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskFilter {
    /// Tasks this unit leads or supports.
    pub unit: Option<i32>,
    /// Tasks this unit leads.
    pub lead_unit: Option<i32>,
    /// State code; several separated by commas.
    pub state: Option<String>,
    /// Deadline on or after this date.
    pub deadline_from: Option<NaiveDate>,
    /// Deadline on or before this date.
    pub deadline_to: Option<NaiveDate>,
    /// Tasks of directives related to this project.
    pub project_id: Option<i32>,
    pub directive_id: Option<i32>,
    /// Directive source: `meeting`, `document` or `ad_hoc`.
    pub source: Option<String>,
    pub meeting_id: Option<i32>,
    /// Only overdue tasks (past the deadline, not confirmed).
    pub overdue: Option<bool>,
    /// Only tasks not confirmed whose deadline is within the due-soon days from today.
    pub due_soon: Option<bool>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// The filter as a condition on `tasks` (shared by the list, the dashboard and the report).
pub fn condition(f: &TaskFilter, today: NaiveDate, due_soon_days: i64) -> Result<Condition, ApiError> {
    use task::Column as C;
    let mut errs = ioc_domain::ValidationErrors::new();
    ioc_domain::dates::check_dates(
        &mut errs,
        [("deadline_from", f.deadline_from), ("deadline_to", f.deadline_to)],
    );
    if !errs.is_empty() {
        return Err(errs.into());
    }
    let mut cond = Condition::all();
    if let Some(u) = f.unit {
        cond = cond.add(
            Condition::any().add(C::LeadUnitId.eq(u)).add(
                C::Id.in_subquery(
                    Query::select()
                        .column(task_supporting_unit::Column::TaskId)
                        .from(task_supporting_unit::Entity)
                        .and_where(Expr::col(task_supporting_unit::Column::UnitId).eq(u))
                        .to_owned(),
                ),
            ),
        );
    }
    if let Some(u) = f.lead_unit {
        cond = cond.add(C::LeadUnitId.eq(u));
    }
    if let Some(v) = crate::store::code_list("state", &f.state, TaskState::parse)? {
        cond = cond.add(C::State.is_in(v));
    }
    if let Some(d) = f.deadline_from {
        cond = cond.add(C::Deadline.gte(d));
    }
    if let Some(d) = f.deadline_to {
        cond = cond.add(C::Deadline.lte(d));
    }
    if let Some(p) = f.project_id {
        cond = cond.add(C::DirectiveId.in_subquery(crate::store::directives::related_to_project(p)));
    }
    if let Some(d) = f.directive_id {
        cond = cond.add(C::DirectiveId.eq(d));
    }
    let source = match f.source.as_deref() {
        None | Some("") => None,
        Some(s) => Some(DirectiveSource::parse(s).ok_or_else(|| {
            ApiError::field(
                "source",
                "invalid_choice",
                "Nguồn chỉ đạo là meeting, document hoặc ad_hoc.",
                "The source is meeting, document or ad_hoc.",
            )
        })?),
    };
    if source.is_some() || f.meeting_id.is_some() {
        let mut q = Query::select();
        q.column(directive::Column::Id).from(directive::Entity);
        if let Some(s) = source {
            q.and_where(Expr::col(directive::Column::Source).eq(s.as_str()));
        }
        if let Some(m) = f.meeting_id {
            q.and_where(Expr::col(directive::Column::MeetingId).eq(m));
        }
        cond = cond.add(C::DirectiveId.in_subquery(q.to_owned()));
    }
    let confirmed = TaskState::Confirmed.as_str();
    match f.overdue {
        Some(true) => cond = cond.add(C::State.ne(confirmed)).add(C::Deadline.lt(today)),
        Some(false) => cond = cond.add(Condition::any().add(C::State.eq(confirmed)).add(C::Deadline.gte(today))),
        None => {}
    }
    if f.due_soon == Some(true) {
        cond = cond
            .add(C::State.ne(confirmed))
            .add(C::Deadline.gte(today))
            .add(C::Deadline.lte(today + chrono::Duration::days(due_soon_days)));
    }
    Ok(cond)
}

pub async fn list(conn: &impl ConnectionTrait, f: &TaskFilter, v: &Viewer) -> Result<Page<TaskView>, ApiError> {
    let paging = crate::store::paging(&f.page, &f.per_page)?;
    let sel = task::Entity::find().filter(condition(f, v.today, v.due_soon_days)?);
    let total = sel.clone().count(conn).await?;
    let rows = sel
        .order_by_asc(task::Column::Deadline)
        .order_by_asc(task::Column::Id)
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: views::task_views(conn, rows, v).await?,
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<task::Model, ApiError> {
    task::Entity::find_by_id(id).one(conn).await?.ok_or(ApiError::NotFound)
}

/// Creates a task of a directive (units and assignee checked) and records its `created` event.
pub async fn create(
    conn: &impl ConnectionTrait,
    directive_id: i32,
    t: &ValidTask,
    field_prefix: &str,
    actor_id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<task::Model, ApiError> {
    let lead = crate::store::units::require(conn, &format!("{field_prefix}lead_unit_id"), t.lead_unit_id).await?;
    for u in &t.supporting_unit_ids {
        crate::store::units::require(conn, &format!("{field_prefix}supporting_unit_ids"), *u).await?;
    }
    if let Some(uid) = t.assignee_user_id {
        let ok = user::Entity::find_by_id(uid)
            .one(conn)
            .await?
            .is_some_and(|u| u.active && u.unit_id == Some(lead.id));
        if !ok {
            return Err(ApiError::field(
                &format!("{field_prefix}assignee_user_id"),
                "not_of_lead_unit",
                "Người thực hiện phải là tài khoản đang hoạt động của đơn vị chủ trì.",
                "The assignee must be an active user of the lead unit.",
            ));
        }
    }
    let row = task::ActiveModel {
        directive_id: Set(directive_id),
        description: Set(t.description.clone()),
        lead_unit_id: Set(t.lead_unit_id),
        assignee_user_id: Set(t.assignee_user_id),
        deadline: Set(t.deadline),
        original_deadline: Set(t.deadline),
        expected_result: Set(t.expected_result.clone()),
        state: Set(TaskState::Assigned.as_str().into()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    if !t.supporting_unit_ids.is_empty() {
        task_supporting_unit::Entity::insert_many(t.supporting_unit_ids.iter().map(|u| {
            task_supporting_unit::ActiveModel {
                task_id: Set(row.id),
                unit_id: Set(*u),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    events::record(
        conn,
        events::TaskEvent {
            task_id: row.id,
            kind: TaskEventKind::Created,
            from: None,
            to: TaskState::Assigned,
            note: "",
            evidence: None,
            deadline: Some(t.deadline),
            actor_id,
            at: now,
        },
    )
    .await?;
    Ok(row)
}

/// Deadlines of the overdue tasks (not confirmed, deadline before `today`) of directives
/// related to the project: the `task_overdue` alert's facts.
pub async fn overdue_deadlines_of_project(
    conn: &impl ConnectionTrait,
    project_id: i32,
    today: NaiveDate,
) -> Result<Vec<NaiveDate>, ApiError> {
    let f = TaskFilter {
        project_id: Some(project_id),
        overdue: Some(true),
        ..TaskFilter::default()
    };
    Ok(task::Entity::find()
        .filter(condition(&f, today, 0)?)
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.deadline)
        .collect())
}

/// The projects related to a task's directive: their alerts change with the task.
pub async fn project_ids_of_directive(conn: &impl ConnectionTrait, directive_id: i32) -> Result<Vec<i32>, ApiError> {
    Ok(directive_project::Entity::find()
        .filter(directive_project::Column::DirectiveId.eq(directive_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.project_id)
        .collect())
}
