//! Failed-login throttling: how long a sign-in attempt must wait, from the failures counted
//! in the database (so the limits hold across server instances).
//!
//! Two rules, and neither lets a stranger lock a user out:
//! - per (username, address): after `max_per_pair` failures, each further try from that
//!   address waits `delay_base_secs` after the latest failure, doubled at every failure, up
//!   to `delay_max_secs`. The same username from another address is not affected, so the
//!   right password from the user's own machine always signs in.
//! - per address: `max_per_address` failures in the window, whatever the usernames, stop
//!   that address until the oldest of them leaves the window (password spraying).

use chrono::{DateTime, Duration, Utc};

use crate::config::Settings;
use crate::store::auth::RecentFailures;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    pub max_per_pair: u64,
    pub max_per_address: u64,
    pub window_secs: i64,
    pub delay_base_secs: u64,
    pub delay_max_secs: u64,
}

impl LoginLimits {
    pub fn from_settings(s: &Settings) -> Self {
        LoginLimits {
            max_per_pair: s.login_max_failures_per_user,
            max_per_address: s.login_max_failures_per_ip,
            window_secs: s.login_window_secs,
            delay_base_secs: s.login_delay_base_secs,
            delay_max_secs: s.login_delay_max_secs,
        }
    }

    /// The wait after the `failures`-th failure of one username from one address (none
    /// below the limit): base × 2^(failures − limit), capped.
    pub fn delay_after(&self, failures: u64) -> Option<u64> {
        let over = failures.checked_sub(self.max_per_pair)?;
        let factor = 1u64.checked_shl(over.min(63) as u32).unwrap_or(u64::MAX);
        Some(self.delay_base_secs.saturating_mul(factor).min(self.delay_max_secs))
    }
}

/// Seconds to wait before trying again (for `Retry-After`, at least 1), or `None` to go on.
pub fn wait_secs(limits: &LoginLimits, f: &RecentFailures, now: DateTime<Utc>) -> Option<u64> {
    let mut until: Option<DateTime<Utc>> = None;
    if f.address >= limits.max_per_address {
        until = f.address_oldest.map(|t| t + Duration::seconds(limits.window_secs));
    }
    if let (Some(delay), Some(latest)) = (limits.delay_after(f.pair), f.pair_latest) {
        let pair_until = latest + Duration::seconds(i64::try_from(delay).unwrap_or(i64::MAX / 1000));
        until = until.max(Some(pair_until));
    }
    let remaining_ms = (until? - now).num_milliseconds();
    // Rounded up, so a client that waits exactly Retry-After is not refused again.
    (remaining_ms > 0).then(|| ((remaining_ms + 999) / 1000) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: LoginLimits = LoginLimits {
        max_per_pair: 5,
        max_per_address: 30,
        window_secs: 900,
        delay_base_secs: 30,
        delay_max_secs: 900,
    };

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    fn pair(n: u64, latest: i64) -> RecentFailures {
        RecentFailures {
            pair: n,
            pair_latest: Some(at(latest)),
            address: n,
            address_oldest: Some(at(0)),
        }
    }

    #[test]
    fn below_the_limit_nobody_waits() {
        assert_eq!(wait_secs(&LIMITS, &pair(4, 0), at(0)), None);
        assert_eq!(wait_secs(&LIMITS, &RecentFailures::default(), at(0)), None);
    }

    #[test]
    fn the_wait_doubles_with_each_failure_past_the_limit_and_is_capped() {
        let waits: Vec<_> = (5..=12).map(|n| wait_secs(&LIMITS, &pair(n, 0), at(0))).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 900, 900, 900].map(Some).to_vec());
        assert_eq!(LIMITS.delay_after(u64::MAX), Some(900), "no overflow");
    }

    #[test]
    fn the_wait_runs_from_the_latest_failure_and_rounds_up() {
        assert_eq!(wait_secs(&LIMITS, &pair(6, 0), at(59)), Some(1));
        assert_eq!(wait_secs(&LIMITS, &pair(6, 0), at(60)), None);
        let half = RecentFailures {
            pair_latest: Some(at(0) + Duration::milliseconds(1500)),
            ..pair(5, 0)
        };
        assert_eq!(wait_secs(&LIMITS, &half, at(1)), Some(31));
    }

    #[test]
    fn an_address_with_too_many_failures_waits_until_the_oldest_leaves_the_window() {
        let spray = RecentFailures {
            pair: 1,
            pair_latest: Some(at(100)),
            address: 30,
            address_oldest: Some(at(0)),
        };
        assert_eq!(wait_secs(&LIMITS, &spray, at(100)), Some(800));
        assert_eq!(wait_secs(&LIMITS, &spray, at(900)), None);
    }
}
