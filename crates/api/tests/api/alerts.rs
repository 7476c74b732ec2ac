//! Alerts open and close with the project's state, name who must act, and are acknowledged
//! by the coordinator.

use chrono::Duration;
use reqwest::StatusCode;
use rust_decimal_macros::dec;
use serde_json::{json, Value};

use crate::helpers::{problem, project_json, report_json, spawn_app, spawn_app_with, today, Client};

async fn alerts_of(c: &Client, project: i64) -> Vec<Value> {
    c.get_json(&format!("/api/v1/projects/{project}/alerts"))
        .await
        .as_array()
        .unwrap()
        .clone()
}

fn of_type<'a>(alerts: &'a [Value], t: &str) -> Vec<&'a Value> {
    alerts.iter().filter(|a| a["alert_type"] == t).collect()
}

fn open_of_type<'a>(alerts: &'a [Value], t: &str) -> Vec<&'a Value> {
    of_type(alerts, t)
        .into_iter()
        .filter(|a| a["closed_at"].is_null())
        .collect()
}

/// A project half-way through its planned 200 days (planned 50 % today), created by the
/// coordinator for `investor`, optionally managed by `managing`.
async fn half_way_project(c: &Client, code: &str, investor: i32, managing: Option<i32>) -> i64 {
    let mut body = project_json(code, investor);
    body["planned_start"] = json!((today() - Duration::days(100)).to_string());
    body["planned_end"] = json!((today() + Duration::days(100)).to_string());
    body["managing_unit_id"] = json!(managing);
    let res = c.post("/api/v1/projects", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn post_report(c: &Client, project: i64, report: &Value) -> (Value, String) {
    let res = c.post(&format!("/api/v1/projects/{project}/reports"), report).await;
    assert_eq!(res.status(), StatusCode::CREATED, "report {report}");
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    (res.json().await.unwrap(), tag)
}

#[tokio::test]
async fn a_project_behind_plan_raises_a_delayed_alert_that_closes_when_it_catches_up() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let id = half_way_project(&coordinator, "DA-TIENDO", app.fx.unit_a, None).await;
    // Nothing done of the 50 % planned: late from the start.
    let alerts = alerts_of(&coordinator, id).await;
    let delayed = open_of_type(&alerts, "progress_delayed");
    assert_eq!(delayed.len(), 1);
    assert_eq!(delayed[0]["severity"], "high");
    assert_eq!(delayed[0]["title_vi"], "Dự án chậm tiến độ");
    assert!(
        delayed[0]["message_vi"]
            .as_str()
            .unwrap()
            .contains("chậm 50 điểm phần trăm so với kế hoạch (50%)"),
        "{}",
        delayed[0]["message_vi"]
    );

    // The unit reports 47 %: 3 points behind is on track, the alert closes.
    let editor = app.editor_a().await;
    post_report(
        &editor,
        id,
        &report_json(today() - Duration::days(7), "47", "1000000000"),
    )
    .await;
    let alerts = alerts_of(&coordinator, id).await;
    assert!(open_of_type(&alerts, "progress_delayed").is_empty());
    assert!(!of_type(&alerts, "progress_delayed")[0]["closed_at"].is_null());

    // A late week (re-measured at 35 %) opens a new alert; the closed one stays as history.
    let mut late = report_json(today(), "35", "1000000000");
    late["correction_reason"] = json!("Đo đạc lại khối lượng nền đường");
    let (report, tag) = post_report(&editor, id, &late).await;
    let alerts = alerts_of(&coordinator, id).await;
    assert_eq!(of_type(&alerts, "progress_delayed").len(), 2);
    let reopened = open_of_type(&alerts, "progress_delayed");
    assert_eq!(reopened.len(), 1);
    assert!(reopened[0]["message_en"]
        .as_str()
        .unwrap()
        .contains("35%, 15 percentage points behind"));

    // Catching up (the report corrected to 49 %) closes it again.
    let res = editor
        .put(
            &format!("/api/v1/projects/{id}/reports/{}", report["id"]),
            &report_json(today(), "49", "1000000000"),
            Some(&tag),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let alerts = alerts_of(&coordinator, id).await;
    assert!(open_of_type(&alerts, "progress_delayed").is_empty());
    assert!(open_of_type(&alerts, "forecast_late").is_empty());
}

#[tokio::test]
async fn slow_disbursement_opens_with_a_capital_plan_and_closes_once_paid_out() {
    // A negative gap makes "slow" mean "below plan + 1 pp", which holds on any date — on
    // 1 January every schedule plans 0 %, so a default gap could not be met.
    let app = spawn_app_with(|s| s.thresholds.slow_disbursement_gap_pp = dec!(-1)).await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let year = chrono::Datelike::year(&today());
    let all_year: Vec<&str> = vec!["100"; 12];
    let res = editor
        .post(
            &format!("{base}/capital-plans"),
            &json!({"year": year, "source": "provincial_budget", "amount": "80000000000", "schedule": all_year}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let alerts = alerts_of(&editor, app.fx.project_a.into()).await;
    let slow = open_of_type(&alerts, "disbursement_slow");
    assert_eq!(slow.len(), 1);
    assert_eq!(slow[0]["severity"], "medium");
    assert_eq!(slow[0]["title_vi"], "Dự án giải ngân chậm");
    assert!(
        slow[0]["message_vi"].as_str().unwrap().contains("80 tỷ đồng"),
        "{}",
        slow[0]["message_vi"]
    );

    let res = editor
        .post(
            &format!("{base}/disbursements"),
            &json!({"paid_on": today().to_string(), "amount": "160000000000"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let alerts = alerts_of(&editor, app.fx.project_a.into()).await;
    assert!(open_of_type(&alerts, "disbursement_slow").is_empty());
    assert_eq!(of_type(&alerts, "disbursement_slow").len(), 1);
}

#[tokio::test]
async fn an_open_difficulty_raises_an_alert_until_it_is_resolved() {
    let app = spawn_app().await;
    let editor = app.editor_b().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_b);
    let difficulty = json!({"category": "site_clearance", "title": "Chưa bàn giao mặt bằng nút giao",
                            "raised_on": today().to_string(), "needs_leader_direction": true});
    let res = editor.post(&format!("{base}/difficulties"), &difficulty).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    let d: Value = res.json().await.unwrap();
    let alerts = alerts_of(&editor, app.fx.project_b.into()).await;
    let open = open_of_type(&alerts, "open_difficulty");
    assert_eq!(open.len(), 1);
    // Needing the leaders' direction makes it medium (low otherwise).
    assert_eq!(open[0]["severity"], "medium");
    assert_eq!(open[0]["title_vi"], "Dự án có khó khăn, vướng mắc");
    assert!(open[0]["message_vi"]
        .as_str()
        .unwrap()
        .contains("1 cần lãnh đạo tỉnh chỉ đạo"));

    let mut resolved = difficulty.clone();
    resolved["status"] = json!("resolved");
    resolved["resolved_on"] = json!(today().to_string());
    resolved["resolution_note"] = json!("UBND xã đã bàn giao mặt bằng");
    let res = editor
        .put(&format!("{base}/difficulties/{}", d["id"]), &resolved, Some(&tag))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let alerts = alerts_of(&editor, app.fx.project_b.into()).await;
    assert!(open_of_type(&alerts, "open_difficulty").is_empty());
}

#[tokio::test]
async fn stale_data_names_the_unit_that_must_update() {
    let app = spawn_app_with(|s| s.thresholds.stale_after_days = 3).await;
    let coordinator = app.coordinator().await;
    // Investor: the department; managed by Ban QLDA B, which answers for the updates.
    let id = half_way_project(&coordinator, "DA-CAPNHAT", app.fx.unit_dept, Some(app.fx.unit_b)).await;
    let editor = app.editor_b().await;
    post_report(
        &editor,
        id,
        &report_json(today() - Duration::days(5), "49", "1000000000"),
    )
    .await;
    let alerts = alerts_of(&coordinator, id).await;
    let stale = open_of_type(&alerts, "stale_data");
    assert_eq!(stale.len(), 1, "{alerts:?}");
    // 5 days is past the threshold (3) but not twice it.
    assert_eq!(stale[0]["severity"], "medium");
    assert_eq!(stale[0]["responsible_unit"]["code"], "BQLDA-B");
    let msg = stale[0]["message_vi"].as_str().unwrap();
    assert!(
        msg.contains("Đơn vị chịu trách nhiệm cập nhật: Ban QLDA B") && msg.contains("(5 ngày)"),
        "{msg}"
    );

    // The fixture project never reported in a year: high, and its investor answers (no Ban QLDA).
    let fixture = alerts_of(&coordinator, app.fx.project_a.into()).await;
    let stale_a = open_of_type(&fixture, "stale_data");
    assert_eq!(stale_a[0]["severity"], "high");
    assert!(stale_a[0]["message_en"]
        .as_str()
        .unwrap()
        .ends_with("Responsible for updating: Ban QLDA A."));

    // Reporting this week closes it.
    post_report(&editor, id, &report_json(today(), "50", "1000000000")).await;
    assert!(open_of_type(&alerts_of(&coordinator, id).await, "stale_data").is_empty());
}

#[tokio::test]
async fn only_admins_and_coordinators_acknowledge_alerts_with_a_note_and_the_current_etag() {
    let app = spawn_app().await;
    let coordinator = app.coordinator().await;
    let list = coordinator
        .get_json(&format!(
            "/api/v1/alerts?type=stale_data&project_id={}",
            app.fx.project_a
        ))
        .await;
    assert_eq!(list["total"], 1);
    let path = format!("/api/v1/alerts/{}", list["items"][0]["id"]);
    let (_, tag) = coordinator.get_with_etag(&path).await;
    let ack = format!("{path}/acknowledge");
    let note = json!({"note": "Đã nhắc Ban QLDA A cập nhật trước thứ Sáu"});

    for c in [app.viewer().await, app.editor_a().await, app.integrator().await] {
        let res = c
            .raw(reqwest::Method::POST, &ack)
            .header("if-match", &tag)
            .json(&note)
            .send()
            .await
            .unwrap();
        problem(res, 403).await;
    }
    for body in [json!({}), json!({"note": "   "})] {
        let res = coordinator
            .raw(reqwest::Method::POST, &ack)
            .header("if-match", &tag)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(problem(res, 422).await["errors"][0]["field"], "note");
    }
    problem(coordinator.post(&ack, &note).await, 428).await;

    let audit_before = app.audit_count().await;
    let res = coordinator
        .raw(reqwest::Method::POST, &ack)
        .header("if-match", &tag)
        .json(&note)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let new_tag = res.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_tag, tag);
    let a: Value = res.json().await.unwrap();
    assert_eq!(a["acknowledged_by_name"], "coordinator");
    assert_eq!(a["ack_note"], "Đã nhắc Ban QLDA A cập nhật trước thứ Sáu");
    assert!(
        a["closed_at"].is_null(),
        "acknowledged, still open until the data is updated"
    );
    assert_eq!(app.audit_count().await, audit_before + 1);
    let entry = &app.admin().await.get_json("/api/v1/audit?entity=alert").await["items"][0];
    assert_eq!(entry["action"], "acknowledge");
    assert_eq!(entry["project_id"], app.fx.project_a);

    // The tag read before the acknowledgement is stale now.
    let res = coordinator
        .raw(reqwest::Method::POST, &ack)
        .header("if-match", &tag)
        .json(&note)
        .send()
        .await
        .unwrap();
    assert_eq!(problem(res, 412).await["current_etag"], new_tag.as_str());

    let acked = coordinator.get_json("/api/v1/alerts?acknowledged=true").await;
    assert_eq!(acked["total"], 1);
    assert_eq!(
        coordinator.get_json("/api/v1/alerts?acknowledged=false").await["total"],
        3
    );

    // Once the unit reports, the alert closes; a closed alert is not acknowledged any more.
    let editor = app.editor_a().await;
    post_report(
        &editor,
        app.fx.project_a.into(),
        &report_json(today(), "50", "1000000000"),
    )
    .await;
    let (closed, tag) = coordinator.get_with_etag(&path).await;
    assert!(!closed["closed_at"].is_null());
    let res = coordinator
        .raw(reqwest::Method::POST, &ack)
        .header("if-match", &tag)
        .json(&note)
        .send()
        .await
        .unwrap();
    assert_eq!(problem(res, 409).await["code"], "alert_closed");
}

#[tokio::test]
async fn counts_per_type_follow_the_project_filters() {
    let app = spawn_app().await;
    // Both fixture projects are a year into works with nothing reported: delayed and stale.
    let editor = app.editor_b().await;
    let res = editor
        .post(
            &format!("/api/v1/projects/{}/difficulties", app.fx.project_b),
            &json!({"category": "capital", "title": "Thiếu vốn đối ứng", "raised_on": today().to_string()}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let viewer = app.viewer().await;
    let counts = viewer.get_json("/api/v1/alerts/counts").await;
    assert_eq!(counts["total_open"], 5);
    let by_type = |c: &Value, t: &str| {
        c["by_type"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["alert_type"] == t)
            .map(|x| x["open"].as_u64().unwrap())
            .unwrap()
    };
    assert_eq!(by_type(&counts, "progress_delayed"), 2);
    assert_eq!(by_type(&counts, "stale_data"), 2);
    assert_eq!(by_type(&counts, "open_difficulty"), 1);
    assert_eq!(by_type(&counts, "disbursement_slow"), 0);
    assert_eq!(by_type(&counts, "forecast_late"), 0);
    assert_eq!(counts["by_type"][0]["title_vi"], "Dự án chậm tiến độ");
    assert_eq!(
        counts["by_severity"],
        json!([
            {"severity": "high", "open": 4}, {"severity": "medium", "open": 0}, {"severity": "low", "open": 1}
        ])
    );

    let unit_b = viewer
        .get_json(&format!("/api/v1/alerts/counts?unit={}", app.fx.unit_b))
        .await;
    assert_eq!(unit_b["total_open"], 3);
    let with_difficulties = viewer
        .get_json("/api/v1/alerts/counts?has_open_difficulties=true")
        .await;
    assert_eq!(by_type(&with_difficulties, "stale_data"), 1);
    problem(viewer.get("/api/v1/alerts/counts?status=late").await, 422).await;
}

#[tokio::test]
async fn the_alert_list_filters_by_type_severity_unit_project_and_state() {
    let app = spawn_app().await;
    let editor = app.editor_b().await;
    let res = editor
        .post(
            &format!("/api/v1/projects/{}/difficulties", app.fx.project_b),
            &json!({"category": "capital", "title": "Thiếu vốn đối ứng", "raised_on": today().to_string()}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let viewer = app.viewer().await;
    let total = |v: Value| v["total"].as_u64().unwrap();
    let all = viewer.get_json("/api/v1/alerts").await;
    assert_eq!(all["total"], 5);
    // Worst first.
    assert_eq!(all["items"][0]["severity"], "high");
    assert_eq!(all["items"][4]["severity"], "low");
    assert_eq!(all["items"][4]["project_code"], "FX-B");
    assert_eq!(
        total(viewer.get_json("/api/v1/alerts?type=stale_data,open_difficulty").await),
        3
    );
    assert_eq!(total(viewer.get_json("/api/v1/alerts?severity=low").await), 1);
    assert_eq!(
        total(viewer.get_json(&format!("/api/v1/alerts?unit={}", app.fx.unit_a)).await),
        2
    );
    assert_eq!(
        total(
            viewer
                .get_json(&format!("/api/v1/alerts?project_id={}", app.fx.project_b))
                .await
        ),
        3
    );
    assert_eq!(total(viewer.get_json("/api/v1/alerts?open=false").await), 0);
    // The project-list filters narrow the list like the counts (the dashboard's filter bar).
    for filter in ["has_open_difficulties=true", "q=FX-A", "status=delayed", "sector=other"] {
        let list = viewer.get_json(&format!("/api/v1/alerts?{filter}")).await;
        let counts = viewer.get_json(&format!("/api/v1/alerts/counts?{filter}")).await;
        assert_eq!(list["total"], counts["total_open"], "{filter}");
    }
    let with_difficulties = viewer.get_json("/api/v1/alerts?has_open_difficulties=true").await;
    assert_eq!(total(with_difficulties.clone()), 3);
    assert!(with_difficulties["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["project_code"] == "FX-B"));
    assert_eq!(total(viewer.get_json("/api/v1/alerts?q=FX-A").await), 2);
    let page = viewer.get_json("/api/v1/alerts?per_page=2&page=3").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let bad = problem(viewer.get("/api/v1/alerts?type=late").await, 422).await;
    assert_eq!(bad["errors"][0]["field"], "type");
    // Integrators read alerts too (the IOC wall shows them).
    assert_eq!(total(app.integrator().await.get_json("/api/v1/alerts").await), 5);
    problem(viewer.get("/api/v1/projects/999999/alerts").await, 404).await;
    problem(app.anon().get("/api/v1/alerts").await, 401).await;
}
