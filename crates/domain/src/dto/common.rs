use serde::{Deserialize, Serialize};

/// One page of a list, with the total number of matching items.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// A unit named in another resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitRef {
    pub id: i32,
    pub code: String,
    pub name: String,
}

/// A project named in another resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectRef {
    pub id: i32,
    pub code: String,
    pub name: String,
}

/// A commune or ward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalityView {
    pub id: i32,
    pub code: String,
    pub name: String,
    /// `ward` (phường) or `commune` (xã).
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalityInput {
    pub code: String,
    pub name: String,
    pub kind: String,
}

impl LocalityInput {
    pub fn validate(&self) -> Result<LocalityInput, crate::ValidationErrors> {
        use crate::validation::required_text;
        let mut errs = crate::ValidationErrors::new();
        let code = errs.check(required_text("code", &self.code, 32));
        let name = errs.check(required_text("name", &self.name, 200));
        if self.kind != "ward" && self.kind != "commune" {
            errs.push(crate::FieldError::new(
                "kind",
                "invalid_choice",
                "Loại phải là \"ward\" (phường) hoặc \"commune\" (xã).",
                "Kind must be \"ward\" or \"commune\".",
            ));
        }
        errs.into_result(|| LocalityInput {
            code: code.unwrap(),
            name: name.unwrap(),
            kind: self.kind.clone(),
        })
    }
}

/// One entry of a closed code list, with its labels.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeLabel {
    pub code: String,
    pub label_vi: String,
    pub label_en: String,
}

/// Every closed code list the forms need.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferenceLists {
    pub sectors: Vec<CodeLabel>,
    pub project_groups: Vec<CodeLabel>,
    pub phases: Vec<CodeLabel>,
    pub difficulty_categories: Vec<CodeLabel>,
    pub difficulty_statuses: Vec<CodeLabel>,
    pub capital_sources: Vec<CodeLabel>,
    pub progress_statuses: Vec<CodeLabel>,
    pub unit_kinds: Vec<CodeLabel>,
    pub roles: Vec<CodeLabel>,
    pub meeting_kinds: Vec<CodeLabel>,
    pub meeting_states: Vec<CodeLabel>,
    pub localities: Vec<LocalityView>,
}

macro_rules! labels {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|c| CodeLabel {
                code: c.as_str().to_owned(),
                label_vi: c.label_vi().to_owned(),
                label_en: c.label_en().to_owned(),
            })
            .collect()
    };
}

impl ReferenceLists {
    pub fn with_localities(localities: Vec<LocalityView>) -> Self {
        use crate::codes::*;
        ReferenceLists {
            sectors: labels!(Sector),
            project_groups: labels!(ProjectGroup),
            phases: labels!(Phase),
            difficulty_categories: labels!(DifficultyCategory),
            difficulty_statuses: labels!(DifficultyStatus),
            capital_sources: labels!(CapitalSource),
            progress_statuses: labels!(ProgressStatus),
            unit_kinds: labels!(UnitKind),
            roles: labels!(Role),
            meeting_kinds: labels!(MeetingKind),
            meeting_states: labels!(MeetingState),
            localities,
        }
    }
}

/// The shape of every error body (RFC 7807 `application/problem+json`); the server writes
/// it and the SPA reads it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemDetails {
    /// URI naming the problem type.
    #[serde(rename = "type", default)]
    pub type_: String,
    /// Short summary in the request's language (Vietnamese unless `Accept-Language: en`).
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable snake_case code for programs, e.g. `validation_failed`, `stale_version`.
    #[serde(default)]
    pub code: String,
    /// Per-field problems (validation only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemFieldError>,
    /// On 412: the current `ETag`, so the client can re-read and re-apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_etag: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemFieldError {
    pub field: String,
    pub code: String,
    /// In the request's language.
    pub message: String,
    pub message_vi: String,
    pub message_en: String,
}
