//! Capital plans, disbursements and difficulties: derived figures and validation.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, today};

#[tokio::test]
async fn disbursements_accumulate_per_year_against_the_capital_plan() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let year = chrono::Datelike::year(&today());
    let res = editor
        .post(
            &format!("{base}/capital-plans"),
            &json!({"year": year, "source": "provincial_budget", "amount": "80000000000"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let plan: Value = res.json().await.unwrap();
    assert_eq!(plan["uses_default_schedule"], true);
    assert_eq!(plan["schedule"].as_array().unwrap().len(), 12);
    for amount in ["20000000000", "10000000000"] {
        let res = editor
            .post(
                &format!("{base}/disbursements"),
                &json!({"paid_on": today().to_string(), "amount": amount}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let list = editor.get_json(&format!("{base}/disbursements")).await;
    assert_eq!(list[0]["cumulative_in_year"], "30000000000");
    assert_eq!(list[0]["rate_percent"], "37.50");
    let p = editor.get_json(&base).await;
    assert_eq!(p["disbursement"]["plan"], "80000000000");
    assert_eq!(p["disbursement"]["disbursed"], "30000000000");
}

#[tokio::test]
async fn amounts_are_whole_dong_non_negative_and_exact() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = format!("/api/v1/projects/{}/disbursements", app.fx.project_a);
    for (amount, code) in [
        ("1.5", "fractional_vnd"),
        ("-3", "negative_amount"),
        ("0", "zero_amount"),
    ] {
        let body = problem(
            editor
                .post(&path, &json!({"paid_on": today().to_string(), "amount": amount}))
                .await,
            422,
        )
        .await;
        assert_eq!(body["errors"][0]["code"], code);
    }
    // 9 876 543 210 987 654 đồng survives the round trip exactly (no float on the way).
    let res = editor
        .post(
            &path,
            &json!({"paid_on": today().to_string(), "amount": "9876543210987654"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.json::<Value>().await.unwrap()["amount"], "9876543210987654");
}

#[tokio::test]
async fn a_capital_plan_schedule_must_be_twelve_rising_percentages() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = format!("/api/v1/projects/{}/capital-plans", app.fx.project_a);
    let body = problem(
        editor
            .post(
                &path,
                &json!({"year": 2026, "source": "oda", "amount": "1", "schedule": ["10", "5"]}),
            )
            .await,
        422,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "schedule");
    let ok: Vec<String> = (1..=12).map(|m| (m * 8).to_string()).collect();
    let res = editor
        .post(
            &path,
            &json!({"year": 2026, "source": "oda", "amount": "1", "schedule": ok}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let dup = problem(
        editor
            .post(&path, &json!({"year": 2026, "source": "oda", "amount": "2"}))
            .await,
        422,
    )
    .await;
    assert_eq!(dup["errors"][0]["code"], "duplicate_capital_plan");
}

#[tokio::test]
async fn a_resolved_difficulty_needs_a_date_and_a_note_and_leaves_the_open_count() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let res = editor
        .post(
            &format!("{base}/difficulties"),
            &json!({"category": "construction_materials", "title": "Thiếu cát đắp nền", "raised_on": today().to_string(),
                    "responsible_unit_id": app.fx.unit_dept, "needs_leader_direction": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    let d: Value = res.json().await.unwrap();
    assert_eq!(d["responsible_unit"]["code"], "SXD");
    assert_eq!(editor.get_json(&base).await["open_difficulties"], 1);
    let path = format!("{base}/difficulties/{}", d["id"]);
    let resolved = json!({"category": "construction_materials", "title": "Thiếu cát đắp nền", "raised_on": today().to_string(), "status": "resolved"});
    let body = problem(editor.put(&path, &resolved, Some(&tag)).await, 422).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"resolved_on") && fields.contains(&"resolution_note"),
        "{fields:?}"
    );
    let mut resolved = resolved;
    resolved["resolved_on"] = json!(today().to_string());
    resolved["resolution_note"] = json!("Mỏ cát Phước Tân cấp bổ sung");
    assert_eq!(editor.put(&path, &resolved, Some(&tag)).await.status(), StatusCode::OK);
    assert_eq!(editor.get_json(&base).await["open_difficulties"], 0);
}

#[tokio::test]
async fn the_global_difficulty_list_filters_by_category_status_and_direction() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for (project, category, direction) in [
        (app.fx.project_a, "site_clearance", true),
        (app.fx.project_a, "capital", false),
        (app.fx.project_b, "site_clearance", false),
    ] {
        let res = admin
            .post(
                &format!("/api/v1/projects/{project}/difficulties"),
                &json!({"category": category, "title": "Vướng mắc", "raised_on": today().to_string(), "needs_leader_direction": direction}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let viewer = app.viewer().await;
    assert_eq!(viewer.get_json("/api/v1/difficulties").await["total"], 3);
    assert_eq!(
        viewer.get_json("/api/v1/difficulties?category=site_clearance").await["total"],
        2
    );
    assert_eq!(
        viewer
            .get_json("/api/v1/difficulties?needs_leader_direction=true")
            .await["total"],
        1
    );
    assert_eq!(
        viewer
            .get_json(&format!("/api/v1/difficulties?unit={}", app.fx.unit_b))
            .await["total"],
        1
    );
    assert_eq!(
        viewer.get_json("/api/v1/difficulties?status=resolved").await["total"],
        0
    );
    let page = viewer.get_json("/api/v1/difficulties?per_page=2&page=2").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["project_code"], "FX-B");
}

#[tokio::test]
async fn reference_lists_carry_both_languages() {
    let app = spawn_app().await;
    let r = app.viewer().await.get_json("/api/v1/reference").await;
    let cats = r["difficulty_categories"].as_array().unwrap();
    assert_eq!(cats.len(), 6);
    assert!(cats.iter().any(|c| c["label_vi"] == "Giải phóng mặt bằng"));
    assert_eq!(r["localities"].as_array().unwrap().len(), 2);
}
