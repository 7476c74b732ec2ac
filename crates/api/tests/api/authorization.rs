//! Role and object-level authorisation (BOLA) for every write endpoint.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, project_json, report_json, spawn_app, today, Client, TestApp};

/// A write request: method, path, body, and an If-Match to send.
struct Write {
    method: reqwest::Method,
    path: String,
    body: Option<Value>,
    if_match: Option<String>,
}

async fn send(c: &Client, w: &Write) -> reqwest::Response {
    let mut r = c.raw(w.method.clone(), &w.path);
    if let Some(b) = &w.body {
        r = r.json(b);
    }
    if let Some(m) = &w.if_match {
        r = r.header("if-match", m);
    }
    r.send().await.unwrap()
}

fn difficulty_json() -> Value {
    json!({"category": "site_clearance", "title": "Vướng 3 hộ dân", "raised_on": today().to_string()})
}

fn capital_json(year: i32) -> Value {
    json!({"year": year, "source": "provincial_budget", "amount": "50000000000"})
}

/// Creates one child of each kind on `project` (as admin) and lists every write endpoint
/// that touches the project, with current ETags.
async fn project_writes(app: &TestApp, project: i32) -> Vec<Write> {
    let admin = app.admin().await;
    let base = format!("/api/v1/projects/{project}");
    let created = |res: reqwest::Response| async move {
        assert_eq!(res.status(), StatusCode::CREATED);
        let tag = res.headers()["etag"].to_str().unwrap().to_owned();
        let body: Value = res.json().await.unwrap();
        (body["id"].as_i64().unwrap(), tag)
    };
    // Two of each child: one to update, one to delete (an update changes the ETag).
    let d7 = today() - chrono::Duration::days(7);
    let d14 = today() - chrono::Duration::days(14);
    let (report, report_tag) = created(
        admin
            .post(&format!("{base}/reports"), &report_json(d7, "10", "0"))
            .await,
    )
    .await;
    let (report2, report2_tag) = created(
        admin
            .post(&format!("{base}/reports"), &report_json(d14, "10", "0"))
            .await,
    )
    .await;
    let (plan, plan_tag) = created(admin.post(&format!("{base}/capital-plans"), &capital_json(2020)).await).await;
    let (plan2, plan2_tag) = created(admin.post(&format!("{base}/capital-plans"), &capital_json(2019)).await).await;
    let disb_json = json!({"paid_on": today().to_string(), "amount": "1000000"});
    let (disb, disb_tag) = created(admin.post(&format!("{base}/disbursements"), &disb_json).await).await;
    let (disb2, disb2_tag) = created(admin.post(&format!("{base}/disbursements"), &disb_json).await).await;
    let (diff, diff_tag) = created(admin.post(&format!("{base}/difficulties"), &difficulty_json()).await).await;
    let (diff2, diff2_tag) = created(admin.post(&format!("{base}/difficulties"), &difficulty_json()).await).await;
    let (_, project_tag) = admin.get_with_etag(&base).await;
    let investor = admin.get_json(&base).await["investor"]["id"].as_i64().unwrap() as i32;
    let code = admin.get_json(&base).await["code"].as_str().unwrap().to_owned();
    use reqwest::Method as M;
    let w = |method, path: String, body: Option<Value>, if_match: Option<&String>| Write {
        method,
        path,
        body,
        if_match: if_match.cloned(),
    };
    vec![
        w(
            M::PUT,
            base.clone(),
            Some(project_json(&code, investor)),
            Some(&project_tag),
        ),
        w(
            M::POST,
            format!("{base}/reports"),
            Some(report_json(today(), "12", "0")),
            None,
        ),
        w(
            M::PUT,
            format!("{base}/reports/{report}"),
            Some(report_json(d7, "11", "0")),
            Some(&report_tag),
        ),
        w(M::DELETE, format!("{base}/reports/{report2}"), None, Some(&report2_tag)),
        w(M::POST, format!("{base}/capital-plans"), Some(capital_json(2021)), None),
        w(
            M::PUT,
            format!("{base}/capital-plans/{plan}"),
            Some(capital_json(2020)),
            Some(&plan_tag),
        ),
        w(
            M::DELETE,
            format!("{base}/capital-plans/{plan2}"),
            None,
            Some(&plan2_tag),
        ),
        w(
            M::POST,
            format!("{base}/disbursements"),
            Some(json!({"paid_on": today().to_string(), "amount": "5"})),
            None,
        ),
        w(
            M::PUT,
            format!("{base}/disbursements/{disb}"),
            Some(json!({"paid_on": today().to_string(), "amount": "7"})),
            Some(&disb_tag),
        ),
        w(
            M::DELETE,
            format!("{base}/disbursements/{disb2}"),
            None,
            Some(&disb2_tag),
        ),
        w(M::POST, format!("{base}/difficulties"), Some(difficulty_json()), None),
        w(
            M::PUT,
            format!("{base}/difficulties/{diff}"),
            Some(difficulty_json()),
            Some(&diff_tag),
        ),
        w(
            M::DELETE,
            format!("{base}/difficulties/{diff2}"),
            None,
            Some(&diff2_tag),
        ),
        w(
            M::POST,
            format!("{base}/weekly-update"),
            Some(json!({"report": report_json(today() - chrono::Duration::days(1), "13", "0")})),
            None,
        ),
    ]
}

#[tokio::test]
async fn a_unit_editor_cannot_write_to_another_units_project_whatever_endpoint() {
    let app = spawn_app().await;
    let writes = project_writes(&app, app.fx.project_a).await;
    let editor_b = app.editor_b().await;
    let audit_before = app.audit_count().await;
    for w in &writes {
        let res = send(&editor_b, w).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{} {}", w.method, w.path);
    }
    assert_eq!(app.audit_count().await, audit_before, "refused writes leave no trace");
}

#[tokio::test]
async fn viewers_and_integrators_cannot_write_at_all() {
    let app = spawn_app().await;
    let writes = project_writes(&app, app.fx.project_a).await;
    for c in [app.viewer().await, app.integrator().await] {
        for w in &writes {
            let res = send(&c, w).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{} {}", w.method, w.path);
        }
    }
}

#[tokio::test]
async fn anonymous_writes_are_401() {
    let app = spawn_app().await;
    let writes = project_writes(&app, app.fx.project_a).await;
    for w in &writes {
        assert_eq!(
            send(&app.anon(), w).await.status(),
            StatusCode::UNAUTHORIZED,
            "{} {}",
            w.method,
            w.path
        );
    }
}

#[tokio::test]
async fn a_unit_editor_can_write_every_endpoint_of_its_own_project() {
    let app = spawn_app().await;
    let writes = project_writes(&app, app.fx.project_a).await;
    let editor_a = app.editor_a().await;
    for w in &writes {
        let res = send(&editor_a, w).await;
        assert!(res.status().is_success(), "{} {} -> {}", w.method, w.path, res.status());
    }
}

#[tokio::test]
async fn a_coordinator_can_write_any_project() {
    let app = spawn_app().await;
    let writes = project_writes(&app, app.fx.project_b).await;
    let coordinator = app.coordinator().await;
    for w in &writes {
        let res = send(&coordinator, w).await;
        assert!(res.status().is_success(), "{} {} -> {}", w.method, w.path, res.status());
    }
}

#[tokio::test]
async fn a_unit_editor_cannot_create_projects_or_give_its_project_away() {
    let app = spawn_app().await;
    let editor_a = app.editor_a().await;
    problem(
        editor_a
            .post("/api/v1/projects", &project_json("NEW-1", app.fx.unit_a))
            .await,
        403,
    )
    .await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let (_, tag) = editor_a.get_with_etag(&path).await;
    problem(
        editor_a
            .put(&path, &project_json("FX-A", app.fx.unit_b), Some(&tag))
            .await,
        403,
    )
    .await;
    assert_eq!(editor_a.get_json(&path).await["investor"]["id"], app.fx.unit_a);
    problem(editor_a.delete(&path, Some(&tag)).await, 403).await;
}

#[tokio::test]
async fn the_project_view_says_who_may_edit_it() {
    let app = spawn_app().await;
    let a = app
        .editor_a()
        .await
        .get_json(&format!("/api/v1/projects/{}", app.fx.project_a))
        .await;
    let b = app
        .editor_a()
        .await
        .get_json(&format!("/api/v1/projects/{}", app.fx.project_b))
        .await;
    assert_eq!(a["can_edit"], true);
    assert_eq!(b["can_edit"], false);
    let v = app
        .viewer()
        .await
        .get_json(&format!("/api/v1/projects/{}", app.fx.project_a))
        .await;
    assert_eq!(v["can_edit"], false);
}

#[tokio::test]
async fn only_admins_manage_units_users_localities_and_tokens() {
    let app = spawn_app().await;
    let unit = json!({"code": "NEW", "name": "Đơn vị mới", "kind": "investor"});
    let user =
        json!({"username": "new_user", "display_name": "Người mới", "role": "viewer", "password": "mot-mat-khau-dai"});
    let locality = json!({"code": "X-NEW", "name": "Xã Mới", "kind": "commune"});
    let token = json!({"user_id": app.fx.integrator_user, "name": "x"});
    for c in [
        app.coordinator().await,
        app.editor_a().await,
        app.viewer().await,
        app.integrator().await,
    ] {
        problem(c.post("/api/v1/units", &unit).await, 403).await;
        problem(c.post("/api/v1/users", &user).await, 403).await;
        problem(c.post("/api/v1/localities", &locality).await, 403).await;
        problem(c.post("/api/v1/integrator-tokens", &token).await, 403).await;
        problem(c.get("/api/v1/users").await, 403).await;
    }
    let admin = app.admin().await;
    assert_eq!(admin.post("/api/v1/units", &unit).await.status(), StatusCode::CREATED);
    assert_eq!(admin.post("/api/v1/users", &user).await.status(), StatusCode::CREATED);
    assert_eq!(
        admin.post("/api/v1/localities", &locality).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn admins_update_units_and_users_with_if_match() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/units/{}", app.fx.unit_a);
    let (_, tag) = admin.get_with_etag(&path).await;
    let body = json!({"code": "BQLDA-A", "name": "Ban QLDA A (đổi tên)", "kind": "project_management_unit"});
    problem(app.coordinator().await.put(&path, &body, Some(&tag)).await, 403).await;
    let res = admin.put(&path, &body, Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    // A deactivated user can no longer sign in.
    let users = admin.get_json("/api/v1/users").await;
    let viewer = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "viewer")
        .unwrap()
        .clone();
    let upath = format!("/api/v1/users/{}", viewer["id"]);
    let (_, utag) = admin.get_with_etag(&upath).await;
    let res = admin
        .put(
            &upath,
            &json!({"username": "viewer", "display_name": "viewer", "role": "viewer", "active": false}),
            Some(&utag),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "viewer", "password": crate::helpers::PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
