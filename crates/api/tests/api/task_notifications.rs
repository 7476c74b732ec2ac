//! The direction loop's notices: the unit a task is given to is told, the province is told
//! of each step, reminders come once per offset before the deadline and the overdue notice
//! once a day, all through the inbox (and the outbox for webhooks).

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::directives::{record, task_json};
use crate::helpers::{spawn_app, Client, TestApp};

async fn inbox(c: &Client) -> Vec<Value> {
    c.get_json("/api/v1/notifications?per_page=100").await["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn events_of(c: &Client, event: &str) -> Vec<Value> {
    inbox(c).await.into_iter().filter(|n| n["event"] == event).collect()
}

async fn act(c: &Client, id: i64, action: &str, note: &str) {
    let (_, etag) = c.get_with_etag(&format!("/api/v1/tasks/{id}")).await;
    let res = c
        .post_if_match(
            &format!("/api/v1/tasks/{id}/transitions"),
            &json!({"action": action, "note": note}),
            &etag,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{action}");
}

async fn scan(app: &TestApp) {
    ioc_api::store::tasks::scan_deadlines(
        &app.db,
        app.clock.now(),
        app.clock.today(),
        &[3, 1],
        &ioc_domain::Thresholds::default(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_lead_unit_is_told_of_its_new_task_and_the_province_of_each_step() {
    let app = spawn_app().await;
    let mut t = task_json(app.fx.unit_a, 10);
    t["supporting_unit_ids"] = json!([app.fx.unit_b]);
    let d = record(&app, vec![t]).await;
    let id = d["tasks"][0]["id"].as_i64().unwrap();
    let (editor_a, editor_b, coordinator, leader) = (
        app.editor_a().await,
        app.editor_b().await,
        app.coordinator().await,
        app.leader().await,
    );

    let assigned = events_of(&editor_a, "task_assigned").await;
    assert_eq!(assigned.len(), 1, "{assigned:?}");
    assert_eq!(assigned[0]["link"], format!("/tasks/{id}"));
    assert!(assigned[0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Nhiệm vụ mới được giao"));
    assert_eq!(
        events_of(&editor_b, "task_assigned").await.len(),
        1,
        "the supporting unit too"
    );
    assert!(events_of(&coordinator, "task_assigned").await.is_empty());
    // Recorded by the coordinator on the leader's behalf: the leader is told.
    assert_eq!(events_of(&leader, "directive_created").await.len(), 1);

    act(&editor_a, id, "acknowledge", "Đã tiếp nhận").await;
    let changed = events_of(&coordinator, "task_state_changed").await;
    assert_eq!(changed.len(), 1, "the recorder follows the task");
    assert!(changed[0]["body"].as_str().unwrap().contains("Đã tiếp nhận"));
    assert_eq!(events_of(&leader, "task_state_changed").await.len(), 1);
    assert!(events_of(&editor_a, "task_state_changed").await.is_empty());

    act(&editor_a, id, "start", "Đang triển khai").await;
    act(&editor_a, id, "report_done", "Đã bàn giao mặt bằng").await;
    act(&coordinator, id, "reopen", "Chưa đủ hồ sơ bàn giao").await;
    let told = events_of(&editor_a, "task_state_changed").await;
    assert_eq!(told.len(), 1, "the unit hears the province's decision: {told:?}");
    assert!(told[0]["body"].as_str().unwrap().contains("Chưa đủ hồ sơ bàn giao"));

    // The badge counts them; reading one takes it off.
    let unread = |c: Client| async move { c.get_json("/api/v1/notifications/unread-count").await["unread"].clone() };
    let before = unread(editor_a.clone()).await.as_i64().unwrap();
    assert_eq!(before, inbox(&editor_a).await.len() as i64);
    let n = told[0]["id"].as_i64().unwrap();
    let res = editor_a
        .post(&format!("/api/v1/notifications/{n}/read"), &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(unread(editor_a.clone()).await, before - 1);
}

#[tokio::test]
async fn reminders_come_once_per_offset_and_the_overdue_notice_once_a_day() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 5)]).await;
    let id = d["tasks"][0]["id"].as_i64().unwrap();
    let editor_a = app.editor_a().await;

    scan(&app).await;
    assert!(
        events_of(&editor_a, "task_due_soon").await.is_empty(),
        "5 days away: no reminder yet"
    );

    app.clock.advance(Duration::days(2));
    scan(&app).await;
    scan(&app).await;
    let due = events_of(&editor_a, "task_due_soon").await;
    assert_eq!(due.len(), 1, "3 days before, once: {due:?}");
    assert!(due[0]["title"].as_str().unwrap().contains("còn 3 ngày"));

    app.clock.advance(Duration::days(2));
    scan(&app).await;
    assert_eq!(events_of(&editor_a, "task_due_soon").await.len(), 2, "and 1 day before");

    app.clock.advance(Duration::days(2));
    scan(&app).await;
    scan(&app).await;
    let late = events_of(&editor_a, "task_overdue").await;
    assert_eq!(late.len(), 1, "once on the first overdue day: {late:?}");
    assert!(late[0]["title"].as_str().unwrap().contains("quá hạn 1 ngày"));
    app.clock.advance(Duration::days(1));
    scan(&app).await;
    assert_eq!(
        events_of(&editor_a, "task_overdue").await.len(),
        2,
        "and again the next day"
    );
    assert_eq!(
        events_of(&app.coordinator().await, "task_overdue").await.len(),
        2,
        "the recorder follows overdue tasks"
    );

    let admin = app.admin().await;
    act(&admin, id, "start", "").await;
    act(&admin, id, "report_done", "Đã hoàn thành").await;
    act(&app.coordinator().await, id, "confirm", "Đạt yêu cầu").await;
    app.clock.advance(Duration::days(1));
    scan(&app).await;
    assert_eq!(
        events_of(&editor_a, "task_overdue").await.len(),
        2,
        "a confirmed task is no longer chased"
    );
}

#[tokio::test]
async fn the_chair_attendees_and_attending_units_are_invited_to_a_scheduled_meeting() {
    let app = spawn_app().await;
    let (m, _) =
        crate::meetings::create_meeting(&app.coordinator().await, &crate::meetings::meeting_json(&app).await).await;
    let link = format!("/meetings/{}", m["id"]);
    for (who, invited) in [
        (app.leader().await, true),
        (app.coordinator().await, true),
        (app.editor_a().await, true),
        (app.editor_b().await, false),
    ] {
        let got = events_of(&who, "meeting_scheduled").await;
        assert_eq!(got.len(), usize::from(invited), "{got:?}");
        if invited {
            assert_eq!(got[0]["link"], link);
            assert!(got[0]["title"].as_str().unwrap().starts_with("Mời họp: Giao ban tuần"));
            // 01:30 UTC is 08:30 in Đồng Nai.
            assert!(got[0]["body"].as_str().unwrap().contains("08:30 ngày 27/11/2026"));
        }
    }
}
