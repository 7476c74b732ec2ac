use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{problem, project_json, report_json, spawn_app, today};

#[tokio::test]
async fn an_update_without_if_match_is_428_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let mut p = project_json("FX-A", app.fx.unit_a);
    p["name"] = json!("Đổi tên");
    problem(admin.put(&path, &p, None).await, 428).await;
    assert_eq!(admin.get_json(&path).await["name"], "Dự án FX-A");
}

#[tokio::test]
async fn a_stale_if_match_is_412_and_the_first_write_wins() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let (_, tag) = admin.get_with_etag(&path).await;
    let mut first = project_json("FX-A", app.fx.unit_a);
    first["name"] = json!("Tên thứ nhất");
    let res = admin.put(&path, &first, Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let new_tag = res.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_tag, tag);
    let mut second = project_json("FX-A", app.fx.unit_a);
    second["name"] = json!("Tên thứ hai");
    let body = problem(admin.put(&path, &second, Some(&tag)).await, 412).await;
    assert_eq!(body["code"], "stale_version");
    assert_eq!(body["current_etag"], new_tag);
    assert_eq!(admin.get_json(&path).await["name"], "Tên thứ nhất");
}

#[tokio::test]
async fn an_etag_of_another_record_does_not_match() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, tag_b) = admin
        .get_with_etag(&format!("/api/v1/projects/{}", app.fx.project_b))
        .await;
    let res = admin
        .put(
            &format!("/api/v1/projects/{}", app.fx.project_a),
            &project_json("FX-A", app.fx.unit_a),
            Some(&tag_b),
        )
        .await;
    problem(res, 412).await;
}

#[tokio::test]
async fn stale_report_corrections_are_refused() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}/reports", app.fx.project_a);
    let res = editor.post(&base, &report_json(today(), "20", "1000")).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    let id = res.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let path = format!("{base}/{id}");
    assert_eq!(
        editor
            .put(&path, &report_json(today(), "21", "1000"), Some(&tag))
            .await
            .status(),
        StatusCode::OK
    );
    problem(
        editor.put(&path, &report_json(today(), "22", "1000"), Some(&tag)).await,
        412,
    )
    .await;
    problem(editor.delete(&path, Some(&tag)).await, 412).await;
    assert_eq!(editor.get_json(&path).await["actual_percent"], "21");
}
