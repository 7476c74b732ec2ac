//! The range of dates any input may carry. Project, report and payment dates of the province
//! lie well inside it; year 0 or 9999 is a typing or a probing error, never a fact.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{FieldError, ValidationErrors};

/// 1 January 1975: before the province's oldest tracked work.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1975, 1, 1).expect("valid date")
}

/// 31 December 2100: past the longest planned programme (capital plan years stop there too).
pub fn latest() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).expect("valid date")
}

/// `date` for `field` when it lies in [`earliest`] ..= [`latest`].
pub fn check_date(field: &str, date: NaiveDate) -> Result<NaiveDate, FieldError> {
    if (earliest()..=latest()).contains(&date) {
        Ok(date)
    } else {
        Err(FieldError::new(
            field,
            "date_out_of_range",
            "Ngày phải nằm trong khoảng 01/01/1975 – 31/12/2100.",
            "The date must be between 1975-01-01 and 2100-12-31.",
        ))
    }
}

/// [`check_date`] for an instant (the feed's `updated_since`), by its UTC date.
pub fn check_instant(field: &str, at: DateTime<Utc>) -> Result<DateTime<Utc>, FieldError> {
    check_date(field, at.date_naive()).map(|_| at)
}

/// Records a range error for each present date out of range.
pub fn check_dates<'a>(errs: &mut ValidationErrors, dates: impl IntoIterator<Item = (&'a str, Option<NaiveDate>)>) {
    for (field, date) in dates {
        if let Some(d) = date {
            errs.check(check_date(field, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_dates_are_refused_and_the_bounds_are_inclusive() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(check_date("as_of", d(0, 1, 1)).unwrap_err().code, "date_out_of_range");
        assert_eq!(check_date("as_of", d(1974, 12, 31)).unwrap_err().field, "as_of");
        assert!(check_date("as_of", d(2101, 1, 1)).is_err());
        assert!(check_date("as_of", d(1975, 1, 1)).is_ok());
        assert!(check_date("as_of", d(2100, 12, 31)).is_ok());
        let mut errs = ValidationErrors::new();
        check_dates(
            &mut errs,
            [("a", Some(d(9999, 1, 1))), ("b", None), ("c", Some(d(2025, 5, 1)))],
        );
        assert_eq!(errs.fields(), ["a"]);
    }
}
