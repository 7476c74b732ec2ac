//! Meetings (giao ban): rows, their attendees and agenda, state changes and the list.

mod record;
mod snapshot;
mod view;

pub use record::{conclusions, follow_up, local_date};
pub use snapshot::{live, snapshot, take_snapshot};
pub use view::{view, views};

use ioc_domain::dto::{AgendaTarget, MeetingView, Page, ValidMeeting};
use ioc_domain::policy::Actor;
use ioc_domain::{MeetingKind, MeetingState, Role};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::Deserialize;

use crate::entities::{difficulty, meeting, meeting_agenda_item, meeting_attendee, project, user};
use crate::error::ApiError;
use crate::routes::etag::etag;

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingFilter {
    /// `weekly_review`, `thematic`, `site_visit`; several separated by commas.
    pub kind: Option<String>,
    /// `scheduled`, `in_progress`, `closed`; several separated by commas.
    pub state: Option<String>,
    /// Meetings starting on or after this date (UTC day).
    pub from: Option<chrono::NaiveDate>,
    /// Meetings starting on or before this date (UTC day).
    pub to: Option<chrono::NaiveDate>,
    /// Page number, 1 to 1 000 000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1000000)]
    pub page: Option<String>,
    /// Items per page, 1 to 200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<meeting::Model, ApiError> {
    meeting::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

pub fn state_of(m: &meeting::Model) -> MeetingState {
    MeetingState::parse(&m.state).unwrap_or(MeetingState::Scheduled)
}

pub async fn list(
    conn: &impl ConnectionTrait,
    f: &MeetingFilter,
    actor: &Actor,
) -> Result<Page<MeetingView>, ApiError> {
    use meeting::Column as C;
    let paging = super::paging(&f.page, &f.per_page)?;
    let mut cond = Condition::all();
    if let Some(kinds) = super::code_list("kind", &f.kind, MeetingKind::parse)? {
        cond = cond.add(C::Kind.is_in(kinds));
    }
    if let Some(states) = super::code_list("state", &f.state, MeetingState::parse)? {
        cond = cond.add(C::State.is_in(states));
    }
    for (field, date) in [("from", f.from), ("to", f.to)] {
        if let Some(d) = date {
            ioc_domain::dates::check_date(field, d)?;
        }
    }
    if let Some(d) = f.from {
        cond = cond.add(C::StartsAt.gte(d.and_hms_opt(0, 0, 0).expect("midnight").and_utc()));
    }
    if let Some(d) = f.to {
        cond = cond.add(
            C::StartsAt.lt((d + chrono::Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .expect("midnight")
                .and_utc()),
        );
    }
    let q = meeting::Entity::find()
        .filter(cond)
        .order_by_desc(C::StartsAt)
        .order_by_desc(C::Id);
    let total = q.clone().count(conn).await?;
    let rows = q
        .paginate(conn, paging.per_page())
        .fetch_page(paging.page() - 1)
        .await?;
    Ok(Page {
        items: views(conn, rows, actor).await?,
        total,
        page: paging.page(),
        per_page: paging.per_page(),
    })
}

/// One agenda row to write: (project, difficulty, notes).
type AgendaRow = (i32, Option<i32>, String);

/// Checks the references of a meeting: the chair is an active leader, attendees and units
/// exist, agenda projects and difficulties exist (a difficulty brings its project).
async fn resolve(conn: &impl ConnectionTrait, v: &ValidMeeting) -> Result<Vec<AgendaRow>, ApiError> {
    let chair = user::Entity::find_by_id(v.chair_user_id).one(conn).await?;
    if !chair.is_some_and(|u| u.active && Role::parse(&u.role) == Some(Role::Leader)) {
        return Err(ApiError::field(
            "chair_user_id",
            "not_a_leader",
            "Người chủ trì phải là lãnh đạo UBND tỉnh.",
            "The chair must be a provincial leader.",
        ));
    }
    crate::store::require_ids(conn, user::Entity, &v.attendee_user_ids, || {
        ApiError::field(
            "attendee_user_ids",
            "unknown_user",
            "Có người dự họp không tồn tại.",
            "An attendee does not exist.",
        )
    })
    .await?;
    for id in &v.attendee_unit_ids {
        super::units::require(conn, "attendee_unit_ids", *id).await?;
    }
    let mut rows = Vec::with_capacity(v.agenda.len());
    for (i, item) in v.agenda.iter().enumerate() {
        match item.target {
            AgendaTarget::Project(pid) => {
                if project::Entity::find_by_id(pid).one(conn).await?.is_none() {
                    return Err(ApiError::field(
                        &format!("agenda[{i}].project_id"),
                        "unknown_project",
                        "Dự án không tồn tại.",
                        "No such project.",
                    ));
                }
                rows.push((pid, None, item.notes.clone()));
            }
            AgendaTarget::Difficulty(did) => match difficulty::Entity::find_by_id(did).one(conn).await? {
                Some(d) => rows.push((d.project_id, Some(did), item.notes.clone())),
                None => {
                    return Err(ApiError::field(
                        &format!("agenda[{i}].difficulty_id"),
                        "unknown_difficulty",
                        "Khó khăn, vướng mắc không tồn tại.",
                        "No such difficulty.",
                    ))
                }
            },
        }
    }
    Ok(rows)
}

async fn write_children(
    conn: &impl ConnectionTrait,
    id: i32,
    v: &ValidMeeting,
    agenda: Vec<AgendaRow>,
) -> Result<(), ApiError> {
    meeting_attendee::Entity::delete_many()
        .filter(meeting_attendee::Column::MeetingId.eq(id))
        .exec(conn)
        .await?;
    meeting_agenda_item::Entity::delete_many()
        .filter(meeting_agenda_item::Column::MeetingId.eq(id))
        .exec(conn)
        .await?;
    let users = v.attendee_user_ids.iter().map(|u| (Some(*u), None));
    let units = v.attendee_unit_ids.iter().map(|u| (None, Some(*u)));
    for (user_id, unit_id) in users.chain(units) {
        meeting_attendee::ActiveModel {
            meeting_id: Set(id),
            user_id: Set(user_id),
            unit_id: Set(unit_id),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    for (i, (project_id, difficulty_id, notes)) in agenda.into_iter().enumerate() {
        meeting_agenda_item::ActiveModel {
            meeting_id: Set(id),
            position: Set(i as i32 + 1),
            project_id: Set(project_id),
            difficulty_id: Set(difficulty_id),
            notes: Set(notes),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

pub async fn create(
    conn: &impl ConnectionTrait,
    v: &ValidMeeting,
    created_by: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<meeting::Model, ApiError> {
    let agenda = resolve(conn, v).await?;
    let row = meeting::ActiveModel {
        title: Set(v.title.clone()),
        kind: Set(v.kind.as_str().into()),
        state: Set(MeetingState::Scheduled.as_str().into()),
        starts_at: Set(v.starts_at),
        location: Set(v.location.clone()),
        chair_user_id: Set(v.chair_user_id),
        notice_number: Set(v.notice_number.clone()),
        started_at: Set(None),
        closed_at: Set(None),
        created_by: Set(created_by),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    write_children(conn, row.id, v, agenda).await?;
    crate::notify::meetings::scheduled(conn, &row, v).await?;
    Ok(row)
}

fn closed() -> ApiError {
    ApiError::conflict(
        "meeting_closed",
        "Cuộc họp đã kết thúc, không sửa được.",
        "The meeting is closed and can no longer be edited.",
    )
}

/// Replaces a meeting's fields, attendees and agenda. A closed meeting is the record and
/// does not change; a started one keeps its snapshot (its agenda may still be amended).
pub async fn update(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    v: &ValidMeeting,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<meeting::Model, ApiError> {
    let current = get(conn, id).await?;
    if current.version == expected_version && state_of(&current) == MeetingState::Closed {
        return Err(closed());
    }
    let agenda = resolve(conn, v).await?;
    use meeting::Column as C;
    let res = meeting::Entity::update_many()
        .col_expr(C::Title, Expr::value(v.title.clone()))
        .col_expr(C::Kind, Expr::value(v.kind.as_str()))
        .col_expr(C::StartsAt, Expr::value(v.starts_at))
        .col_expr(C::Location, Expr::value(v.location.clone()))
        .col_expr(C::ChairUserId, Expr::value(v.chair_user_id))
        .col_expr(C::NoticeNumber, Expr::value(v.notice_number.clone()))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(expected_version))
        .exec(conn)
        .await?;
    super::check_version_hit(res.rows_affected, Some(etag("meeting", id, current.version)))?;
    write_children(conn, id, v, agenda).await?;
    get(conn, id).await
}

/// Moves a meeting to `to` from the one state it may come from (scheduled → in progress →
/// closed), stamping the time.
pub async fn transition(
    conn: &impl ConnectionTrait,
    id: i32,
    expected_version: i32,
    to: MeetingState,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<meeting::Model, ApiError> {
    let current = get(conn, id).await?;
    let from = match to {
        MeetingState::InProgress => MeetingState::Scheduled,
        MeetingState::Closed => MeetingState::InProgress,
        MeetingState::Scheduled => unreachable!("no transition back to scheduled"),
    };
    if current.version == expected_version && state_of(&current) != from {
        return Err(ApiError::conflict(
            "meeting_state",
            format!("Cuộc họp đang ở trạng thái \"{}\".", state_of(&current).label_vi()),
            format!("The meeting is {}.", state_of(&current).label_en().to_lowercase()),
        ));
    }
    use meeting::Column as C;
    let stamp = match to {
        MeetingState::InProgress => C::StartedAt,
        _ => C::ClosedAt,
    };
    let res = meeting::Entity::update_many()
        .col_expr(C::State, Expr::value(to.as_str()))
        .col_expr(stamp, Expr::value(now))
        .col_expr(C::Version, Expr::value(expected_version + 1))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(expected_version))
        .filter(C::State.eq(from.as_str()))
        .exec(conn)
        .await?;
    super::check_version_hit(res.rows_affected, Some(etag("meeting", id, current.version)))?;
    get(conn, id).await
}

/// Deletes a meeting that has not started (a started one is on record).
pub async fn delete(conn: &impl ConnectionTrait, id: i32, expected_version: i32) -> Result<(), ApiError> {
    let current = get(conn, id).await?;
    if current.version == expected_version && state_of(&current) != MeetingState::Scheduled {
        return Err(ApiError::conflict(
            "meeting_not_scheduled",
            "Chỉ xóa được cuộc họp chưa bắt đầu.",
            "Only a meeting that has not started can be deleted.",
        ));
    }
    let res = meeting::Entity::delete_many()
        .filter(meeting::Column::Id.eq(id))
        .filter(meeting::Column::Version.eq(expected_version))
        .filter(meeting::Column::State.eq(MeetingState::Scheduled.as_str()))
        .exec(conn)
        .await?;
    super::check_version_hit(res.rows_affected, Some(etag("meeting", id, current.version)))
}
