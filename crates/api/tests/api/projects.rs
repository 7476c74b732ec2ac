//! Projects: create, read, update, archive; the list with every filter, sort and pagination.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, project_json, report_json, spawn_app, today, TestApp};

fn codes(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_coordinator_creates_a_project_and_everyone_reads_it() {
    let app = spawn_app().await;
    let mut input = project_json("DN-GT-099", app.fx.unit_a);
    input["name"] = json!("Cầu Cát Lái");
    input["managing_unit_id"] = json!(app.fx.unit_b);
    input["locality_codes"] = json!(["P-TAMPHUOC", "X-PHULY"]);
    input["total_investment"] = json!("7300000000000");
    let res = app.coordinator().await.post("/api/v1/projects", &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(res.headers().contains_key("etag"));
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["total_investment"], "7300000000000");
    assert_eq!(p["localities"].as_array().unwrap().len(), 2);
    assert_eq!(p["managing_unit"]["id"], app.fx.unit_b);
    let got = app
        .integrator()
        .await
        .get_json(&format!("/api/v1/projects/{}", p["id"]))
        .await;
    assert_eq!(got["name"], "Cầu Cát Lái");
    // A duplicate code is a field error, not a 500.
    let body = problem(app.admin().await.post("/api/v1/projects", &input).await, 422).await;
    assert_eq!(body["errors"][0]["code"], "duplicate_code");
    // Unknown references too.
    let mut bad = project_json("DN-GT-100", 424242);
    bad["locality_codes"] = json!(["NOWHERE"]);
    let body = problem(app.admin().await.post("/api/v1/projects", &bad).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "investor_unit_id");
}

/// Six projects with known statuses, investors, sectors and localities.
async fn seed_list(app: &TestApp) {
    let admin = app.admin().await;
    let t = today();
    let specs = [
        // code, investor, sector, group, phase, locality, actual% at today
        (
            "L-1",
            app.fx.unit_a,
            "transport",
            "a",
            "implementation",
            "P-TAMPHUOC",
            "80",
        ),
        ("L-2", app.fx.unit_a, "health", "b", "implementation", "X-PHULY", "50"),
        ("L-3", app.fx.unit_b, "transport", "c", "preparation", "X-PHULY", "20"),
        (
            "L-4",
            app.fx.unit_b,
            "irrigation",
            "national",
            "implementation",
            "P-TAMPHUOC",
            "46",
        ),
    ];
    for (code, investor, sector, group, phase, loc, pct) in specs {
        let mut p = project_json(code, investor);
        p["name"] = json!(format!("Đường Vành đai {code}"));
        p["sector"] = json!(sector);
        p["group"] = json!(group);
        p["phase"] = json!(phase);
        p["locality_codes"] = json!([loc]);
        // Linear plan: exactly 50% today.
        p["planned_start"] = json!((t - chrono::Duration::days(400)).to_string());
        p["planned_end"] = json!((t + chrono::Duration::days(400)).to_string());
        let res = admin.post("/api/v1/projects", &p).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let res = admin
            .post(&format!("/api/v1/projects/{id}/reports"), &report_json(t, pct, "0"))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        if code == "L-2" {
            admin
                .post(
                    &format!("/api/v1/projects/{id}/difficulties"),
                    &json!({"category": "capital", "title": "Thiếu vốn", "raised_on": t.to_string()}),
                )
                .await;
        }
        if code == "L-3" {
            let year = chrono::Datelike::year(&t);
            admin
                .post(
                    &format!("/api/v1/projects/{id}/capital-plans"),
                    &json!({"year": year, "source": "central_budget", "amount": "1000000000000"}),
                )
                .await;
        }
    }
}

#[tokio::test]
async fn statuses_follow_actual_against_planned_progress() {
    let app = spawn_app().await;
    seed_list(&app).await;
    let v = app.viewer().await;
    let page = v.get_json("/api/v1/projects?q=vanh dai&per_page=50").await;
    let status = |code: &str| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == code)
            .unwrap()["progress"]
            .clone()
    };
    assert_eq!(status("L-1")["status"], "ahead");
    assert_eq!(status("L-1")["colour"], "green");
    assert_eq!(status("L-2")["status"], "on_track");
    assert_eq!(status("L-3")["status"], "delayed");
    assert_eq!(status("L-3")["colour"], "red");
    // 4 points behind is within the gap threshold, but at that pace (SPI 0.92) it finishes late.
    assert_eq!(status("L-4")["status"], "at_risk");
    assert_eq!(status("L-2")["planned_percent"], "50");
}

#[tokio::test]
async fn every_filter_narrows_the_list() {
    let app = spawn_app().await;
    seed_list(&app).await;
    let v = app.viewer().await;
    let q = |s: &str| format!("/api/v1/projects?sort=code&per_page=50&{s}");
    assert_eq!(
        codes(&v.get_json(&q("")).await),
        ["FX-A", "FX-B", "L-1", "L-2", "L-3", "L-4"]
    );
    assert_eq!(codes(&v.get_json(&q("locality=X-PHULY")).await), ["L-2", "L-3"]);
    assert_eq!(
        codes(&v.get_json(&q(&format!("investor={}", app.fx.unit_b))).await),
        ["FX-B", "L-3", "L-4"]
    );
    assert_eq!(
        codes(&v.get_json(&q(&format!("unit={}", app.fx.unit_a))).await),
        ["FX-A", "L-1", "L-2"]
    );
    assert_eq!(codes(&v.get_json(&q("sector=health,irrigation")).await), ["L-2", "L-4"]);
    assert_eq!(codes(&v.get_json(&q("phase=preparation")).await), ["L-3"]);
    assert_eq!(codes(&v.get_json(&q("group=national")).await), ["L-4"]);
    assert_eq!(codes(&v.get_json(&q("status=delayed")).await), ["FX-A", "FX-B", "L-3"]);
    assert_eq!(codes(&v.get_json(&q("status=ahead")).await), ["L-1"]);
    assert_eq!(codes(&v.get_json(&q("has_open_difficulties=true")).await), ["L-2"]);
    assert_eq!(codes(&v.get_json(&q("slow_disbursement=true")).await), ["L-3"]);
    assert_eq!(codes(&v.get_json(&q("key_project=false")).await), Vec::<String>::new());
    assert_eq!(codes(&v.get_json(&q("q=DUONG VANH DAI L-4")).await), ["L-4"]);
    assert_eq!(
        codes(&v.get_json(&q("q=đường vành đai&sector=transport")).await),
        ["L-1", "L-3"]
    );
    let mut p = project_json("M-1", app.fx.unit_dept);
    p["managing_unit_id"] = json!(app.fx.unit_b);
    assert_eq!(
        app.admin().await.post("/api/v1/projects", &p).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        codes(&v.get_json(&q(&format!("managing_unit={}", app.fx.unit_b))).await),
        ["M-1"]
    );
}

#[tokio::test]
async fn pages_carry_the_total_and_sorting_is_stable() {
    let app = spawn_app().await;
    seed_list(&app).await;
    let v = app.viewer().await;
    let p1 = v.get_json("/api/v1/projects?sort=-code&per_page=4&page=1").await;
    let p2 = v.get_json("/api/v1/projects?sort=-code&per_page=4&page=2").await;
    assert_eq!(p1["total"], 6);
    assert_eq!(p1["per_page"], 4);
    assert_eq!(codes(&p1), ["L-4", "L-3", "L-2", "L-1"]);
    assert_eq!(codes(&p2), ["FX-B", "FX-A"]);
    let by_progress = v.get_json("/api/v1/projects?sort=-actual_percent&per_page=2").await;
    assert_eq!(codes(&by_progress), ["L-1", "L-2"]);
    let worst_first = v.get_json("/api/v1/projects?sort=-status&per_page=50").await;
    assert_eq!(worst_first["items"][0]["progress"]["status"], "delayed");
    assert_eq!(worst_first["items"][5]["progress"]["status"], "ahead");
    for sort in [
        "name",
        "total_investment",
        "planned_end",
        "updated_at",
        "disbursement_rate",
    ] {
        assert_eq!(
            v.get(&format!("/api/v1/projects?sort={sort}")).await.status(),
            StatusCode::OK,
            "{sort}"
        );
    }
}

#[tokio::test]
async fn archiving_hides_a_project_until_it_is_restored() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let (_, tag) = admin.get_with_etag(&path).await;
    let res = admin.delete(&path, Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(codes(&admin.get_json("/api/v1/projects").await), ["FX-B"]);
    // Its alerts (it was delayed) close at once.
    let alerts = admin.get_json(&format!("{path}/alerts")).await;
    let alerts = alerts
        .as_array()
        .cloned()
        .unwrap_or_else(|| alerts["items"].as_array().unwrap().clone());
    assert!(!alerts.is_empty());
    assert!(alerts.iter().all(|a| !a["closed_at"].is_null()), "{alerts:?}");
    assert_eq!(
        codes(&admin.get_json("/api/v1/projects?include_archived=true").await),
        ["FX-A", "FX-B"]
    );
    // Archived projects take no new data.
    let res = app
        .editor_a()
        .await
        .post(&format!("{path}/reports"), &report_json(today(), "1", "0"))
        .await;
    assert_eq!(problem(res, 409).await["code"], "project_archived");
    let res = admin
        .raw(reqwest::Method::POST, &format!("{path}/restore"))
        .header("if-match", tag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(admin.get_json("/api/v1/projects").await["total"], 2);
}
