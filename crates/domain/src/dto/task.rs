//! Nhiệm vụ: one unit's share of a directive, its transitions and its history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::directive::UserRef;
use super::ProjectRef;
use super::UnitRef;
use crate::direction::{DeadlineStatus, DirectiveSource, Priority, TaskAction, TaskEventKind, TaskState};
use crate::validation::{optional_multiline, optional_text, required_multiline};
use crate::{FieldError, ValidationErrors};

/// Most supporting units (đơn vị phối hợp) of one task.
pub const MAX_SUPPORTING_UNITS: usize = 20;

/// A task given with a directive (`POST /directives`, `POST /directives/{id}/tasks`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskInput {
    /// What the unit must do.
    pub description: String,
    /// Đơn vị chủ trì.
    pub lead_unit_id: i32,
    /// Đơn vị phối hợp (not the lead unit, no duplicates).
    #[serde(default)]
    pub supporting_unit_ids: Vec<i32>,
    /// The officer in charge, a user of the lead unit.
    #[serde(default)]
    pub assignee_user_id: Option<i32>,
    /// Thời hạn; not before the directive's date.
    pub deadline: NaiveDate,
    /// Kết quả, sản phẩm cần đạt.
    #[serde(default)]
    pub expected_result: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTask {
    pub description: String,
    pub lead_unit_id: i32,
    pub supporting_unit_ids: Vec<i32>,
    pub assignee_user_id: Option<i32>,
    pub deadline: NaiveDate,
    pub expected_result: String,
}

impl TaskInput {
    /// Checks the task of a directive issued on `issued_on`.
    pub fn validate(&self, issued_on: NaiveDate) -> Result<ValidTask, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let description = errs.check(required_multiline("description", &self.description, 5_000));
        let expected = errs.check(optional_multiline("expected_result", &self.expected_result, 2_000));
        if errs
            .check(crate::dates::check_date("deadline", self.deadline))
            .is_some()
            && self.deadline < issued_on
        {
            errs.push(FieldError::new(
                "deadline",
                "before_issued_on",
                "Thời hạn không được trước ngày chỉ đạo.",
                "The deadline cannot be before the directive's date.",
            ));
        }
        let mut supporting = self.supporting_unit_ids.clone();
        supporting.sort_unstable();
        supporting.dedup();
        if supporting.len() != self.supporting_unit_ids.len()
            || supporting.contains(&self.lead_unit_id)
            || supporting.len() > MAX_SUPPORTING_UNITS
        {
            errs.push(FieldError::new(
                "supporting_unit_ids",
                "invalid_supporting_units",
                format!("Đơn vị phối hợp không trùng nhau, khác đơn vị chủ trì, tối đa {MAX_SUPPORTING_UNITS}."),
                format!("Supporting units must be distinct, not the lead unit, at most {MAX_SUPPORTING_UNITS}."),
            ));
        }
        errs.into_result(|| ValidTask {
            description: description.unwrap(),
            lead_unit_id: self.lead_unit_id,
            supporting_unit_ids: supporting,
            assignee_user_id: self.assignee_user_id,
            deadline: self.deadline,
            expected_result: expected.unwrap(),
        })
    }
}

/// `POST /tasks/{id}/transitions`: one action with its note.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskTransitionInput {
    pub action: TaskAction,
    /// Required for `report_done` (what was done), `request_extension` (the reason),
    /// `reopen` and `refuse_extension` (why); optional otherwise.
    #[serde(default)]
    pub note: String,
    /// `request_extension`: the deadline asked for (after the current one);
    /// `approve_extension`: the deadline granted (default: the one asked for).
    #[serde(default)]
    pub new_deadline: Option<NaiveDate>,
    /// `report_done` only: a link or a document reference proving the work (≤ 500 characters).
    #[serde(default)]
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTransition {
    pub action: TaskAction,
    pub note: String,
    pub new_deadline: Option<NaiveDate>,
    pub evidence: Option<String>,
}

impl TaskTransitionInput {
    /// Checks the body against the task's current deadline.
    pub fn validate(&self, deadline: NaiveDate) -> Result<ValidTransition, ValidationErrors> {
        use TaskAction as A;
        let mut errs = ValidationErrors::new();
        let note_required = matches!(
            self.action,
            A::ReportDone | A::RequestExtension | A::Reopen | A::RefuseExtension
        );
        let note = if note_required {
            errs.check(required_multiline("note", &self.note, 5_000))
        } else {
            errs.check(optional_multiline("note", &self.note, 5_000))
        };
        let evidence = match (&self.evidence, self.action) {
            (Some(e), A::ReportDone) => errs.check(optional_text("evidence", e, 500)).filter(|e| !e.is_empty()),
            (Some(e), _) if !e.trim().is_empty() => {
                errs.push(not_for_action("evidence"));
                None
            }
            _ => None,
        };
        let new_deadline = match (self.action, self.new_deadline) {
            (A::RequestExtension, None) => {
                errs.push(FieldError::required("new_deadline"));
                None
            }
            (A::RequestExtension | A::ApproveExtension, Some(d)) => {
                if errs.check(crate::dates::check_date("new_deadline", d)).is_some() && d <= deadline {
                    errs.push(FieldError::new(
                        "new_deadline",
                        "not_after_deadline",
                        "Thời hạn mới phải sau thời hạn hiện tại.",
                        "The new deadline must be after the current one.",
                    ));
                }
                Some(d)
            }
            (_, Some(_)) => {
                errs.push(not_for_action("new_deadline"));
                None
            }
            (_, None) => None,
        };
        errs.into_result(|| ValidTransition {
            action: self.action,
            note: note.unwrap_or_default(),
            new_deadline,
            evidence,
        })
    }
}

fn not_for_action(field: &str) -> FieldError {
    FieldError::new(
        field,
        "not_for_action",
        "Trường này không dùng cho thao tác đã chọn.",
        "This field does not apply to the chosen action.",
    )
}

/// A pending extension request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExtensionRequestView {
    pub requested_deadline: NaiveDate,
    pub reason: String,
    pub requested_by: UserRef,
    pub requested_at: DateTime<Utc>,
}

/// The unit's latest done report.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoneReportView {
    pub note: String,
    pub evidence: Option<String>,
    pub reported_on: NaiveDate,
    pub reported_by: UserRef,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskView {
    pub id: i32,
    pub directive_id: i32,
    /// The directive's text (the task's context).
    pub directive_text: String,
    pub directive_source: DirectiveSource,
    pub directive_meeting_id: Option<i32>,
    pub directive_document_number: Option<String>,
    pub priority: Priority,
    pub issued_on: NaiveDate,
    pub description: String,
    pub lead_unit: UnitRef,
    pub supporting_units: Vec<UnitRef>,
    pub assignee: Option<UserRef>,
    pub deadline: NaiveDate,
    /// The deadline first given (differs from `deadline` after an approved extension).
    pub original_deadline: NaiveDate,
    pub expected_result: String,
    pub state: TaskState,
    pub extension_request: Option<ExtensionRequestView>,
    pub last_report: Option<DoneReportView>,
    pub confirmed_on: Option<NaiveDate>,
    /// Derived from the deadline, the state and today.
    pub deadline_status: DeadlineStatus,
    pub days_overdue: i64,
    /// The directive's related projects.
    pub projects: Vec<ProjectRef>,
    /// What the caller may do now (the buttons to show), from the domain rule.
    pub available_actions: Vec<TaskAction>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One line of a task's history (`GET /tasks/{id}/events`), oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskEventView {
    pub id: i32,
    pub task_id: i32,
    pub kind: TaskEventKind,
    pub from_state: Option<TaskState>,
    pub to_state: TaskState,
    pub note: String,
    pub evidence: Option<String>,
    /// The deadline after this event when it changed it (an approved extension) or asked for
    /// one (an extension request).
    pub deadline: Option<NaiveDate>,
    pub actor: UserRef,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn body(action: TaskAction) -> TaskTransitionInput {
        TaskTransitionInput {
            action,
            note: String::new(),
            new_deadline: None,
            evidence: None,
        }
    }

    #[test]
    fn a_done_report_needs_a_note_and_may_carry_evidence() {
        assert_eq!(
            body(TaskAction::ReportDone).validate(d(6, 1)).unwrap_err().fields(),
            ["note"]
        );
        let mut b = body(TaskAction::ReportDone);
        b.note = "Đã bàn giao 95% mặt bằng".into();
        b.evidence = Some(" Báo cáo số 15/BC-BQLDA ".into());
        assert_eq!(
            b.validate(d(6, 1)).unwrap().evidence.as_deref(),
            Some("Báo cáo số 15/BC-BQLDA")
        );
        let mut stray = body(TaskAction::Acknowledge);
        stray.evidence = Some("x".into());
        stray.new_deadline = Some(d(7, 1));
        assert_eq!(
            stray.validate(d(6, 1)).unwrap_err().fields(),
            ["evidence", "new_deadline"]
        );
        assert!(body(TaskAction::Acknowledge).validate(d(6, 1)).is_ok());
    }

    #[test]
    fn an_extension_asks_for_a_later_deadline_with_a_reason() {
        let mut b = body(TaskAction::RequestExtension);
        assert_eq!(b.validate(d(6, 1)).unwrap_err().fields(), ["note", "new_deadline"]);
        b.note = "Chờ phê duyệt giá đất".into();
        b.new_deadline = Some(d(6, 1));
        assert_eq!(b.validate(d(6, 1)).unwrap_err().fields(), ["new_deadline"]);
        b.new_deadline = Some(d(7, 15));
        assert_eq!(b.validate(d(6, 1)).unwrap().new_deadline, Some(d(7, 15)));
        assert!(body(TaskAction::ApproveExtension).validate(d(6, 1)).is_ok());
        assert_eq!(
            body(TaskAction::RefuseExtension)
                .validate(d(6, 1))
                .unwrap_err()
                .fields(),
            ["note"]
        );
    }

    #[test]
    fn supporting_units_are_distinct_and_not_the_lead() {
        let t = TaskInput {
            description: "Phối hợp".into(),
            lead_unit_id: 1,
            supporting_unit_ids: vec![2, 2],
            assignee_user_id: None,
            deadline: d(6, 1),
            expected_result: String::new(),
        };
        assert_eq!(t.validate(d(5, 1)).unwrap_err().fields(), ["supporting_unit_ids"]);
        let ok = TaskInput {
            supporting_unit_ids: vec![3, 2],
            ..t
        };
        assert_eq!(ok.validate(d(5, 1)).unwrap().supporting_unit_ids, [2, 3]);
    }
}
