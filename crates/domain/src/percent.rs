//! Percentages 0–100 with at most two decimals, stored as basis points (hundredths of a
//! percent) in an integer column so SQLite and PostgreSQL keep them exactly.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "42.5"))]
pub struct Percent(i32);

impl Percent {
    pub const ZERO: Percent = Percent(0);
    pub const HUNDRED: Percent = Percent(10_000);

    pub fn parse(field: &str, value: Decimal) -> Result<Percent, FieldError> {
        if value < Decimal::ZERO || value > Decimal::from(100) {
            return Err(FieldError::new(
                field,
                "percent_out_of_range",
                "Tỷ lệ phải nằm trong khoảng 0–100%.",
                "The percentage must be between 0 and 100.",
            ));
        }
        if value.round_dp(2) != value {
            return Err(FieldError::new(
                field,
                "percent_precision",
                "Tỷ lệ chỉ được có tối đa 2 chữ số thập phân.",
                "The percentage may have at most 2 decimals.",
            ));
        }
        Ok(Percent((value * Decimal::from(100)).to_i32().unwrap_or(0)))
    }

    /// Clamps any decimal into 0–100 rounded to two decimals (for computed values).
    pub fn clamped(value: Decimal) -> Percent {
        let v = crate::money::round_half_away(value.clamp(Decimal::ZERO, Decimal::from(100)), 2);
        Percent((v * Decimal::from(100)).to_i32().unwrap_or(0))
    }

    pub fn from_basis_points(bp: i32) -> Percent {
        Percent(bp.clamp(0, 10_000))
    }

    pub fn basis_points(self) -> i32 {
        self.0
    }

    pub fn value(self) -> Decimal {
        Decimal::new(self.0 as i64, 2)
    }
}

impl TryFrom<Decimal> for Percent {
    type Error = String;
    fn try_from(value: Decimal) -> Result<Self, Self::Error> {
        Percent::parse("percent", value).map_err(|e| e.message_en)
    }
}

impl From<Percent> for Decimal {
    fn from(p: Percent) -> Decimal {
        p.value().normalize()
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.value().normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn bounds_and_precision_are_checked() {
        assert!(Percent::parse("p", dec!(100.01)).is_err());
        assert!(Percent::parse("p", dec!(-0.01)).is_err());
        assert_eq!(Percent::parse("p", dec!(12.345)).unwrap_err().code, "percent_precision");
        assert_eq!(Percent::parse("p", dec!(42.5)).unwrap().basis_points(), 4250);
    }
}
