//! One request id per request: the `X-Request-Id` header, the audit row and every log line
//! of the request carry the same one.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{project_json, spawn_app};

/// Everything the process logs from the first call on, through the server's own text format.
fn captured_logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = Sink(logs.clone());
        let subscriber = ioc_api::telemetry::subscriber(ioc_api::config::LogFormat::Text, move || sink.clone());
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber in the suite");
        logs
    })
}

#[derive(Clone)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_write_keeps_the_callers_request_id_in_its_answer_audit_row_and_log_lines() {
    let logs = captured_logs();
    let app = spawn_app().await;
    let admin = app.admin().await;
    let id = format!("portal-{}", uuid::Uuid::new_v4().simple());
    let res = admin
        .raw(reqwest::Method::POST, "/api/v1/projects")
        .header("x-request-id", &id)
        .json(&project_json("RID-1", app.fx.unit_a))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["x-request-id"], id.as_str());
    let created: Value = res.json().await.unwrap();

    let audit = admin
        .get_json(&format!("/api/v1/audit?entity=project&entity_id={}", created["id"]))
        .await;
    assert_eq!(audit["items"][0]["request_id"], json!(id));

    // The line is written when the response has been sent: wait for it briefly.
    let mut text = String::new();
    for _ in 0..50 {
        text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
        if text.lines().any(|l| l.contains(&id) && l.contains("request finished")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let line = text
        .lines()
        .find(|l| l.contains(&format!("request_id={id}")) && l.contains("request finished"))
        .unwrap_or_else(|| panic!("no finished line for {id}"));
    assert!(line.contains("method=POST"), "{line}");
    assert!(line.contains("route=/api/v1/projects"), "{line}");
    assert!(line.contains("status=201"), "{line}");
    assert!(line.contains("elapsed_ms="), "{line}");
}

#[tokio::test]
async fn an_unsafe_incoming_request_id_is_replaced() {
    let app = spawn_app().await;
    for sent in ["two words", "a\tb", &"x".repeat(65)] {
        let res = app
            .anon()
            .raw(reqwest::Method::GET, "/healthz")
            .header("x-request-id", sent)
            .send()
            .await
            .unwrap();
        let got = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert_ne!(got, sent);
        assert!(uuid::Uuid::parse_str(&got).is_ok(), "{got}");
    }
}
