//! Group 5 — Chỉ đạo, điều hành: tasks by state, overdue by lead unit, the share confirmed on
//! time and the oldest overdue tasks.
//!
//! Which tasks count: those of directives related to a project the project filter keeps, and
//! those of directives related to no project at all (province-wide directives always count
//! here, they raise no project alert). The task filter (`task_unit`, deadline range) narrows
//! further. The tasks are few (hundreds), so they are read once and counted in Rust: the
//! figures are the same on SQLite and PostgreSQL by construction.

use std::collections::HashMap;

use chrono::NaiveDate;
use ioc_domain::direction::{deadline_status, DeadlineStatus, TaskState};
use ioc_domain::dto::{DirectionBoard, OverdueTask, TaskStateCount, UnitOverdue};
use ioc_domain::Percent;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Deserialize;

use super::{filtered_ids, DashboardParams};
use crate::entities::{directive_project, task};
use crate::error::ApiError;
use crate::store::projects::ProjectFilter;
use crate::store::tasks::{self, TaskFilter, Viewer};

/// The direction group's own filters, beside the project filter.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectionParams {
    /// Tasks this unit leads or supports.
    pub task_unit: Option<i32>,
    /// Deadline on or after this date.
    pub deadline_from: Option<NaiveDate>,
    /// Deadline on or before this date.
    pub deadline_to: Option<NaiveDate>,
}

pub async fn direction(
    conn: &impl ConnectionTrait,
    f: &ProjectFilter,
    d: &DirectionParams,
    p: &DashboardParams,
    v: &Viewer,
) -> Result<DirectionBoard, ApiError> {
    use task::Column as C;
    let top = usize::try_from(p.top()?).unwrap_or(5);
    let today = v.today;
    let filter = TaskFilter {
        unit: d.task_unit,
        deadline_from: d.deadline_from,
        deadline_to: d.deadline_to,
        ..TaskFilter::default()
    };
    let linked_to_kept = Query::select()
        .column(directive_project::Column::DirectiveId)
        .from(directive_project::Entity)
        .and_where(Expr::col(directive_project::Column::ProjectId).in_subquery(filtered_ids(conn, f).await?))
        .to_owned();
    let linked_to_any = Query::select()
        .column(directive_project::Column::DirectiveId)
        .from(directive_project::Entity)
        .to_owned();
    let rows = task::Entity::find()
        .filter(tasks::condition(&filter, today, v.due_soon_days)?)
        .filter(
            Condition::any()
                .add(C::DirectiveId.in_subquery(linked_to_kept))
                .add(C::DirectiveId.not_in_subquery(linked_to_any)),
        )
        .all(conn)
        .await?;
    let mut by_state: HashMap<TaskState, u64> = HashMap::new();
    let mut per_unit: HashMap<i32, (u64, u64)> = HashMap::new();
    let (mut overdue_total, mut due_soon_total, mut confirmed_total, mut confirmed_on_time) = (0, 0, 0, 0);
    let mut overdue_rows = Vec::new();
    for t in rows {
        let dates = tasks::views::dates(&t);
        *by_state.entry(dates.state).or_default() += 1;
        let slot = per_unit.entry(t.lead_unit_id).or_default();
        slot.0 += 1;
        match deadline_status(&dates, today, v.due_soon_days) {
            DeadlineStatus::Overdue => {
                overdue_total += 1;
                slot.1 += 1;
                overdue_rows.push(t);
            }
            DeadlineStatus::DueSoon => due_soon_total += 1,
            DeadlineStatus::DoneOnTime => {
                confirmed_total += 1;
                confirmed_on_time += 1;
            }
            DeadlineStatus::DoneLate => confirmed_total += 1,
            DeadlineStatus::OnTime => {}
        }
    }
    let units = crate::store::units::all_by_id(conn).await?;
    let mut overdue_by_unit: Vec<UnitOverdue> = per_unit
        .into_iter()
        .filter_map(|(id, (total, overdue))| {
            units.get(&id).map(|u| UnitOverdue {
                unit: crate::store::units::unit_ref(u),
                total,
                overdue,
            })
        })
        .collect();
    overdue_by_unit.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.unit.name.cmp(&b.unit.name)));
    overdue_rows.sort_by_key(|t| (t.deadline, t.id));
    overdue_rows.truncate(top);
    let oldest_overdue = tasks::views::task_views(conn, overdue_rows, v)
        .await?
        .into_iter()
        .map(|t| OverdueTask {
            task_id: t.id,
            directive_id: t.directive_id,
            description: t.description,
            lead_unit: t.lead_unit,
            deadline: t.deadline,
            days_overdue: t.days_overdue,
            state: t.state,
            projects: t.projects,
        })
        .collect();
    let share = (confirmed_total > 0).then(|| {
        Percent::clamped(
            rust_decimal::Decimal::from(confirmed_on_time * 100) / rust_decimal::Decimal::from(confirmed_total),
        )
    });
    Ok(DirectionBoard {
        as_of: today,
        total: by_state.values().sum(),
        by_state: TaskState::ALL
            .iter()
            .map(|s| TaskStateCount {
                state: *s,
                label_vi: s.label_vi().into(),
                label_en: s.label_en().into(),
                count: by_state.get(s).copied().unwrap_or(0),
            })
            .collect(),
        overdue_total,
        due_soon_total,
        overdue_by_unit,
        confirmed_total,
        confirmed_on_time,
        confirmed_on_time_share: share,
        oldest_overdue,
    })
}
