use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, report_json, spawn_app, today};

fn weekly(percent: &str) -> Value {
    json!({
        "report": report_json(today(), percent, "30000000000"),
        "disbursements": [
            {"paid_on": today().to_string(), "amount": "2000000000", "note": "Thanh toán đợt 3"},
            {"paid_on": (today() - chrono::Duration::days(2)).to_string(), "amount": "500000000"}
        ],
        "new_difficulties": [
            {"category": "site_clearance", "title": "Chưa bàn giao 1,2 km mặt bằng", "needs_leader_direction": true,
             "raised_on": today().to_string(), "proposed_solution": "UBND phường đẩy nhanh kiểm đếm"}
        ]
    })
}

#[tokio::test]
async fn a_weekly_update_saves_every_part_and_refreshes_the_project() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = format!("/api/v1/projects/{}/weekly-update", app.fx.project_a);
    let res = editor.post(&path, &weekly("45.5")).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["report"]["actual_percent"], "45.5");
    assert_eq!(body["disbursements"].as_array().unwrap().len(), 2);
    assert_eq!(body["difficulties"][0]["category"], "site_clearance");
    // The project shows the new state at once: 45.5% against a linear plan at ~50% is at risk.
    assert_eq!(body["project"]["progress"]["actual_percent"], "45.5");
    assert_eq!(body["project"]["open_difficulties"], 1);
    assert_eq!(body["project"]["progress"]["output_value"], "30000000000");
    assert_eq!(app.count("progress_reports").await, 1);
    assert_eq!(app.count("disbursements").await, 2);
    assert_eq!(app.count("difficulties").await, 1);
}

#[tokio::test]
async fn a_failing_part_leaves_nothing_behind() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = format!("/api/v1/projects/{}/weekly-update", app.fx.project_a);
    let audit_before = app.audit_count().await;
    let mut bad = weekly("45");
    bad["new_difficulties"][0]["title"] = json!("");
    bad["disbursements"][1]["amount"] = json!("12.5");
    let body = problem(editor.post(&path, &bad).await, 422).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"new_difficulties[0].title"), "{fields:?}");
    assert!(fields.contains(&"disbursements[1].amount"), "{fields:?}");
    assert_eq!(app.count("progress_reports").await, 0);
    assert_eq!(app.count("disbursements").await, 0);
    assert_eq!(app.count("difficulties").await, 0);
    assert_eq!(app.audit_count().await, audit_before);
}

#[tokio::test]
async fn a_database_conflict_late_in_the_submission_rolls_back_the_earlier_parts() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = format!("/api/v1/projects/{}/weekly-update", app.fx.project_a);
    // An unknown responsible unit is only found when the difficulty is written, after the
    // report and disbursements were inserted: the transaction must undo them.
    let mut bad = weekly("45");
    bad["new_difficulties"][0]["responsible_unit_id"] = json!(999_999);
    let body = problem(editor.post(&path, &bad).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "new_difficulties[0].responsible_unit_id");
    assert_eq!(app.count("progress_reports").await, 0);
    assert_eq!(app.count("disbursements").await, 0);
}

#[tokio::test]
async fn a_stale_difficulty_version_fails_the_whole_submission_with_412() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let d: Value = editor
        .post(
            &format!("{base}/difficulties"),
            &json!({"category": "capital", "title": "Thiếu vốn", "raised_on": today().to_string()}),
        )
        .await
        .json()
        .await
        .unwrap();
    let mut input = weekly("45");
    input["difficulty_updates"] = json!([{
        "id": d["id"], "version": 99, "category": "capital", "title": "Thiếu vốn", "status": "in_progress",
        "raised_on": today().to_string()
    }]);
    problem(editor.post(&format!("{base}/weekly-update"), &input).await, 412).await;
    assert_eq!(app.count("progress_reports").await, 0);
    // With the right version it goes through and resolves nothing else.
    input["difficulty_updates"][0]["version"] = d["version"].clone();
    let res = editor.post(&format!("{base}/weekly-update"), &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let got = editor.get_json(&format!("{base}/difficulties/{}", d["id"])).await;
    assert_eq!(got["status"], "in_progress");
}

#[tokio::test]
async fn progress_cannot_go_down_without_a_correction_reason() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let week_ago = today() - chrono::Duration::days(7);
    assert_eq!(
        editor
            .post(&format!("{base}/reports"), &report_json(week_ago, "40", "100"))
            .await
            .status(),
        StatusCode::CREATED
    );
    let input = json!({"report": report_json(today(), "35", "100")});
    let body = problem(editor.post(&format!("{base}/weekly-update"), &input).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "report.actual_percent");
    assert_eq!(body["errors"][0]["code"], "percent_decreased");
    let mut input = input;
    input["report"]["correction_reason"] = json!("Đo đạc lại khối lượng đắp nền");
    assert_eq!(
        editor.post(&format!("{base}/weekly-update"), &input).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_report_date_in_the_future_or_a_duplicate_date_is_refused() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = format!("/api/v1/projects/{}/reports", app.fx.project_a);
    let body = problem(
        editor
            .post(&path, &report_json(today() + chrono::Duration::days(1), "5", "0"))
            .await,
        422,
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "date_in_future");
    assert_eq!(
        editor.post(&path, &report_json(today(), "5", "0")).await.status(),
        StatusCode::CREATED
    );
    let body = problem(editor.post(&path, &report_json(today(), "6", "0")).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "duplicate_report_date");
}
