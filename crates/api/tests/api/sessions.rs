//! Revocation takes effect at the next request: after sign-out, logout-all, deactivation, a
//! role, unit or password change, an access token issued before no longer reads or writes.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, today, Client, TestApp};

/// One read and one write (a new difficulty on project A, which editor A may edit).
async fn read_status(c: &Client) -> StatusCode {
    c.get("/api/v1/projects").await.status()
}

async fn write_status(app: &TestApp, c: &Client) -> StatusCode {
    c.post(
        &format!("/api/v1/projects/{}/difficulties", app.fx.project_a),
        &json!({"category": "site_clearance", "title": "Vướng 2 hộ dân", "raised_on": today().to_string()}),
    )
    .await
    .status()
}

/// Asserts both the read and the write are refused with 401 `invalid_token`, and that the
/// write left nothing behind.
async fn assert_refused(app: &TestApp, c: &Client, what: &str) {
    let before = app.count("difficulties").await;
    let res = c.get("/api/v1/projects").await;
    assert_eq!(problem(res, 401).await["code"], "invalid_token", "read after {what}");
    assert_eq!(
        write_status(app, c).await,
        StatusCode::UNAUTHORIZED,
        "write after {what}"
    );
    assert_eq!(app.count("difficulties").await, before, "nothing written after {what}");
}

/// The admin changes `username`'s account with `change` applied to its current fields.
async fn admin_changes_user(app: &TestApp, username: &str, change: impl FnOnce(&mut Value)) {
    let admin = app.admin().await;
    let users = admin.get_json("/api/v1/users").await;
    let id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .unwrap()["id"]
        .clone();
    let path = format!("/api/v1/users/{id}");
    let (u, tag) = admin.get_with_etag(&path).await;
    let mut body = json!({
        "username": u["username"],
        "display_name": u["display_name"],
        "role": u["role"],
        "unit_id": u["unit"]["id"],
        "active": u["active"],
    });
    change(&mut body);
    let res = admin.put(&path, &body, Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
}

#[tokio::test]
async fn after_logout_the_sessions_access_token_no_longer_reads_or_writes() {
    let app = spawn_app().await;
    let (editor, refresh) = app.sign_in("editor_a").await;
    let (other_session, _) = app.sign_in("editor_a").await;
    assert_eq!(write_status(&app, &editor).await, StatusCode::CREATED);
    let res = app
        .anon()
        .post("/api/v1/auth/logout", &json!({"refresh_token": refresh}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_refused(&app, &editor, "logout").await;
    // Signing out one session leaves the user's other sessions alone.
    assert_eq!(read_status(&other_session).await, StatusCode::OK);
    assert_eq!(write_status(&app, &other_session).await, StatusCode::CREATED);
}

#[tokio::test]
async fn logout_all_ends_every_session_of_the_caller_and_only_its_own() {
    let app = spawn_app().await;
    let (first, first_refresh) = app.sign_in("editor_a").await;
    let (second, second_refresh) = app.sign_in("editor_a").await;
    let someone_else = app.editor_b().await;
    let res = first
        .raw(reqwest::Method::POST, "/api/v1/auth/logout-all")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_refused(&app, &first, "logout-all").await;
    assert_refused(&app, &second, "logout-all from another session").await;
    for rt in [first_refresh, second_refresh] {
        let res = app
            .anon()
            .post("/api/v1/auth/refresh", &json!({"refresh_token": rt}))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(read_status(&someone_else).await, StatusCode::OK);
    // The user can sign in again, and that new session works.
    let again = app.editor_a().await;
    assert_eq!(write_status(&app, &again).await, StatusCode::CREATED);
    // Logout-all needs a caller.
    let res = app
        .anon()
        .raw(reqwest::Method::POST, "/api/v1/auth/logout-all")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let audit = app.admin().await.get_json("/api/v1/audit?entity=session").await;
    assert!(audit.to_string().contains("logout_all"), "{audit}");
}

#[tokio::test]
async fn a_deactivated_unit_editor_cannot_create_a_record_with_a_token_issued_before() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    assert_eq!(write_status(&app, &editor).await, StatusCode::CREATED);
    admin_changes_user(&app, "editor_a", |u| u["active"] = json!(false)).await;
    assert_refused(&app, &editor, "deactivation").await;
}

#[tokio::test]
async fn a_role_change_ends_the_users_sessions_at_once() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    admin_changes_user(&app, "editor_a", |u| {
        u["role"] = json!("viewer");
        u["unit_id"] = Value::Null;
    })
    .await;
    assert_refused(&app, &editor, "a role change").await;
    // Signed in again, the user has the new role's rights only.
    let now_viewer = app.login("editor_a").await;
    assert_eq!(read_status(&now_viewer).await, StatusCode::OK);
    assert_eq!(write_status(&app, &now_viewer).await, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_unit_change_ends_the_users_sessions_at_once() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let unit_b = app.fx.unit_b;
    admin_changes_user(&app, "editor_a", |u| u["unit_id"] = json!(unit_b)).await;
    assert_refused(&app, &editor, "a unit change").await;
    let moved = app.login("editor_a").await;
    assert_eq!(
        write_status(&app, &moved).await,
        StatusCode::FORBIDDEN,
        "project A is no longer its unit's"
    );
}

#[tokio::test]
async fn a_password_change_ends_the_users_sessions_at_once() {
    let app = spawn_app().await;
    let (editor, refresh) = app.sign_in("editor_a").await;
    admin_changes_user(&app, "editor_a", |u| {
        u["password"] = json!("mot-mat-khau-moi-hoan-toan")
    })
    .await;
    assert_refused(&app, &editor, "a password change").await;
    let res = app
        .anon()
        .post("/api/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_display_name_keeps_the_users_sessions() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    admin_changes_user(&app, "editor_a", |u| u["display_name"] = json!("Nguyễn Văn A")).await;
    assert_eq!(read_status(&editor).await, StatusCode::OK);
    assert_eq!(write_status(&app, &editor).await, StatusCode::CREATED);
}

#[tokio::test]
async fn a_refreshed_session_keeps_working() {
    let app = spawn_app().await;
    let (_, refresh) = app.sign_in("editor_a").await;
    let res = app
        .anon()
        .post("/api/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let rotated = Client {
        token: Some(body["access_token"].as_str().unwrap().to_owned()),
        ..app.anon()
    };
    assert_eq!(write_status(&app, &rotated).await, StatusCode::CREATED);
    // Signing out with the rotated refresh token ends the session's access tokens.
    let res = app
        .anon()
        .post("/api/v1/auth/logout", &json!({"refresh_token": body["refresh_token"]}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_refused(&app, &rotated, "logout after a refresh").await;
}
