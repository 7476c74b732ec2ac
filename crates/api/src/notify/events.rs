//! The notices this server emits from its own rules: an alert opened on a project (its
//! investor's and managing unit's users are told) and the weekly report owed (the stale-data
//! rule: the unit that owes the update is told, once per week per project).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ioc_domain::NotificationEvent;
use sea_orm::ConnectionTrait;

use super::{emit, Audience, Notice};
use crate::entities::{alert, project};
use crate::error::ApiError;

fn units_of(p: &project::Model) -> Vec<Audience> {
    let mut a = vec![Audience::Unit(p.investor_unit_id)];
    if let Some(m) = p.managing_unit_id.filter(|m| *m != p.investor_unit_id) {
        a.push(Audience::Unit(m));
    }
    a
}

/// An alert was opened on `p` (in the transaction that opened it).
pub async fn alert_opened(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    a: &alert::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    emit(
        conn,
        now,
        Notice {
            event: NotificationEvent::AlertOpened,
            audience: units_of(p),
            title_vi: format!("Cảnh báo: {} — {}", a.title_vi, p.name),
            title_en: format!("Alert: {} — {}", a.title_en, p.name),
            body_vi: a.message_vi.clone(),
            body_en: a.message_en.clone(),
            link: Some(format!("/projects/{}", p.id)),
            dedupe_key: format!("alert_opened:{}", a.id),
            payload: serde_json::json!({"alert_id": a.id, "project_id": p.id, "alert_type": a.alert_type}),
        },
    )
    .await?;
    Ok(())
}

/// `p`'s data is stale on `today`: the unit that owes the weekly update (the managing unit,
/// else the investor) is told once per ISO week.
pub async fn report_owed(
    conn: &impl ConnectionTrait,
    p: &project::Model,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let owner = p.managing_unit_id.unwrap_or(p.investor_unit_id);
    let week = today.iso_week();
    let last = p
        .latest_report_on
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| "chưa có".into());
    let last_en = p
        .latest_report_on
        .map(|d| d.to_string())
        .unwrap_or_else(|| "none".into());
    emit(
        conn,
        now,
        Notice {
            event: NotificationEvent::ReportOwed,
            audience: vec![Audience::Unit(owner)],
            title_vi: format!("Đến hạn cập nhật báo cáo tuần: {}", p.name),
            title_en: format!("Weekly update owed: {}", p.name),
            body_vi: format!(
                "Dự án {} ({}) chưa được cập nhật số liệu. Báo cáo gần nhất: {last}.",
                p.name, p.code
            ),
            body_en: format!(
                "Project {} ({}) has not been updated. Last report: {last_en}.",
                p.name, p.code
            ),
            link: Some(format!("/projects/{}/update", p.id)),
            dedupe_key: format!("report_owed:{}:{}-W{:02}", p.id, week.year(), week.week()),
            payload: serde_json::json!({"project_id": p.id, "latest_report_on": p.latest_report_on}),
        },
    )
    .await?;
    Ok(())
}
