//! The feed's opaque cursor: the (updated_at, id) of the last project sent, so the next page
//! starts strictly after it even when several projects share a timestamp.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub updated_at: DateTime<Utc>,
    pub id: i32,
}

fn invalid() -> ApiError {
    ApiError::bad_request(
        "invalid_cursor",
        "Con trỏ phân trang không hợp lệ; dùng đúng giá trị next_cursor đã nhận.",
        "Invalid cursor; send back the next_cursor value exactly as received.",
    )
}

impl Cursor {
    /// Microseconds are what both databases keep (see `store::now`), so the decoded instant
    /// equals the stored one and the `=` half of the keyset comparison holds.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}.{}", self.updated_at.timestamp_micros(), self.id))
    }

    pub fn decode(raw: &str) -> Result<Cursor, ApiError> {
        let bytes = URL_SAFE_NO_PAD.decode(raw.trim()).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let (micros, id) = text.split_once('.').ok_or_else(invalid)?;
        let updated_at = micros
            .parse::<i64>()
            .ok()
            .and_then(DateTime::from_timestamp_micros)
            .ok_or_else(invalid)?;
        let id = id.parse::<i32>().map_err(|_| invalid())?;
        Ok(Cursor { updated_at, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_its_round_trip_to_the_microsecond() {
        let c = Cursor {
            updated_at: DateTime::from_timestamp_micros(1_767_225_600_123_456).unwrap(),
            id: 42,
        };
        let raw = c.encode();
        assert!(raw
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'));
        assert_eq!(Cursor::decode(&raw).unwrap(), c);
    }

    #[test]
    fn garbage_is_a_bad_request_not_a_panic() {
        for raw in ["", "!!!", "bm90LWEtY3Vyc29y", &URL_SAFE_NO_PAD.encode("12.x")] {
            assert!(matches!(Cursor::decode(raw), Err(ApiError::BadRequest(_))), "{raw}");
        }
    }
}
