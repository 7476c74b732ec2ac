//! Field-level validation errors, worded in Vietnamese and English.

use serde::{Deserialize, Serialize};

/// One problem with one input field. `code` is a stable snake_case identifier the SPA can
/// translate; the two messages are ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON path of the field, e.g. `actual_percent` or `disbursements[1].amount`.
    pub field: String,
    pub code: String,
    pub message_vi: String,
    pub message_en: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code: code.to_owned(),
            message_vi: vi.into(),
            message_en: en.into(),
        }
    }

    pub fn required(field: impl Into<String>) -> Self {
        Self::new(field, "required", "Trường này là bắt buộc.", "This field is required.")
    }

    /// The same error reported under a prefixed path (`difficulties[0].` + field).
    pub fn prefixed(mut self, prefix: &str) -> Self {
        self.field = format!("{prefix}{}", self.field);
        self
    }
}

/// All field errors of one input; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn extend_prefixed(&mut self, other: ValidationErrors, prefix: &str) {
        self.0.extend(other.0.into_iter().map(|e| e.prefixed(prefix)));
    }

    /// Records the error of a field parse, keeping the value when it parsed.
    pub fn check<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// `Ok(value)` when no error was recorded.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }

    pub fn fields(&self) -> Vec<&str> {
        self.0.iter().map(|e| e.field.as_str()).collect()
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message_en))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Trims a required single-line text field (names, titles, codes, usernames) and checks its
/// length in characters; no control character at all, line breaks included.
pub fn required_text(field: &str, value: &str, max_chars: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::required(field));
    }
    optional_text(field, v, max_chars)
}

/// Trims an optional single-line text field and checks it like [`required_text`].
pub fn optional_text(field: &str, value: &str, max_chars: usize) -> Result<String, FieldError> {
    checked_text(field, value, max_chars, false)
}

/// Trims a required multi-line free text (notes, descriptions, proposals): line breaks
/// (`\n`, `\r\n`) and tabs are kept, every other control character is refused.
pub fn required_multiline(field: &str, value: &str, max_chars: usize) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::required(field));
    }
    optional_multiline(field, v, max_chars)
}

/// Trims an optional multi-line free text and checks it like [`required_multiline`].
pub fn optional_multiline(field: &str, value: &str, max_chars: usize) -> Result<String, FieldError> {
    checked_text(field, value, max_chars, true)
}

/// The one text check. Control characters are refused rather than stored because PostgreSQL
/// cannot store NUL at all (SQLite can): refusing them in the domain makes both databases
/// answer alike, and keeps forged line breaks out of names shown in logs and exports.
fn checked_text(field: &str, value: &str, max_chars: usize, multiline: bool) -> Result<String, FieldError> {
    let v = value.trim();
    if has_control_characters(v, multiline) {
        return Err(if multiline {
            FieldError::new(
                field,
                "control_characters",
                "Không được chứa ký tự điều khiển (chỉ cho phép xuống dòng và tab).",
                "Must not contain control characters (only line breaks and tabs are allowed).",
            )
        } else {
            FieldError::new(
                field,
                "control_characters",
                "Không được chứa ký tự điều khiển hay xuống dòng.",
                "Must not contain control characters or line breaks.",
            )
        });
    }
    if v.chars().count() > max_chars {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("Không được dài quá {max_chars} ký tự."),
            format!("Must be at most {max_chars} characters."),
        ));
    }
    Ok(v.to_owned())
}

/// Whether `s` holds a control character (C0, DEL, C1); with `multiline`, `\n`, `\t` and a
/// `\r` directly before `\n` are allowed.
pub fn has_control_characters(s: &str, multiline: bool) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = multiline && (c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n')));
        if c.is_control() && !allowed {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_text_refuses_every_control_character() {
        for bad in ["a\0b", "a\nb", "a\tb", "a\rb", "a\u{7f}b", "a\u{85}b", "a\u{1b}[31mb"] {
            let e = required_text("title", bad, 100).unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.code.as_str()),
                ("title", "control_characters"),
                "{bad:?}"
            );
        }
        assert_eq!(required_text("title", "  Cầu Cát Lái  ", 100).unwrap(), "Cầu Cát Lái");
        assert_eq!(optional_text("q", "", 100).unwrap(), "");
    }

    #[test]
    fn multi_line_text_keeps_line_breaks_and_tabs_only() {
        assert_eq!(
            optional_multiline("note", "dòng 1\r\ndòng 2\n\tý", 100).unwrap(),
            "dòng 1\r\ndòng 2\n\tý"
        );
        for bad in ["a\0b", "a\rb", "a\u{7}b", "a\u{9b}b"] {
            assert_eq!(
                optional_multiline("note", bad, 100).unwrap_err().code,
                "control_characters",
                "{bad:?}"
            );
        }
        assert_eq!(required_multiline("note", " \n ", 100).unwrap_err().code, "required");
    }
}
