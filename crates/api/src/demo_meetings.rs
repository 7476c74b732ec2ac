//! Loads the demo meetings (`ioc_demo::demo_meetings`) after the demo projects: the closed
//! weekly review gets its snapshot and its directives with tasks, like one run in the app.

use std::collections::HashMap;

use chrono::NaiveDate;
use ioc_domain::direction::DirectiveSource;
use ioc_domain::dto::{AgendaItemInput, DirectiveInput, DirectiveMode, MeetingInput, TaskInput};
use ioc_domain::policy::Actor;
use ioc_domain::{MeetingState, Role};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::entities::{project, user};
use crate::store;

/// Applies a demo task's history through the same transition rule as the API: unit actions
/// by the lead unit's editor (an administrator for units without a demo account), decisions
/// by the coordinator.
async fn play_steps(
    conn: &impl ConnectionTrait,
    mut row: crate::entities::task::Model,
    steps: &[ioc_demo::DemoTaskStep],
    meeting_at: chrono::DateTime<chrono::Utc>,
    users: &HashMap<String, user::Model>,
    coordinator: &Actor,
) -> anyhow::Result<()> {
    use ioc_domain::direction::TaskAction as A;
    let as_actor = |u: &user::Model| Actor {
        user_id: u.id,
        role: Role::parse(&u.role).unwrap_or(Role::Viewer),
        unit_id: u.unit_id,
    };
    let editor = users
        .values()
        .find(|u| u.role == Role::UnitEditor.as_str() && u.unit_id == Some(row.lead_unit_id))
        .or_else(|| users.values().find(|u| u.role == Role::Admin.as_str()))
        .map(as_actor)
        .ok_or_else(|| anyhow::anyhow!("demo tasks: no editor or administrator"))?;
    for st in steps {
        let at = meeting_at + chrono::Duration::days(st.days_after) + chrono::Duration::hours(2);
        let by = match st.action {
            A::Acknowledge | A::Start | A::ReportDone | A::RequestExtension => &editor,
            A::Confirm | A::Reopen | A::ApproveExtension | A::RefuseExtension => coordinator,
        };
        let input = ioc_domain::dto::TaskTransitionInput {
            action: st.action,
            note: st.note.clone(),
            new_deadline: st.new_deadline,
            evidence: st.evidence.clone(),
        };
        let valid = input
            .validate(row.deadline)
            .map_err(|e| anyhow::anyhow!("demo task step: {e:?}"))?;
        let today = at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive();
        row = store::tasks::transition::apply(conn, by, &row, row.version, &valid, today, at)
            .await
            .map_err(|e| anyhow::anyhow!("demo task step {}: {e:?}", st.action))?;
    }
    Ok(())
}

fn lookup(map: &HashMap<String, i32>, what: &str, key: &str) -> anyhow::Result<i32> {
    map.get(key)
        .copied()
        .ok_or_else(|| anyhow::anyhow!("demo meetings: unknown {what} {key}"))
}

pub async fn load(conn: &impl ConnectionTrait, units: &HashMap<String, i32>, today: NaiveDate) -> anyhow::Result<()> {
    let users: HashMap<String, user::Model> = user::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.username.clone(), u))
        .collect();
    let user_ids: HashMap<String, i32> = users.iter().map(|(k, u)| (k.clone(), u.id)).collect();
    let projects: HashMap<String, i32> = project::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();
    let coordinator = users
        .values()
        .find(|u| u.role == Role::Coordinator.as_str())
        .ok_or_else(|| anyhow::anyhow!("demo meetings: no coordinator"))?;
    let actor = Actor {
        user_id: coordinator.id,
        role: Role::Coordinator,
        unit_id: coordinator.unit_id,
    };
    let api = |e: crate::error::ApiError| anyhow::anyhow!("demo meetings: {e:?}");
    for dm in ioc_demo::demo_meetings(today) {
        // The synthetic (benchmark) sets have other project codes: no meetings for them.
        if dm.agenda.iter().any(|(code, _)| !projects.contains_key(code)) {
            continue;
        }
        let input = MeetingInput {
            title: dm.title.clone(),
            kind: dm.kind,
            starts_at: dm.starts_at,
            location: dm.location.clone(),
            chair_user_id: lookup(&user_ids, "user", &dm.chair_username)?,
            attendee_user_ids: dm
                .attendee_usernames
                .iter()
                .map(|u| lookup(&user_ids, "user", u))
                .collect::<anyhow::Result<_>>()?,
            attendee_unit_ids: dm
                .attendee_unit_codes
                .iter()
                .map(|u| lookup(units, "unit", u))
                .collect::<anyhow::Result<_>>()?,
            agenda: dm
                .agenda
                .iter()
                .map(|(code, notes)| {
                    Ok(AgendaItemInput {
                        project_id: Some(lookup(&projects, "project", code)?),
                        difficulty_id: None,
                        notes: notes.clone(),
                    })
                })
                .collect::<anyhow::Result<_>>()?,
            notice_number: dm.notice_number.clone(),
        };
        let valid = input.validate().map_err(|e| anyhow::anyhow!("demo meeting: {e:?}"))?;
        let m = store::meetings::create(conn, &valid, coordinator.id, dm.starts_at)
            .await
            .map_err(api)?;
        let mut version = m.version;
        if dm.started {
            let started = store::meetings::transition(conn, m.id, version, MeetingState::InProgress, dm.starts_at)
                .await
                .map_err(api)?;
            store::meetings::take_snapshot(conn, m.id, &actor, dm.starts_at, dm.starts_at.date_naive())
                .await
                .map_err(api)?;
            version = started.version;
        }
        for d in &dm.directives {
            let input = DirectiveInput {
                text: d.text.clone(),
                issued_by: Some(lookup(&user_ids, "user", &dm.chair_username)?),
                issued_on: dm.starts_at.date_naive(),
                source: DirectiveSource::Meeting,
                meeting_id: Some(m.id),
                document_number: None,
                priority: ioc_domain::direction::Priority::High,
                project_ids: d
                    .project_codes
                    .iter()
                    .map(|c| lookup(&projects, "project", c))
                    .collect::<anyhow::Result<_>>()?,
                difficulty_ids: vec![],
                tasks: d
                    .tasks
                    .iter()
                    .map(|t| {
                        Ok(TaskInput {
                            description: t.description.clone(),
                            lead_unit_id: lookup(units, "unit", &t.lead_unit_code)?,
                            supporting_unit_ids: t
                                .supporting_unit_codes
                                .iter()
                                .map(|u| lookup(units, "unit", u))
                                .collect::<anyhow::Result<_>>()?,
                            assignee_user_id: None,
                            deadline: t.deadline,
                            expected_result: t.expected_result.clone(),
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
            };
            let valid = input
                .validate(today, DirectiveMode::Create)
                .map_err(|e| anyhow::anyhow!("demo directive: {e:?}"))?;
            let (_, rows) = store::directives::create(conn, &valid, &actor, dm.starts_at)
                .await
                .map_err(api)?;
            for (row, t) in rows.into_iter().zip(&d.tasks) {
                play_steps(conn, row, &t.steps, dm.starts_at, &users, &actor).await?;
            }
        }
        if dm.closed {
            let close_at = dm.starts_at + chrono::Duration::hours(3);
            store::meetings::transition(conn, m.id, version, MeetingState::Closed, close_at)
                .await
                .map_err(api)?;
        }
    }
    Ok(())
}
