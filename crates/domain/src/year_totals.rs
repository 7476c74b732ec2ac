//! What one project may total in one year.
//!
//! One amount is bounded by [`Vnd::MAX`], but a project's rows of one year add up: 923 maximum
//! disbursements pass BIGINT, and the project row keeps its year's plan and disbursement as
//! BIGINT columns. No real project comes near 10^16 đồng a year, so the same bound applies to
//! a project's total of disbursements in one year and of capital plans for one year. (Output
//! value is reported cumulatively, one figure per report, so [`Vnd::parse`] already bounds it.)

use crate::money::group_digits;
use crate::{FieldError, Lang, Vnd, VndTotal};

/// Which of a project's yearly totals an amount adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearTotalKind {
    /// Disbursements paid in the year.
    Disbursed,
    /// Capital plans for the year, all sources together.
    Planned,
}

/// The most a project may total in one year, of either kind.
pub const PROJECT_YEAR_MAX: Vnd = Vnd::MAX;

/// Adds `amount` to a project's total of `kind` for `year`, `so_far` being what is stored
/// (without the row being replaced, on an update): the new total, or a field error on
/// `field` when it would pass [`PROJECT_YEAR_MAX`].
pub fn add_to_year_total(
    kind: YearTotalKind,
    field: &str,
    year: i32,
    so_far: VndTotal,
    amount: Vnd,
) -> Result<VndTotal, FieldError> {
    let after = so_far + VndTotal::from(amount);
    if after > VndTotal::from(PROJECT_YEAR_MAX) {
        return Err(too_large(kind, field, year, so_far));
    }
    Ok(after)
}

fn too_large(kind: YearTotalKind, field: &str, year: i32, so_far: VndTotal) -> FieldError {
    let max = VndTotal::from(PROJECT_YEAR_MAX);
    // What could still be added; zero when rows stored before the rule already exceed it.
    let room = max.saturating_sub(so_far);
    let (max_vi, max_en) = (
        group_digits(&max.dong().to_string(), Lang::Vi),
        group_digits(&max.dong().to_string(), Lang::En),
    );
    let (what_vi, what_en) = match kind {
        YearTotalKind::Disbursed => (
            format!("Tổng giải ngân của dự án trong năm {year}"),
            format!("The project's disbursements in {year}"),
        ),
        YearTotalKind::Planned => (
            format!("Tổng kế hoạch vốn của dự án năm {year}"),
            format!("The project's capital plans for {year}"),
        ),
    };
    FieldError::new(
        field,
        "project_year_total_too_large",
        format!(
            "{what_vi} không được vượt quá {max_vi} đồng (10 triệu tỷ); chỉ còn có thể thêm {}.",
            room.format_full(Lang::Vi)
        ),
        format!(
            "{what_en} must not total more than VND {max_en} (10 million billion); at most {} more can be added.",
            room.format_full(Lang::En)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use YearTotalKind::{Disbursed, Planned};

    fn total(v: i64) -> VndTotal {
        VndTotal::from(Vnd::from_db(v))
    }

    #[test]
    fn amounts_up_to_the_bound_are_accepted() {
        let max = Vnd::MAX.to_db();
        assert_eq!(
            add_to_year_total(Disbursed, "amount", 2026, total(4), Vnd::from_db(max - 4)),
            Ok(total(max))
        );
        assert_eq!(
            add_to_year_total(Planned, "amount", 2026, VndTotal::ZERO, Vnd::MAX),
            Ok(total(max))
        );
    }

    #[test]
    fn the_amount_that_would_pass_the_bound_is_refused_on_its_field_in_both_languages() {
        let so_far = total(Vnd::MAX.to_db() - 10);
        let e = add_to_year_total(Planned, "disbursements[2].amount", 2026, so_far, Vnd::from_db(11)).unwrap_err();
        assert_eq!(e.field, "disbursements[2].amount");
        assert_eq!(e.code, "project_year_total_too_large");
        assert!(
            e.message_vi.contains("kế hoạch vốn của dự án năm 2026"),
            "{}",
            e.message_vi
        );
        assert!(e.message_vi.contains("10.000.000.000.000.000"), "{}", e.message_vi);
        assert!(e.message_vi.contains("thêm 10 đ"), "{}", e.message_vi);
        assert!(e.message_en.contains("VND 10 more"), "{}", e.message_en);
        assert!(add_to_year_total(Planned, "amount", 2026, so_far, Vnd::from_db(10)).is_ok());
    }

    #[test]
    fn totals_stored_past_the_bound_refuse_any_further_amount() {
        let legacy = VndTotal::from_parts(i64::MAX, 0);
        let e = add_to_year_total(Disbursed, "amount", 2026, legacy, Vnd::from_db(1)).unwrap_err();
        assert!(e.message_en.contains("disbursements in 2026"), "{}", e.message_en);
        assert!(e.message_en.contains("VND 0 more"), "{}", e.message_en);
    }

    proptest::proptest! {
        /// Whatever is added, an accepted total never passes the bound, so it always fits
        /// the project row's BIGINT column.
        #[test]
        fn accepted_totals_never_pass_the_bound(
            amounts in proptest::collection::vec(0..=Vnd::MAX.to_db(), 0..200)
        ) {
            let mut so_far = VndTotal::ZERO;
            let mut exact: i128 = 0;
            for a in amounts {
                if let Ok(t) = add_to_year_total(Disbursed, "amount", 2026, so_far, Vnd::from_db(a)) {
                    so_far = t;
                    exact += i128::from(a);
                }
            }
            proptest::prop_assert_eq!(so_far.dong(), exact);
            proptest::prop_assert!(exact <= i128::from(Vnd::MAX.to_db()));
            proptest::prop_assert!(so_far.to_db_checked().is_some());
        }
    }
}
