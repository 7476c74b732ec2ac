//! Money in Vietnamese đồng. VND has no minor unit, so an amount is a whole, non-negative
//! number of đồng: exact as `Decimal` in the domain and as `i64` (BIGINT) in the database.
//!
//! One amount is bounded by [`Vnd::MAX`]; sums of amounts are [`VndTotal`]s, wide enough that
//! no number of stored rows can overflow them.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::FieldError;

/// Rounds half away from zero, as Excel and officials do (`1,25 → 1,3`); `Decimal::round_dp`
/// alone rounds half to even. Every displayed or exported figure goes through this.
pub fn round_half_away(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A non-negative whole amount of đồng, at most [`Vnd::MAX`]. Serialised as a JSON string of
/// digits (exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "Decimal", into = "Decimal")]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "125000000000"))]
pub struct Vnd(i64);

impl Vnd {
    pub const ZERO: Vnd = Vnd(0);

    /// The largest amount one input may carry: 10^16 đồng (10 triệu tỷ), about six times the
    /// largest national project, yet ~900 times below BIGINT's limit, so ordinary sums of a
    /// project's rows stay far from overflow.
    pub const MAX: Vnd = Vnd(10_000_000_000_000_000);

    /// Parses an amount for `field`: ≥ 0, no fractional đồng, at most [`Vnd::MAX`].
    pub fn parse(field: &str, value: Decimal) -> Result<Vnd, FieldError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(FieldError::new(
                field,
                "negative_amount",
                "Số tiền không được âm.",
                "The amount must not be negative.",
            ));
        }
        if value.fract() != Decimal::ZERO {
            return Err(FieldError::new(
                field,
                "fractional_vnd",
                "Số tiền VND phải là số nguyên đồng (không có phần thập phân).",
                "VND amounts must be whole đồng (no decimals).",
            ));
        }
        match value.to_i64() {
            Some(v) if v <= Vnd::MAX.0 => Ok(Vnd(v)),
            _ => Err(FieldError::new(
                field,
                "amount_too_large",
                format!(
                    "Số tiền không được vượt quá {} đồng (10 triệu tỷ).",
                    group_digits(&Vnd::MAX.0.to_string(), crate::Lang::Vi)
                ),
                format!(
                    "The amount must not exceed VND {} (10 million billion).",
                    group_digits(&Vnd::MAX.0.to_string(), crate::Lang::En)
                ),
            )),
        }
    }

    /// From the database column. Negative values cannot be stored through the domain.
    pub fn from_db(v: i64) -> Vnd {
        Vnd(v.max(0))
    }

    pub fn to_db(self) -> i64 {
        self.0
    }

    pub fn amount(self) -> Decimal {
        Decimal::from(self.0)
    }

    pub fn checked_add(self, other: Vnd) -> Option<Vnd> {
        self.0.checked_add(other.0).map(Vnd)
    }

    /// Formats as Vietnamese text in billions: `1.250,5 tỷ đồng`.
    pub fn format_billions_vi(self) -> String {
        VndTotal::from(self).format_billions(crate::Lang::Vi)
    }

    /// In billions, one decimal rounded half away from zero: `1.250,5 tỷ đồng` (vi) or
    /// `1,250.5 billion VND` (en).
    pub fn format_billions(self, lang: crate::Lang) -> String {
        VndTotal::from(self).format_billions(lang)
    }

    /// Whole đồng with thousands separators: `1.250.000.000 đ` (vi) or `VND 1,250,000,000` (en).
    pub fn format_full(self, lang: crate::Lang) -> String {
        VndTotal::from(self).format_full(lang)
    }
}

/// A sum of amounts (a project's year, the province's total). An `i128` of đồng: the sum of
/// 2^64 BIGINT amounts still fits, so no number of rows overflows it, whatever is stored.
/// Serialised like [`Vnd`], as a JSON string of digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "125000000000"))]
pub struct VndTotal(i128);

impl VndTotal {
    pub const ZERO: VndTotal = VndTotal(0);

    /// SQL sums an amount in two parts, `SUM(amount / SPLIT)` and `SUM(amount % SPLIT)`, so
    /// neither SQLite's integer SUM nor PostgreSQL's NUMERIC-to-BIGINT cast can overflow.
    pub const SPLIT: i64 = 1_000_000_000;

    /// Joins the two SQL part-sums (see [`VndTotal::SPLIT`]). Negative totals cannot arise
    /// from stored amounts; they read as zero like [`Vnd::from_db`].
    pub fn from_parts(high: i64, low: i64) -> VndTotal {
        VndTotal((i128::from(high) * i128::from(VndTotal::SPLIT) + i128::from(low)).max(0))
    }

    /// Whole đồng.
    pub fn dong(self) -> i128 {
        self.0
    }

    /// As a `Decimal` (96-bit): exact below 7.9 × 10^28 đồng, which 10^12 rows of
    /// [`Vnd::MAX`] do not reach; beyond that, `None`.
    pub fn amount(self) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(self.0, 0).ok()
    }

    /// For drawing charts only (f64 keeps 15 significant digits).
    pub fn to_f64(self) -> f64 {
        self.0 as f64
    }

    /// The share `basis_points / 10 000` of this total, rounded half away from zero.
    pub fn share_bp(self, basis_points: i32) -> VndTotal {
        VndTotal(div_half_away(self.0 * i128::from(basis_points), 10_000))
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_sub(self, other: VndTotal) -> VndTotal {
        VndTotal(self.0.saturating_sub(other.0).max(0))
    }

    /// The stored derived column (a project's year figure), or `None` past BIGINT. The
    /// year-total rule ([`crate::year_totals`]) keeps a project's year within [`Vnd::MAX`],
    /// so only rows stored before that rule can make this fail; a wrong figure is never
    /// stored in its place.
    pub fn to_db_checked(self) -> Option<i64> {
        i64::try_from(self.0).ok()
    }

    /// In billions, one decimal rounded half away from zero (Excel's rule):
    /// `1.250,5 tỷ đồng` (vi) or `1,250.5 billion VND` (en).
    pub fn format_billions(self, lang: crate::Lang) -> String {
        let tenths = div_half_away(self.0, 100_000_000);
        let (int, frac) = (tenths / 10, (tenths % 10).abs());
        let plain = if frac == 0 {
            int.to_string()
        } else {
            format!("{int}.{frac}")
        };
        let number = group_digits(&plain, lang);
        match lang {
            crate::Lang::Vi => format!("{number} tỷ đồng"),
            crate::Lang::En => format!("{number} billion VND"),
        }
    }

    /// Whole đồng with thousands separators: `1.250.000.000 đ` (vi) or `VND 1,250,000,000` (en).
    pub fn format_full(self, lang: crate::Lang) -> String {
        let number = group_digits(&self.0.to_string(), lang);
        match lang {
            crate::Lang::Vi => format!("{number} đ"),
            crate::Lang::En => format!("VND {number}"),
        }
    }
}

/// `n / d` rounded half away from zero, for `d > 0`.
pub(crate) fn div_half_away(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d {
        q + n.signum()
    } else {
        q
    }
}

impl From<Vnd> for VndTotal {
    fn from(v: Vnd) -> VndTotal {
        VndTotal(i128::from(v.0))
    }
}

impl std::ops::Add for VndTotal {
    type Output = VndTotal;
    /// Saturating, though unreachable: it would take 2^64 BIGINT amounts.
    fn add(self, other: VndTotal) -> VndTotal {
        VndTotal(self.0.saturating_add(other.0))
    }
}

impl std::ops::AddAssign<Vnd> for VndTotal {
    fn add_assign(&mut self, v: Vnd) {
        *self = *self + VndTotal::from(v);
    }
}

impl std::iter::Sum<Vnd> for VndTotal {
    fn sum<I: Iterator<Item = Vnd>>(iter: I) -> VndTotal {
        iter.fold(VndTotal::ZERO, |a, v| a + VndTotal::from(v))
    }
}

impl std::iter::Sum<VndTotal> for VndTotal {
    fn sum<I: Iterator<Item = VndTotal>>(iter: I) -> VndTotal {
        iter.fold(VndTotal::ZERO, |a, v| a + v)
    }
}

impl Serialize for VndTotal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for VndTotal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<VndTotal, D::Error> {
        struct Digits;
        impl serde::de::Visitor<'_> for Digits {
            type Value = VndTotal;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number of đồng as a string of digits")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<VndTotal, E> {
                v.parse::<i128>().map(VndTotal).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<VndTotal, E> {
                Ok(VndTotal(i128::from(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<VndTotal, E> {
                Ok(VndTotal(i128::from(v)))
            }
        }
        d.deserialize_any(Digits)
    }
}

impl std::fmt::Display for VndTotal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ₫", self.0)
    }
}

/// Groups the integer digits of a plain decimal string by thousands, with Vietnamese
/// (`1.234,5`) or English (`1,234.5`) separators.
pub fn group_digits(plain: &str, lang: crate::Lang) -> String {
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let (thousands, decimal) = match lang {
        crate::Lang::Vi => ('.', ','),
        crate::Lang::En => (',', '.'),
    };
    let mut out = String::from(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

impl TryFrom<Decimal> for Vnd {
    type Error = String;
    fn try_from(value: Decimal) -> Result<Self, Self::Error> {
        Vnd::parse("amount", value).map_err(|e| e.message_en)
    }
}

impl From<Vnd> for Decimal {
    fn from(v: Vnd) -> Decimal {
        v.amount()
    }
}

impl std::fmt::Display for Vnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ₫", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_in_both_languages() {
        let v = Vnd::parse("a", dec!(1250500000000)).unwrap();
        assert_eq!(v.format_billions(crate::Lang::Vi), "1.250,5 tỷ đồng");
        assert_eq!(v.format_billions(crate::Lang::En), "1,250.5 billion VND");
        assert_eq!(v.format_full(crate::Lang::Vi), "1.250.500.000.000 đ");
        assert_eq!(group_digits("-1234.56", crate::Lang::En), "-1,234.56");
    }

    #[test]
    fn rejects_negative_and_fractional_amounts() {
        assert_eq!(Vnd::parse("a", dec!(-1)).unwrap_err().code, "negative_amount");
        assert_eq!(Vnd::parse("a", dec!(10.5)).unwrap_err().code, "fractional_vnd");
        assert_eq!(Vnd::parse("a", dec!(10.0)).unwrap().to_db(), 10);
    }

    #[test]
    fn large_amounts_are_exact() {
        let v = Vnd::parse("a", dec!(9876543210987654)).unwrap();
        assert_eq!(v.amount(), dec!(9876543210987654));
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"9876543210987654\"");
    }

    #[test]
    fn formats_billions_the_vietnamese_way() {
        assert_eq!(
            Vnd::parse("a", dec!(1250500000000)).unwrap().format_billions_vi(),
            "1.250,5 tỷ đồng"
        );
        assert_eq!(
            Vnd::parse("a", dec!(3000000000)).unwrap().format_billions_vi(),
            "3 tỷ đồng"
        );
    }

    #[test]
    fn amounts_above_the_bound_are_refused_with_a_field_error() {
        assert_eq!(Vnd::parse("a", dec!(10000000000000000)).unwrap(), Vnd::MAX);
        let e = Vnd::parse("total_investment", dec!(10000000000000001)).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("total_investment", "amount_too_large")
        );
        assert!(e.message_vi.contains("10.000.000.000.000.000"), "{}", e.message_vi);
        assert_eq!(
            Vnd::parse("a", dec!(9223372036854775807)).unwrap_err().code,
            "amount_too_large"
        );
        assert_eq!(
            Vnd::parse("a", dec!(99999999999999999999999)).unwrap_err().code,
            "amount_too_large"
        );
    }

    #[test]
    fn billions_round_half_away_from_zero_as_excel_does() {
        let b = |v: i64| Vnd::from_db(v).format_billions(crate::Lang::Vi);
        assert_eq!(b(1_250_000_000), "1,3 tỷ đồng");
        assert_eq!(b(1_350_000_000), "1,4 tỷ đồng");
        assert_eq!(b(1_249_999_999), "1,2 tỷ đồng");
        assert_eq!(b(50_000_000), "0,1 tỷ đồng");
        assert_eq!(b(49_999_999), "0 tỷ đồng");
        assert_eq!(b(999_950_000_000), "1.000 tỷ đồng");
        assert_eq!(round_half_away(dec!(2.5), 0), dec!(3));
        assert_eq!(round_half_away(dec!(0.125), 2), dec!(0.13));
        assert_eq!(round_half_away(dec!(-0.125), 2), dec!(-0.13));
    }

    #[test]
    fn totals_join_their_sql_parts_and_serialise_as_digits() {
        let max = i64::MAX;
        let t = VndTotal::from_parts(max / VndTotal::SPLIT * 3, max % VndTotal::SPLIT * 3);
        assert_eq!(t.dong(), i128::from(max) * 3);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            format!("\"{}\"", i128::from(max) * 3)
        );
        let back: VndTotal = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
        assert_eq!(
            VndTotal::from(Vnd::MAX).format_full(crate::Lang::En),
            "VND 10,000,000,000,000,000"
        );
        let total = |v: i64| VndTotal::from(Vnd::from_db(v));
        assert_eq!(total(1_000).share_bp(1_250), total(125));
        assert_eq!(total(1_004).share_bp(1_250), total(126), "125.5 rounds up");
        assert_eq!(total(5).saturating_sub(total(7)), VndTotal::ZERO);
        assert_eq!(total(7).saturating_sub(total(5)), total(2));
        assert_eq!(VndTotal::from(Vnd::MAX).to_db_checked(), Some(Vnd::MAX.to_db()));
        assert_eq!(
            t.to_db_checked(),
            None,
            "past BIGINT is an error, never a capped figure"
        );
    }

    proptest::proptest! {
        /// No number of bounded amounts makes a total fail or drift: the sum is exact, and
        /// the SQL split (high and low part-sums) gives the same figure.
        #[test]
        fn sums_of_bounded_amounts_are_exact(amounts in proptest::collection::vec(0..=Vnd::MAX.0, 0..2000)) {
            let vnds: Vec<Vnd> = amounts.iter().map(|a| Vnd::from_db(*a)).collect();
            let total: VndTotal = vnds.iter().copied().sum();
            let exact: i128 = amounts.iter().map(|a| i128::from(*a)).sum();
            proptest::prop_assert_eq!(total.dong(), exact);
            let high: i64 = amounts.iter().map(|a| a / VndTotal::SPLIT).sum();
            let low: i64 = amounts.iter().map(|a| a % VndTotal::SPLIT).sum();
            proptest::prop_assert_eq!(VndTotal::from_parts(high, low), total);
            proptest::prop_assert!(!total.format_billions(crate::Lang::Vi).is_empty());
        }
    }
}
