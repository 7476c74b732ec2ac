//! The part of the OC4IDS 0.9 project package this export fills, field names as the standard
//! spells them. Absent values are left out, never sent as null or "": the schema's
//! `minLength`/`minItems`/`minProperties` reject empty ones.
//!
//! Amounts are JSON numbers, as OC4IDS requires, written from whole đồng (`i64`) so the
//! digits are exact; a consumer reading them as IEEE doubles stays exact up to 2^53 đồng
//! (about 9 triệu tỷ), far above any provincial budget.

use serde::Serialize;
use utoipa::ToSchema;

/// An OC4IDS 0.9 project package.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::ProjectPackage)]
#[serde(rename_all = "camelCase")]
pub struct Oc4idsPackage {
    /// This package's URI: the request that produced it.
    pub uri: String,
    /// When the newest project in the package last changed (OC4IDS's rule for packages
    /// generated on demand).
    pub published_date: String,
    pub publisher: Publisher,
    pub license: String,
    /// OC4IDS schema version, major.minor: `0.9`.
    pub version: String,
    pub projects: Vec<Oc4idsProject>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Publisher)]
pub struct Publisher {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Project)]
#[serde(rename_all = "camelCase")]
pub struct Oc4idsProject {
    /// `oc4ids-dn-` + the project code.
    pub id: String,
    pub updated: String,
    pub language: String,
    pub identifiers: Vec<SimpleIdentifier>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// projectStatus code, from the phase: `preparation`, `implementation`, `completion`.
    pub status: String,
    /// projectSector codes; absent where no code fits (the local sector is always in
    /// `additionalClassifications`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Vec<String>>,
    pub additional_classifications: Vec<Classification>,
    pub public_authority: OrganizationReference,
    pub parties: Vec<Organization>,
    pub budget: Budget,
    pub period: Period,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<Location>>,
    pub milestones: Vec<Milestone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<Completion>,
    /// Actual physical progress (% complete) from each weekly report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Vec<Metric>>,
    /// Planned physical progress at the same dates, from the project's baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecasts: Option<Vec<Metric>>,
    /// Disbursements (giải ngân) to the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactions: Option<Vec<Transaction>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::SimpleIdentifier)]
pub struct SimpleIdentifier {
    pub id: String,
    pub scheme: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Classification)]
pub struct Classification {
    pub scheme: String,
    pub id: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::OrganizationReference)]
pub struct OrganizationReference {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Organization)]
pub struct Organization {
    pub id: String,
    pub name: String,
    /// partyRole codes.
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Value)]
pub struct Value {
    /// Whole đồng.
    pub amount: i64,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Budget)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub description: String,
    pub amount: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_breakdowns: Option<Vec<BudgetBreakdowns>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::BudgetBreakdowns)]
#[serde(rename_all = "camelCase")]
pub struct BudgetBreakdowns {
    pub id: String,
    pub description: String,
    pub budget_breakdown: Vec<BudgetBreakdown>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::BudgetBreakdown)]
pub struct BudgetBreakdown {
    pub id: String,
    pub description: String,
    pub amount: Value,
    pub period: Period,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[schema(as = oc4ids::Period)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_in_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Location)]
pub struct Location {
    pub id: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geometry: Option<Geometry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

/// GeoJSON, WGS84: `Point` with `[longitude, latitude]`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Geometry)]
pub struct Geometry {
    #[serde(rename = "type")]
    pub kind: String,
    pub coordinates: Vec<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Address)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub locality: String,
    pub region: String,
    pub country_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Milestone)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    pub id: String,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub due_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_met: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// milestoneStatus: `scheduled`, `met`, `notMet`.
    pub status: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Completion)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    pub end_date: String,
    pub end_date_details: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Metric)]
pub struct Metric {
    /// metricID code: `physicalProgress`.
    pub id: String,
    pub title: String,
    pub observations: Vec<Observation>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Observation)]
pub struct Observation {
    pub id: String,
    pub period: Period,
    /// Percent complete, 0–100 with up to two decimals.
    pub measure: f64,
    pub unit: ObservationUnit,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::ObservationUnit)]
pub struct ObservationUnit {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = oc4ids::Transaction)]
pub struct Transaction {
    pub id: String,
    pub date: String,
    pub value: Value,
}
