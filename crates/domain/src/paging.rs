//! Whole-number query parameters (`page`, `per_page`, `top`, `weeks`, chart sizes, limits),
//! read from their raw text so that a value too large for any integer type, a negative one
//! or a word all get the same field error (422) instead of a parser's 400 or an overflow.

use crate::{FieldError, ValidationErrors};

/// A page of a list: `page` in 1..=[`Paging::MAX_PAGE`], `per_page` in
/// 1..=[`Paging::MAX_PER_PAGE`], so the row offset always fits (at most 2 × 10^8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    page: u64,
    per_page: u64,
}

impl Paging {
    /// A million pages: deeper than any list the province keeps, far below any overflow.
    pub const MAX_PAGE: u64 = 1_000_000;
    pub const MAX_PER_PAGE: u64 = 200;
    pub const DEFAULT_PER_PAGE: u64 = 20;

    /// Reads the raw `page` and `per_page` parameters (absent or empty: 1 and 20).
    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Paging, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let page = errs.check(bounded_integer("page", page, 1, 1, Paging::MAX_PAGE));
        let per_page = errs.check(bounded_integer(
            "per_page",
            per_page,
            Paging::DEFAULT_PER_PAGE,
            1,
            Paging::MAX_PER_PAGE,
        ));
        errs.into_result(|| Paging {
            page: page.unwrap_or(1),
            per_page: per_page.unwrap_or(Paging::DEFAULT_PER_PAGE),
        })
    }

    pub fn page(self) -> u64 {
        self.page
    }

    pub fn per_page(self) -> u64 {
        self.per_page
    }

    /// Rows before this page; the bounds keep it exact.
    pub fn offset(self) -> u64 {
        (self.page - 1) * self.per_page
    }
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            page: 1,
            per_page: Paging::DEFAULT_PER_PAGE,
        }
    }
}

/// A whole number for `field` in `min..=max`; `default` when absent or empty.
pub fn bounded_integer(field: &str, raw: Option<&str>, default: u64, min: u64, max: u64) -> Result<u64, FieldError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(default);
    };
    let out_of_range = || {
        FieldError::new(
            field,
            "out_of_range",
            format!("Phải là số nguyên từ {min} đến {max}."),
            format!("Must be a whole number from {min} to {max}."),
        )
    };
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        // A sign or a word: a negative number is out of range, anything else is not a number.
        let negative = raw
            .strip_prefix('-')
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        return Err(if negative {
            out_of_range()
        } else {
            FieldError::new(
                field,
                "not_an_integer",
                "Phải là một số nguyên.",
                "Must be a whole number.",
            )
        });
    }
    // All digits: too many of them for u64 is simply too large.
    match raw.parse::<u64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(out_of_range()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_negative_and_non_numeric_pages_are_field_errors() {
        for (raw, code) in [
            ("9223372036854775808", "out_of_range"),
            ("99999999999999999999999999", "out_of_range"),
            ("0", "out_of_range"),
            ("-1", "out_of_range"),
            ("1000001", "out_of_range"),
            ("abc", "not_an_integer"),
            ("1.5", "not_an_integer"),
            ("-", "not_an_integer"),
        ] {
            let errs = Paging::parse(Some(raw), None).unwrap_err();
            assert_eq!(
                (errs.0[0].field.as_str(), errs.0[0].code.as_str()),
                ("page", code),
                "{raw}"
            );
        }
        assert_eq!(Paging::parse(None, Some("201")).unwrap_err().fields(), ["per_page"]);
        assert_eq!(
            Paging::parse(Some("x"), Some("0")).unwrap_err().fields(),
            ["page", "per_page"]
        );
    }

    #[test]
    fn defaults_and_the_deepest_page_have_exact_offsets() {
        assert_eq!(Paging::parse(None, Some("")).unwrap(), Paging::default());
        let deepest = Paging::parse(Some("1000000"), Some("200")).unwrap();
        assert_eq!(deepest.offset(), 199_999_800);
        assert_eq!(Paging::parse(Some("3"), Some("10")).unwrap().offset(), 20);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_a_paging_or_field_errors_never_a_panic(page in ".{0,30}", per_page in "[0-9]{0,25}") {
            if let Ok(p) = Paging::parse(Some(&page), Some(&per_page)) {
                proptest::prop_assert!(p.offset() < Paging::MAX_PAGE * Paging::MAX_PER_PAGE);
            }
        }
    }
}
