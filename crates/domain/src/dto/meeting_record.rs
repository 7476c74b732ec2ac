//! What a meeting leaves on record: the frozen snapshot of the dashboard figures for its
//! agenda (beside the live view of the same shape) and the conclusions notice (thông báo kết
//! luận) content, from which the SPA prints and the server writes the DOCX.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dto::{AlertView, DifficultyView, DisbursementSummary, ProgressSummary, ProjectRef, UnitRef, UserRef};
use crate::{AgendaItemKind, MeetingKind, Vnd};

/// The figures of one agenda item, as the project views give them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotItem {
    pub position: i32,
    pub kind: AgendaItemKind,
    pub notes: String,
    pub project: ProjectRef,
    /// For a difficulty item: the difficulty discussed (also listed in `open_difficulties`
    /// while open).
    pub difficulty: Option<DifficultyView>,
    pub progress: ProgressSummary,
    pub disbursement: DisbursementSummary,
    /// Open or in-progress difficulties of the project, with their proposed solutions.
    pub open_difficulties: Vec<DifficultyView>,
    pub open_alerts: Vec<AlertView>,
}

/// Sums over the distinct projects of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotTotals {
    pub projects: u32,
    pub delayed: u32,
    pub at_risk: u32,
    pub disbursement_plan: Vnd,
    pub disbursed: Vnd,
    /// Disbursed as % of plan; null when nothing is planned.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub disbursement_rate_percent: Option<Decimal>,
    pub open_difficulties: u32,
    pub open_alerts: u32,
}

/// `GET /meetings/{id}/snapshot` (frozen when the meeting started) and
/// `GET /meetings/{id}/live` (the same shape, computed now).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotView {
    pub meeting_id: i32,
    /// When the figures were taken (the start of the meeting, or now for the live view).
    pub taken_at: DateTime<Utc>,
    /// The date the figures are as of (Asia/Ho_Chi_Minh).
    pub as_of: NaiveDate,
    pub live: bool,
    pub items: Vec<SnapshotItem>,
    pub totals: SnapshotTotals,
}

/// One task in the conclusions notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConclusionTask {
    pub lead_unit: UnitRef,
    pub supporting_units: Vec<UnitRef>,
    pub deadline: NaiveDate,
    pub expected_result: String,
}

/// One directive of the meeting with its tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConclusionDirective {
    pub id: i32,
    pub text: String,
    pub tasks: Vec<ConclusionTask>,
}

/// Directives grouped by project, in agenda order; `project` null for the general ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConclusionGroup {
    pub project: Option<ProjectRef>,
    pub directives: Vec<ConclusionDirective>,
}

/// `GET /meetings/{id}/conclusions`: the content of the thông báo kết luận (Decree
/// 30/2020/NĐ-CP layout), also written as `GET /meetings/{id}/conclusions.docx`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConclusionsView {
    pub meeting_id: i32,
    pub meeting_title: String,
    pub kind: MeetingKind,
    /// Local date (Asia/Ho_Chi_Minh) of the meeting.
    pub meeting_date: NaiveDate,
    pub location: String,
    /// "UBND TỈNH ĐỒNG NAI".
    pub authority: String,
    /// "VĂN PHÒNG".
    pub issuing_body: String,
    /// "125/TB-UBND", or "…/TB-UBND" while no number is set.
    pub notice_number: String,
    /// "Đồng Nai".
    pub place: String,
    /// Date of the notice (today while not issued).
    pub notice_date: NaiveDate,
    pub chair: UserRef,
    /// "PHÓ CHỦ TỊCH" under "KT. CHỦ TỊCH".
    pub chair_title: String,
    /// The chair's office in running text: "Phó Chủ tịch UBND tỉnh".
    pub chair_office: String,
    pub groups: Vec<ConclusionGroup>,
    /// Nơi nhận: the attendee units and every unit given a task.
    pub recipients: Vec<UnitRef>,
}
