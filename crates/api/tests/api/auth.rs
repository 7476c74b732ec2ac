use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, spawn_app_with, PASSWORD};

#[tokio::test]
async fn login_returns_tokens_and_me_names_the_user() {
    let app = spawn_app().await;
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "editor_a", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["user"]["role"], "unit_editor");
    assert_eq!(body["user"]["unit"]["id"], app.fx.unit_a);
    let me = app.editor_a().await.get_json("/api/v1/me").await;
    assert_eq!(me["username"], "editor_a");
}

#[tokio::test]
async fn a_wrong_password_or_unknown_user_gets_the_same_401() {
    let app = spawn_app().await;
    for (u, p) in [("editor_a", "wrong-password"), ("nobody", PASSWORD)] {
        let res = app
            .anon()
            .post("/api/v1/auth/login", &json!({"username": u, "password": p}))
            .await;
        let body = problem(res, 401).await;
        assert_eq!(body["code"], "invalid_credentials");
    }
}

#[tokio::test]
async fn requests_without_or_with_a_bad_token_are_401() {
    let app = spawn_app().await;
    assert_eq!(
        problem(app.anon().get("/api/v1/projects").await, 401).await["code"],
        "missing_token"
    );
    let mut c = app.anon();
    c.token = Some("not-a-jwt".into());
    assert_eq!(
        problem(c.get("/api/v1/projects").await, 401).await["code"],
        "invalid_token"
    );
}

#[tokio::test]
async fn refresh_rotates_tokens_and_reusing_an_old_one_revokes_the_session() {
    let app = spawn_app().await;
    let login: Value = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "viewer", "password": PASSWORD}),
        )
        .await
        .json()
        .await
        .unwrap();
    let first = login["refresh_token"].as_str().unwrap().to_owned();
    let res = app
        .anon()
        .post("/api/v1/auth/refresh", &json!({"refresh_token": first}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let second: Value = res.json().await.unwrap();
    let second_token = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(first, second_token);
    // The first token was used: presenting it again is theft, and kills the whole family.
    let res = app
        .anon()
        .post("/api/v1/auth/refresh", &json!({"refresh_token": first}))
        .await;
    assert_eq!(problem(res, 401).await["code"], "refresh_token_reused");
    let res = app
        .anon()
        .post("/api/v1/auth/refresh", &json!({"refresh_token": second_token}))
        .await;
    assert_eq!(problem(res, 401).await["code"], "refresh_token_reused");
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let login: Value = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "viewer", "password": PASSWORD}),
        )
        .await
        .json()
        .await
        .unwrap();
    let rt = login["refresh_token"].as_str().unwrap();
    let res = app
        .anon()
        .post("/api/v1/auth/logout", &json!({"refresh_token": rt}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .anon()
        .post("/api/v1/auth/refresh", &json!({"refresh_token": rt}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_access_token_is_refused() {
    let app = spawn_app_with(|s| s.access_token_ttl_secs = 1).await;
    let viewer = app.viewer().await;
    assert_eq!(viewer.get("/api/v1/me").await.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(
        problem(viewer.get("/api/v1/me").await, 401).await["code"],
        "invalid_token"
    );
}

#[tokio::test]
async fn failed_logins_are_limited_per_user() {
    let app = spawn_app_with(|s| s.login_max_failures_per_user = 3).await;
    for _ in 0..3 {
        let res = app
            .anon()
            .post(
                "/api/v1/auth/login",
                &json!({"username": "viewer", "password": "bad-password"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused until the window passes.
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "viewer", "password": PASSWORD}),
        )
        .await;
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(problem(res, 429).await["code"], "too_many_attempts");
    // Other users are not locked out by it.
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "admin", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn failed_logins_are_limited_per_address() {
    let app = spawn_app_with(|s| s.login_max_failures_per_ip = 4).await;
    for i in 0..4 {
        let res = app
            .anon()
            .post(
                "/api/v1/auth/login",
                &json!({"username": format!("ghost{i}"), "password": "x"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "admin", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn integrator_tokens_read_but_never_write_and_stop_when_revoked() {
    let app = spawn_app().await;
    let integrator = app.integrator().await;
    assert_eq!(integrator.get("/api/v1/projects").await.status(), StatusCode::OK);
    let res = integrator
        .post(
            &format!("/api/v1/projects/{}/reports", app.fx.project_a),
            &crate::helpers::report_json(crate::helpers::today(), "10", "0"),
        )
        .await;
    problem(res, 403).await;
    let admin = app.admin().await;
    let tokens = admin.get_json("/api/v1/integrator-tokens").await;
    let id = tokens[0]["id"].as_i64().unwrap();
    assert!(tokens[0].get("token").is_none(), "the secret is never listed");
    let res = admin.delete(&format!("/api/v1/integrator-tokens/{id}"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        integrator.get("/api/v1/projects").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn integrator_accounts_cannot_sign_in_with_a_password() {
    let app = spawn_app().await;
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "integrator", "password": PASSWORD}),
        )
        .await;
    problem(res, 401).await;
}
