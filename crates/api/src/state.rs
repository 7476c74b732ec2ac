//! What every handler shares: the database, settings, keys and the clock. No globals, so
//! each test server gets its own.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use crate::auth::jwt::JwtKeys;
use crate::config::Settings;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub jwt: JwtKeys,
    pub clock: Arc<Clock>,
    /// Dashboards and lists already computed at the current data version (this instance's).
    pub views: Arc<crate::view_cache::ViewCache>,
}

impl AppState {
    /// Today in the province (Asia/Ho_Chi_Minh): report dates, statuses and deadlines are
    /// local dates.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Now, by the server's clock (UTC).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// The server's idea of now: the wall clock plus an offset that only tests move, so that
/// deadlines, reminders and overdue rules are tested without sleeping. Time keeps flowing
/// after a move, so leases, backoffs and token lifetimes behave as in production.
#[derive(Debug, Default)]
pub struct Clock {
    offset_micros: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        // Microsecond precision: what both databases keep, so a value read back equals the
        // one written.
        let n = Utc::now() + Duration::microseconds(self.offset_micros.load(Ordering::Relaxed));
        DateTime::from_timestamp_micros(n.timestamp_micros()).unwrap_or(n)
    }

    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive()
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX);
        self.offset_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// Sets the clock so that `now()` is about `at` (and moves on from there).
    pub fn set(&self, at: DateTime<Utc>) {
        let micros = (at - Utc::now()).num_microseconds().unwrap_or(0);
        self.offset_micros.store(micros, Ordering::Relaxed);
    }
}

pub fn today_in_province() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive()
}
