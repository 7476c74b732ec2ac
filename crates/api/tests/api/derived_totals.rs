//! The weekly report totals and monthly disbursement totals (kept in each write's
//! transaction) give exactly what the records give: the whole portfolio's dashboards, which
//! read the totals, equal the same dashboards under a filter that keeps every project but
//! makes them read the records.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{json, Value};

use crate::helpers::{report_json, spawn_app, today, Client};

/// A filter keeping every project that still counts as a filter.
const EVERY_GROUP: &str = "group=national,a,b,c";

async fn assert_totals_match(viewer: &Client, step: &str) {
    for extra in ["", "include_archived=true"] {
        let sep = if extra.is_empty() { "" } else { "&" };
        for board in ["overview?weeks=12", "disbursement?per_page=50"] {
            let q = if board.contains('?') { "&" } else { "?" };
            let whole = viewer.get_json(&format!("/api/v1/dashboard/{board}{q}{extra}")).await;
            let filtered = viewer
                .get_json(&format!("/api/v1/dashboard/{board}{q}{extra}{sep}{EVERY_GROUP}"))
                .await;
            assert_eq!(whole, filtered, "{step}: {board} {extra}");
        }
    }
}

/// A date `days` before today, kept in this year (the disbursement curve is per year).
fn this_year(days: i64) -> NaiveDate {
    let t = today();
    std::cmp::max(
        t - Duration::days(days),
        NaiveDate::from_ymd_opt(t.year(), 1, 1).unwrap(),
    )
}

async fn etag_of(c: &Client, path: &str) -> String {
    c.get_with_etag(path).await.1
}

#[tokio::test]
async fn totals_match_the_records_through_every_kind_of_write() {
    let app = spawn_app().await;
    let (editor_a, editor_b, admin, viewer) = (
        app.editor_a().await,
        app.editor_b().await,
        app.admin().await,
        app.viewer().await,
    );
    let (pa, pb) = (app.fx.project_a, app.fx.project_b);
    assert_totals_match(&viewer, "empty").await;

    let mut report_ids = Vec::new();
    for (days, percent) in [(35, "10"), (21, "20"), (14, "31.5"), (7, "40")] {
        let res = editor_a
            .post(
                &format!("/api/v1/projects/{pa}/reports"),
                &report_json(today() - Duration::days(days), percent, "1000000"),
            )
            .await;
        assert_eq!(res.status(), 201);
        report_ids.push(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    let res = editor_b
        .post(
            &format!("/api/v1/projects/{pb}/reports"),
            &report_json(today() - Duration::days(14), "60", "1000000"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let mut paid_ids = Vec::new();
    for (days, amount) in [(70, "900000000"), (40, "1999999999"), (1, "5")] {
        let res = editor_a
            .post(
                &format!("/api/v1/projects/{pa}/disbursements"),
                &json!({"paid_on": this_year(days).to_string(), "amount": amount, "note": ""}),
            )
            .await;
        assert_eq!(res.status(), 201);
        paid_ids.push(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    let res = editor_b
        .post(
            &format!("/api/v1/projects/{pb}/disbursements"),
            &json!({"paid_on": this_year(40).to_string(), "amount": "7000000000", "note": ""}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_totals_match(&viewer, "created").await;
    let over = viewer.get_json("/api/v1/dashboard/overview?weeks=12").await;
    let reports: u64 = over["progress_over_time"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["reports"].as_u64().unwrap())
        .sum();
    assert_eq!(reports, 5, "{over}");

    // A report corrected (to a week of its own) and one deleted.
    let path = format!("/api/v1/projects/{pa}/reports/{}", report_ids[1]);
    let tag = etag_of(&editor_a, &path).await;
    let res = editor_a
        .put(
            &path,
            &report_json(today() - Duration::days(28), "15", "1000000"),
            Some(&tag),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_totals_match(&viewer, "report corrected").await;
    let path = format!("/api/v1/projects/{pa}/reports/{}", report_ids[3]);
    let tag = etag_of(&editor_a, &path).await;
    assert_eq!(editor_a.delete(&path, Some(&tag)).await.status(), 204);
    assert_totals_match(&viewer, "report deleted").await;

    // A payment moved to another month, one deleted.
    // Payments have no read of their own: a fresh one is at version 1.
    let path = format!("/api/v1/projects/{pa}/disbursements/{}", paid_ids[0]);
    let tag = format!("\"disbursement-{}-v1\"", paid_ids[0]);
    let res = editor_a
        .put(
            &path,
            &json!({"paid_on": this_year(100).to_string(), "amount": "1200000000", "note": "sửa"}),
            Some(&tag),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_totals_match(&viewer, "payment corrected").await;
    let path = format!("/api/v1/projects/{pa}/disbursements/{}", paid_ids[1]);
    let tag = format!("\"disbursement-{}-v1\"", paid_ids[1]);
    assert_eq!(editor_a.delete(&path, Some(&tag)).await.status(), 204);
    assert_totals_match(&viewer, "payment deleted").await;

    // Archived, then restored: its rows leave the active totals and come back.
    let path = format!("/api/v1/projects/{pb}");
    let tag = etag_of(&admin, &path).await;
    assert_eq!(admin.delete(&path, Some(&tag)).await.status(), 200);
    assert_totals_match(&viewer, "archived").await;
    let tag = etag_of(&admin, &path).await;
    let res = admin
        .raw(reqwest::Method::POST, &format!("{path}/restore"))
        .header("If-Match", tag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_totals_match(&viewer, "restored").await;
}

#[tokio::test]
async fn other_thresholds_rebuild_the_weekly_totals_at_start_up() {
    let app = spawn_app().await;
    let editor_a = app.editor_a().await;
    // Planned ≈ 47 % and 48 % then (a straight line over two years): gaps under 2 pp.
    for (days, percent) in [(21, "45.5"), (14, "46.5")] {
        let res = editor_a
            .post(
                &format!("/api/v1/projects/{}/reports", app.fx.project_a),
                &report_json(today() - Duration::days(days), percent, "0"),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    // The same database, started with a stricter rule: the totals follow it.
    let count_delayed = |over: &Value| -> u64 {
        over["progress_over_time"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["statuses"]["delayed"].as_u64().unwrap())
            .sum()
    };
    let viewer = app.viewer().await;
    assert_totals_match(&viewer, "default thresholds").await;
    assert_eq!(
        count_delayed(&viewer.get_json("/api/v1/dashboard/overview?weeks=12").await),
        0
    );
    let strict = app
        .another_instance_with(|s| {
            s.thresholds.delayed_gap_pp = rust_decimal::Decimal::ONE;
            s.thresholds.at_risk_gap_pp = rust_decimal::Decimal::ONE;
        })
        .await;
    let viewer = viewer.on(&strict);
    assert_totals_match(&viewer, "strict thresholds").await;
    assert_eq!(
        count_delayed(&viewer.get_json("/api/v1/dashboard/overview?weeks=12").await),
        2
    );
}
