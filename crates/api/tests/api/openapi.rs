use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

/// The committed spec must equal the generated one. Regenerate with
/// `cargo run -p ioc-api -- print-openapi > api-spec/openapi.json` (or UPDATE_OPENAPI=1).
#[tokio::test]
async fn the_committed_openapi_spec_is_up_to_date() {
    let app = spawn_app().await;
    let served: Value = app.anon().get_json("/api/openapi.json").await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../api-spec/openapi.json");
    let generated = ioc_api::startup::openapi().to_pretty_json().unwrap() + "\n";
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("api-spec/openapi.json exists");
    assert_eq!(
        serde_json::from_str::<Value>(&committed).unwrap(),
        served,
        "served spec differs from the committed one"
    );
    assert_eq!(
        committed, generated,
        "api-spec/openapi.json is stale: run with UPDATE_OPENAPI=1"
    );
}

#[tokio::test]
async fn the_spec_documents_every_resource() {
    let spec = ioc_api::startup::openapi();
    let paths: Vec<&String> = spec.paths.paths.keys().collect();
    for p in [
        "/api/v1/auth/login",
        "/api/v1/projects",
        "/api/v1/projects/{id}/weekly-update",
        "/api/v1/difficulties",
        "/api/v1/audit",
        "/healthz",
    ] {
        assert!(paths.iter().any(|x| *x == p), "{p} missing from the spec");
    }
}

#[tokio::test]
async fn the_interactive_docs_are_served_from_the_binary() {
    let app = spawn_app().await;
    let res = app.anon().get("/api/docs/").await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("swagger"), "Swagger UI page");
    let res = app.anon().get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(res.status(), StatusCode::OK, "vendored assets, no CDN");
}
