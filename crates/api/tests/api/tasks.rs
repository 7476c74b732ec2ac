//! Tasks: every action by every role, concurrency and error answers, deadlines as the clock
//! moves, filters and history.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::directives::{record, task_json};
use crate::helpers::{problem, spawn_app, today, Client, TestApp};

fn body(action: &str) -> Value {
    match action {
        "request_extension" => json!({
            "action": action,
            "note": "Chờ phê duyệt phương án bồi thường",
            "new_deadline": (today() + Duration::days(60)).to_string()
        }),
        "report_done" => json!({"action": action, "note": "Đã bàn giao mặt bằng", "evidence": "Báo cáo 15/BC-BQLDA"}),
        _ => json!({"action": action, "note": "Ý kiến xử lý"}),
    }
}

/// Reads the task's ETag and sends `body`.
async fn send(client: &Client, id: i64, body: &Value) -> reqwest::Response {
    let (_, etag) = client.get_with_etag(&format!("/api/v1/tasks/{id}")).await;
    client
        .post_if_match(&format!("/api/v1/tasks/{id}/transitions"), body, &etag)
        .await
}

async fn act(client: &Client, id: i64, action: &str) -> Value {
    let res = send(client, id, &body(action)).await;
    assert_eq!(res.status(), StatusCode::OK, "{action}");
    res.json().await.unwrap()
}

/// The admin may take every action: it walks tasks to the state a test needs.
async fn walk(app: &TestApp, id: i64, actions: &[&str]) {
    let admin = app.admin().await;
    for a in actions {
        act(&admin, id, a).await;
    }
}

fn ids(d: &Value) -> Vec<i64> {
    d["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn every_action_is_taken_only_by_the_roles_the_rule_allows() {
    let app = spawn_app().await;
    let clients: Vec<(&str, Client)> = vec![
        ("admin", app.admin().await),
        ("coordinator", app.coordinator().await),
        ("leader", app.leader().await),
        ("own unit editor", app.editor_a().await),
        ("other unit editor", app.editor_b().await),
        ("viewer", app.viewer().await),
        ("integrator", app.integrator().await),
    ];
    let unit_actions = ["admin", "own unit editor"];
    let deciders = ["admin", "coordinator", "leader"];
    let cases: [(&str, &[&str], &[&str]); 8] = [
        ("acknowledge", &[], &unit_actions),
        ("start", &["acknowledge"], &unit_actions),
        ("report_done", &["acknowledge", "start"], &unit_actions),
        ("request_extension", &["acknowledge", "start"], &unit_actions),
        ("confirm", &["acknowledge", "start", "report_done"], &deciders),
        ("reopen", &["acknowledge", "start", "report_done", "confirm"], &deciders),
        ("approve_extension", &["start", "request_extension"], &deciders),
        ("refuse_extension", &["start", "request_extension"], &deciders),
    ];
    for (action, setup, allowed) in cases {
        let d = record(&app, (0..clients.len()).map(|_| task_json(app.fx.unit_a, 10)).collect()).await;
        for ((who, client), id) in clients.iter().zip(ids(&d)) {
            walk(&app, id, setup).await;
            let before = client.get_json(&format!("/api/v1/tasks/{id}")).await;
            let offered = before["available_actions"].as_array().unwrap().contains(&json!(action));
            let res = send(client, id, &body(action)).await;
            let expected = if allowed.contains(who) { 200 } else { 403 };
            assert_eq!(res.status().as_u16(), expected, "{action} by {who}");
            assert_eq!(offered, expected == 200, "{action} offered to {who}");
        }
    }
}

#[tokio::test]
async fn the_lead_unit_walks_its_task_and_the_coordinator_confirms_with_a_full_history() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 10)]).await;
    let id = ids(&d)[0];
    let editor = app.editor_a().await;
    assert_eq!(act(&editor, id, "acknowledge").await["state"], "acknowledged");
    assert_eq!(act(&editor, id, "start").await["state"], "in_progress");
    let done = act(&editor, id, "report_done").await;
    assert_eq!(done["state"], "reported_done");
    assert_eq!(done["last_report"]["evidence"], "Báo cáo 15/BC-BQLDA");
    assert_eq!(done["available_actions"], json!([]), "the unit waits for the province");
    let confirmed = act(&app.coordinator().await, id, "confirm").await;
    assert_eq!(confirmed["state"], "confirmed");
    assert_eq!(confirmed["deadline_status"], "done_on_time");
    assert_eq!(confirmed["version"], 5);
    let events = app.viewer().await.get_json(&format!("/api/v1/tasks/{id}/events")).await;
    let kinds: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["created", "acknowledge", "start", "report_done", "confirm"]);
    assert_eq!(events[4]["actor"]["username"], "coordinator");
    assert_eq!(events[4]["from_state"], "reported_done");
    let audit = app.count("audit_log").await;
    assert!(audit >= 6, "directive, task and four transitions audited: {audit}");
}

#[tokio::test]
async fn stale_missing_invalid_and_malformed_transitions_get_their_own_answers() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 10)]).await;
    let id = ids(&d)[0];
    let path = format!("/api/v1/tasks/{id}/transitions");
    let editor = app.editor_a().await;
    let (_, v1) = editor.get_with_etag(&format!("/api/v1/tasks/{id}")).await;
    problem(editor.post(&path, &body("acknowledge")).await, 428).await;
    act(&editor, id, "acknowledge").await;
    let p = problem(editor.post_if_match(&path, &body("start"), &v1).await, 412).await;
    assert_eq!(p["current_etag"], format!("\"task-{id}-v2\""));
    let p = problem(send(&editor, id, &body("report_done")).await, 409).await;
    assert_eq!(p["code"], "invalid_transition");
    let p = problem(send(&app.coordinator().await, id, &body("confirm")).await, 409).await;
    assert_eq!(p["code"], "invalid_transition");
    // The rule comes before the body's fields, the caller before the body at all.
    act(&editor, id, "start").await;
    let p = problem(send(&editor, id, &json!({"action": "report_done"})).await, 422).await;
    assert_eq!(p["errors"][0]["field"], "note");
    problem(
        send(
            &editor,
            id,
            &json!({"action": "report_done", "note": "x", "evidence": "a\u{0}b"}),
        )
        .await,
        422,
    )
    .await;
    let other = app.editor_b().await;
    problem(send(&other, id, &json!({"action": 42})).await, 403).await;
    problem(send(&app.viewer().await, id, &json!("garbage")).await, 403).await;
    problem(send(&other, id, &body("report_done")).await, 403).await;
    problem(
        editor
            .post_if_match("/api/v1/tasks/999999/transitions", &body("start"), "\"task-999999-v1\"")
            .await,
        404,
    )
    .await;
    let after = editor.get_json(&format!("/api/v1/tasks/{id}")).await;
    assert_eq!(
        (after["state"].as_str(), after["version"].as_i64()),
        (Some("in_progress"), Some(3))
    );
}

#[tokio::test]
async fn one_extension_waits_at_a_time_and_an_approval_moves_the_deadline() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 10)]).await;
    let id = ids(&d)[0];
    let editor = app.editor_a().await;
    let asked = act(&editor, id, "request_extension").await;
    assert_eq!(asked["state"], "assigned");
    let wanted = (today() + Duration::days(60)).to_string();
    assert_eq!(asked["extension_request"]["requested_deadline"], wanted);
    problem(send(&editor, id, &body("request_extension")).await, 409).await;
    let mut early = body("request_extension");
    early["new_deadline"] = json!(today().to_string());
    let coordinator = app.coordinator().await;
    let res = send(
        &coordinator,
        id,
        &json!({"action": "approve_extension", "new_deadline": today().to_string()}),
    )
    .await;
    problem(res, 422).await;
    let granted = act(&coordinator, id, "approve_extension").await;
    assert_eq!(granted["deadline"], wanted);
    assert_eq!(granted["original_deadline"], (today() + Duration::days(10)).to_string());
    assert!(granted["extension_request"].is_null());
    problem(send(&coordinator, id, &body("refuse_extension")).await, 409).await;
    let events = editor.get_json(&format!("/api/v1/tasks/{id}/events")).await;
    assert_eq!(events[2]["kind"], "approve_extension");
    assert_eq!(events[2]["deadline"], wanted);
}

#[tokio::test]
async fn a_task_turns_due_soon_then_overdue_as_the_clock_moves_and_is_done_late_when_confirmed() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 2), task_json(app.fx.unit_b, 30)]).await;
    let id = ids(&d)[0];
    let viewer = app.viewer().await;
    let t = viewer.get_json(&format!("/api/v1/tasks/{id}")).await;
    assert_eq!(t["deadline_status"], "due_soon");
    assert_eq!(viewer.get_json("/api/v1/tasks?due_soon=true").await["total"], 1);
    assert_eq!(viewer.get_json("/api/v1/tasks?overdue=true").await["total"], 0);
    app.clock.advance(Duration::days(5));
    let t = viewer.get_json(&format!("/api/v1/tasks/{id}")).await;
    assert_eq!(
        (t["deadline_status"].as_str(), t["days_overdue"].as_i64()),
        (Some("overdue"), Some(3))
    );
    let overdue = viewer.get_json("/api/v1/tasks?overdue=true").await;
    assert_eq!(
        (overdue["total"].as_i64(), overdue["items"][0]["id"].as_i64()),
        (Some(1), Some(id))
    );
    walk(&app, id, &["start", "report_done", "confirm"]).await;
    let t = viewer.get_json(&format!("/api/v1/tasks/{id}")).await;
    assert_eq!(
        (t["deadline_status"].as_str(), t["days_overdue"].as_i64()),
        (Some("done_late"), Some(0))
    );
    assert_eq!(viewer.get_json("/api/v1/tasks?overdue=true").await["total"], 0);
}

#[tokio::test]
async fn tasks_are_filtered_by_unit_state_deadline_project_and_source() {
    let app = spawn_app().await;
    let mut supported = task_json(app.fx.unit_b, 20);
    supported["supporting_unit_ids"] = json!([app.fx.unit_a]);
    let d = record(&app, vec![task_json(app.fx.unit_a, 5), supported]).await;
    let first = ids(&d)[0];
    walk(&app, first, &["acknowledge"]).await;
    let integrator = app.integrator().await;
    let total = |v: Value| v["total"].as_i64().unwrap();
    let (a, b) = (app.fx.unit_a, app.fx.unit_b);
    assert_eq!(total(integrator.get_json(&format!("/api/v1/tasks?unit={a}")).await), 2);
    assert_eq!(
        total(integrator.get_json(&format!("/api/v1/tasks?lead_unit={a}")).await),
        1
    );
    assert_eq!(total(integrator.get_json(&format!("/api/v1/tasks?unit={b}")).await), 1);
    assert_eq!(total(integrator.get_json("/api/v1/tasks?state=acknowledged").await), 1);
    assert_eq!(
        total(integrator.get_json("/api/v1/tasks?state=assigned,acknowledged").await),
        2
    );
    let to = (today() + Duration::days(10)).to_string();
    assert_eq!(
        total(integrator.get_json(&format!("/api/v1/tasks?deadline_to={to}")).await),
        1
    );
    let p = app.fx.project_a;
    assert_eq!(
        total(integrator.get_json(&format!("/api/v1/tasks?project_id={p}")).await),
        2
    );
    assert_eq!(
        total(
            integrator
                .get_json(&format!("/api/v1/tasks?project_id={}", app.fx.project_b))
                .await
        ),
        0
    );
    assert_eq!(total(integrator.get_json("/api/v1/tasks?source=document").await), 2);
    assert_eq!(total(integrator.get_json("/api/v1/tasks?source=meeting").await), 0);
    problem(integrator.get("/api/v1/tasks?source=rumour").await, 422).await;
    problem(integrator.get("/api/v1/tasks?state=lost").await, 422).await;
    problem(integrator.get("/api/v1/tasks?deadline_from=0001-01-01").await, 422).await;
    let page = integrator.get_json("/api/v1/tasks?per_page=1").await;
    assert_eq!(page["items"][0]["id"], first, "nearest deadline first");
    assert_eq!(page["items"][0]["available_actions"], json!([]));
}

async fn open_task_alerts(app: &TestApp, project: i32) -> Vec<Value> {
    let alerts = app
        .viewer()
        .await
        .get_json(&format!("/api/v1/projects/{project}/alerts"))
        .await;
    alerts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["alert_type"] == "task_overdue" && a["closed_at"].is_null())
        .cloned()
        .collect()
}

#[tokio::test]
async fn an_overdue_task_opens_its_projects_alert_once_and_confirming_it_closes_it() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 3)]).await;
    let id = ids(&d)[0];
    let p = app.fx.project_a;
    let scan = |app: &TestApp| {
        let (db, now, today) = (app.db.clone(), app.clock.now(), app.clock.today());
        async move {
            ioc_api::store::tasks::scan_deadlines(&db, now, today, &[3, 1], &ioc_domain::Thresholds::default())
                .await
                .unwrap()
        }
    };
    let first = scan(&app).await;
    assert_eq!(first.reminders, [(id as i32, 3)]);
    assert_eq!(
        scan(&app).await,
        Default::default(),
        "a second scan the same day finds nothing"
    );
    assert!(open_task_alerts(&app, p).await.is_empty());
    app.clock.advance(Duration::days(4));
    let late = scan(&app).await;
    assert_eq!(
        (late.reminders.len(), late.overdue.as_slice()),
        (0, [id as i32].as_slice())
    );
    assert!(scan(&app).await.overdue.is_empty());
    // The lead unit was told: one reminder (3 days before) and one overdue notice today.
    let inbox = app
        .editor_a()
        .await
        .get_json("/api/v1/notifications?per_page=200")
        .await;
    let told = |event: &str| {
        inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["event"] == event && n["link"] == format!("/tasks/{id}"))
            .count()
    };
    assert_eq!((told("task_due_soon"), told("task_overdue")), (1, 1));
    let other = app
        .editor_b()
        .await
        .get_json("/api/v1/notifications?per_page=200")
        .await;
    assert!(!other.to_string().contains(&format!("/tasks/{id}")), "not another unit");
    let open = open_task_alerts(&app, p).await;
    assert_eq!(open.len(), 1, "one alert, not one per scan");
    assert_eq!(open[0]["title_vi"], "Nhiệm vụ chỉ đạo quá hạn");
    assert!(open_task_alerts(&app, app.fx.project_b).await.is_empty());
    walk(&app, id, &["start", "report_done"]).await;
    assert_eq!(
        open_task_alerts(&app, p).await.len(),
        1,
        "a done report is not yet accepted"
    );
    act(&app.coordinator().await, id, "confirm").await;
    assert!(
        open_task_alerts(&app, p).await.is_empty(),
        "confirmed: the alert closes"
    );
}

#[tokio::test]
async fn an_approved_extension_clears_the_overdue_alert() {
    let app = spawn_app().await;
    let d = record(&app, vec![task_json(app.fx.unit_a, 1)]).await;
    let id = ids(&d)[0];
    app.clock.advance(Duration::days(3));
    let editor = app.editor_a().await;
    // A transition re-evaluates the related projects at once, without waiting for a scan.
    act(&editor, id, "acknowledge").await;
    assert_eq!(open_task_alerts(&app, app.fx.project_a).await.len(), 1);
    act(&editor, id, "request_extension").await;
    act(&app.leader().await, id, "approve_extension").await;
    assert!(open_task_alerts(&app, app.fx.project_a).await.is_empty());
}

#[tokio::test]
async fn the_direction_group_counts_states_overdue_units_and_on_time_share() {
    let app = spawn_app().await;
    let d = record(
        &app,
        vec![
            task_json(app.fx.unit_a, 1),
            task_json(app.fx.unit_a, 2),
            task_json(app.fx.unit_b, 30),
        ],
    )
    .await;
    let t = ids(&d);
    walk(&app, t[1], &["start", "report_done", "confirm"]).await;
    app.clock.advance(Duration::days(5));
    walk(&app, t[0], &["acknowledge"]).await;
    let viewer = app.viewer().await;
    let board = viewer.get_json("/api/v1/dashboard/direction").await;
    assert_eq!(board["total"], 3);
    let count = |s: &str| {
        board["by_state"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["state"] == s)
            .unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(
        (count("acknowledged"), count("confirmed"), count("assigned")),
        (1, 1, 1)
    );
    assert_eq!(board["overdue_total"], 1);
    assert_eq!(
        (board["confirmed_total"].as_i64(), board["confirmed_on_time"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(board["confirmed_on_time_share"], "100");
    assert_eq!(board["overdue_by_unit"][0]["unit"]["id"], app.fx.unit_a);
    assert_eq!(board["overdue_by_unit"][0]["overdue"], 1);
    assert_eq!(board["oldest_overdue"][0]["task_id"], t[0]);
    assert_eq!(board["oldest_overdue"][0]["days_overdue"], 4);
    // The project filter keeps the directive's project; another unit's projects drop it.
    let other = viewer
        .get_json(&format!("/api/v1/dashboard/direction?unit={}", app.fx.unit_b))
        .await;
    assert_eq!(other["total"], 0);
    let b_tasks = viewer
        .get_json(&format!("/api/v1/dashboard/direction?task_unit={}", app.fx.unit_b))
        .await;
    assert_eq!(
        (b_tasks["total"].as_i64(), b_tasks["overdue_total"].as_i64()),
        (Some(1), Some(0))
    );
    problem(
        viewer.get("/api/v1/dashboard/direction?deadline_from=0001-01-01").await,
        422,
    )
    .await;
}
