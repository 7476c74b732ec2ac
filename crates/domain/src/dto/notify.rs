//! The in-app inbox, delivery preferences and the outbox's delivery log.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{DeliveryMode, FieldError, NotificationEvent, ValidationErrors};

/// One item of the signed-in user's inbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: i32,
    pub event: NotificationEvent,
    /// Vietnamese title and body (the app's language).
    pub title: String,
    pub body: String,
    pub title_en: String,
    pub body_en: String,
    /// Path in the web app of what it is about (`/projects/12`, `/tasks/5`...), if any.
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When the user marked it read; `null` while unread.
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u64,
}

/// The answer to "mark all read".
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkedRead {
    pub marked: u64,
}

/// How one kind of event reaches the user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPreference {
    pub event: NotificationEvent,
    pub mode: DeliveryMode,
    /// Vietnamese and English name of the event, for the settings page.
    pub label_vi: String,
    pub label_en: String,
    /// What applies when the user has not chosen.
    pub default_mode: DeliveryMode,
}

/// The signed-in user's delivery preferences: one entry per event, always all of them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPreferencesView {
    /// Where e-mails go; `null`: no e-mails (in-app only).
    pub email: Option<String>,
    pub items: Vec<NotificationPreference>,
    /// Local hour (Asia/Ho_Chi_Minh) at which the daily digest is sent.
    pub digest_hour: u32,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPreferenceInput {
    pub event: NotificationEvent,
    pub mode: DeliveryMode,
}

/// Sets the user's own e-mail address and modes. Events left out keep their default.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPreferencesInput {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub items: Vec<NotificationPreferenceInput>,
}

impl NotificationPreferencesInput {
    pub fn validate(&self) -> Result<NotificationPreferencesInput, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let email = errs.check(optional_email("email", self.email.as_deref()));
        let mut seen = BTreeSet::new();
        for (i, p) in self.items.iter().enumerate() {
            if !seen.insert(p.event) {
                errs.push(FieldError::new(
                    format!("items[{i}].event"),
                    "duplicate_event",
                    "Mỗi loại thông báo chỉ chọn một lần.",
                    "Each event may be set only once.",
                ));
            }
        }
        errs.into_result(|| NotificationPreferencesInput {
            email: email.flatten(),
            items: self.items.clone(),
        })
    }

    /// The mode of `event` after this input (its default when left out).
    pub fn mode_of(&self, event: NotificationEvent) -> DeliveryMode {
        self.items
            .iter()
            .find(|p| p.event == event)
            .map(|p| p.mode)
            .unwrap_or_else(|| event.default_mode())
    }
}

/// Longest e-mail address accepted (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// Checks an optional e-mail address: blank is none; otherwise one `local@domain.tld`,
/// ASCII without spaces or control characters, at most 254 characters (local part ≤ 64).
/// The domain is lower-cased.
pub fn optional_email(field: &str, value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bad = || {
        FieldError::new(
            field,
            "invalid_email",
            "Địa chỉ e-mail không hợp lệ (dạng ten@donvi.gov.vn).",
            "Not a valid e-mail address (like name@unit.gov.vn).",
        )
    };
    if v.chars().count() > MAX_EMAIL_CHARS {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("Tối đa {MAX_EMAIL_CHARS} ký tự."),
            format!("At most {MAX_EMAIL_CHARS} characters."),
        ));
    }
    let ok_char = |c: char| c.is_ascii_graphic() && !"<>()[]\\,;:\"@".contains(c);
    let (local, domain) = v.split_once('@').ok_or_else(bad)?;
    let labels: Vec<&str> = domain.split('.').collect();
    let valid = !local.is_empty()
        && local.len() <= 64
        && local.chars().all(ok_char)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    if !valid {
        return Err(bad());
    }
    Ok(Some(format!("{local}@{}", domain.to_ascii_lowercase())))
}

/// One job of the outbox (a webhook call, an e-mail, a daily digest), for the delivery log.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxJobView {
    pub id: i32,
    /// `webhook`, `email` or `digest`.
    pub channel: String,
    /// The event (`alert.opened`, `task_assigned`...; `digest` for a daily digest).
    pub event_type: String,
    /// The user an e-mail or digest goes to.
    pub recipient_user_id: Option<i32>,
    /// The address it was sent to (e-mail) or the subscription's id (webhook).
    pub recipient: Option<String>,
    pub subscription_id: Option<i32>,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted_and_their_domain_lower_cased() {
        assert_eq!(
            optional_email("email", Some(" An.Nguyen+ioc@SXD.DongNai.gov.vn ")).unwrap(),
            Some("An.Nguyen+ioc@sxd.dongnai.gov.vn".into())
        );
        assert_eq!(optional_email("email", Some("  ")).unwrap(), None);
        assert_eq!(optional_email("email", None).unwrap(), None);
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_field_error() {
        for bad in [
            "khongcoacong",
            "@dongnai.gov.vn",
            "an@",
            "an@localhost",
            "an@@dongnai.gov.vn",
            "an nguyen@dongnai.gov.vn",
            "an@dong nai.gov.vn",
            "an\u{0}@dongnai.gov.vn",
            "an\r\nBcc: x@y.vn",
            "nguyễn@dongnai.gov.vn",
            "an..b@dongnai.gov.vn",
            "an@-dongnai.gov.vn",
        ] {
            let e = optional_email("email", Some(bad)).unwrap_err();
            assert_eq!(e.code, "invalid_email", "{bad:?}");
        }
        let long = format!("{}@dongnai.gov.vn", "a".repeat(250));
        assert_eq!(optional_email("email", Some(&long)).unwrap_err().code, "too_long");
    }

    #[test]
    fn an_event_set_twice_is_refused_and_left_out_events_keep_their_default() {
        let input = NotificationPreferencesInput {
            email: None,
            items: vec![
                NotificationPreferenceInput {
                    event: NotificationEvent::TaskOverdue,
                    mode: DeliveryMode::Off,
                },
                NotificationPreferenceInput {
                    event: NotificationEvent::TaskOverdue,
                    mode: DeliveryMode::Immediate,
                },
            ],
        };
        assert_eq!(input.validate().unwrap_err().fields(), vec!["items[1].event"]);
        let one = NotificationPreferencesInput {
            items: input.items[..1].to_vec(),
            ..input
        };
        let valid = one.validate().unwrap();
        assert_eq!(valid.mode_of(NotificationEvent::TaskOverdue), DeliveryMode::Off);
        assert_eq!(
            valid.mode_of(NotificationEvent::TaskAssigned),
            NotificationEvent::TaskAssigned.default_mode()
        );
    }

    #[test]
    fn every_event_has_a_default_that_shows_it_in_the_inbox() {
        for e in NotificationEvent::ALL {
            assert!(e.default_mode().in_app(), "{e}");
        }
    }
}
