use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, project_json, spawn_app};

#[tokio::test]
async fn every_write_leaves_an_audit_entry_with_before_after_and_request_id() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let (_, tag) = admin.get_with_etag(&path).await;
    let mut p = project_json("FX-A", app.fx.unit_a);
    p["name"] = json!("Tên mới");
    let res = admin
        .raw(reqwest::Method::PUT, &path)
        .header("if-match", tag)
        .header("x-request-id", "req-audit-1")
        .json(&p)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let log = admin
        .get_json(&format!("/api/v1/audit?entity=project&entity_id={}", app.fx.project_a))
        .await;
    let e = &log["items"][0];
    assert_eq!(e["action"], "update");
    assert_eq!(e["username"], "admin");
    assert_eq!(e["request_id"], "req-audit-1");
    assert_eq!(e["before"]["name"], "Dự án FX-A");
    assert_eq!(e["after"]["name"], "Tên mới");
}

#[tokio::test]
async fn a_refused_write_leaves_no_audit_entry() {
    let app = spawn_app().await;
    let before = app.audit_count().await;
    let editor_b = app.editor_b().await;
    let res = editor_b
        .post(
            &format!("/api/v1/projects/{}/reports", app.fx.project_a),
            &crate::helpers::report_json(crate::helpers::today(), "5", "0"),
        )
        .await;
    problem(res, 403).await;
    // Only the two logins were recorded.
    assert_eq!(app.audit_count().await, before + 1);
}

#[tokio::test]
async fn only_admins_and_coordinators_read_the_audit_log() {
    let app = spawn_app().await;
    assert_eq!(
        app.coordinator().await.get("/api/v1/audit").await.status(),
        StatusCode::OK
    );
    for c in [app.viewer().await, app.editor_a().await, app.integrator().await] {
        problem(c.get("/api/v1/audit").await, 403).await;
    }
    let log: Value = app.admin().await.get_json("/api/v1/audit?action=login").await;
    assert!(log["total"].as_u64().unwrap() >= 3);
}
