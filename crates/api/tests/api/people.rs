//! The staff list behind the meeting and task pickers.

use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_official_may_list_people_but_machine_clients_may_not() {
    let app = spawn_app().await;
    for client in [
        app.admin().await,
        app.coordinator().await,
        app.leader().await,
        app.editor_a().await,
        app.viewer().await,
    ] {
        let people = client.get_json("/api/v1/people").await;
        let names: Vec<&str> = people
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["display_name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"leader") && names.contains(&"editor_a"), "{names:?}");
        assert!(!names.contains(&"integrator"), "machine accounts are not people");
        assert!(people[0].get("username").is_none(), "no usernames: {}", people[0]);
    }
    assert_eq!(
        app.integrator().await.get("/api/v1/people").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.anon().get("/api/v1/people").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn people_can_be_narrowed_to_leaders_or_a_unit() {
    let app = spawn_app().await;
    let c = app.coordinator().await;
    let leaders = c.get_json("/api/v1/people?role=leader").await;
    let leaders = leaders.as_array().unwrap();
    assert_eq!(leaders.len(), 1);
    assert_eq!(leaders[0]["role"], "leader");
    let unit_a = c.get_json(&format!("/api/v1/people?unit_id={}", app.fx.unit_a)).await;
    assert!(unit_a
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["unit"]["id"] == app.fx.unit_a));
    assert_eq!(
        c.get("/api/v1/people?role=chairman").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
