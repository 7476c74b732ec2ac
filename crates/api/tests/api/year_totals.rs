//! A project's disbursements of one year, and its capital plans for one year, may not total
//! more than 10^16 đồng: the project row keeps its year figures as BIGINT, exact, never capped.

use futures_util::{stream, StreamExt};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{field_problem, problem, report_json, spawn_app, today};

const MAX: i64 = 10_000_000_000_000_000;

async fn year_total_error(res: reqwest::Response, field: &str) {
    let e = field_problem(res, field).await;
    assert_eq!(e["code"], "project_year_total_too_large", "{e}");
    assert!(
        e["message_vi"].as_str().unwrap().contains("10.000.000.000.000.000"),
        "{e}"
    );
    assert!(e["message_en"].as_str().unwrap().contains("must not total more"), "{e}");
}

/// A 201's body and ETag.
async fn created_with_etag(res: reqwest::Response) -> (Value, String) {
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    (res.json().await.unwrap(), tag)
}

fn paid(on: chrono::NaiveDate, amount: i64) -> Value {
    json!({"paid_on": on.to_string(), "amount": amount.to_string()})
}

#[tokio::test]
async fn the_disbursement_that_would_take_a_projects_year_past_the_bound_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let path = format!("{base}/disbursements");
    // The year fills up to the bound exactly.
    let mut created = Vec::new();
    for amount in [MAX - 1_000, 999, 1] {
        let res = editor.post(&path, &paid(today(), amount)).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        created.push(created_with_etag(res).await);
    }
    let (rows, audit) = (app.count("disbursements").await, app.audit_count().await);
    year_total_error(editor.post(&path, &paid(today(), 1)).await, "amount").await;
    assert_eq!(app.count("disbursements").await, rows);
    assert_eq!(app.audit_count().await, audit);
    let project = editor.get_json(&base).await;
    assert_eq!(project["disbursement"]["disbursed"], MAX.to_string());
    // Another year has its own total.
    let last_year = today() - chrono::Duration::days(366);
    assert_eq!(
        editor.post(&path, &paid(last_year, MAX)).await.status(),
        StatusCode::CREATED
    );
    // A correction counts the new amount instead of the old one: lowering works, raising
    // past the bound does not.
    let (small, tag) = &created[1];
    let one = format!("{path}/{}", small["id"]);
    year_total_error(editor.put(&one, &paid(today(), 1_000), Some(tag)).await, "amount").await;
    let res = editor.put(&one, &paid(today(), 998), Some(tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let project = editor.get_json(&base).await;
    assert_eq!(project["disbursement"]["disbursed"], (MAX - 1).to_string());
}

#[tokio::test]
async fn concurrent_disbursements_never_take_a_projects_year_past_the_bound() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let path = format!("/api/v1/projects/{}/disbursements", app.fx.project_a);
    // 16 writers race for room for 10: exactly 10 win on both databases, because each
    // write locks the project row before it reads the year's total.
    let statuses: Vec<StatusCode> = stream::iter(0..16)
        .map(|_| {
            let (editor, path) = (editor.clone(), path.clone());
            async move { editor.post(&path, &paid(today(), MAX / 10)).await.status() }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!((created, refused), (10, 6), "{statuses:?}");
    assert_eq!(app.count("disbursements").await, 10);
    let project = editor.get_json(&format!("/api/v1/projects/{}", app.fx.project_a)).await;
    assert_eq!(project["disbursement"]["disbursed"], MAX.to_string());
}

#[tokio::test]
async fn capital_plans_for_one_year_may_not_total_more_than_the_bound() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let year = chrono::Datelike::year(&today());
    let path = format!("/api/v1/projects/{}/capital-plans", app.fx.project_a);
    let plan = |source: &str, amount: i64| json!({"year": year, "source": source, "amount": amount.to_string()});
    let res = editor.post(&path, &plan("provincial_budget", MAX - 5)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (first, tag) = created_with_etag(res).await;
    let res = editor.post(&path, &plan("oda", 5)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let rows = app.count("capital_plans").await;
    year_total_error(editor.post(&path, &plan("central_budget", 1)).await, "amount").await;
    assert_eq!(app.count("capital_plans").await, rows);
    // Another year is free; raising the first plan is not, keeping it is.
    let next = json!({"year": year + 1, "source": "oda", "amount": MAX.to_string()});
    assert_eq!(editor.post(&path, &next).await.status(), StatusCode::CREATED);
    let one = format!("{path}/{}", first["id"]);
    year_total_error(
        editor.put(&one, &plan("provincial_budget", MAX - 4), Some(&tag)).await,
        "amount",
    )
    .await;
    let res = editor.put(&one, &plan("provincial_budget", MAX - 5), Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let project = editor.get_json(&format!("/api/v1/projects/{}", app.fx.project_a)).await;
    assert_eq!(project["disbursement"]["plan"], MAX.to_string());
}

#[tokio::test]
async fn a_weekly_update_whose_disbursement_passes_the_years_bound_saves_nothing() {
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    let res = editor
        .post(&format!("{base}/disbursements"), &paid(today(), MAX - 100))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let audit = app.audit_count().await;
    // Each disbursement fits alone; together they pass the bound, so the second is refused.
    let weekly = json!({
        "report": report_json(today(), "10", "1000"),
        "disbursements": [paid(today(), 60), paid(today(), 60)],
    });
    year_total_error(
        editor.post(&format!("{base}/weekly-update"), &weekly).await,
        "disbursements[1].amount",
    )
    .await;
    assert_eq!(app.count("progress_reports").await, 0);
    assert_eq!(app.count("disbursements").await, 1);
    assert_eq!(app.audit_count().await, audit);
}

#[tokio::test]
async fn a_year_stored_past_bigint_before_the_rule_is_refused_not_capped_until_corrected() {
    use ioc_api::entities::disbursement;
    use sea_orm::{EntityTrait, Set};
    let app = spawn_app().await;
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}", app.fx.project_a);
    // 923 maximum disbursements, as a database written before the rule could hold: their
    // year passes i64::MAX, so no BIGINT figure for it is right.
    let now = chrono::Utc::now();
    let legacy = (0..923).map(|_| disbursement::ActiveModel {
        project_id: Set(app.fx.project_a),
        paid_on: Set(today()),
        amount: Set(MAX),
        note: Set(String::new()),
        recorded_by: Set(1),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    disbursement::Entity::insert_many(legacy).exec(&app.db).await.unwrap();
    // A write that recomputes the project's figures fails cleanly and stores nothing...
    let difficulty = json!({"category": "site_clearance", "title": "Mặt bằng", "raised_on": today().to_string()});
    let body = problem(editor.post(&format!("{base}/difficulties"), &difficulty).await, 409).await;
    assert_eq!(body["code"], "project_year_total_too_large", "{body}");
    assert_eq!(app.count("difficulties").await, 0);
    assert_eq!(
        editor.get_json(&base).await["disbursement"]["disbursed"],
        "0",
        "not a capped figure"
    );
    // ...while deleting a wrong record, which brings the year back within BIGINT, works.
    let list = editor.get_json(&format!("{base}/disbursements")).await;
    let id = list[0]["id"].as_i64().unwrap();
    let tag = format!("\"disbursement-{id}-v1\"");
    let res = editor.delete(&format!("{base}/disbursements/{id}"), Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        editor.get_json(&base).await["disbursement"]["disbursed"],
        (922 * i128::from(MAX)).to_string()
    );
}
