//! Tasks and directives as the API shows them: the rows with their units, people, projects
//! and the rules' derived answers (deadline status, the caller's available actions).

use std::collections::HashMap;

use chrono::NaiveDate;
use ioc_domain::direction::{
    available_actions, days_overdue, deadline_status, DirectiveSource, Priority, TaskDates, TaskFacts, TaskState,
};
use ioc_domain::dto::{DirectiveView, DoneReportView, ExtensionRequestView, ProjectRef, TaskView, UserRef};
use ioc_domain::Actor;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{directive, directive_difficulty, directive_project, task, task_supporting_unit, user};
use crate::error::ApiError;
use crate::store::units;

/// Who is asking and when: the derived fields depend on both.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub actor: Actor,
    pub today: NaiveDate,
    pub due_soon_days: i64,
}

pub fn state_of(t: &task::Model) -> TaskState {
    TaskState::parse(&t.state).unwrap_or(TaskState::Assigned)
}

pub fn facts(t: &task::Model) -> TaskFacts {
    TaskFacts {
        lead_unit_id: t.lead_unit_id,
        state: state_of(t),
        extension_pending: t.ext_requested_deadline.is_some(),
    }
}

pub fn dates(t: &task::Model) -> TaskDates {
    TaskDates {
        state: state_of(t),
        deadline: t.deadline,
        done_reported_on: t.done_reported_on,
    }
}

pub fn user_ref(u: Option<&user::Model>, id: i32) -> UserRef {
    match u {
        Some(u) => UserRef {
            id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
        },
        None => UserRef {
            id,
            username: String::new(),
            display_name: String::new(),
        },
    }
}

/// Everything the views of some tasks and directives refer to, loaded in a few queries.
struct Lookup {
    directives: HashMap<i32, directive::Model>,
    projects_of: HashMap<i32, Vec<ProjectRef>>,
    difficulties_of: HashMap<i32, Vec<i32>>,
    supporting_of: HashMap<i32, Vec<i32>>,
    units: HashMap<i32, crate::entities::unit::Model>,
    users: HashMap<i32, user::Model>,
}

async fn lookup(
    conn: &impl ConnectionTrait,
    directives: Vec<directive::Model>,
    tasks: &[task::Model],
) -> Result<Lookup, ApiError> {
    let mut dirs: HashMap<i32, directive::Model> = directives.into_iter().map(|d| (d.id, d)).collect();
    let missing: Vec<i32> = tasks
        .iter()
        .map(|t| t.directive_id)
        .filter(|id| !dirs.contains_key(id))
        .collect();
    if !missing.is_empty() {
        for d in directive::Entity::find()
            .filter(directive::Column::Id.is_in(missing))
            .all(conn)
            .await?
        {
            dirs.insert(d.id, d);
        }
    }
    let dir_ids: Vec<i32> = dirs.keys().copied().collect();
    let links = directive_project::Entity::find()
        .filter(directive_project::Column::DirectiveId.is_in(dir_ids.clone()))
        .all(conn)
        .await?;
    let projects = crate::store::projects::by_ids(conn, links.iter().map(|l| l.project_id).collect()).await?;
    let mut projects_of: HashMap<i32, Vec<ProjectRef>> = HashMap::new();
    for l in &links {
        if let Some(p) = projects.get(&l.project_id) {
            projects_of.entry(l.directive_id).or_default().push(ProjectRef {
                id: p.id,
                code: p.code.clone(),
                name: p.name.clone(),
            });
        }
    }
    for v in projects_of.values_mut() {
        v.sort_by(|a, b| a.code.cmp(&b.code));
    }
    let mut difficulties_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for l in directive_difficulty::Entity::find()
        .filter(directive_difficulty::Column::DirectiveId.is_in(dir_ids))
        .all(conn)
        .await?
    {
        difficulties_of.entry(l.directive_id).or_default().push(l.difficulty_id);
    }
    for v in difficulties_of.values_mut() {
        v.sort_unstable();
    }
    let mut supporting_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for s in task_supporting_unit::Entity::find()
        .filter(task_supporting_unit::Column::TaskId.is_in(tasks.iter().map(|t| t.id).collect::<Vec<_>>()))
        .all(conn)
        .await?
    {
        supporting_of.entry(s.task_id).or_default().push(s.unit_id);
    }
    let mut user_ids: Vec<i32> = dirs.values().flat_map(|d| [d.issued_by, d.recorded_by]).collect();
    for t in tasks {
        user_ids.extend(t.assignee_user_id);
        user_ids.extend(t.ext_requested_by);
        user_ids.extend(t.done_reported_by);
    }
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(Lookup {
        directives: dirs,
        projects_of,
        difficulties_of,
        supporting_of,
        units: units::all_by_id(conn).await?,
        users,
    })
}

fn unit_ref(l: &Lookup, id: i32) -> ioc_domain::dto::UnitRef {
    match l.units.get(&id) {
        Some(u) => units::unit_ref(u),
        None => ioc_domain::dto::UnitRef {
            id,
            code: String::new(),
            name: String::new(),
        },
    }
}

fn task_view(l: &Lookup, t: task::Model, v: &Viewer) -> TaskView {
    let d = l.directives.get(&t.directive_id);
    let mut supporting: Vec<_> = l
        .supporting_of
        .get(&t.id)
        .map(|ids| ids.iter().map(|id| unit_ref(l, *id)).collect())
        .unwrap_or_default();
    supporting.sort_by(|a: &ioc_domain::dto::UnitRef, b| a.name.cmp(&b.name));
    let extension_request = match (t.ext_requested_deadline, t.ext_requested_by, t.ext_requested_at) {
        (Some(deadline), Some(by), Some(at)) => Some(ExtensionRequestView {
            requested_deadline: deadline,
            reason: t.ext_reason.clone().unwrap_or_default(),
            requested_by: user_ref(l.users.get(&by), by),
            requested_at: at,
        }),
        _ => None,
    };
    let last_report = match (t.done_reported_on, t.done_reported_by) {
        (Some(on), Some(by)) => Some(DoneReportView {
            note: t.done_note.clone().unwrap_or_default(),
            evidence: t.done_evidence.clone(),
            reported_on: on,
            reported_by: user_ref(l.users.get(&by), by),
        }),
        _ => None,
    };
    let tdates = dates(&t);
    TaskView {
        id: t.id,
        directive_id: t.directive_id,
        directive_text: d.map(|d| d.text.clone()).unwrap_or_default(),
        directive_source: d
            .and_then(|d| DirectiveSource::parse(&d.source))
            .unwrap_or(DirectiveSource::AdHoc),
        directive_meeting_id: d.and_then(|d| d.meeting_id),
        directive_document_number: d.and_then(|d| d.document_number.clone()),
        priority: d.and_then(|d| Priority::parse(&d.priority)).unwrap_or(Priority::Normal),
        issued_on: d.map(|d| d.issued_on).unwrap_or(t.original_deadline),
        description: t.description.clone(),
        lead_unit: unit_ref(l, t.lead_unit_id),
        supporting_units: supporting,
        assignee: t.assignee_user_id.map(|id| user_ref(l.users.get(&id), id)),
        deadline: t.deadline,
        original_deadline: t.original_deadline,
        expected_result: t.expected_result.clone(),
        state: state_of(&t),
        extension_request,
        last_report,
        confirmed_on: t.confirmed_on,
        deadline_status: deadline_status(&tdates, v.today, v.due_soon_days),
        days_overdue: days_overdue(&tdates, v.today),
        projects: l.projects_of.get(&t.directive_id).cloned().unwrap_or_default(),
        available_actions: available_actions(&v.actor, &facts(&t)),
        version: t.version,
        created_at: t.created_at,
        updated_at: t.updated_at,
    }
}

pub async fn task_views(
    conn: &impl ConnectionTrait,
    rows: Vec<task::Model>,
    v: &Viewer,
) -> Result<Vec<TaskView>, ApiError> {
    let l = lookup(conn, Vec::new(), &rows).await?;
    Ok(rows.into_iter().map(|t| task_view(&l, t, v)).collect())
}

pub async fn task_view_one(conn: &impl ConnectionTrait, row: task::Model, v: &Viewer) -> Result<TaskView, ApiError> {
    Ok(task_views(conn, vec![row], v).await?.pop().expect("one view"))
}

pub async fn directive_views(
    conn: &impl ConnectionTrait,
    rows: Vec<directive::Model>,
    v: &Viewer,
) -> Result<Vec<DirectiveView>, ApiError> {
    let ids: Vec<i32> = rows.iter().map(|d| d.id).collect();
    let order: Vec<i32> = ids.clone();
    let tasks = task::Entity::find()
        .filter(task::Column::DirectiveId.is_in(ids))
        .all(conn)
        .await?;
    let l = lookup(conn, rows, &tasks).await?;
    let mut tasks_of: HashMap<i32, Vec<TaskView>> = HashMap::new();
    let mut tasks = tasks;
    tasks.sort_by_key(|t| t.id);
    for t in tasks {
        let did = t.directive_id;
        tasks_of.entry(did).or_default().push(task_view(&l, t, v));
    }
    Ok(order
        .into_iter()
        .filter_map(|id| l.directives.get(&id))
        .map(|d| DirectiveView {
            id: d.id,
            text: d.text.clone(),
            issued_by: user_ref(l.users.get(&d.issued_by), d.issued_by),
            recorded_by: user_ref(l.users.get(&d.recorded_by), d.recorded_by),
            issued_on: d.issued_on,
            source: DirectiveSource::parse(&d.source).unwrap_or(DirectiveSource::AdHoc),
            meeting_id: d.meeting_id,
            document_number: d.document_number.clone(),
            priority: Priority::parse(&d.priority).unwrap_or(Priority::Normal),
            projects: l.projects_of.get(&d.id).cloned().unwrap_or_default(),
            difficulty_ids: l.difficulties_of.get(&d.id).cloned().unwrap_or_default(),
            tasks: tasks_of.remove(&d.id).unwrap_or_default(),
            version: d.version,
            created_at: d.created_at,
            updated_at: d.updated_at,
        })
        .collect())
}
