//! Stale reports. A dashboard is only as good as its last update: a project whose unit has not
//! reported for a while is flagged so leaders do not act on old figures.

use chrono::NaiveDate;

use crate::Thresholds;

/// True when the project never reported, or its last report is more than `stale_after_days`
/// before `as_of` (exactly `stale_after_days` old is still fresh). A report dated after
/// `as_of` (recomputing a past date) counts as fresh.
pub fn is_stale(last_report: Option<NaiveDate>, as_of: NaiveDate, t: &Thresholds) -> bool {
    match last_report {
        None => true,
        Some(last) => (as_of - last).num_days() > t.stale_after_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn never_reported_is_stale() {
        assert!(is_stale(None, d(2025, 6, 1), &Thresholds::default()));
    }

    #[test]
    fn stale_strictly_after_the_threshold() {
        let t = Thresholds::default(); // 10 days
        let last = Some(d(2025, 6, 1));
        assert!(!is_stale(last, d(2025, 6, 1), &t));
        assert!(!is_stale(last, d(2025, 6, 11), &t));
        assert!(is_stale(last, d(2025, 6, 12), &t));
        assert!(!is_stale(last, d(2025, 5, 1), &t));
    }

    proptest! {
        #[test]
        fn once_stale_stays_stale_until_the_next_report(
            gap in -100i64..400, later in 0i64..400, days in 0i64..60,
        ) {
            let t = Thresholds { stale_after_days: days, ..Thresholds::default() };
            let last = d(2025, 1, 1);
            let as_of = last + chrono::Duration::days(gap);
            let after = as_of + chrono::Duration::days(later);
            if is_stale(Some(last), as_of, &t) {
                prop_assert!(is_stale(Some(last), after, &t));
            }
            prop_assert_eq!(is_stale(Some(last), as_of, &t), gap > days);
        }
    }
}
