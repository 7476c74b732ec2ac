//! The invitation to a meeting: its chair, the attendees named and the users of the
//! attending units are told when it is scheduled (in the transaction that schedules it).

use ioc_domain::dto::ValidMeeting;
use ioc_domain::NotificationEvent;
use sea_orm::ConnectionTrait;

use super::{emit, Audience, Notice};
use crate::entities::meeting;
use crate::error::ApiError;

pub async fn scheduled(conn: &impl ConnectionTrait, m: &meeting::Model, v: &ValidMeeting) -> Result<(), ApiError> {
    let mut audience = vec![Audience::User(m.chair_user_id)];
    audience.extend(v.attendee_user_ids.iter().copied().map(Audience::User));
    audience.extend(v.attendee_unit_ids.iter().copied().map(Audience::Unit));
    let local = m.starts_at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh);
    let when = local.format("%H:%M ngày %d/%m/%Y").to_string();
    let when_en = local.format("%H:%M on %d/%m/%Y").to_string();
    emit(
        conn,
        m.created_at,
        Notice {
            event: NotificationEvent::MeetingScheduled,
            audience,
            title_vi: format!("Mời họp: {} ({})", m.title, v.kind.label_vi()),
            title_en: format!("Meeting: {} ({})", m.title, v.kind.label_en()),
            body_vi: format!("Thời gian: {when}\nĐịa điểm: {}", m.location),
            body_en: format!("Time: {when_en}\nPlace: {}", m.location),
            link: Some(format!("/meetings/{}", m.id)),
            dedupe_key: format!("meeting_scheduled:{}", m.id),
            payload: serde_json::json!({"meeting_id": m.id, "kind": m.kind, "starts_at": m.starts_at}),
        },
    )
    .await?;
    Ok(())
}
