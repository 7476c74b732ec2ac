//! Units, users, authentication and integrator tokens.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::validation::{optional_multiline, optional_text, required_text};
use crate::{FieldError, Role, UnitKind, ValidationErrors};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitView {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

impl UnitInput {
    pub fn validate(&self) -> Result<UnitInput, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let code = errs.check(required_text("code", &self.code, 32));
        let name = errs.check(required_text("name", &self.name, 300));
        errs.into_result(|| UnitInput {
            code: code.unwrap(),
            name: name.unwrap(),
            kind: self.kind,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit: Option<crate::dto::UnitRef>,
    /// Where notification e-mails go; `null`: none (in-app only).
    #[serde(default)]
    pub email: Option<String>,
    pub active: bool,
    pub version: i32,
}

/// Creates a user (password required) or updates one (password optional: unchanged when absent).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInput {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: Option<i32>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default = "yes")]
    pub active: bool,
    /// Notification e-mail address (optional; the user may also set their own).
    #[serde(default)]
    pub email: Option<String>,
}

fn yes() -> bool {
    true
}

pub const MIN_PASSWORD_CHARS: usize = 10;

impl UserInput {
    pub fn validate(&self, creating: bool) -> Result<UserInput, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let username = errs.check(required_text("username", &self.username, 64));
        if let Some(u) = &username {
            if !u.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
                errs.push(FieldError::new(
                    "username",
                    "invalid_username",
                    "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -",
                    "Usernames may contain only ASCII letters, digits and . _ -",
                ));
            }
        }
        let display_name = errs.check(required_text("display_name", &self.display_name, 200));
        let email = errs.check(crate::dto::optional_email("email", self.email.as_deref()));
        match (&self.password, creating) {
            (None, true) => errs.push(FieldError::required("password")),
            (Some(p), _) if p.chars().count() < MIN_PASSWORD_CHARS => errs.push(FieldError::new(
                "password",
                "password_too_short",
                format!("Mật khẩu phải có ít nhất {MIN_PASSWORD_CHARS} ký tự."),
                format!("The password must have at least {MIN_PASSWORD_CHARS} characters."),
            )),
            _ => {}
        }
        if self.role == Role::UnitEditor && self.unit_id.is_none() {
            errs.push(FieldError::new(
                "unit_id",
                "unit_required",
                "Cán bộ nhập liệu phải thuộc một đơn vị.",
                "A unit editor must belong to a unit.",
            ));
        }
        errs.into_result(|| UserInput {
            username: username.unwrap().to_lowercase(),
            display_name: display_name.unwrap(),
            email: email.flatten(),
            ..self.clone()
        })
    }

    /// Whether saving this over the account `before` must end its sessions: a new password
    /// (the old one may have leaked), deactivation, or a different role or unit (what the
    /// account may do has changed; it signs in again under the new rights).
    pub fn ends_sessions_of(&self, before: &UserView) -> bool {
        self.password.is_some()
            || !self.active
            || self.role != before.role
            || self.unit_id != before.unit.as_ref().map(|u| u.id)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

impl LoginRequest {
    /// The username goes into a query, so it is held to the text rules of every input (no
    /// control characters: PostgreSQL cannot even compare a NUL). The password is only hashed.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(optional_text("username", &self.username, 256));
        errs.into_result(|| ())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Issued on login and on each refresh; the refresh token is single-use (rotated).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: i64,
    pub refresh_token: String,
    pub user: MeView,
}

/// The signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeView {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit: Option<crate::dto::UnitRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegratorTokenInput {
    /// An active user with the `integrator` role that the token acts as.
    pub user_id: i32,
    pub name: String,
}

impl IntegratorTokenInput {
    pub fn validate(&self) -> Result<IntegratorTokenInput, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let name = errs.check(required_text("name", &self.name, 200));
        errs.into_result(|| IntegratorTokenInput {
            user_id: self.user_id,
            name: name.unwrap(),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegratorTokenView {
    pub id: i32,
    pub user_id: i32,
    pub name: String,
    /// First characters of the token, to recognise it; the token itself is shown only once.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The answer to creating a token: the only time the secret is shown.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegratorTokenCreated {
    pub token: String,
    pub info: IntegratorTokenView,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub user_id: Option<i32>,
    pub username: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub project_id: Option<i32>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: String,
}

/// Checks a free-text note: optional, bounded.
pub fn note(field: &str, value: &str) -> Result<String, FieldError> {
    optional_multiline(field, value, 2000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::UnitRef;

    #[test]
    fn changes_to_password_activity_role_or_unit_end_sessions_and_others_do_not() {
        let before = UserView {
            id: 1,
            username: "an".into(),
            display_name: "An".into(),
            role: Role::UnitEditor,
            unit: Some(UnitRef {
                id: 7,
                code: "A".into(),
                name: "A".into(),
            }),
            email: None,
            active: true,
            version: 1,
        };
        let same = UserInput {
            username: "an".into(),
            display_name: "Nguyễn Văn An".into(),
            role: Role::UnitEditor,
            unit_id: Some(7),
            password: None,
            active: true,
            email: None,
        };
        assert!(!same.ends_sessions_of(&before), "a new display name keeps sessions");
        for changed in [
            UserInput {
                password: Some("mot-mat-khau-moi".into()),
                ..same.clone()
            },
            UserInput {
                active: false,
                ..same.clone()
            },
            UserInput {
                role: Role::Viewer,
                ..same.clone()
            },
            UserInput {
                unit_id: Some(8),
                ..same.clone()
            },
        ] {
            assert!(changed.ends_sessions_of(&before), "{changed:?}");
        }
    }
}
