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
        "/api/v1/directives",
        "/api/v1/tasks/{id}/transitions",
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

/// Every operation of the generated document, as (method, path template, operation).
fn operations(spec: &Value) -> Vec<(String, String, Value)> {
    let mut out = vec![];
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                out.push((method.clone(), path.clone(), op.clone()));
            }
        }
    }
    out
}

/// Resolves a local `$ref` (`#/components/...`) in the document.
fn resolve<'a>(spec: &'a Value, reference: &str) -> Option<&'a Value> {
    spec.pointer(reference.strip_prefix('#')?)
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|x| collect_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[test]
fn every_reference_in_the_spec_resolves() {
    let spec = serde_json::to_value(ioc_api::startup::openapi()).unwrap();
    let mut refs = vec![];
    collect_refs(&spec, &mut refs);
    assert!(!refs.is_empty());
    let broken: Vec<_> = refs.iter().filter(|r| resolve(&spec, r).is_none()).collect();
    assert!(broken.is_empty(), "unresolved $refs: {broken:?}");
}

#[test]
fn every_path_parameter_in_a_template_is_declared() {
    let spec = serde_json::to_value(ioc_api::startup::openapi()).unwrap();
    for (method, path, op) in operations(&spec) {
        let declared: Vec<&str> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "path")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let in_template: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        for name in &in_template {
            assert!(
                declared.contains(name),
                "{method} {path}: path parameter {name} undeclared"
            );
        }
        for name in &declared {
            assert!(
                in_template.contains(name),
                "{method} {path}: {name} is not in the template"
            );
        }
    }
}

#[test]
fn every_response_has_a_description_and_errors_are_problem_documents() {
    let spec = serde_json::to_value(ioc_api::startup::openapi()).unwrap();
    for (method, path, op) in operations(&spec) {
        for (code, response) in op["responses"].as_object().unwrap() {
            let r = match response["$ref"].as_str() {
                Some(reference) => resolve(&spec, reference).expect("resolves"),
                None => response,
            };
            let description = r["description"].as_str().unwrap_or_default();
            assert!(!description.is_empty(), "{method} {path} {code}: no description");
            if code.starts_with('4') || code.starts_with('5') {
                assert!(
                    r["content"]["application/problem+json"]["schema"]["$ref"] == "#/components/schemas/ProblemDetails",
                    "{method} {path} {code}: not a problem document"
                );
            }
        }
    }
}

#[test]
fn the_spec_lists_what_each_operation_can_answer() {
    let spec = serde_json::to_value(ioc_api::startup::openapi()).unwrap();
    for (method, path, op) in operations(&spec) {
        let has = |code: &str| op["responses"].get(code).is_some();
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let param_in = |place: &str| params.iter().any(|p| p["in"] == place);
        let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
        let why = format!("{method} {path}");
        assert!(has("500"), "{why}: 500");
        if secured {
            assert!(has("401"), "{why}: 401");
            if method != "get" {
                assert!(has("403"), "{why}: 403");
            }
        }
        if op.get("requestBody").is_some() {
            for code in ["400", "413", "415", "422"] {
                assert!(has(code), "{why}: {code} for a body");
            }
        }
        if param_in("query") {
            assert!(has("400") && has("422"), "{why}: 400/422 for query parameters");
        }
        if param_in("path") {
            assert!(has("404"), "{why}: 404 for a path parameter");
        }
        if params.iter().any(|p| p["name"] == "If-Match") {
            assert!(has("412") && has("428"), "{why}: 412/428 for If-Match");
        }
        if method == "post" && has("201") {
            assert!(
                op["responses"]["201"]["headers"].get("Location").is_some(),
                "{why}: 201 without Location"
            );
        }
        if method == "get" && op["responses"]["200"]["content"].get("application/json").is_some() {
            assert!(has("304"), "{why}: 304 for If-None-Match");
        }
    }
    let login = &spec["paths"]["/api/v1/auth/login"]["post"]["responses"];
    assert!(login.get("429").is_some(), "login documents its throttle");
}

#[test]
fn the_chart_parameters_are_described_inline() {
    let spec = serde_json::to_value(ioc_api::startup::openapi()).unwrap();
    let params = spec["paths"]["/api/v1/charts/{name}"]["get"]["parameters"].clone();
    let name = params.as_array().unwrap().iter().find(|p| p["name"] == "name").unwrap();
    let values: Vec<&str> = name["schema"]["enum"]
        .as_array()
        .expect("chart names enumerated")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(values, ["status", "progress", "disbursement", "difficulties"]);
}
