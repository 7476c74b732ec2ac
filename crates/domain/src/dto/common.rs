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
            localities,
        }
    }
}
