//! Numbers, money and dates as Vietnamese officials read them (and the English variants).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use ioc_domain::{Lang, Percent, VndTotal};
use rust_decimal::Decimal;

/// `1.250,5 tỷ đồng` / `1,250.5 billion VND`, rounded half away from zero as in Excel. Takes
/// an amount (`Vnd`) or a total (`VndTotal`).
pub fn money(v: impl Into<VndTotal>, lang: Lang) -> String {
    v.into().format_billions(lang)
}

/// `1.250.500.000 đ`: whole đồng, for detail tables and tooltips.
pub fn money_full(v: impl Into<VndTotal>, lang: Lang) -> String {
    v.into().format_full(lang)
}

/// A decimal rounded half away from zero to `dp` places (Excel's rule), digits grouped.
pub fn decimal(d: Decimal, dp: u32, lang: Lang) -> String {
    ioc_domain::money::group_digits(&ioc_domain::money::round_half_away(d, dp).normalize().to_string(), lang)
}

/// `42,5%` / `42.5%`, at most `dp` decimals.
pub fn decimal_pct(d: Decimal, dp: u32, lang: Lang) -> String {
    format!("{}%", decimal(d, dp, lang))
}

pub fn pct(p: Percent, lang: Lang) -> String {
    decimal_pct(p.value(), 2, lang)
}

pub fn opt_pct(d: Option<Decimal>, lang: Lang) -> String {
    d.map(|d| decimal_pct(d, 1, lang)).unwrap_or_else(|| "—".into())
}

pub fn count(n: u64, lang: Lang) -> String {
    ioc_domain::money::group_digits(&n.to_string(), lang)
}

/// Dates as `dd/mm/yyyy` in both languages (the province's forms use that order).
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_else(|| "—".into())
}

/// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
pub fn vn_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// A stored UTC instant shown in Asia/Ho_Chi_Minh time.
pub fn datetime(t: DateTime<Utc>) -> String {
    t.with_timezone(&vn_offset()).format("%d/%m/%Y %H:%M").to_string()
}

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&vn_offset()).date_naive()
}

/// What an officer types for a money amount (`1.250.000.000`), as whole đồng.
pub fn parse_money_input(s: &str) -> Option<Decimal> {
    ioc_domain::text::parse_grouped_integer(s)
}

/// A percentage typed with either decimal separator (`42,5` or `42.5`).
pub fn parse_decimal_input(s: &str) -> Option<Decimal> {
    ioc_domain::text::parse_decimal_comma(s)
}
