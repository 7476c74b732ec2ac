//! Meetings: who schedules and runs them, If-Match, the frozen snapshot beside the live view.

use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{field_problem, problem, spawn_app, today, Client, TestApp};

/// The id of a user by username, as the admin lists them.
pub async fn user_id(app: &TestApp, username: &str) -> i64 {
    let users = app.admin().await.get_json("/api/v1/users").await;
    users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .unwrap_or_else(|| panic!("no user {username}"))["id"]
        .as_i64()
        .unwrap()
}

/// A weekly review chaired by the fixture's leader, with project A on the agenda.
pub async fn meeting_json(app: &TestApp) -> Value {
    json!({
        "title": "Giao ban tuần các dự án trọng điểm",
        "kind": "weekly_review",
        "starts_at": "2026-11-27T01:30:00Z",
        "location": "Phòng họp số 1, UBND tỉnh",
        "chair_user_id": user_id(app, "leader").await,
        "attendee_user_ids": [user_id(app, "coordinator").await],
        "attendee_unit_ids": [app.fx.unit_a, app.fx.unit_dept],
        "agenda": [{"project_id": app.fx.project_a, "notes": "Tiến độ giải phóng mặt bằng"}]
    })
}

/// Creates a meeting as `who` and returns it with its ETag.
pub async fn create_meeting(who: &Client, body: &Value) -> (Value, String) {
    let res = who.post("/api/v1/meetings", body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    (res.json().await.unwrap(), tag)
}

/// POST to a meeting action (`start`, `close`) with an optional If-Match.
pub async fn act(who: &Client, id: i64, action: &str, if_match: Option<&str>) -> Response {
    let mut r = who.raw(reqwest::Method::POST, &format!("/api/v1/meetings/{id}/{action}"));
    if let Some(m) = if_match {
        r = r.header("if-match", m);
    }
    r.send().await.unwrap()
}

fn etag_of(res: &Response) -> String {
    res.headers()["etag"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn coordinators_leaders_and_admins_schedule_meetings_while_units_viewers_and_integrators_cannot() {
    let app = spawn_app().await;
    let body = meeting_json(&app).await;
    for who in [app.admin().await, app.coordinator().await, app.leader().await] {
        create_meeting(&who, &body).await;
    }
    for who in [app.editor_a().await, app.viewer().await, app.integrator().await] {
        problem(who.post("/api/v1/meetings", &body).await, 403).await;
        // Refused before the body is read: a broken body is still a 403.
        problem(who.post("/api/v1/meetings", &json!({"title": 1})).await, 403).await;
    }
    assert_eq!(app.count("meetings").await, 3);
    // Units and viewers read meetings; integrator tokens do not.
    let page = app.editor_a().await.get_json("/api/v1/meetings").await;
    assert_eq!(page["total"], 3);
    assert_eq!(page["items"][0]["can_manage"], false);
    assert_eq!(page["items"][0]["chair"]["username"], "leader");
    assert_eq!(page["items"][0]["agenda"][0]["project"]["code"], "FX-A");
    assert_eq!(page["items"][0]["attendee_units"].as_array().unwrap().len(), 2);
    app.viewer().await.get_json("/api/v1/meetings").await;
    problem(app.integrator().await.get("/api/v1/meetings").await, 403).await;
}

#[tokio::test]
async fn the_chair_must_be_a_leader_and_every_agenda_item_must_exist() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let mut body = meeting_json(&app).await;
    body["chair_user_id"] = json!(user_id(&app, "coordinator").await);
    let e = field_problem(coordinator.post("/api/v1/meetings", &body).await, "chair_user_id").await;
    assert_eq!(e["code"], "not_a_leader");
    let mut body = meeting_json(&app).await;
    body["agenda"] = json!([{"project_id": app.fx.project_a}, {"difficulty_id": 9999}]);
    let e = field_problem(
        coordinator.post("/api/v1/meetings", &body).await,
        "agenda[1].difficulty_id",
    )
    .await;
    assert_eq!(e["code"], "unknown_difficulty");
    body["agenda"] = json!([{"project_id": app.fx.project_a, "difficulty_id": 1}]);
    let e = field_problem(
        coordinator.post("/api/v1/meetings", &body).await,
        "agenda[0].project_id",
    )
    .await;
    assert_eq!(e["code"], "one_target");
    let mut body = meeting_json(&app).await;
    body["attendee_unit_ids"] = json!([4242]);
    field_problem(coordinator.post("/api/v1/meetings", &body).await, "attendee_unit_ids").await;
    assert_eq!(app.count("meetings").await, 0);
}

#[tokio::test]
async fn a_meeting_is_edited_with_if_match_runs_scheduled_started_closed_and_is_deleted_only_before_it_starts() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let (m, tag) = create_meeting(&coordinator, &meeting_json(&app).await).await;
    let id = m["id"].as_i64().unwrap();
    let path = format!("/api/v1/meetings/{id}");
    let mut body = meeting_json(&app).await;
    body["title"] = json!("Giao ban tuần 48");
    body["agenda"] = json!([
        {"project_id": app.fx.project_b, "notes": "Vốn"},
        {"project_id": app.fx.project_a}
    ]);
    problem(coordinator.put(&path, &body, None).await, 428).await;
    let res = coordinator.put(&path, &body, Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let tag2 = etag_of(&res);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["title"], "Giao ban tuần 48");
    assert_eq!(v["agenda"][0]["position"], 1);
    assert_eq!(v["agenda"][0]["project"]["code"], "FX-B");
    assert_eq!(v["agenda"][1]["project"]["code"], "FX-A");
    problem(coordinator.put(&path, &body, Some(&tag)).await, 412).await;
    // A unit editor may not even learn whether its If-Match is current.
    problem(app.editor_a().await.put(&path, &body, Some(&tag2)).await, 403).await;

    problem(act(&coordinator, id, "close", Some(&tag2)).await, 409).await;
    problem(act(&coordinator, id, "start", None).await, 428).await;
    problem(act(&coordinator, id, "start", Some(&tag)).await, 412).await;
    let res = act(&app.leader().await, id, "start", Some(&tag2)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let tag3 = etag_of(&res);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["state"], "in_progress");
    assert!(v["started_at"].is_string());
    let e = problem(act(&coordinator, id, "start", Some(&tag3)).await, 409).await;
    assert_eq!(e["code"], "meeting_state");
    let e = problem(coordinator.delete(&path, Some(&tag3)).await, 409).await;
    assert_eq!(e["code"], "meeting_not_scheduled");

    let res = act(&coordinator, id, "close", Some(&tag3)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let tag4 = etag_of(&res);
    assert_eq!(res.json::<Value>().await.unwrap()["state"], "closed");
    let e = problem(coordinator.put(&path, &body, Some(&tag4)).await, 409).await;
    assert_eq!(e["code"], "meeting_closed");

    // A scheduled meeting is deleted, with its agenda and attendees.
    let (m2, t2) = create_meeting(&coordinator, &meeting_json(&app).await).await;
    let res = coordinator
        .delete(&format!("/api/v1/meetings/{}", m2["id"]), Some(&t2))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.count("meetings").await, 1);
    assert_eq!(app.count("meeting_agenda_items").await, 2);
}

#[tokio::test]
async fn every_meeting_write_is_audited_with_its_action() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let body = meeting_json(&app).await;
    let admin = app.admin().await;
    let before = app.audit_count().await;
    let (m, tag) = create_meeting(&coordinator, &body).await;
    let res = act(&coordinator, m["id"].as_i64().unwrap(), "start", Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.audit_count().await, before + 2);
    let audit = admin.get_json("/api/v1/audit?entity=meeting").await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"create") && actions.contains(&"start"), "{audit}");
}

#[tokio::test]
async fn the_snapshot_stays_as_taken_after_a_later_weekly_update_changes_the_live_figures() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let first = json!({
        "report": crate::helpers::report_json(today() - chrono::Duration::days(7), "20", "10000000000"),
        "new_difficulties": [{"category": "site_clearance", "title": "Chưa bàn giao 1,2 km mặt bằng",
            "raised_on": today().to_string(), "proposed_solution": "UBND phường đẩy nhanh kiểm đếm"}]
    });
    assert_eq!(
        editor.post(&format!("{base}/weekly-update"), &first).await.status(),
        StatusCode::CREATED
    );
    let (m, tag) = create_meeting(&coordinator, &meeting_json(&app).await).await;
    let id = m["id"].as_i64().unwrap();
    problem(coordinator.get(&format!("/api/v1/meetings/{id}/snapshot")).await, 404).await;
    assert_eq!(
        act(&coordinator, id, "start", Some(&tag)).await.status(),
        StatusCode::OK
    );

    let later = json!({"report": crate::helpers::report_json(today(), "45.5", "30000000000")});
    assert_eq!(
        editor.post(&format!("{base}/weekly-update"), &later).await.status(),
        StatusCode::CREATED
    );

    let snap = app
        .viewer()
        .await
        .get_json(&format!("/api/v1/meetings/{id}/snapshot"))
        .await;
    let live = app
        .viewer()
        .await
        .get_json(&format!("/api/v1/meetings/{id}/live"))
        .await;
    assert_eq!(snap["live"], false);
    assert_eq!(live["live"], true);
    assert_eq!(snap["items"][0]["project"]["code"], "FX-A");
    assert_eq!(snap["items"][0]["progress"]["actual_percent"], "20");
    assert_eq!(live["items"][0]["progress"]["actual_percent"], "45.5");
    assert_eq!(snap["items"][0]["notes"], "Tiến độ giải phóng mặt bằng");
    let d = &snap["items"][0]["open_difficulties"][0];
    assert_eq!(d["title"], "Chưa bàn giao 1,2 km mặt bằng");
    assert_eq!(d["proposed_solution"], "UBND phường đẩy nhanh kiểm đếm");
    assert_eq!(snap["totals"]["projects"], 1);
    assert_eq!(snap["totals"]["open_difficulties"], 1);
    assert!(snap["items"][0]["open_alerts"].is_array());
    problem(
        app.integrator().await.get(&format!("/api/v1/meetings/{id}/live")).await,
        403,
    )
    .await;
}
