//! Ý kiến chỉ đạo: what a leader decided, where, and the tasks it gives units.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::task::{TaskInput, TaskView, ValidTask};
use super::ProjectRef;
use crate::direction::{check_document_number, DirectiveSource, Priority};
use crate::validation::required_multiline;
use crate::{FieldError, ValidationErrors};

/// Most tasks one directive gives; most projects and difficulties it names.
pub const MAX_TASKS_PER_DIRECTIVE: usize = 30;
pub const MAX_RELATED: usize = 50;

/// A user named in another resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserRef {
    pub id: i32,
    pub username: String,
    pub display_name: String,
}

/// Records a directive (`POST /directives`, with its tasks) or corrects one
/// (`PUT /directives/{id}`, `tasks` must then be empty: tasks are added with
/// `POST /directives/{id}/tasks` and changed by their transitions).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectiveInput {
    /// The directive as the leader gave it.
    pub text: String,
    /// The leader who gave it; a leader recording their own may leave it out, a coordinator
    /// must name a user with the `leader` role.
    #[serde(default)]
    pub issued_by: Option<i32>,
    pub issued_on: NaiveDate,
    pub source: DirectiveSource,
    /// Required when `source` is `meeting`, refused otherwise.
    #[serde(default)]
    pub meeting_id: Option<i32>,
    /// Số, ký hiệu such as `123/TB-UBND`; required when `source` is `document`, refused otherwise.
    #[serde(default)]
    pub document_number: Option<String>,
    #[serde(default = "normal")]
    pub priority: Priority,
    #[serde(default)]
    pub project_ids: Vec<i32>,
    #[serde(default)]
    pub difficulty_ids: Vec<i32>,
    #[serde(default)]
    pub tasks: Vec<TaskInput>,
}

fn normal() -> Priority {
    Priority::Normal
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDirective {
    pub text: String,
    pub issued_by: Option<i32>,
    pub issued_on: NaiveDate,
    pub source: DirectiveSource,
    pub meeting_id: Option<i32>,
    pub document_number: Option<String>,
    pub priority: Priority,
    pub project_ids: Vec<i32>,
    pub difficulty_ids: Vec<i32>,
    pub tasks: Vec<ValidTask>,
}

/// Whether the input creates a directive (its tasks required) or corrects one (none allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveMode {
    Create,
    Update,
}

fn distinct_ids(errs: &mut ValidationErrors, field: &str, ids: &[i32]) -> Vec<i32> {
    let mut out: Vec<i32> = ids.to_vec();
    out.sort_unstable();
    out.dedup();
    if out.len() != ids.len() {
        errs.push(FieldError::new(
            field,
            "duplicate",
            "Danh sách có mục trùng lặp.",
            "The list has duplicates.",
        ));
    }
    if ids.len() > MAX_RELATED {
        errs.push(FieldError::new(
            field,
            "too_many",
            format!("Tối đa {MAX_RELATED} mục."),
            format!("At most {MAX_RELATED} items."),
        ));
    }
    out
}

impl DirectiveInput {
    pub fn validate(&self, today: NaiveDate, mode: DirectiveMode) -> Result<ValidDirective, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let text = errs.check(required_multiline("text", &self.text, 10_000));
        errs.check(crate::dates::check_date("issued_on", self.issued_on));
        if self.issued_on > today {
            errs.push(super::project::future_date("issued_on"));
        }
        let not_for_source = |field: &str| {
            FieldError::new(
                field,
                "not_for_source",
                "Chỉ ghi trường này khi nguồn chỉ đạo tương ứng.",
                "Only allowed for the matching directive source.",
            )
        };
        let meeting_id = match (self.source, self.meeting_id) {
            (DirectiveSource::Meeting, None) => {
                errs.push(FieldError::required("meeting_id"));
                None
            }
            (DirectiveSource::Meeting, Some(id)) => Some(id),
            (_, Some(_)) => {
                errs.push(not_for_source("meeting_id"));
                None
            }
            (_, None) => None,
        };
        let document_number = match (self.source, self.document_number.as_deref()) {
            (DirectiveSource::Document, n) => errs.check(check_document_number("document_number", n.unwrap_or(""))),
            (_, Some(n)) if !n.trim().is_empty() => {
                errs.push(not_for_source("document_number"));
                None
            }
            _ => None,
        };
        let project_ids = distinct_ids(&mut errs, "project_ids", &self.project_ids);
        let difficulty_ids = distinct_ids(&mut errs, "difficulty_ids", &self.difficulty_ids);
        match mode {
            DirectiveMode::Create if self.tasks.is_empty() => errs.push(FieldError::new(
                "tasks",
                "required",
                "Ý kiến chỉ đạo cần ít nhất một nhiệm vụ.",
                "A directive needs at least one task.",
            )),
            DirectiveMode::Update if !self.tasks.is_empty() => errs.push(FieldError::new(
                "tasks",
                "not_allowed",
                "Thêm nhiệm vụ bằng POST /directives/{id}/tasks.",
                "Add tasks with POST /directives/{id}/tasks.",
            )),
            _ => {}
        }
        if self.tasks.len() > MAX_TASKS_PER_DIRECTIVE {
            errs.push(FieldError::new(
                "tasks",
                "too_many",
                format!("Tối đa {MAX_TASKS_PER_DIRECTIVE} nhiệm vụ."),
                format!("At most {MAX_TASKS_PER_DIRECTIVE} tasks."),
            ));
        }
        let mut tasks = Vec::new();
        for (i, t) in self.tasks.iter().take(MAX_TASKS_PER_DIRECTIVE).enumerate() {
            match t.validate(self.issued_on) {
                Ok(v) => tasks.push(v),
                Err(e) => errs.extend_prefixed(e, &format!("tasks[{i}].")),
            }
        }
        errs.into_result(|| ValidDirective {
            text: text.unwrap(),
            issued_by: self.issued_by,
            issued_on: self.issued_on,
            source: self.source,
            meeting_id,
            document_number,
            priority: self.priority,
            project_ids,
            difficulty_ids,
            tasks,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectiveView {
    pub id: i32,
    pub text: String,
    pub issued_by: UserRef,
    pub recorded_by: UserRef,
    pub issued_on: NaiveDate,
    pub source: DirectiveSource,
    pub meeting_id: Option<i32>,
    pub document_number: Option<String>,
    pub priority: Priority,
    pub projects: Vec<ProjectRef>,
    pub difficulty_ids: Vec<i32>,
    pub tasks: Vec<TaskView>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn task() -> TaskInput {
        TaskInput {
            description: "Hoàn thành bồi thường, giải phóng mặt bằng đoạn qua phường Phước Tân".into(),
            lead_unit_id: 3,
            supporting_unit_ids: vec![5],
            assignee_user_id: None,
            deadline: d(2026, 6, 30),
            expected_result: "Bàn giao mặt bằng cho nhà thầu".into(),
        }
    }

    fn input(source: DirectiveSource) -> DirectiveInput {
        DirectiveInput {
            text: "Yêu cầu tập trung giải phóng mặt bằng".into(),
            issued_by: Some(2),
            issued_on: d(2026, 5, 4),
            source,
            meeting_id: None,
            document_number: None,
            priority: Priority::High,
            project_ids: vec![1, 2],
            difficulty_ids: vec![],
            tasks: vec![task()],
        }
    }

    #[test]
    fn each_source_asks_for_its_own_reference_and_refuses_the_others() {
        let today = d(2026, 5, 10);
        let ad_hoc = input(DirectiveSource::AdHoc)
            .validate(today, DirectiveMode::Create)
            .unwrap();
        assert_eq!(ad_hoc.tasks.len(), 1);
        let e = input(DirectiveSource::Meeting)
            .validate(today, DirectiveMode::Create)
            .unwrap_err();
        assert_eq!(e.fields(), ["meeting_id"]);
        let e = input(DirectiveSource::Document)
            .validate(today, DirectiveMode::Create)
            .unwrap_err();
        assert_eq!(e.fields(), ["document_number"]);
        let mut doc = input(DirectiveSource::Document);
        doc.document_number = Some("123/TB-UBND".into());
        assert_eq!(
            doc.validate(today, DirectiveMode::Create)
                .unwrap()
                .document_number
                .as_deref(),
            Some("123/TB-UBND")
        );
        let mut stray = input(DirectiveSource::AdHoc);
        stray.meeting_id = Some(4);
        stray.document_number = Some("1/TB".into());
        let e = stray.validate(today, DirectiveMode::Create).unwrap_err();
        assert_eq!(e.fields(), ["meeting_id", "document_number"]);
    }

    #[test]
    fn a_new_directive_needs_tasks_and_a_correction_carries_none() {
        let today = d(2026, 5, 10);
        let mut none = input(DirectiveSource::AdHoc);
        none.tasks.clear();
        assert_eq!(
            none.validate(today, DirectiveMode::Create).unwrap_err().fields(),
            ["tasks"]
        );
        assert!(none.validate(today, DirectiveMode::Update).is_ok());
        assert_eq!(
            input(DirectiveSource::AdHoc)
                .validate(today, DirectiveMode::Update)
                .unwrap_err()
                .fields(),
            ["tasks"]
        );
    }

    #[test]
    fn task_errors_are_reported_under_their_index_and_dates_are_bounded() {
        let today = d(2026, 5, 10);
        let mut i = input(DirectiveSource::AdHoc);
        let mut bad = task();
        bad.deadline = d(2026, 5, 1);
        bad.supporting_unit_ids = vec![3];
        i.tasks.push(bad);
        i.issued_on = d(2026, 5, 4);
        i.project_ids = vec![1, 1];
        let e = i.validate(today, DirectiveMode::Create).unwrap_err();
        assert_eq!(
            e.fields(),
            ["project_ids", "tasks[1].deadline", "tasks[1].supporting_unit_ids"]
        );
        let mut future = input(DirectiveSource::AdHoc);
        future.issued_on = d(2026, 5, 11);
        assert_eq!(
            future.validate(today, DirectiveMode::Create).unwrap_err().fields(),
            ["issued_on"]
        );
        let mut ancient = input(DirectiveSource::AdHoc);
        ancient.issued_on = d(1900, 1, 1);
        assert!(ancient
            .validate(today, DirectiveMode::Create)
            .unwrap_err()
            .fields()
            .contains(&"issued_on"));
    }
}
