//! Directives: who records them, in whose name, with which references; corrections.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{field_problem, problem, spawn_app, today, TestApp};

pub fn task_json(lead_unit: i32, deadline_in_days: i64) -> Value {
    json!({
        "description": "Hoàn thành bồi thường, giải phóng mặt bằng đoạn qua phường Tam Phước",
        "lead_unit_id": lead_unit,
        "deadline": (today() + Duration::days(deadline_in_days)).to_string(),
        "expected_result": "Bàn giao mặt bằng sạch cho nhà thầu"
    })
}

pub async fn directive_json(app: &TestApp, tasks: Vec<Value>) -> Value {
    json!({
        "text": "Yêu cầu các đơn vị tập trung tháo gỡ vướng mắc giải phóng mặt bằng",
        "issued_by": app.user_id("leader").await,
        "issued_on": today().to_string(),
        "source": "document",
        "document_number": "123/TB-UBND",
        "priority": "high",
        "project_ids": [app.fx.project_a],
        "tasks": tasks
    })
}

/// Records a directive as the coordinator; returns its body.
pub async fn record(app: &TestApp, tasks: Vec<Value>) -> Value {
    let res = app
        .coordinator()
        .await
        .post("/api/v1/directives", &directive_json(app, tasks).await)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

#[tokio::test]
async fn a_coordinator_records_a_leaders_directive_with_its_tasks_and_location() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let audit_before = app.audit_count().await;
    let mut body = directive_json(&app, vec![task_json(app.fx.unit_a, 10), task_json(app.fx.unit_b, 20)]).await;
    body["tasks"][1]["supporting_unit_ids"] = json!([app.fx.unit_a, app.fx.unit_dept]);
    let res = coordinator.post("/api/v1/directives", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let d: Value = res.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/directives/{}", d["id"]));
    assert_eq!(etag, format!("\"directive-{}-v1\"", d["id"]));
    assert_eq!(d["issued_by"]["username"], "leader");
    assert_eq!(d["recorded_by"]["username"], "coordinator");
    assert_eq!(d["document_number"], "123/TB-UBND");
    assert_eq!(d["projects"][0]["id"], app.fx.project_a);
    let tasks = d["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0]["state"], "assigned");
    assert_eq!(tasks[0]["deadline_status"], "on_time");
    assert_eq!(tasks[1]["supporting_units"].as_array().unwrap().len(), 2);
    assert_eq!(tasks[1]["projects"][0]["id"], app.fx.project_a);
    // One audit entry for the directive and one per task, one created event per task.
    assert_eq!(app.audit_count().await, audit_before + 3);
    assert_eq!(app.count("task_events").await, 2);
    let read = app
        .viewer()
        .await
        .get_json(&format!("/api/v1/directives/{}", d["id"]))
        .await;
    assert_eq!(read["tasks"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_leader_issues_in_their_own_name_and_a_coordinator_must_name_a_leader() {
    let app = spawn_app().await;
    let mut body = directive_json(&app, vec![task_json(app.fx.unit_a, 5)]).await;
    body.as_object_mut().unwrap().remove("issued_by");
    let res = app.leader().await.post("/api/v1/directives", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let d: Value = res.json().await.unwrap();
    assert_eq!(d["issued_by"]["username"], "leader");
    let res = app.coordinator().await.post("/api/v1/directives", &body).await;
    field_problem(res, "issued_by").await;
    body["issued_by"] = json!(app.user_id("viewer").await);
    let res = app.coordinator().await.post("/api/v1/directives", &body).await;
    let p = field_problem(res, "issued_by").await;
    assert_eq!(p["code"], "not_a_leader");
}

#[tokio::test]
async fn units_viewers_and_integrators_cannot_record_directives_even_with_a_bad_body() {
    let app = spawn_app().await;
    let good = directive_json(&app, vec![task_json(app.fx.unit_a, 5)]).await;
    for client in [app.editor_a().await, app.viewer().await, app.integrator().await] {
        problem(client.post("/api/v1/directives", &good).await, 403).await;
        problem(client.post("/api/v1/directives", &json!({"text": 1})).await, 403).await;
    }
    assert_eq!(app.count("directives").await, 0);
}

#[tokio::test]
async fn a_directive_is_refused_field_by_field() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let mut bad = directive_json(&app, vec![task_json(app.fx.unit_a, -1)]).await;
    bad["document_number"] = json!("123 TB UBND");
    let res = coordinator.post("/api/v1/directives", &bad).await;
    let p = problem(res, 422).await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["document_number", "tasks[0].deadline"]);
    let mut unknown = directive_json(&app, vec![task_json(9999, 3)]).await;
    unknown["project_ids"] = json!([app.fx.project_a]);
    field_problem(
        coordinator.post("/api/v1/directives", &unknown).await,
        "tasks[0].lead_unit_id",
    )
    .await;
    let mut meeting = directive_json(&app, vec![task_json(app.fx.unit_a, 3)]).await;
    meeting["source"] = json!("meeting");
    field_problem(coordinator.post("/api/v1/directives", &meeting).await, "meeting_id").await;
    meeting["meeting_id"] = json!(987654);
    meeting["document_number"] = Value::Null;
    let p = field_problem(coordinator.post("/api/v1/directives", &meeting).await, "meeting_id").await;
    assert!(p.to_string().contains("Cuộc họp không tồn tại"), "{p}");
    assert_eq!(app.count("directives").await, 0);
    assert_eq!(app.count("tasks").await, 0);
}

#[tokio::test]
async fn a_directive_is_corrected_with_if_match_and_gets_more_tasks() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 5)]).await;
    let coordinator = app.coordinator().await;
    let path = format!("/api/v1/directives/{}", d["id"]);
    let (_, etag) = coordinator.get_with_etag(&path).await;
    let mut body = directive_json(&app, vec![]).await;
    body["priority"] = json!("urgent");
    body["project_ids"] = json!([app.fx.project_a, app.fx.project_b]);
    problem(coordinator.put(&path, &body, None).await, 428).await;
    let res = coordinator.put(&path, &body, Some(&etag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: Value = res.json().await.unwrap();
    assert_eq!(
        (v["priority"].as_str(), v["version"].as_i64()),
        (Some("urgent"), Some(2))
    );
    assert_eq!(v["projects"].as_array().unwrap().len(), 2);
    problem(coordinator.put(&path, &body, Some(&etag)).await, 412).await;
    problem(app.editor_a().await.put(&path, &body, Some(&etag)).await, 403).await;
    let res = coordinator
        .post(&format!("{path}/tasks"), &task_json(app.fx.unit_b, 9))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let t: Value = res.json().await.unwrap();
    assert_eq!(t["lead_unit"]["id"], app.fx.unit_b);
    let all = app
        .viewer()
        .await
        .get_json(&format!("/api/v1/directives?project_id={}", app.fx.project_b))
        .await;
    assert_eq!(all["total"], 1);
    assert_eq!(all["items"][0]["tasks"].as_array().unwrap().len(), 2);
}
