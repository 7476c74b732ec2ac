//! Số, ký hiệu of a Vietnamese administrative document: `123/TB-UBND`, `45/2025/QĐ-UBND`,
//! `07/CT-UBND`. A number, an optional year, then the symbol: the document kind and the
//! issuing body joined by hyphens, in capitals (Đ included).

use crate::FieldError;

/// The longest number/symbol accepted; real ones stay under 30 characters.
pub const DOCUMENT_NUMBER_MAX: usize = 50;

/// The trimmed document number when it has the shape `number[/year]/SYMBOL[-SYMBOL...]`.
pub fn check_document_number(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::required(field));
    }
    let bad = || {
        FieldError::new(
            field,
            "document_number_format",
            "Số, ký hiệu văn bản có dạng 123/TB-UBND hoặc 45/2025/QĐ-UBND.",
            "A document number looks like 123/TB-UBND or 45/2025/QĐ-UBND.",
        )
    };
    if v.chars().count() > DOCUMENT_NUMBER_MAX {
        return Err(bad());
    }
    let parts: Vec<&str> = v.split('/').collect();
    let (number, year, symbol) = match parts.as_slice() {
        [n, s] => (*n, None, *s),
        [n, y, s] => (*n, Some(*y), *s),
        _ => return Err(bad()),
    };
    let digits = |s: &str, max: usize| !s.is_empty() && s.len() <= max && s.chars().all(|c| c.is_ascii_digit());
    if !digits(number, 6) || number.chars().all(|c| c == '0') {
        return Err(bad());
    }
    if year.is_some_and(|y| !(y.len() == 4 && digits(y, 4))) {
        return Err(bad());
    }
    let segment_ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == 'Đ')
    };
    if !symbol.split('-').all(segment_ok)
        || !symbol
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c == 'Đ')
    {
        return Err(bad());
    }
    Ok(v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_document_numbers_pass_and_malformed_ones_do_not() {
        for ok in [
            "123/TB-UBND",
            "45/2025/QĐ-UBND",
            "07/CT-UBND",
            " 1/KH-SXD ",
            "2/TB-VPUBND",
        ] {
            assert!(check_document_number("document_number", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "TB-UBND",
            "123",
            "123/",
            "/TB",
            "0/TB-UBND",
            "12a/TB",
            "123/tb-ubnd",
            "123/TB--UBND",
            "123/25/TB",
            "123/TB-UBND/x",
            "1234567/TB",
            "123/TB UBND",
            "123/-TB",
        ] {
            let e = check_document_number("document_number", bad).unwrap_err();
            assert_eq!(e.field, "document_number", "{bad}");
        }
        assert!(check_document_number("d", &format!("1/{}", "A".repeat(60))).is_err());
    }

    proptest! {
        #[test]
        fn any_accepted_number_is_bounded_and_has_no_control_characters(s in "\\PC{0,80}") {
            if let Ok(v) = check_document_number("d", &s) {
                prop_assert!(v.chars().count() <= DOCUMENT_NUMBER_MAX);
                prop_assert!(!v.chars().any(char::is_control));
                prop_assert!(v.contains('/'));
            }
        }
    }
}
