//! Tunable thresholds of the status and alert rules.
//!
//! The province adjusts these without a release, so they live in one value that the server
//! loads from configuration and passes to every rule. `#[serde(default)]` lets a config file
//! override only the fields it names; a name it does not know (a typo) is an error, not a
//! silently ignored setting. "pp" means percentage points: the difference between
//! two percentages (planned 40 %, actual 33 % is a gap of 7 pp), not a relative percentage.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Default 5 pp. A project whose actual physical progress trails the planned progress by at
    /// least this many percentage points is "at risk" (yellow): early warning before it is late.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5"))]
    pub at_risk_gap_pp: Decimal,
    /// Default 10 pp. A project trailing the plan by at least this many percentage points is
    /// "delayed" (red) even before its planned end date has passed.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10"))]
    pub delayed_gap_pp: Decimal,
    /// Default 5 pp. A project exceeding the plan by at least this many percentage points is
    /// "ahead of schedule"; smaller leads are ordinary noise and count as on track.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5"))]
    pub ahead_gap_pp: Decimal,
    /// Default 30 days. Within this many days of the planned end, any shortfall at all (however
    /// small) makes a project "at risk": there is little time left to catch up.
    pub near_end_days: i64,
    /// Default 15 days. An on-track or ahead project is flagged "at risk" when the finish
    /// forecast from its recent progress falls more than this many days after the planned end.
    pub forecast_grace_days: i64,
    /// Default 10 pp. Disbursement is "slow" when the share of the year's capital plan paid out
    /// trails the planned cumulative share for the date by more than this many percentage points.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10"))]
    pub slow_disbursement_gap_pp: Decimal,
    /// Default 10 days. A project with no progress report for more than this many days is
    /// flagged as stale, because its figures can no longer be trusted on the dashboard.
    pub stale_after_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            at_risk_gap_pp: Decimal::from(5),
            delayed_gap_pp: Decimal::from(10),
            ahead_gap_pp: Decimal::from(5),
            near_end_days: 30,
            forecast_grace_days: 15,
            slow_disbursement_gap_pp: Decimal::from(10),
            stale_after_days: 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn defaults_are_the_documented_values() {
        let t = Thresholds::default();
        assert_eq!(t.at_risk_gap_pp, dec!(5));
        assert_eq!(t.delayed_gap_pp, dec!(10));
        assert_eq!(t.ahead_gap_pp, dec!(5));
        assert_eq!(t.near_end_days, 30);
        assert_eq!(t.slow_disbursement_gap_pp, dec!(10));
        assert_eq!(t.stale_after_days, 10);
    }

    #[test]
    fn config_may_override_only_some_fields() {
        let t: Thresholds = serde_json::from_str(r#"{"delayed_gap_pp": "15", "stale_after_days": 7}"#).unwrap();
        assert_eq!(t.delayed_gap_pp, dec!(15));
        assert_eq!(t.stale_after_days, 7);
        assert_eq!(t.at_risk_gap_pp, dec!(5));
        assert_eq!(t.near_end_days, 30);
    }

    #[test]
    fn round_trips_through_json() {
        let t = Thresholds::default();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Thresholds>(&json).unwrap(), t);
        assert_eq!(serde_json::from_str::<Thresholds>("{}").unwrap(), t);
    }

    #[test]
    fn an_unknown_threshold_name_is_an_error() {
        let e = serde_json::from_str::<Thresholds>(r#"{"stale_after_day": 7}"#).unwrap_err();
        assert!(e.to_string().contains("stale_after_day"), "{e}");
    }
}
