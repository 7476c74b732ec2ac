//! Money in Vietnamese đồng. VND has no minor unit, so an amount is a whole, non-negative
//! number of đồng: exact as `Decimal` in the domain and as `i64` (BIGINT) in the database.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::FieldError;

/// A non-negative whole amount of đồng. Serialised as a JSON string of digits (exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "Decimal", into = "Decimal")]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "125000000000"))]
pub struct Vnd(i64);

impl Vnd {
    pub const ZERO: Vnd = Vnd(0);

    /// Parses an amount for `field`: ≥ 0, no fractional đồng, fits in BIGINT.
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
        value.to_i64().map(Vnd).ok_or_else(|| {
            FieldError::new(
                field,
                "amount_too_large",
                "Số tiền quá lớn.",
                "The amount is too large.",
            )
        })
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

    /// Sum of amounts; saturates rather than overflowing (far beyond any budget).
    pub fn sum<I: IntoIterator<Item = Vnd>>(items: I) -> Vnd {
        Vnd(items.into_iter().fold(0i64, |a, v| a.saturating_add(v.0)))
    }

    /// Formats as Vietnamese text in billions: `1.250,5 tỷ đồng`.
    pub fn format_billions_vi(self) -> String {
        self.format_billions(crate::Lang::Vi)
    }

    /// In billions, one decimal: `1.250,5 tỷ đồng` (vi) or `1,250.5 billion VND` (en).
    pub fn format_billions(self, lang: crate::Lang) -> String {
        let b = (Decimal::from(self.0) / Decimal::from(1_000_000_000)).round_dp(1);
        let number = group_digits(&b.normalize().to_string(), lang);
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
}
