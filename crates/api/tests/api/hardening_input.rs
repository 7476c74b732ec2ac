//! Input that once broke the service: amounts past any budget, sums past BIGINT, page
//! numbers past u64 arithmetic, control characters PostgreSQL cannot store, absurd dates,
//! spreadsheet formulas in names and LIKE wildcards in searches.

use futures_util::{stream, StreamExt};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{field_problem, project_json, report_json, spawn_app, today};

const TOO_LARGE: &str = "9223372036854775807";
const MAX: &str = "10000000000000000";

async fn field_error(res: reqwest::Response, field: &str) -> String {
    field_problem(res, field).await["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_unit_editor_cannot_store_an_amount_past_the_bound_and_the_dashboards_stay_up() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let year = chrono::Datelike::year(&today());
    let res = editor
        .post(
            &format!("{base}/disbursements"),
            &json!({"paid_on": today().to_string(), "amount": TOO_LARGE}),
        )
        .await;
    assert_eq!(field_error(res, "amount").await, "amount_too_large");
    let res = editor
        .post(
            &format!("{base}/capital-plans"),
            &json!({"year": year, "source": "provincial_budget", "amount": TOO_LARGE}),
        )
        .await;
    assert_eq!(field_error(res, "amount").await, "amount_too_large");
    let mut p = project_json("DA-MAX", app.fx.unit_a);
    p["total_investment"] = json!(TOO_LARGE);
    let res = app.coordinator().await.post("/api/v1/projects", &p).await;
    assert_eq!(field_error(res, "total_investment").await, "amount_too_large");
    let res = editor
        .post(
            &format!("{base}/reports"),
            &report_json(today(), "10", "99999999999999999999999"),
        )
        .await;
    assert_eq!(field_error(res, "output_value").await, "amount_too_large");
    // The bound itself is accepted.
    let res = editor
        .post(
            &format!("{base}/disbursements"),
            &json!({"paid_on": today().to_string(), "amount": MAX}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let viewer = app.viewer().await;
    for path in [
        "/api/v1/dashboard/overview",
        "/api/v1/dashboard/disbursement",
        "/api/v1/charts/disbursement",
    ] {
        assert_eq!(viewer.get(path).await.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn many_maximum_amounts_add_up_exactly_everywhere_past_the_bigint_range() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let coordinator = app.coordinator().await;
    let year = chrono::Datelike::year(&today());
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let res = editor
        .post(
            &format!("{base}/capital-plans"),
            &json!({"year": year, "source": "provincial_budget", "amount": MAX}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // One maximum disbursement on each of 925 projects (a project's year may not pass 10^16,
    // see `year_totals.rs`): 925 × 10^16 đồng = 9.25 × 10^18, past i64::MAX (9.22 × 10^18),
    // so a plain SUM across projects fails.
    const ROWS: u64 = 925;
    let statuses: Vec<StatusCode> = stream::iter(0..ROWS)
        .map(|i| {
            let (editor, coordinator) = (editor.clone(), coordinator.clone());
            let fx_a = app.fx.project_a;
            let unit_a = app.fx.unit_a;
            async move {
                let id = if i == 0 {
                    fx_a
                } else {
                    let res = coordinator
                        .post("/api/v1/projects", &project_json(&format!("DA-W{i:03}"), unit_a))
                        .await;
                    assert_eq!(res.status(), StatusCode::CREATED);
                    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap() as i32
                };
                editor
                    .post(
                        &format!("/api/v1/projects/{id}/disbursements"),
                        &json!({"paid_on": today().to_string(), "amount": MAX}),
                    )
                    .await
                    .status()
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED), "{statuses:?}");
    let total = (u128::from(ROWS) * 10u128.pow(16)).to_string();

    let viewer = app.viewer().await;
    let overview = viewer.get_json("/api/v1/dashboard/overview").await;
    assert_eq!(overview["disbursed"], total.as_str());
    assert_eq!(overview["capital_allocated"], MAX);
    assert_eq!(overview["disbursement_rate_percent"], "92500.00");
    let board = viewer.get_json("/api/v1/dashboard/disbursement").await;
    assert_eq!(board["disbursed"], total.as_str());
    let month = chrono::Datelike::month(&today()) as usize;
    assert_eq!(board["by_month"][month - 1]["actual_cumulative"], total.as_str());
    let board_a = viewer.get_json("/api/v1/dashboard/disbursement?q=FX-A").await;
    let row = board_a["projects"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == app.fx.project_a)
        .cloned()
        .unwrap();
    assert_eq!(row["disbursed"], MAX);
    let list = viewer.get_json(&format!("{base}/disbursements")).await;
    assert_eq!(list[0]["cumulative_in_year"], MAX);
    for path in [
        "/api/v1/charts/disbursement".to_owned(),
        "/api/v1/charts/disbursement?format=png".to_owned(),
        "/api/v1/dashboard/progress".to_owned(),
        "/api/v1/projects".to_owned(),
        base.clone(),
        "/api/v1/export/projects.csv".to_owned(),
        "/api/v1/export/projects.xlsx".to_owned(),
        "/api/v1/export/projects.json".to_owned(),
        "/api/v1/export/oc4ids.json".to_owned(),
    ] {
        assert_eq!(viewer.get(&path).await.status(), StatusCode::OK, "{path}");
    }
    let project = viewer.get_json(&base).await;
    assert_eq!(project["disbursement"]["disbursed"], MAX);
    assert_eq!(project["disbursement"]["plan"], MAX);
}

#[tokio::test]
async fn huge_negative_or_non_numeric_paging_is_a_field_error_on_every_list() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let hook: Value = admin
        .post(
            "/api/v1/webhooks",
            &json!({"name": "IOC", "url": "https://ioc.example.vn/hook", "secret": "bi-mat-cua-he-thong-nhan"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let deliveries = format!("/api/v1/webhooks/{}/deliveries", hook["id"]);
    let lists = [
        "/api/v1/projects",
        "/api/v1/alerts",
        "/api/v1/difficulties",
        "/api/v1/dashboard/progress",
        "/api/v1/dashboard/disbursement",
        "/api/v1/audit",
        deliveries.as_str(),
    ];
    for list in lists {
        for (param, value) in [
            ("page", "9223372036854775808"),
            ("page", "99999999999999999999999"),
            ("page", "0"),
            ("page", "-1"),
            ("page", "abc"),
            ("per_page", "201"),
            ("per_page", "0"),
        ] {
            let res = admin.get(&format!("{list}?{param}={value}")).await;
            let code = field_error(res, param).await;
            assert!(
                ["out_of_range", "not_an_integer"].contains(&code.as_str()),
                "{list} {param}={value}: {code}"
            );
        }
        let res = admin.get(&format!("{list}?page=1000000&per_page=200")).await;
        assert_eq!(res.status(), StatusCode::OK, "{list} deepest page");
    }
    for (path, field) in [
        ("/api/v1/dashboard/overview?weeks=105", "weeks"),
        ("/api/v1/dashboard/disbursement?top=18446744073709551616", "top"),
        ("/api/v1/charts/status?width=100000", "width"),
        ("/api/v1/charts/status?height=x", "height"),
        ("/api/v1/export/projects.json?limit=1001", "limit"),
    ] {
        let code = field_error(admin.get(path).await, field).await;
        assert!(
            ["out_of_range", "not_an_integer"].contains(&code.as_str()),
            "{path}: {code}"
        );
    }
}

#[tokio::test]
async fn control_characters_are_refused_alike_on_both_databases() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let res = editor
        .post(
            &format!("{base}/difficulties"),
            &json!({
                "category": "site_clearance", "title": "Mặt bằng\u{0}", "raised_on": today().to_string(),
            }),
        )
        .await;
    assert_eq!(field_error(res, "title").await, "control_characters");
    let mut report = report_json(today(), "10", "1000");
    report["work_done"] = json!("Đào\u{0} đắp");
    let res = editor.post(&format!("{base}/reports"), &report).await;
    assert_eq!(field_error(res, "work_done").await, "control_characters");
    // Multi-line text keeps its line breaks and tabs.
    report["work_done"] = json!("Đào đắp\r\n\t- nền đường\n- cống");
    let res = editor.post(&format!("{base}/reports"), &report).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // A single-line name refuses a forged line break.
    let mut p = project_json("DA-NL", app.fx.unit_a);
    p["name"] = json!("Đường\nGIẢ MẠO");
    let res = app.coordinator().await.post("/api/v1/projects", &p).await;
    assert_eq!(field_error(res, "name").await, "control_characters");
    for path in [
        "/api/v1/projects?q=a%00b",
        "/api/v1/projects?locality=P%00",
        "/api/v1/dashboard/overview?q=%00",
        "/api/v1/difficulties?status=open%00",
        "/api/v1/audit?entity=project%00",
    ] {
        let res = app.admin().await.get(path).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    }
    let res = app
        .anon()
        .post(
            "/api/v1/auth/login",
            &json!({"username": "admin\u{0}", "password": "x"}),
        )
        .await;
    assert_eq!(field_error(res, "username").await, "control_characters");
}

#[tokio::test]
async fn dates_outside_1975_to_2100_are_refused() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let res = editor
        .post(
            &format!("{base}/disbursements"),
            &json!({"paid_on": "0000-01-01", "amount": "1000"}),
        )
        .await;
    assert_eq!(field_error(res, "paid_on").await, "date_out_of_range");
    let mut p = project_json("DA-Y0", app.fx.unit_a);
    p["planned_start"] = json!("0000-01-01");
    p["planned_end"] = json!("9999-12-31");
    let res = app.coordinator().await.post("/api/v1/projects", &p).await;
    assert_eq!(field_error(res, "planned_end").await, "date_out_of_range");
    let res = editor.get("/api/v1/dashboard/overview?as_of=0000-01-01").await;
    assert_eq!(field_error(res, "as_of").await, "date_out_of_range");
    let res = editor
        .get("/api/v1/export/projects.json?updated_since=0001-01-01T00:00:00Z")
        .await;
    assert_eq!(field_error(res, "updated_since").await, "date_out_of_range");
}

#[tokio::test]
async fn a_formula_in_a_project_name_is_text_in_the_csv_export() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let mut p = project_json("DA-CSV", app.fx.unit_a);
    p["name"] = json!("=HYPERLINK(\"http://evil\",\"x\")");
    let res = coordinator.post("/api/v1/projects", &p).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let csv = coordinator
        .get("/api/v1/export/projects.csv")
        .await
        .text()
        .await
        .unwrap();
    let line = csv
        .lines()
        .find(|l| l.starts_with("DA-CSV,"))
        .expect("the project's row");
    assert!(
        line.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        "{line}"
    );
    assert!(line.contains(",250000000000,"), "numbers stay numbers: {line}");
}

#[tokio::test]
async fn percent_and_underscore_in_a_search_match_only_themselves() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let mut p = project_json("DA-PCT", app.fx.unit_a);
    p["name"] = json!("Đường 100% nhựa");
    assert_eq!(
        coordinator.post("/api/v1/projects", &p).await.status(),
        StatusCode::CREATED
    );
    let total = |v: Value| v["total"].as_u64().unwrap();
    assert_eq!(total(coordinator.get_json("/api/v1/projects?q=%25").await), 1);
    assert_eq!(total(coordinator.get_json("/api/v1/projects?q=100%25").await), 1);
    assert_eq!(total(coordinator.get_json("/api/v1/projects?q=_").await), 0);
    assert_eq!(total(coordinator.get_json("/api/v1/projects?q=!").await), 0);
}
