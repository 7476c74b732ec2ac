//! People the direction forms pick from (meeting chair and attendees, a task's assignee):
//! names and roles only, readable beyond the admin who manages accounts.

use serde::{Deserialize, Serialize};

use crate::Role;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub id: i32,
    pub display_name: String,
    pub role: Role,
    pub unit: Option<crate::dto::UnitRef>,
}
