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

/// The three ways a body can be wrong: breaks a rule (422 for a caller allowed to write),
/// is not JSON (400), is not declared JSON (415).
#[derive(Debug, Clone, Copy)]
enum Bad {
    Invalid,
    Malformed,
    NotJson,
}

const BAD: [Bad; 3] = [Bad::Invalid, Bad::Malformed, Bad::NotJson];

/// `body` changed so that it parses but breaks the endpoint's rules.
fn invalid_like(body: &Value) -> Value {
    let mut b = body.clone();
    let o = b.as_object_mut().unwrap();
    if let Some(report) = o.get_mut("report") {
        report["actual_percent"] = json!("150");
    } else if o.contains_key("actual_percent") {
        o.insert("actual_percent".into(), json!("150"));
    } else if o.contains_key("amount") {
        o.insert("amount".into(), json!("-1"));
    } else if o.contains_key("title") {
        o.insert("title".into(), json!(""));
    } else if o.contains_key("code") {
        o.insert("code".into(), json!(""));
    } else if o.contains_key("username") {
        o.insert("username".into(), json!(""));
    } else if o.contains_key("note") {
        o.insert("note".into(), json!(""));
    } else {
        o.insert("name".into(), json!(""));
    }
    b
}

async fn send_bad(
    c: &Client,
    method: reqwest::Method,
    path: &str,
    body: &Value,
    if_match: Option<&str>,
    bad: Bad,
) -> reqwest::Response {
    let mut r = c.raw(method, path);
    r = match bad {
        Bad::Invalid => r.json(&invalid_like(body)),
        Bad::Malformed => r.header("content-type", "application/json").body("{\"code\": "),
        Bad::NotJson => r.header("content-type", "text/plain").body("code=x"),
    };
    if let Some(m) = if_match {
        r = r.header("if-match", m);
    }
    r.send().await.unwrap()
}

/// Sends every bad body to every write with a body; asserts each answer is `status`.
async fn assert_bad_bodies_get(c: &Client, writes: &[Write], status: u16, who: &str) {
    for w in writes {
        let Some(body) = &w.body else { continue };
        for bad in BAD {
            let res = send_bad(c, w.method.clone(), &w.path, body, w.if_match.as_deref(), bad).await;
            assert_eq!(
                res.status().as_u16(),
                status,
                "{who}: {} {} with a {bad:?} body",
                w.method,
                w.path
            );
        }
    }
}

#[tokio::test]
async fn callers_without_the_right_get_403_for_invalid_bodies_too_not_400_415_or_422() {
    let app = spawn_app().await;
    let writes = project_writes(&app, app.fx.project_a).await;
    let callers = [
        ("editor of another unit", app.editor_b().await),
        ("viewer", app.viewer().await),
        ("integrator", app.integrator().await),
    ];
    // Taken after signing in (sign-ins are audited too).
    let audit_before = app.audit_count().await;
    for (who, c) in &callers {
        assert_bad_bodies_get(c, &writes, 403, who).await;
    }
    assert_bad_bodies_get(&app.anon(), &writes, 401, "anonymous").await;
    assert_eq!(app.audit_count().await, audit_before);
}

#[tokio::test]
async fn the_same_bad_bodies_from_a_caller_who_may_write_get_422_400_and_415() {
    // Proves the bodies above are really bad: the 403s are not an accident of the bodies.
    let app = spawn_app().await;
    let writes = project_writes(&app, app.fx.project_a).await;
    let editor_a = app.editor_a().await;
    for w in &writes {
        let Some(body) = &w.body else { continue };
        for (bad, status) in [(Bad::Invalid, 422), (Bad::Malformed, 400), (Bad::NotJson, 415)] {
            let res = send_bad(&editor_a, w.method.clone(), &w.path, body, w.if_match.as_deref(), bad).await;
            assert_eq!(
                res.status().as_u16(),
                status,
                "{} {} with a {bad:?} body",
                w.method,
                w.path
            );
        }
    }
}

#[tokio::test]
async fn non_admins_get_403_for_invalid_bodies_on_admin_and_coordinator_endpoints() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, unit_tag) = admin.get_with_etag(&format!("/api/v1/units/{}", app.fx.unit_a)).await;
    let users = admin.get_json("/api/v1/users").await;
    let viewer_id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "viewer")
        .unwrap()["id"]
        .clone();
    let (_, user_tag) = admin.get_with_etag(&format!("/api/v1/users/{viewer_id}")).await;
    use reqwest::Method as M;
    let admin_only = [
        (
            M::POST,
            "/api/v1/units".to_owned(),
            json!({"code": "U", "name": "U", "kind": "investor"}),
            None,
        ),
        (
            M::PUT,
            format!("/api/v1/units/{}", app.fx.unit_a),
            json!({"code": "U", "name": "U", "kind": "investor"}),
            Some(unit_tag),
        ),
        (
            M::POST,
            "/api/v1/users".to_owned(),
            json!({"username": "u", "display_name": "U", "role": "viewer", "password": "mot-mat-khau-dai"}),
            None,
        ),
        (
            M::PUT,
            format!("/api/v1/users/{viewer_id}"),
            json!({"username": "viewer", "display_name": "V", "role": "viewer"}),
            Some(user_tag),
        ),
        (
            M::POST,
            "/api/v1/localities".to_owned(),
            json!({"code": "X", "name": "X", "kind": "commune"}),
            None,
        ),
        (
            M::POST,
            "/api/v1/integrator-tokens".to_owned(),
            json!({"user_id": app.fx.integrator_user, "name": "x"}),
            None,
        ),
        (
            M::POST,
            "/api/v1/webhooks".to_owned(),
            json!({"name": "x", "url": "https://ioc.dongnai.gov.vn/h", "secret": "0123456789abcdef"}),
            None,
        ),
    ];
    let coordinator_too = [
        (
            M::POST,
            "/api/v1/projects".to_owned(),
            project_json("NEW-2", app.fx.unit_a),
            None,
        ),
        (
            M::POST,
            "/api/v1/alerts/1/acknowledge".to_owned(),
            json!({"note": "Đã giao Sở"}),
            Some("\"alert-1-v1\"".to_owned()),
        ),
    ];
    let write = |(method, path, body, if_match): (reqwest::Method, String, Value, Option<String>)| Write {
        method,
        path,
        body: Some(body),
        if_match,
    };
    let admin_only: Vec<Write> = admin_only.into_iter().map(write).collect();
    let coordinator_too: Vec<Write> = coordinator_too.into_iter().map(write).collect();
    let coordinator = app.coordinator().await;
    assert_bad_bodies_get(&coordinator, &admin_only, 403, "coordinator").await;
    for (who, c) in [
        ("unit editor", app.editor_a().await),
        ("viewer", app.viewer().await),
        ("integrator", app.integrator().await),
    ] {
        assert_bad_bodies_get(&c, &admin_only, 403, who).await;
        assert_bad_bodies_get(&c, &coordinator_too, 403, who).await;
    }
}

#[tokio::test]
async fn answers_come_in_order_object_then_body_then_if_match() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let project = format!("/api/v1/projects/{}", app.fx.project_a);
    let valid = project_json("FX-A", app.fx.unit_a);
    use reqwest::Method as M;
    // 404 (no such object) before 400.
    let res = send_bad(&admin, M::PUT, "/api/v1/projects/999999", &valid, None, Bad::Malformed).await;
    problem(res, 404).await;
    let res = send_bad(
        &admin,
        M::PUT,
        &format!("{project}/reports/999999"),
        &report_json(today(), "10", "0"),
        None,
        Bad::Malformed,
    )
    .await;
    problem(res, 404).await;
    // 422 (the body) before 428 (no If-Match).
    let res = send_bad(&admin, M::PUT, &project, &valid, None, Bad::Invalid).await;
    problem(res, 422).await;
    problem(admin.put(&project, &valid, None).await, 428).await;
}

#[tokio::test]
async fn a_unit_editor_cannot_change_the_investor_or_managing_unit_of_its_own_project() {
    let app = spawn_app().await;
    let editor_a = app.editor_a().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let (_, tag) = editor_a.get_with_etag(&path).await;
    // Keeping its unit as investor but naming unit B as manager would let B edit it.
    let mut shared = project_json("FX-A", app.fx.unit_a);
    shared["managing_unit_id"] = json!(app.fx.unit_b);
    let body = problem(editor_a.put(&path, &shared, Some(&tag)).await, 403).await;
    assert_eq!(body["code"], "ownership_change_forbidden");
    let after = editor_a.get_json(&path).await;
    assert!(after["managing_unit"].is_null(), "{after}");
    // Other general information it may still change, ownership left as it is.
    let mut renamed = project_json("FX-A", app.fx.unit_a);
    renamed["name"] = json!("Đường FX-A (đoạn 2)");
    assert_eq!(editor_a.put(&path, &renamed, Some(&tag)).await.status(), StatusCode::OK);
    // Coordinators decide ownership.
    let coordinator = app.coordinator().await;
    let (_, tag) = coordinator.get_with_etag(&path).await;
    assert_eq!(
        coordinator.put(&path, &shared, Some(&tag)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.editor_b().await.get_json(&path).await["can_edit"],
        true,
        "the coordinator's change hands rights to unit B"
    );
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
