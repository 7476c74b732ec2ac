//! Several instances on one database (the scale-out path), and the per-instance caches of
//! dashboards and lists: a write committed anywhere is seen everywhere at once.

use serde_json::{json, Value};

use crate::helpers::{report_json, spawn_app, today};

fn weekly(percent: &str) -> Value {
    json!({
        "report": report_json(today(), percent, "30000000000"),
        "disbursements": [{"paid_on": today().to_string(), "amount": "2500000000", "note": "Đợt 4"}],
        "new_difficulties": [
            {"category": "site_clearance", "title": "Chưa bàn giao mặt bằng", "needs_leader_direction": true,
             "raised_on": today().to_string(), "proposed_solution": "UBND xã đẩy nhanh"}
        ]
    })
}

/// The figures a leader's screens show, read through one instance.
async fn figures(viewer: &crate::helpers::Client, project: i32) -> Value {
    json!({
        "overview": viewer.get_json("/api/v1/dashboard/overview").await,
        "progress": viewer.get_json("/api/v1/dashboard/progress").await,
        "disbursement": viewer.get_json("/api/v1/dashboard/disbursement").await,
        "difficulties": viewer.get_json("/api/v1/dashboard/difficulties").await,
        "list": viewer.get_json("/api/v1/projects?sort=code").await,
        "project": viewer.get_json(&format!("/api/v1/projects/{project}")).await,
    })
}

#[tokio::test]
async fn a_write_through_one_instance_is_seen_by_the_other_at_once() {
    let app = spawn_app().await;
    let other = app.another_instance().await;
    let viewer_b = app.viewer().await.on(&other);
    let p = app.fx.project_a;
    // Read twice on B, so the second answers come from B's cache.
    let before = figures(&viewer_b, p).await;
    assert_eq!(figures(&viewer_b, p).await, before);
    assert_eq!(before["overview"]["disbursed"], "0");

    let editor_a = app.editor_a().await;
    let res = editor_a
        .post(&format!("/api/v1/projects/{p}/weekly-update"), &weekly("45.5"))
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);

    let after = figures(&viewer_b, p).await;
    assert_eq!(after["overview"]["disbursed"], "2500000000");
    assert_eq!(after["disbursement"]["disbursed"], "2500000000");
    assert_eq!(after["difficulties"]["open_total"], 1);
    assert_eq!(after["project"]["progress"]["actual_percent"], "45.5");
    let row = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == p)
            .cloned()
            .unwrap()
    };
    assert_eq!(row(&after["list"])["progress"]["actual_percent"], "45.5");
    assert_eq!(row(&after["progress"]["rows"])["open_difficulties"], 1);
    // And instance A agrees with B.
    assert_eq!(figures(&app.viewer().await, p).await, after);
}

#[tokio::test]
async fn a_change_made_straight_in_the_database_is_seen_at_once() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    let viewer = app.viewer().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    assert_eq!(viewer.get_json(&path).await["name"], "Dự án FX-A");
    viewer.get_json(&path).await;
    // No write path can forget to invalidate: the database's triggers bump the version.
    app.db
        .execute_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!(
                "UPDATE projects SET name = 'Tên đã sửa' WHERE id = {}",
                app.fx.project_a
            ),
        ))
        .await
        .unwrap();
    assert_eq!(viewer.get_json(&path).await["name"], "Tên đã sửa");
    let list = viewer.get_json("/api/v1/projects?q=FX-A").await;
    assert_eq!(list["items"][0]["name"], "Tên đã sửa");
}

#[tokio::test]
async fn cached_answers_keep_what_each_caller_may_do() {
    let app = spawn_app().await;
    let path = format!("/api/v1/projects/{}", app.fx.project_a);
    let (a, b) = (app.editor_a().await, app.editor_b().await);
    for _ in 0..2 {
        assert_eq!(a.get_json(&path).await["can_edit"], true);
        assert_eq!(b.get_json(&path).await["can_edit"], false);
        let row_b = b.get_json("/api/v1/projects?q=FX-A").await;
        assert_eq!(row_b["items"][0]["can_edit"], false);
        let row_a = a.get_json("/api/v1/projects?q=FX-A").await;
        assert_eq!(row_a["items"][0]["can_edit"], true);
    }
    // The record's ETag still names its version, cached or not.
    let res = a.get(&path).await;
    assert_eq!(
        res.headers().get("etag").unwrap().to_str().unwrap(),
        format!("\"project-{}-v1\"", app.fx.project_a)
    );
}
