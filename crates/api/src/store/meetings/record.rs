//! What a meeting leaves on record: the conclusions notice content (its directives grouped by
//! project, with their tasks) and the follow-up list it opens with.

use chrono::{DateTime, NaiveDate, Utc};
use ioc_domain::direction::TaskState;
use ioc_domain::dto::{
    ConclusionDirective, ConclusionGroup, ConclusionTask, ConclusionsView, FollowUpView, MeetingRef, UnitRef,
};
use ioc_domain::{MeetingKind, MeetingState};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{get, state_of, view};
use crate::entities::{directive, meeting, task};
use crate::error::ApiError;
use crate::store::tasks::views::{directive_views, task_views, Viewer};

/// The local (Asia/Ho_Chi_Minh) date of an instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive()
}

/// The conclusions notice: the meeting's directives (source `meeting`, this meeting id),
/// grouped under the first of their projects in agenda order (general ones last).
pub async fn conclusions(conn: &impl ConnectionTrait, id: i32, v: &Viewer) -> Result<ConclusionsView, ApiError> {
    let m = get(conn, id).await?;
    let mv = view(conn, m.clone(), &v.actor).await?;
    let rows = directive::Entity::find()
        .filter(directive::Column::MeetingId.eq(id))
        .order_by_asc(directive::Column::Id)
        .all(conn)
        .await?;
    let directives = directive_views(conn, rows, v).await?;
    let agenda_order: Vec<i32> = mv.agenda.iter().map(|a| a.project.id).collect();
    let mut groups: Vec<ConclusionGroup> = Vec::new();
    let mut recipients: Vec<UnitRef> = mv.attendee_units.clone();
    let push_unit = |u: &UnitRef, list: &mut Vec<UnitRef>| {
        if !list.iter().any(|r| r.id == u.id) {
            list.push(u.clone());
        }
    };
    for d in directives {
        let project = agenda_order
            .iter()
            .find_map(|pid| d.projects.iter().find(|p| p.id == *pid))
            .or(d.projects.first())
            .cloned();
        let tasks = d
            .tasks
            .iter()
            .map(|t| {
                push_unit(&t.lead_unit, &mut recipients);
                for u in &t.supporting_units {
                    push_unit(u, &mut recipients);
                }
                ConclusionTask {
                    description: t.description.clone(),
                    lead_unit: t.lead_unit.clone(),
                    supporting_units: t.supporting_units.clone(),
                    deadline: t.deadline,
                    expected_result: t.expected_result.clone(),
                }
            })
            .collect();
        let entry = ConclusionDirective {
            id: d.id,
            text: d.text.clone(),
            tasks,
        };
        match groups
            .iter_mut()
            .find(|g| g.project.as_ref().map(|p| p.id) == project.as_ref().map(|p| p.id))
        {
            Some(g) => g.directives.push(entry),
            None => groups.push(ConclusionGroup {
                project,
                directives: vec![entry],
            }),
        }
    }
    let rank = |g: &ConclusionGroup| match &g.project {
        Some(p) => agenda_order
            .iter()
            .position(|id| *id == p.id)
            .unwrap_or(agenda_order.len()),
        None => usize::MAX,
    };
    groups.sort_by_key(rank);
    let notice_date = match state_of(&m) {
        MeetingState::Closed => m.closed_at.map(local_date).unwrap_or(v.today),
        MeetingState::Scheduled | MeetingState::InProgress => v.today,
    };
    Ok(ConclusionsView {
        meeting_id: id,
        meeting_title: m.title.clone(),
        kind: mv.kind,
        meeting_date: local_date(m.starts_at),
        location: m.location.clone(),
        authority: "UBND TỈNH ĐỒNG NAI".into(),
        issuing_body: "VĂN PHÒNG".into(),
        notice_number: m.notice_number.clone().unwrap_or_else(|| "…/TB-UBND".into()),
        place: "Đồng Nai".into(),
        notice_date,
        chair: mv.chair.clone(),
        chair_title: "PHÓ CHỦ TỊCH".into(),
        chair_office: "Phó Chủ tịch UBND tỉnh".into(),
        groups,
        recipients,
    })
}

/// At most this many tasks on the follow-up list.
const MAX_FOLLOW_UP: u64 = 500;

fn meeting_ref(m: &meeting::Model) -> MeetingRef {
    MeetingRef {
        id: m.id,
        title: m.title.clone(),
        kind: MeetingKind::parse(&m.kind).unwrap_or(MeetingKind::WeeklyReview),
        starts_at: m.starts_at,
    }
}

/// Tasks due or overdue between the previous meeting of the same kind and this one.
pub async fn follow_up(conn: &impl ConnectionTrait, id: i32, v: &Viewer) -> Result<FollowUpView, ApiError> {
    let m = get(conn, id).await?;
    let previous = meeting::Entity::find()
        .filter(meeting::Column::Kind.eq(m.kind.clone()))
        .filter(
            Condition::any().add(meeting::Column::StartsAt.lt(m.starts_at)).add(
                Condition::all()
                    .add(meeting::Column::StartsAt.eq(m.starts_at))
                    .add(meeting::Column::Id.lt(m.id)),
            ),
        )
        .order_by_desc(meeting::Column::StartsAt)
        .order_by_desc(meeting::Column::Id)
        .one(conn)
        .await?;
    let until = local_date(m.starts_at);
    let since = previous.as_ref().map(|p| local_date(p.starts_at));
    use task::Column as C;
    let mut open_or_recent = Condition::any().add(C::State.ne(TaskState::Confirmed.as_str()));
    if let Some(s) = since {
        open_or_recent = open_or_recent.add(C::Deadline.gt(s));
    }
    let rows = task::Entity::find()
        .filter(C::Deadline.lte(until))
        .filter(open_or_recent)
        .order_by_asc(C::Deadline)
        .order_by_asc(C::Id)
        // Bounded: the oldest first, as many as a meeting can go through.
        .limit(MAX_FOLLOW_UP)
        .all(conn)
        .await?;
    Ok(FollowUpView {
        meeting_id: id,
        previous_meeting: previous.as_ref().map(meeting_ref),
        since,
        until,
        tasks: task_views(conn, rows, v).await?,
    })
}
