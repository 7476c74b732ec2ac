//! Cuộc họp giao ban (e-Cabinet): a meeting, its attendees and its ordered agenda.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::dto::{ProjectRef, UnitRef, UserRef};
use crate::validation::{optional_multiline, optional_text, required_text};
use crate::{AgendaItemKind, FieldError, MeetingKind, MeetingState, ValidationErrors};

/// At most this many agenda items, attendee users and attendee units per meeting.
pub const MAX_AGENDA_ITEMS: usize = 60;
pub const MAX_ATTENDEES: usize = 200;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingInput {
    pub title: String,
    pub kind: MeetingKind,
    /// UTC; shown in Asia/Ho_Chi_Minh.
    pub starts_at: DateTime<Utc>,
    #[serde(default)]
    pub location: String,
    /// The chair (chủ trì): a user with the `leader` role.
    pub chair_user_id: i32,
    #[serde(default)]
    pub attendee_user_ids: Vec<i32>,
    #[serde(default)]
    pub attendee_unit_ids: Vec<i32>,
    /// In order of discussion.
    #[serde(default)]
    pub agenda: Vec<AgendaItemInput>,
    /// Number/symbol of the conclusions notice, e.g. "125/TB-UBND"; blank until issued.
    #[serde(default)]
    pub notice_number: Option<String>,
}

/// One agenda item: exactly one of `project_id` or `difficulty_id`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItemInput {
    #[serde(default)]
    pub project_id: Option<i32>,
    #[serde(default)]
    pub difficulty_id: Option<i32>,
    #[serde(default)]
    pub notes: String,
}

/// What an agenda item points at, after validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaTarget {
    Project(i32),
    Difficulty(i32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidAgendaItem {
    pub target: AgendaTarget,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeeting {
    pub title: String,
    pub kind: MeetingKind,
    pub starts_at: DateTime<Utc>,
    pub location: String,
    pub chair_user_id: i32,
    /// Without duplicates, in the order given.
    pub attendee_user_ids: Vec<i32>,
    pub attendee_unit_ids: Vec<i32>,
    pub agenda: Vec<ValidAgendaItem>,
    pub notice_number: Option<String>,
}

fn too_many(field: &str, max: usize) -> FieldError {
    FieldError::new(
        field,
        "too_many",
        format!("Tối đa {max} mục."),
        format!("At most {max} entries."),
    )
}

fn unique(ids: &[i32]) -> Vec<i32> {
    let mut seen = std::collections::BTreeSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

impl MeetingInput {
    /// Checks the text and shape; that the chair is a leader and the ids exist is checked
    /// against the database.
    pub fn validate(&self) -> Result<ValidMeeting, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let title = errs.check(required_text("title", &self.title, 300));
        let location = errs.check(optional_text("location", &self.location, 300));
        errs.check(crate::dates::check_instant("starts_at", self.starts_at));
        let notice_number = match &self.notice_number {
            Some(n) => errs
                .check(optional_text("notice_number", n, 50))
                .filter(|n| !n.is_empty()),
            None => None,
        };
        if self.attendee_user_ids.len() > MAX_ATTENDEES {
            errs.push(too_many("attendee_user_ids", MAX_ATTENDEES));
        }
        if self.attendee_unit_ids.len() > MAX_ATTENDEES {
            errs.push(too_many("attendee_unit_ids", MAX_ATTENDEES));
        }
        if self.agenda.len() > MAX_AGENDA_ITEMS {
            errs.push(too_many("agenda", MAX_AGENDA_ITEMS));
        }
        let mut agenda = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (i, item) in self.agenda.iter().enumerate().take(MAX_AGENDA_ITEMS) {
            let prefix = format!("agenda[{i}]");
            let notes = errs
                .check(optional_multiline("notes", &item.notes, 4000).map_err(|e| e.prefixed(&format!("{prefix}."))));
            let target = match (item.project_id, item.difficulty_id) {
                (Some(p), None) => Some(AgendaTarget::Project(p)),
                (None, Some(d)) => Some(AgendaTarget::Difficulty(d)),
                _ => {
                    errs.push(FieldError::new(
                        format!("{prefix}.project_id"),
                        "one_target",
                        "Mỗi mục chương trình là một dự án hoặc một khó khăn, vướng mắc.",
                        "Each agenda item is either a project or a difficulty.",
                    ));
                    None
                }
            };
            if let Some(t) = target {
                if !seen.insert(t) {
                    errs.push(FieldError::new(
                        format!("{prefix}.project_id"),
                        "duplicate",
                        "Mục này đã có trong chương trình.",
                        "This item is already on the agenda.",
                    ));
                }
                if let Some(notes) = notes {
                    agenda.push(ValidAgendaItem { target: t, notes });
                }
            }
        }
        errs.into_result(|| ValidMeeting {
            title: title.unwrap(),
            kind: self.kind,
            starts_at: self.starts_at,
            location: location.unwrap(),
            chair_user_id: self.chair_user_id,
            attendee_user_ids: unique(&self.attendee_user_ids),
            attendee_unit_ids: unique(&self.attendee_unit_ids),
            agenda,
            notice_number,
        })
    }
}

impl PartialOrd for AgendaTarget {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for AgendaTarget {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |t: &AgendaTarget| match *t {
            AgendaTarget::Project(id) => (0, id),
            AgendaTarget::Difficulty(id) => (1, id),
        };
        key(self).cmp(&key(other))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItemView {
    /// 1-based order of discussion.
    pub position: i32,
    pub kind: AgendaItemKind,
    /// The project discussed (for a difficulty: the project it belongs to).
    pub project: ProjectRef,
    pub difficulty_id: Option<i32>,
    pub difficulty_title: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingView {
    pub id: i32,
    pub title: String,
    pub kind: MeetingKind,
    pub state: MeetingState,
    pub starts_at: DateTime<Utc>,
    pub location: String,
    pub chair: UserRef,
    pub attendee_users: Vec<UserRef>,
    pub attendee_units: Vec<UnitRef>,
    pub agenda: Vec<AgendaItemView>,
    pub notice_number: Option<String>,
    /// When it was started (the snapshot's time) and closed.
    pub started_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Whether the caller may edit, start, close or delete it (from the domain policy).
    pub can_manage: bool,
}

/// A meeting named in another resource (the previous meeting of a follow-up list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingRef {
    pub id: i32,
    pub title: String,
    pub kind: MeetingKind,
    pub starts_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn input() -> MeetingInput {
        MeetingInput {
            title: "Giao ban tuần 48".into(),
            kind: MeetingKind::WeeklyReview,
            starts_at: Utc.with_ymd_and_hms(2026, 11, 27, 1, 30, 0).unwrap(),
            location: "Phòng họp số 1, UBND tỉnh".into(),
            chair_user_id: 3,
            attendee_user_ids: vec![4, 5, 4],
            attendee_unit_ids: vec![1],
            agenda: vec![
                AgendaItemInput {
                    project_id: Some(1),
                    difficulty_id: None,
                    notes: "Tiến độ GPMB".into(),
                },
                AgendaItemInput {
                    project_id: None,
                    difficulty_id: Some(9),
                    notes: String::new(),
                },
            ],
            notice_number: Some("  ".into()),
        }
    }

    #[test]
    fn a_valid_meeting_keeps_its_agenda_order_and_drops_repeated_attendees() {
        let v = input().validate().unwrap();
        assert_eq!(v.attendee_user_ids, vec![4, 5]);
        assert_eq!(
            v.agenda.iter().map(|i| i.target).collect::<Vec<_>>(),
            vec![AgendaTarget::Project(1), AgendaTarget::Difficulty(9)]
        );
        assert_eq!(v.notice_number, None);
    }

    #[test]
    fn an_agenda_item_is_a_project_or_a_difficulty_not_both_nor_neither_nor_twice() {
        let mut i = input();
        i.agenda[1].project_id = Some(2);
        i.agenda.push(AgendaItemInput {
            project_id: None,
            difficulty_id: None,
            notes: String::new(),
        });
        i.agenda.push(AgendaItemInput {
            project_id: Some(1),
            difficulty_id: None,
            notes: String::new(),
        });
        let errs = i.validate().unwrap_err();
        assert_eq!(
            errs.fields(),
            vec!["agenda[1].project_id", "agenda[2].project_id", "agenda[3].project_id"]
        );
    }

    #[test]
    fn a_blank_title_or_a_date_out_of_range_is_refused() {
        let mut i = input();
        i.title = " ".into();
        i.starts_at = Utc.with_ymd_and_hms(2200, 1, 1, 0, 0, 0).unwrap();
        let errs = i.validate().unwrap_err();
        assert_eq!(errs.fields(), vec!["title", "starts_at"]);
    }
}
