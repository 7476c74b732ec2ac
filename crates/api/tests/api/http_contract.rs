//! The HTTP contract around the handlers: security headers, `Location` on creates, and
//! `304 Not Modified` for a matching `If-None-Match`.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{project_json, report_json, spawn_app, spawn_app_with, today, PASSWORD};

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn every_response_carries_the_browser_protections() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for res in [
        admin.get("/api/v1/projects").await,
        app.anon().get("/api/v1/projects").await,
        app.anon().get("/healthz").await,
        app.anon().get("/api/docs/").await,
    ] {
        let csp = header(&res, "content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("object-src 'none'"), "{csp}");
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
        assert_eq!(header(&res, "x-content-type-options"), "nosniff");
        assert_eq!(header(&res, "referrer-policy"), "no-referrer");
    }
    let csp = header(&admin.get("/api/v1/projects").await, "content-security-policy");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "the SPA's wasm may compile: {csp}"
    );
}

#[tokio::test]
async fn the_portal_that_may_frame_the_wall_is_configured() {
    let app = spawn_app_with(|s| s.frame_ancestors = "'self' https://ioc.dongnai.gov.vn".into()).await;
    let csp = header(&app.anon().get("/healthz").await, "content-security-policy");
    assert!(
        csp.contains("frame-ancestors 'self' https://ioc.dongnai.gov.vn"),
        "{csp}"
    );
}

#[tokio::test]
async fn token_responses_are_never_stored() {
    let app = spawn_app().await;
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "admin", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "cache-control"), "no-store");
    let tokens: Value = res.json().await.unwrap();
    let res = app
        .anon()
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "cache-control"), "no-store");
    let admin = app.admin().await;
    let res = admin
        .post(
            "/api/v1/integrator-tokens",
            &json!({"user_id": app.fx.integrator_user, "name": "IOC"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(header(&res, "cache-control"), "no-store", "the token's only copy");
    // Reads may be kept by the caller's own browser, revalidated each time.
    assert_eq!(
        header(&admin.get("/api/v1/me").await, "cache-control"),
        "private, no-cache"
    );
}

/// POSTs `body` to `path`, expects 201 and returns the `Location` and the body.
async fn create(c: &crate::helpers::Client, path: &str, body: Value) -> (String, Value) {
    let res = c.post(path, &body).await;
    assert_eq!(res.status(), StatusCode::CREATED, "POST {path}");
    let location = header(&res, "location");
    (location, res.json().await.unwrap())
}

#[tokio::test]
async fn every_create_answers_with_the_location_of_the_new_record() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (location, p) = create(&admin, "/api/v1/projects", project_json("LOC-1", app.fx.unit_a)).await;
    assert_eq!(location, format!("/api/v1/projects/{}", p["id"]));
    assert_eq!(admin.get_json(&location).await["code"], "LOC-1");

    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let d = today() - chrono::Duration::days(14);
    let (location, r) = create(&admin, &format!("{base}/reports"), report_json(d, "10", "1000")).await;
    assert_eq!(location, format!("{base}/reports/{}", r["id"]));
    assert_eq!(admin.get_json(&location).await["id"], r["id"]);

    let difficulty =
        json!({"category": "construction_materials", "title": "Thiếu cát", "raised_on": today().to_string()});
    let (location, v) = create(&admin, &format!("{base}/difficulties"), difficulty).await;
    assert_eq!(location, format!("{base}/difficulties/{}", v["id"]));
    assert_eq!(admin.get_json(&location).await["title"], "Thiếu cát");

    let plan = json!({"year": today().format("%Y").to_string().parse::<i32>().unwrap(), "source": "provincial_budget", "amount": "80000000000"});
    let (location, v) = create(&admin, &format!("{base}/capital-plans"), plan).await;
    assert_eq!(location, format!("{base}/capital-plans/{}", v["id"]));
    let paid = json!({"paid_on": today().to_string(), "amount": "1000"});
    let (location, v) = create(&admin, &format!("{base}/disbursements"), paid).await;
    assert_eq!(location, format!("{base}/disbursements/{}", v["id"]));

    let weekly = json!({"report": report_json(today(), "20", "2000")});
    let (location, v) = create(&admin, &format!("{base}/weekly-update"), weekly).await;
    assert_eq!(location, format!("{base}/reports/{}", v["report"]["id"]));
    assert_eq!(admin.get_json(&location).await["id"], v["report"]["id"]);

    let unit = json!({"code": "NEW", "name": "Đơn vị mới", "kind": "investor"});
    let (location, v) = create(&admin, "/api/v1/units", unit).await;
    assert_eq!(admin.get_json(&location).await["id"], v["id"]);
    let user =
        json!({"username": "new_user", "display_name": "Người mới", "role": "viewer", "password": "mot-mat-khau-dai"});
    let (location, v) = create(&admin, "/api/v1/users", user).await;
    assert_eq!(admin.get_json(&location).await["id"], v["id"]);
    let locality = json!({"code": "X-NEW", "name": "Xã Mới", "kind": "commune"});
    let (location, v) = create(&admin, "/api/v1/localities", locality).await;
    assert_eq!(admin.get_json(&location).await["code"], "X-NEW");
    assert_eq!(location, format!("/api/v1/localities/{}", v["id"]));

    let token = json!({"user_id": app.fx.integrator_user, "name": "IOC"});
    let (location, v) = create(&admin, "/api/v1/integrator-tokens", token).await;
    assert_eq!(location, format!("/api/v1/integrator-tokens/{}", v["info"]["id"]));
    let hook =
        json!({"name": "IOC", "url": "https://ioc.dongnai.gov.vn/hooks", "secret": "mot-bi-mat-du-dai-0123456789"});
    let (location, v) = create(&admin, "/api/v1/webhooks", hook).await;
    assert_eq!(location, format!("/api/v1/webhooks/{}", v["id"]));
}

/// GET with `If-None-Match`.
async fn get_if_none_match(c: &crate::helpers::Client, path: &str, tags: &str) -> reqwest::Response {
    c.raw(Method::GET, path)
        .header("if-none-match", tags)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_poll_with_the_current_tag_gets_304_without_a_body() {
    let app = spawn_app().await;
    let viewer = app.viewer().await;
    for path in [
        "/api/v1/dashboard/overview",
        "/api/v1/dashboard/progress",
        "/api/v1/dashboard/disbursement",
        "/api/v1/dashboard/difficulties",
        "/api/v1/projects?sector=transport",
        "/api/v1/alerts/counts",
        "/api/v1/charts/status",
    ] {
        let first = viewer.get(path).await;
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let tag = header(&first, "etag");
        assert!(tag.starts_with('"') && !tag.starts_with("W/"), "strong tag: {tag}");
        let body = first.bytes().await.unwrap();

        let res = get_if_none_match(&viewer, path, &tag).await;
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(header(&res, "etag"), tag);
        assert!(res.bytes().await.unwrap().is_empty());
        // A list of tags, weak forms and `*` match too (RFC 9110 weak comparison).
        for sent in [format!("\"older\", W/{tag}"), "*".to_owned()] {
            let res = get_if_none_match(&viewer, path, &sent).await;
            assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{path} with {sent}");
        }
        let res = get_if_none_match(&viewer, path, "\"older\"").await;
        assert_eq!(res.status(), StatusCode::OK, "{path}: stale tag");
        assert_eq!(res.bytes().await.unwrap(), body, "same representation");
    }
}

#[tokio::test]
async fn a_change_in_the_data_changes_the_dashboard_tag() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = "/api/v1/dashboard/overview";
    let tag = header(&editor.get(path).await, "etag");
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let res = editor
        .post(&format!("{base}/reports"), &report_json(today(), "30", "1000"))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = get_if_none_match(&editor, path, &tag).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_ne!(header(&res, "etag"), tag);
}

#[tokio::test]
async fn a_record_keeps_its_version_tag_for_if_match() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let (_, tag) = admin.get_with_etag(&path).await;
    assert_eq!(tag, format!("\"project-{}-v1\"", app.fx.project_a));
    // The version does not cover derived figures (status, forecast), so it is no proof that
    // the client's copy is current: the record is sent again.
    assert_eq!(get_if_none_match(&admin, &path, &tag).await.status(), StatusCode::OK);
}
