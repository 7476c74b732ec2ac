//! The in-app inbox, preferences and the delivery log over real HTTP, and the notices the
//! server emits itself (alert opened, weekly report owed).

use ioc_api::notify::{emit, Audience, Notice};
use ioc_domain::{NotificationEvent, Role};
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, today, TestApp};

pub fn notice(event: NotificationEvent, audience: Vec<Audience>, key: &str) -> Notice {
    Notice {
        event,
        audience,
        title_vi: format!("Nhiệm vụ mới {key}"),
        title_en: format!("New task {key}"),
        body_vi: "Hoàn thành giải phóng mặt bằng đoạn qua phường Tam Phước.".into(),
        body_en: "Finish site clearance through Tam Phước ward.".into(),
        link: Some("/tasks/12".into()),
        dedupe_key: key.into(),
        payload: json!({"task_id": 12}),
    }
}

async fn inbox(app: &TestApp, c: &crate::helpers::Client, query: &str) -> Value {
    let _ = app;
    c.get_json(&format!("/api/v1/notifications{query}")).await
}

fn of_event(page: &Value, event: &str) -> Vec<Value> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["event"] == event)
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_notice_to_a_unit_reaches_only_its_users_once_and_each_sees_only_their_own() {
    let app = spawn_app().await;
    let (a, b) = (app.editor_a().await, app.editor_b().await);
    let n = notice(
        NotificationEvent::TaskAssigned,
        vec![Audience::Unit(app.fx.unit_a)],
        "task:12:assigned",
    );
    let first = emit(&app.db, app.clock.now(), n.clone()).await.unwrap();
    assert_eq!(first.inbox_rows, 1, "editor_a is the unit's only user");
    let again = emit(&app.db, app.clock.now(), n).await.unwrap();
    assert_eq!(again.notice_id, None, "the same dedupe key emits nothing");

    let mine = of_event(&inbox(&app, &a, "").await, "task_assigned");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["title"], "Nhiệm vụ mới task:12:assigned");
    assert_eq!(mine[0]["link"], "/tasks/12");
    assert_eq!(mine[0]["read_at"], Value::Null);
    assert!(of_event(&inbox(&app, &b, "").await, "task_assigned").is_empty());

    let unread = a.get_json("/api/v1/notifications/unread-count").await["unread"]
        .as_u64()
        .unwrap();
    assert!(unread >= 1);
    let path = format!("/api/v1/notifications/{}/read", mine[0]["id"]);
    // Another user's id is not found, and stays unread.
    problem(b.post(&path, &json!({})).await, 404).await;
    let read: Value = a.post(&path, &json!({})).await.json().await.unwrap();
    assert!(read["read_at"].is_string());
    let count = a.get_json("/api/v1/notifications/unread-count").await["unread"]
        .as_u64()
        .unwrap();
    assert_eq!(count, unread - 1);
    assert!(of_event(&inbox(&app, &a, "?unread=true").await, "task_assigned").is_empty());
    problem(a.post("/api/v1/notifications/999999/read", &json!({})).await, 404).await;

    let marked: Value = a
        .post("/api/v1/notifications/read-all", &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(marked["marked"].as_u64().unwrap(), count);
    assert_eq!(a.get_json("/api/v1/notifications/unread-count").await["unread"], 0);

    // Machine accounts have no inbox.
    problem(app.integrator().await.get("/api/v1/notifications").await, 403).await;
    problem(a.get("/api/v1/notifications?per_page=0").await, 422).await;
}

#[tokio::test]
async fn a_role_audience_reaches_every_active_user_of_that_role() {
    let app = spawn_app().await;
    let n = notice(
        NotificationEvent::MeetingScheduled,
        vec![Audience::Role(Role::Leader), Audience::User(0)],
        "meeting:1",
    );
    assert_eq!(emit(&app.db, app.clock.now(), n).await.unwrap().inbox_rows, 1);
    let leader = app.leader().await;
    assert_eq!(of_event(&inbox(&app, &leader, "").await, "meeting_scheduled").len(), 1);
}

#[tokio::test]
async fn preferences_need_if_match_validate_the_address_and_turning_an_event_off_keeps_it_out_of_the_inbox() {
    let app = spawn_app().await;
    let a = app.editor_a().await;
    let (prefs, tag) = a.get_with_etag("/api/v1/me/notification-preferences").await;
    assert_eq!(prefs["email"], Value::Null);
    assert_eq!(prefs["items"].as_array().unwrap().len(), NotificationEvent::ALL.len());
    let overdue = prefs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["event"] == "task_overdue")
        .unwrap();
    assert_eq!(overdue["mode"], overdue["default_mode"]);
    assert_eq!(overdue["label_vi"], "Nhiệm vụ quá hạn");

    let input = json!({"email": "Editor.A@BQLDA.DongNai.gov.vn", "items": [{"event": "task_overdue", "mode": "off"}]});
    problem(a.put("/api/v1/me/notification-preferences", &input, None).await, 428).await;
    let bad = json!({"email": "khong-phai-email", "items": []});
    let body = problem(
        a.put("/api/v1/me/notification-preferences", &bad, Some(&tag)).await,
        422,
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "invalid_email");
    let res = a.put("/api/v1/me/notification-preferences", &input, Some(&tag)).await;
    assert_eq!(res.status(), 200);
    let new_tag = res.headers()["etag"].to_str().unwrap().to_owned();
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["email"], "Editor.A@bqlda.dongnai.gov.vn");
    assert_ne!(new_tag, tag);
    // The tag read before is stale now.
    problem(
        a.put("/api/v1/me/notification-preferences", &input, Some(&tag)).await,
        412,
    )
    .await;
    // Audited, and the admin sees the address on the account.
    let audit = app
        .admin()
        .await
        .get_json("/api/v1/audit?entity=notification_preferences")
        .await;
    assert_eq!(audit["total"], 1);

    let off = notice(
        NotificationEvent::TaskOverdue,
        vec![Audience::Unit(app.fx.unit_a)],
        "task:12:overdue:1",
    );
    assert_eq!(emit(&app.db, app.clock.now(), off).await.unwrap().inbox_rows, 0);
    assert!(of_event(&inbox(&app, &a, "").await, "task_overdue").is_empty());
    // An immediate event with an address queues one e-mail job.
    let assigned = notice(
        NotificationEvent::TaskAssigned,
        vec![Audience::Unit(app.fx.unit_a)],
        "task:13:assigned",
    );
    assert_eq!(emit(&app.db, app.clock.now(), assigned).await.unwrap().emails, 1);

    let admin = app.admin().await;
    let log = admin.get_json("/api/v1/deliveries?channel=email").await;
    assert_eq!(log["total"], 1);
    assert_eq!(log["items"][0]["recipient"], "Editor.A@bqlda.dongnai.gov.vn");
    assert_eq!(log["items"][0]["status"], "pending");
    problem(app.coordinator().await.get("/api/v1/deliveries").await, 403).await;
    problem(admin.get("/api/v1/deliveries?channel=fax").await, 422).await;
}

#[tokio::test]
async fn the_unit_that_owes_a_stale_projects_update_is_told_once_a_week() {
    let app = spawn_app().await;
    let t = app.state.settings.thresholds.clone();
    let count = |page: &Value| {
        of_event(page, "report_owed")
            .iter()
            .filter(|n| n["link"] == format!("/projects/{}/update", app.fx.project_a))
            .count()
    };
    let a = app.editor_a().await;
    ioc_api::store::alerts::evaluate_project(&app.db, app.fx.project_a, today(), &t)
        .await
        .unwrap();
    ioc_api::store::alerts::evaluate_project(&app.db, app.fx.project_a, today(), &t)
        .await
        .unwrap();
    assert_eq!(count(&inbox(&app, &a, "?per_page=200").await), 1, "once this week");
    let next_week = today() + chrono::Duration::days(7);
    ioc_api::store::alerts::evaluate_project(&app.db, app.fx.project_a, next_week, &t)
        .await
        .unwrap();
    assert_eq!(count(&inbox(&app, &a, "?per_page=200").await), 2, "again the next week");
    let b = app.editor_b().await;
    assert_eq!(count(&inbox(&app, &b, "?per_page=200").await), 0, "not another unit");
    // The stale-data alert itself was opened on the project: its units were told.
    assert!(!of_event(&inbox(&app, &a, "?per_page=200").await, "alert_opened").is_empty());
}
