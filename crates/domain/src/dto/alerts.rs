//! Alerts, their acknowledgement, and the webhooks that push alert events to other systems.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::alerts::{AlertSeverity, AlertType};
use crate::dto::UnitRef;
use crate::validation::{required_multiline, required_text};
use crate::{FieldError, ValidationErrors};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertView {
    pub id: i32,
    pub project_id: i32,
    pub project_code: String,
    pub project_name: String,
    pub alert_type: AlertType,
    pub severity: AlertSeverity,
    pub title_vi: String,
    pub title_en: String,
    /// The facts behind the alert, refreshed while it is open (percentages, days without a report...).
    pub message_vi: String,
    pub message_en: String,
    /// The unit that answers for the project: its managing unit, else its investor.
    pub responsible_unit: Option<UnitRef>,
    pub opened_at: DateTime<Utc>,
    /// Set when the condition cleared; an alert that comes back is a new alert.
    pub closed_at: Option<DateTime<Utc>>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// User id of whoever acknowledged it.
    pub acknowledged_by: Option<i32>,
    pub acknowledged_by_name: Option<String>,
    pub ack_note: Option<String>,
    pub version: i32,
}

/// Acknowledging an alert: what the province is doing about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertAckInput {
    /// Required: e.g. "Đã giao Sở Tài chính bố trí vốn bổ sung".
    #[serde(default)]
    pub note: String,
}

impl AlertAckInput {
    /// The trimmed note (required, at most 2000 characters).
    pub fn validate(&self) -> Result<String, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let note = errs.check(required_multiline("note", &self.note, 2000));
        errs.into_result(|| note.unwrap_or_default())
    }
}

/// Open alerts of one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertTypeCount {
    pub alert_type: AlertType,
    pub title_vi: String,
    pub title_en: String,
    pub open: u64,
    /// Of those, not acknowledged yet.
    pub unacknowledged: u64,
}

/// Open alerts per type and per severity (every type and severity listed, zeros included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertCounts {
    pub total_open: u64,
    pub by_type: Vec<AlertTypeCount>,
    pub by_severity: Vec<AlertSeverityCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertSeverityCount {
    pub severity: AlertSeverity,
    pub open: u64,
}

/// Events a webhook can subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum WebhookEvent {
    #[serde(rename = "alert.opened")]
    AlertOpened,
    #[serde(rename = "alert.closed")]
    AlertClosed,
    #[serde(rename = "directive.created")]
    DirectiveCreated,
    #[serde(rename = "task.assigned")]
    TaskAssigned,
    #[serde(rename = "task.state_changed")]
    TaskStateChanged,
    #[serde(rename = "task.overdue")]
    TaskOverdue,
}

impl WebhookEvent {
    pub const ALL: &'static [WebhookEvent] = &[
        WebhookEvent::AlertOpened,
        WebhookEvent::AlertClosed,
        WebhookEvent::DirectiveCreated,
        WebhookEvent::TaskAssigned,
        WebhookEvent::TaskStateChanged,
        WebhookEvent::TaskOverdue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::AlertOpened => "alert.opened",
            WebhookEvent::AlertClosed => "alert.closed",
            WebhookEvent::DirectiveCreated => "directive.created",
            WebhookEvent::TaskAssigned => "task.assigned",
            WebhookEvent::TaskStateChanged => "task.state_changed",
            WebhookEvent::TaskOverdue => "task.overdue",
        }
    }

    pub fn parse(s: &str) -> Option<WebhookEvent> {
        WebhookEvent::ALL.iter().copied().find(|e| e.as_str() == s)
    }

    /// The webhook event a notification is also sent as (alerts have their own, richer
    /// `alert.opened`; reminders and inbox-only events have none).
    pub fn of_notification(e: crate::NotificationEvent) -> Option<WebhookEvent> {
        use crate::NotificationEvent as N;
        match e {
            N::DirectiveCreated => Some(WebhookEvent::DirectiveCreated),
            N::TaskAssigned => Some(WebhookEvent::TaskAssigned),
            N::TaskStateChanged => Some(WebhookEvent::TaskStateChanged),
            N::TaskOverdue => Some(WebhookEvent::TaskOverdue),
            N::TaskDueSoon | N::ExtensionDecided | N::AlertOpened | N::ReportOwed | N::MeetingScheduled => None,
        }
    }
}

fn all_events() -> Vec<WebhookEvent> {
    WebhookEvent::ALL.to_vec()
}

/// A subscription: where to POST alert events, signed with `secret`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookInput {
    pub name: String,
    /// `http://` or `https://` address that receives the POSTs.
    pub url: String,
    /// Shared secret (16–200 characters) for the `X-IOC-Signature` HMAC. Never returned.
    pub secret: String,
    /// Default: every event.
    #[serde(default = "all_events")]
    pub event_types: Vec<WebhookEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidWebhook {
    pub name: String,
    pub url: String,
    pub secret: String,
    /// Deduplicated, in [`WebhookEvent::ALL`] order.
    pub event_types: Vec<WebhookEvent>,
}

impl WebhookInput {
    pub fn validate(&self) -> Result<ValidWebhook, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let name = errs.check(required_text("name", &self.name, 100));
        let url = errs.check(http_url("url", &self.url));
        let secret = self.secret.trim();
        let n = secret.chars().count();
        if !(16..=200).contains(&n) {
            errs.push(FieldError::new(
                "secret",
                "secret_length",
                "Khóa bí mật phải dài từ 16 đến 200 ký tự.",
                "The secret must be 16 to 200 characters long.",
            ));
        }
        let events: Vec<WebhookEvent> = WebhookEvent::ALL
            .iter()
            .copied()
            .filter(|e| self.event_types.contains(e))
            .collect();
        if events.is_empty() {
            errs.push(FieldError::new(
                "event_types",
                "required",
                "Chọn ít nhất một loại sự kiện.",
                "Choose at least one event type.",
            ));
        }
        errs.into_result(|| ValidWebhook {
            name: name.unwrap_or_default(),
            url: url.unwrap_or_default(),
            secret: secret.to_owned(),
            event_types: events,
        })
    }
}

/// An absolute http(s) URL with a host and no whitespace (the server only POSTs to it).
fn http_url(field: &str, raw: &str) -> Result<String, FieldError> {
    let v = raw.trim();
    let lower = v.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let ok = v.len() <= 2000
        && host.is_some_and(|h| !h.is_empty() && !h.starts_with(':') && !h.contains('@'))
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(v.to_owned())
    } else {
        Err(FieldError::new(
            field,
            "invalid_url",
            "Địa chỉ phải là URL http:// hoặc https:// hợp lệ.",
            "Must be a valid http:// or https:// URL.",
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookView {
    pub id: i32,
    pub name: String,
    pub url: String,
    pub event_types: Vec<WebhookEvent>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// One queued event for one subscription, and how its delivery went.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryView {
    pub id: i32,
    pub subscription_id: i32,
    pub event_type: String,
    /// `pending` (queued or waiting for a retry), `delivered` or `failed` (gave up).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The event as queued (`sent_at` is added on each attempt).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: serde_json::Value,
}

/// The project an event is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookProject {
    pub id: i32,
    pub code: String,
    pub name: String,
}

/// The JSON body POSTed to subscribers. Headers: `X-IOC-Event`, `X-IOC-Delivery` (id, the
/// same on every retry: deduplicate on it), `X-IOC-Timestamp` (Unix seconds) and
/// `X-IOC-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookPayload {
    pub event: WebhookEvent,
    /// The alert as it was when the event happened.
    pub alert: AlertView,
    pub project: WebhookProject,
    pub occurred_at: DateTime<Utc>,
    /// When this attempt was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(url: &str, secret: &str) -> WebhookInput {
        WebhookInput {
            name: "Hệ thống IOC".into(),
            url: url.into(),
            secret: secret.into(),
            event_types: all_events(),
        }
    }

    #[test]
    fn a_webhook_needs_an_http_url_and_a_long_enough_secret() {
        let ok = input("https://ioc.dongnai.gov.vn/hooks/alerts?x=1", "0123456789abcdef")
            .validate()
            .unwrap();
        assert_eq!(ok.event_types, all_events());
        assert!(input("http://127.0.0.1:9000/", "0123456789abcdef").validate().is_ok());
        for bad in [
            "ftp://x",
            "https://",
            "javascript:alert(1)",
            "https://a b",
            "http://:80/",
            "x",
        ] {
            let e = input(bad, "0123456789abcdef").validate().unwrap_err();
            assert_eq!(e.fields(), vec!["url"], "{bad}");
        }
        let e = input("https://a.vn", "short").validate().unwrap_err();
        assert_eq!(e.fields(), vec!["secret"]);
    }

    #[test]
    fn event_types_are_deduplicated_and_required() {
        let mut i = input("https://a.vn", "0123456789abcdef");
        i.event_types = vec![WebhookEvent::AlertClosed, WebhookEvent::AlertClosed];
        assert_eq!(i.validate().unwrap().event_types, vec![WebhookEvent::AlertClosed]);
        i.event_types = vec![];
        assert_eq!(i.validate().unwrap_err().fields(), vec!["event_types"]);
        let parsed: WebhookInput =
            serde_json::from_str(r#"{"name":"n","url":"https://a.vn","secret":"0123456789abcdef"}"#).unwrap();
        assert_eq!(parsed.event_types, all_events());
        assert_eq!(
            serde_json::to_string(&WebhookEvent::AlertOpened).unwrap(),
            "\"alert.opened\""
        );
    }

    #[test]
    fn an_acknowledgement_needs_a_note() {
        assert_eq!(
            AlertAckInput { note: "  ".into() }.validate().unwrap_err().fields(),
            vec!["note"]
        );
        assert_eq!(
            AlertAckInput {
                note: " Đã chỉ đạo ".into()
            }
            .validate()
            .unwrap(),
            "Đã chỉ đạo"
        );
    }
}
