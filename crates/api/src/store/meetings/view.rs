//! Meetings as the API shows them (`MeetingView`), built in batches for lists.

use std::collections::HashMap;

use ioc_domain::dto::{AgendaItemView, MeetingView, ProjectRef, UserRef};
use ioc_domain::policy::{can_manage_meetings, Actor};
use ioc_domain::{AgendaItemKind, MeetingKind};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::state_of;
use crate::entities::{difficulty, meeting, meeting_agenda_item, meeting_attendee, project, user};
use crate::error::ApiError;
use crate::store::units::unit_ref;

pub fn user_ref(u: &user::Model) -> UserRef {
    UserRef {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
    }
}

pub fn project_ref(p: &project::Model) -> ProjectRef {
    ProjectRef {
        id: p.id,
        code: p.code.clone(),
        name: p.name.clone(),
    }
}

/// The agenda rows of some meetings, in order.
pub async fn agenda_rows(
    conn: &impl ConnectionTrait,
    meeting_ids: Vec<i32>,
) -> Result<Vec<meeting_agenda_item::Model>, ApiError> {
    Ok(meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.is_in(meeting_ids))
        .order_by_asc(meeting_agenda_item::Column::MeetingId)
        .order_by_asc(meeting_agenda_item::Column::Position)
        .all(conn)
        .await?)
}

pub async fn view(conn: &impl ConnectionTrait, m: meeting::Model, actor: &Actor) -> Result<MeetingView, ApiError> {
    Ok(views(conn, vec![m], actor).await?.pop().expect("one view per meeting"))
}

/// Views of several meetings with a handful of queries in all.
pub async fn views(
    conn: &impl ConnectionTrait,
    rows: Vec<meeting::Model>,
    actor: &Actor,
) -> Result<Vec<MeetingView>, ApiError> {
    let ids: Vec<i32> = rows.iter().map(|m| m.id).collect();
    let attendees = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::MeetingId.is_in(ids.clone()))
        .order_by_asc(meeting_attendee::Column::Id)
        .all(conn)
        .await?;
    let agenda = agenda_rows(conn, ids).await?;
    let mut user_ids: Vec<i32> = attendees.iter().filter_map(|a| a.user_id).collect();
    user_ids.extend(rows.iter().map(|m| m.chair_user_id));
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let units = crate::store::units::all_by_id(conn).await?;
    let projects = crate::store::projects::by_ids(conn, agenda.iter().map(|a| a.project_id).collect()).await?;
    let difficulties: HashMap<i32, difficulty::Model> = difficulty::Entity::find()
        .filter(difficulty::Column::Id.is_in(agenda.iter().filter_map(|a| a.difficulty_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let can_manage = can_manage_meetings(actor);
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let chair = users
            .get(&m.chair_user_id)
            .map(user_ref)
            .ok_or_else(|| anyhow::anyhow!("meeting {} refers to missing user {}", m.id, m.chair_user_id))?;
        let mine = attendees.iter().filter(|a| a.meeting_id == m.id);
        let attendee_users = mine
            .clone()
            .filter_map(|a| a.user_id.and_then(|id| users.get(&id)))
            .map(user_ref)
            .collect();
        let attendee_units = mine
            .filter_map(|a| a.unit_id.and_then(|id| units.get(&id)))
            .map(unit_ref)
            .collect();
        let items = agenda
            .iter()
            .filter(|a| a.meeting_id == m.id)
            .filter_map(|a| {
                let p = projects.get(&a.project_id)?;
                let d = a.difficulty_id.and_then(|id| difficulties.get(&id));
                Some(AgendaItemView {
                    position: a.position,
                    kind: if a.difficulty_id.is_some() {
                        AgendaItemKind::Difficulty
                    } else {
                        AgendaItemKind::Project
                    },
                    project: project_ref(p),
                    difficulty_id: a.difficulty_id,
                    difficulty_title: d.map(|d| d.title.clone()),
                    notes: a.notes.clone(),
                })
            })
            .collect();
        out.push(MeetingView {
            id: m.id,
            title: m.title.clone(),
            kind: MeetingKind::parse(&m.kind).unwrap_or(MeetingKind::WeeklyReview),
            state: state_of(&m),
            starts_at: m.starts_at,
            location: m.location.clone(),
            chair,
            attendee_users,
            attendee_units,
            agenda: items,
            notice_number: m.notice_number.clone(),
            started_at: m.started_at,
            closed_at: m.closed_at,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            can_manage,
        });
    }
    Ok(out)
}
