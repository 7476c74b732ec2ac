//! Dashboard aggregates: exact figures from known data, filters applied to every group.

use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{report_json, spawn_app, today, TestApp};

/// FX-A: 60 % (plan 50 %) → ahead, plan 80 bn this year, 20 bn disbursed, two difficulties.
/// FX-B: no report → delayed (0 % against 50 %), no plan, 5 bn disbursed.
async fn seed(app: &TestApp) {
    let admin = app.admin().await;
    let a = format!("/api/v1/projects/{}", app.fx.project_a);
    let b = format!("/api/v1/projects/{}", app.fx.project_b);
    let t = today();
    let ok = |r: reqwest::Response| async move { assert_eq!(r.status(), StatusCode::CREATED, "{:?}", r.text().await) };
    ok(admin
        .post(&format!("{a}/reports"), &report_json(t, "60", "30000000000"))
        .await)
    .await;
    ok(admin
        .post(
            &format!("{a}/capital-plans"),
            &json!({"year": t.year(), "source": "provincial_budget", "amount": "80000000000"}),
        )
        .await)
    .await;
    ok(admin
        .post(
            &format!("{a}/disbursements"),
            &json!({"paid_on": t.to_string(), "amount": "20000000000"}),
        )
        .await)
    .await;
    ok(admin
        .post(
            &format!("{b}/disbursements"),
            &json!({"paid_on": t.to_string(), "amount": "5000000000"}),
        )
        .await)
    .await;
    ok(admin
        .post(
            &format!("{a}/difficulties"),
            &json!({"category": "site_clearance", "title": "Chưa bàn giao mặt bằng", "needs_leader_direction": true,
                    "raised_on": (t - chrono::Duration::days(10)).to_string(), "responsible_unit_id": app.fx.unit_dept}),
        )
        .await)
    .await;
    ok(admin
        .post(
            &format!("{a}/difficulties"),
            &json!({"category": "capital", "title": "Chậm cấp vốn", "status": "resolved",
                    "raised_on": (t - chrono::Duration::days(20)).to_string(), "resolved_on": t.to_string(),
                    "resolution_note": "Đã bố trí vốn"}),
        )
        .await)
    .await;
}

#[tokio::test]
async fn the_overview_adds_up_exactly() {
    let app = spawn_app().await;
    seed(&app).await;
    let o: Value = app.viewer().await.get_json("/api/v1/dashboard/overview?weeks=2").await;
    assert_eq!(o["projects"], 2);
    assert_eq!(o["total_investment"], "200000000000");
    assert_eq!(o["capital_allocated"], "80000000000");
    assert_eq!(o["output_value"], "30000000000");
    assert_eq!(o["disbursed"], "25000000000");
    assert_eq!(o["disbursement_rate_percent"], "31.25");
    assert_eq!(
        o["by_status"],
        json!({"ahead": 1, "on_track": 0, "at_risk": 0, "delayed": 1, "completed": 0})
    );
    let implementation = o["by_phase"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["phase"] == "implementation")
        .unwrap();
    assert_eq!(implementation["projects"], 2);
    let weeks = o["progress_over_time"].as_array().unwrap();
    assert_eq!(weeks.len(), 2);
    let this_week = &weeks[1];
    assert_eq!(this_week["reports"], 1);
    assert_eq!(this_week["statuses"]["ahead"], 1);
    assert_eq!(this_week["avg_actual_percent"], "60");
    assert_eq!(weeks[0]["reports"], 0);
}

#[tokio::test]
async fn filters_narrow_every_group() {
    let app = spawn_app().await;
    seed(&app).await;
    let v = app.viewer().await;
    let q = format!("investor={}", app.fx.unit_b);
    let o = v.get_json(&format!("/api/v1/dashboard/overview?{q}")).await;
    assert_eq!(o["projects"], 1);
    assert_eq!(o["disbursed"], "5000000000");
    assert_eq!(o["capital_allocated"], "0");
    assert_eq!(o["disbursement_rate_percent"], Value::Null);
    let p = v.get_json(&format!("/api/v1/dashboard/progress?{q}")).await;
    assert_eq!(p["rows"]["total"], 1);
    assert_eq!(p["delayed_total"], 1);
    let d = v.get_json(&format!("/api/v1/dashboard/disbursement?{q}")).await;
    assert_eq!(d["plan"], "0");
    assert_eq!(d["lowest"].as_array().unwrap().len(), 0);
    let f = v.get_json(&format!("/api/v1/dashboard/difficulties?{q}")).await;
    assert_eq!(f["open_total"], 0);
    assert_eq!(f["needing_direction_total"], 0);
    let o = v.get_json("/api/v1/dashboard/overview?status=ahead").await;
    assert_eq!(o["projects"], 1);
    assert_eq!(o["output_value"], "30000000000");
    let o = v
        .get_json("/api/v1/dashboard/overview?has_open_difficulties=true&slow_disbursement=true")
        .await;
    assert_eq!(o["projects"], 1);
}

#[tokio::test]
async fn the_progress_group_lists_delayed_projects_worst_first() {
    let app = spawn_app().await;
    seed(&app).await;
    let p = app.viewer().await.get_json("/api/v1/dashboard/progress?top=5").await;
    assert_eq!(p["rows"]["total"], 2);
    assert_eq!(p["delayed_total"], 1);
    assert_eq!(p["delayed"][0]["code"], "FX-B");
    assert_eq!(p["delayed"][0]["gap_pp"], "50");
    assert_eq!(p["rows"]["items"][0]["progress"]["colour"], "green");
}

#[tokio::test]
async fn the_disbursement_group_tracks_plan_and_schedule() {
    let app = spawn_app().await;
    seed(&app).await;
    let d = app.viewer().await.get_json("/api/v1/dashboard/disbursement").await;
    assert_eq!(d["plan"], "80000000000");
    assert_eq!(d["disbursed"], "25000000000");
    assert_eq!(d["rate_percent"], "31.25");
    assert_eq!(d["lowest"][0]["code"], "FX-A");
    assert_eq!(d["lowest"][0]["rate_percent"], "25.00");
    assert_eq!(d["highest"][0]["code"], "FX-A");
    let months = d["by_month"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let m = today().month0() as usize;
    assert_eq!(months[m]["actual_cumulative"], "25000000000");
    // December of the province's default curve: 95 % of the plan.
    assert_eq!(months[11]["planned_cumulative"], "76000000000");
    assert_eq!(d["projects"]["total"], 2);
}

#[tokio::test]
async fn the_difficulty_group_counts_open_ones_on_the_as_of_date() {
    let app = spawn_app().await;
    seed(&app).await;
    let v = app.viewer().await;
    let f = v.get_json("/api/v1/dashboard/difficulties").await;
    let count = |f: &Value, c: &str| {
        f["open_by_category"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["category"] == c)
            .unwrap()["open"]
            .clone()
    };
    assert_eq!(count(&f, "site_clearance"), 1);
    assert_eq!(count(&f, "capital"), 0);
    assert_eq!(f["needing_direction"][0]["age_days"], 10);
    assert_eq!(f["needing_direction"][0]["responsible_unit"]["code"], "SXD");
    // Yesterday the capital difficulty was still open.
    let yesterday = today() - chrono::Duration::days(1);
    let f = v
        .get_json(&format!("/api/v1/dashboard/difficulties?as_of={yesterday}"))
        .await;
    assert_eq!(count(&f, "capital"), 1);
    assert_eq!(f["open_total"], 2);
}

#[tokio::test]
async fn an_earlier_as_of_date_excludes_later_money_and_reports() {
    let app = spawn_app().await;
    seed(&app).await;
    let yesterday = today() - chrono::Duration::days(1);
    if yesterday.year() != today().year() {
        return; // 1 January: "yesterday" belongs to another plan year.
    }
    let o = app
        .viewer()
        .await
        .get_json(&format!("/api/v1/dashboard/overview?as_of={yesterday}"))
        .await;
    assert_eq!(o["disbursed"], "0");
    assert_eq!(o["output_value"], "0");
    assert_eq!(o["capital_allocated"], "80000000000");
}

#[tokio::test]
async fn integrators_read_the_dashboard_and_anonymous_callers_do_not() {
    let app = spawn_app().await;
    assert_eq!(
        app.integrator().await.get("/api/v1/dashboard/overview").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.anon().get("/api/v1/dashboard/overview").await.status(),
        StatusCode::UNAUTHORIZED
    );
}
