//! What every handler shares: the database, settings and keys. No globals, so each test
//! server gets its own.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use crate::auth::jwt::JwtKeys;
use crate::config::Settings;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub jwt: JwtKeys,
}

impl AppState {
    /// Today in the province (Asia/Ho_Chi_Minh): report dates and statuses are local dates.
    pub fn today(&self) -> NaiveDate {
        today_in_province()
    }
}

pub fn today_in_province() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive()
}
