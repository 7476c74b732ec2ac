use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{problem, project_json, spawn_app};

#[tokio::test]
async fn unknown_paths_are_404_problems() {
    let app = spawn_app().await;
    let body = problem(app.anon().get("/api/v1/nothing-here").await, 404).await;
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn a_wrong_method_on_a_known_path_is_405_with_allow() {
    let app = spawn_app().await;
    let res = app
        .admin()
        .await
        .raw(reqwest::Method::PATCH, "/api/v1/projects")
        .send()
        .await
        .unwrap();
    let allow = res.headers().get("allow").unwrap().to_str().unwrap().to_owned();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    assert_eq!(problem(res, 405).await["code"], "method_not_allowed");
}

#[tokio::test]
async fn malformed_json_is_a_400_problem_not_a_500() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let res = admin
        .raw(reqwest::Method::POST, "/api/v1/projects")
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_eq!(problem(res, 400).await["code"], "malformed_json");
    // Wrong types and unknown enum values too.
    let mut p = project_json("X-1", app.fx.unit_a);
    p["sector"] = json!("space_travel");
    assert_eq!(
        problem(admin.post("/api/v1/projects", &p).await, 400).await["code"],
        "malformed_json"
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let app = spawn_app().await;
    let res = app
        .admin()
        .await
        .raw(reqwest::Method::POST, "/api/v1/projects")
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    problem(res, 415).await;
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let app = spawn_app().await;
    let mut p = project_json("X-2", app.fx.unit_a);
    p["description"] = json!("x".repeat(2 * 1024 * 1024));
    problem(app.admin().await.post("/api/v1/projects", &p).await, 413).await;
    assert_eq!(app.count("projects").await, 2, "nothing stored");
}

#[tokio::test]
async fn bad_query_parameters_are_400_or_422() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    problem(admin.get("/api/v1/projects?investor=abc").await, 400).await;
    // Paging numbers are read by the domain: a word is a field error like an out-of-range number.
    let body = problem(admin.get("/api/v1/projects?page=abc").await, 422).await;
    assert_eq!(body["errors"][0]["field"], "page");
    let body = problem(admin.get("/api/v1/projects?status=sideways").await, 422).await;
    assert_eq!(body["errors"][0]["field"], "status");
    let body = problem(admin.get("/api/v1/projects?sort=colour").await, 422).await;
    assert_eq!(body["errors"][0]["field"], "sort");
}

#[tokio::test]
async fn validation_errors_name_each_field_in_both_languages() {
    let app = spawn_app().await;
    let mut p = project_json("", app.fx.unit_a);
    p["total_investment"] = json!("12.5");
    p["planned_end"] = json!("2000-01-01");
    let body = problem(app.admin().await.post("/api/v1/projects", &p).await, 422).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"code") && fields.contains(&"total_investment") && fields.contains(&"planned_end"));
    let e = &body["errors"][0];
    assert!(!e["message_vi"].as_str().unwrap().is_empty() && !e["message_en"].as_str().unwrap().is_empty());
    assert_eq!(body["title"], "Dữ liệu không hợp lệ");
}

#[tokio::test]
async fn accept_language_en_switches_problem_titles_and_messages() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let res = admin
        .raw(reqwest::Method::POST, "/api/v1/projects")
        .header("accept-language", "en-US,en;q=0.9")
        .json(&project_json("", app.fx.unit_a))
        .send()
        .await
        .unwrap();
    let body = problem(res, 422).await;
    assert_eq!(body["title"], "Invalid data");
    assert_eq!(body["errors"][0]["message"], body["errors"][0]["message_en"]);
    let res = app
        .anon()
        .raw(reqwest::Method::GET, "/api/v1/nope")
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(problem(res, 404).await["title"], "Not found");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let res = app
        .anon()
        .raw(reqwest::Method::GET, "/healthz")
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-request-id"], "abc-123");
    let res = app.anon().get("/readyz").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().contains_key("x-request-id"));
}
