//! The follow-up report (tình hình thực hiện ý kiến chỉ đạo): every task the list's filter
//! keeps (no paging, at most [`MAX_ROWS`]), tallied by lead unit, with each task's directive
//! and its last report. The XLSX writer is `store::exports::task_report`.

use std::collections::HashMap;

use chrono::NaiveDate;
use ioc_domain::direction::{DirectiveSource, FollowUpTally};
use ioc_domain::dto::TaskView;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use super::{condition, views, TaskFilter, Viewer};
use crate::entities::{directive, meeting, task, task_event, user};
use crate::error::ApiError;

/// The most tasks one report holds; a wider filter answers 422.
pub const MAX_ROWS: u64 = 10_000;

/// The report's period, as the SPA names it: the deadline range of the task list
/// (`deadline_from`/`deadline_to` work too; `from`/`to` win when both are given).
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportPeriod {
    /// Deadline on or after this date.
    pub from: Option<NaiveDate>,
    /// Deadline on or before this date.
    pub to: Option<NaiveDate>,
}

/// One lead unit's line of the summary sheet.
#[derive(Debug, Clone)]
pub struct UnitLine {
    pub unit_name: String,
    pub tally: FollowUpTally,
}

/// One task of the detail sheet: its view, and what the view does not carry.
#[derive(Debug, Clone)]
pub struct TaskLine {
    pub task: TaskView,
    /// Meeting title, document number, or "Chỉ đạo trực tiếp".
    pub source_text: String,
    pub issued_by: String,
    /// The done report's note, else the latest note in the task's history.
    pub last_report: Option<(String, NaiveDate)>,
}

#[derive(Debug, Clone)]
pub struct FollowUpReport {
    pub today: NaiveDate,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub units: Vec<UnitLine>,
    pub total: FollowUpTally,
    pub tasks: Vec<TaskLine>,
}

/// The filter with the period applied.
pub fn with_period(f: &TaskFilter, p: &ReportPeriod) -> TaskFilter {
    TaskFilter {
        deadline_from: p.from.or(f.deadline_from),
        deadline_to: p.to.or(f.deadline_to),
        page: None,
        per_page: None,
        ..f.clone()
    }
}

pub async fn load(conn: &impl ConnectionTrait, f: &TaskFilter, v: &Viewer) -> Result<FollowUpReport, ApiError> {
    let sel = task::Entity::find().filter(condition(f, v.today, v.due_soon_days)?);
    let count = sel.clone().count(conn).await?;
    if count > MAX_ROWS {
        return Err(ApiError::field(
            "filter",
            "too_many_rows",
            format!("Báo cáo có {count} nhiệm vụ, vượt quá {MAX_ROWS}: hãy thu hẹp bộ lọc."),
            format!("The report would hold {count} tasks, more than {MAX_ROWS}: narrow the filter."),
        ));
    }
    let rows = sel
        .order_by_asc(task::Column::LeadUnitId)
        .order_by_asc(task::Column::Deadline)
        .order_by_asc(task::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|t| t.id).collect();
    let dir_ids: Vec<i32> = rows.iter().map(|t| t.directive_id).collect();
    let directives: HashMap<i32, directive::Model> = directive::Entity::find()
        .filter(directive::Column::Id.is_in(dir_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let meetings: HashMap<i32, String> = meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(directives.values().filter_map(|d| d.meeting_id).collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    let issuers: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(directives.values().map(|d| d.issued_by).collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let mut latest_note: HashMap<i32, (String, NaiveDate)> = HashMap::new();
    for e in task_event::Entity::find()
        .filter(task_event::Column::TaskId.is_in(ids))
        .filter(task_event::Column::Note.ne(""))
        .order_by_asc(task_event::Column::At)
        .order_by_asc(task_event::Column::Id)
        .all(conn)
        .await?
    {
        let on = e.at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive();
        latest_note.insert(e.task_id, (e.note, on));
    }
    let mut units: Vec<UnitLine> = Vec::new();
    let mut total = FollowUpTally::default();
    let mut tasks = Vec::with_capacity(rows.len());
    for t in views::task_views(conn, rows, v).await? {
        if units.last().is_none_or(|u| u.unit_name != t.lead_unit.name) {
            units.push(UnitLine {
                unit_name: t.lead_unit.name.clone(),
                tally: FollowUpTally::default(),
            });
        }
        if let Some(u) = units.last_mut() {
            u.tally.add(t.deadline_status);
        }
        total.add(t.deadline_status);
        let d = directives.get(&t.directive_id);
        let source_text = match t.directive_source {
            DirectiveSource::Meeting => d
                .and_then(|d| d.meeting_id)
                .and_then(|m| meetings.get(&m).cloned())
                .unwrap_or_else(|| DirectiveSource::Meeting.label_vi().into()),
            DirectiveSource::Document => t.directive_document_number.clone().unwrap_or_default(),
            DirectiveSource::AdHoc => DirectiveSource::AdHoc.label_vi().into(),
        };
        let last_report = match &t.last_report {
            Some(r) if !r.note.is_empty() => Some((r.note.clone(), r.reported_on)),
            _ => latest_note.remove(&t.id),
        };
        tasks.push(TaskLine {
            issued_by: d.and_then(|d| issuers.get(&d.issued_by).cloned()).unwrap_or_default(),
            source_text,
            last_report,
            task: t,
        });
    }
    // Rows came by lead unit id: two units of one name would make two lines, which is right.
    units.sort_by(|a, b| a.unit_name.cmp(&b.unit_name));
    tasks.sort_by(|a, b| {
        (a.task.lead_unit.name.as_str(), a.task.deadline, a.task.id).cmp(&(
            b.task.lead_unit.name.as_str(),
            b.task.deadline,
            b.task.id,
        ))
    });
    Ok(FollowUpReport {
        today: v.today,
        from: f.deadline_from,
        to: f.deadline_to,
        units,
        total,
        tasks,
    })
}
