//! Outgoing webhooks: alert events reach a real HTTP receiver, signed, retried with backoff,
//! and the job table never hands one delivery to two workers.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use hmac::{Hmac, Mac};
use ioc_api::entities::outbox_job;
use ioc_api::store;
use ioc_api::store::webhooks::jobs;
use ioc_domain::dto::{ValidWebhook, WebhookEvent};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::helpers::{problem, spawn_app_with, today, Client, TestApp};

const SECRET: &str = "bi-mat-cua-he-thong-nhan";

/// One request as the receiver saw it.
#[derive(Debug, Clone)]
struct Received {
    at: Instant,
    event: String,
    delivery: String,
    timestamp: String,
    signature: String,
    body: String,
}

/// A real HTTP server on 127.0.0.1:0 that records every POST and answers 500 to the first
/// `failures` of them, 200 afterwards.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    fn start(failures: usize) -> Receiver {
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}/ioc/alerts", listener.local_addr().unwrap().port());
        let shared = got.clone();
        let server = HttpServer::new(move || {
            let got = shared.clone();
            App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
                let got = got.clone();
                async move {
                    let header = |name: &str| {
                        req.headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    let mut got = got.lock().unwrap();
                    got.push(Received {
                        at: Instant::now(),
                        event: header("x-ioc-event"),
                        delivery: header("x-ioc-delivery"),
                        timestamp: header("x-ioc-timestamp"),
                        signature: header("x-ioc-signature"),
                        body: String::from_utf8_lossy(&body).into_owned(),
                    });
                    if got.len() <= failures {
                        HttpResponse::InternalServerError().body("thử lại sau")
                    } else {
                        HttpResponse::Ok().finish()
                    }
                }
            }))
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        tokio::spawn(server);
        Receiver { url, got }
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (up to 20 s) until `n` requests arrived.
    async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.received();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

fn expected_signature(secret: &str, timestamp: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

async fn subscribe(admin: &Client, url: &str, events: Value) -> i64 {
    let res = admin
        .post(
            "/api/v1/webhooks",
            &json!({"name": "Trung tâm IOC", "url": url, "secret": SECRET, "event_types": events}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert!(body.get("secret").is_none(), "the secret is never returned");
    body["id"].as_i64().unwrap()
}

/// Raises an `open_difficulty` alert on the fixture project A; returns the difficulty's path and ETag.
async fn raise_difficulty(app: &TestApp) -> (String, String) {
    let editor = app.editor_a().await;
    let base = format!("/api/v1/projects/{}/difficulties", app.fx.project_a);
    let res = editor
        .post(
            &base,
            &json!({"category": "site_clearance", "title": "Vướng mặt bằng", "raised_on": today().to_string()}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    let d: Value = res.json().await.unwrap();
    (format!("{base}/{}", d["id"]), tag)
}

/// The delivery log of a subscription once nothing is pending any more (up to 20 s).
async fn settled_log(admin: &Client, subscription: i64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let log = admin
            .get_json(&format!("/api/v1/webhooks/{subscription}/deliveries"))
            .await;
        let pending = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["status"] == "pending");
        if !pending || Instant::now() > deadline {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn alert_events_reach_the_subscriber_signed_with_its_secret() {
    let app = spawn_app_with(|s| s.webhook_poll_ms = 50).await;
    let receiver = Receiver::start(0);
    let admin = app.admin().await;
    let all = subscribe(&admin, &receiver.url, json!(["alert.opened", "alert.closed"])).await;
    let closed_only = subscribe(&admin, &receiver.url, json!(["alert.closed"])).await;
    let list = admin.get_json("/api/v1/webhooks").await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(!list.to_string().contains(SECRET));

    let (path, tag) = raise_difficulty(&app).await;
    let got = receiver.wait_for(1).await;
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.event, "alert.opened");
    assert_eq!(r.signature, expected_signature(SECRET, &r.timestamp, &r.body));
    let age = chrono::Utc::now().timestamp() - r.timestamp.parse::<i64>().unwrap();
    assert!((0..60).contains(&age), "timestamp is the send time");
    let body: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["event"], "alert.opened");
    assert_eq!(body["alert"]["alert_type"], "open_difficulty");
    assert_eq!(body["alert"]["title_vi"], "Dự án có khó khăn, vướng mắc");
    assert_eq!(
        body["project"],
        json!({"id": app.fx.project_a, "code": "FX-A", "name": "Dự án FX-A"})
    );
    assert!(body["sent_at"].is_string());
    assert_eq!(r.delivery, body_delivery_id(&admin, all, "alert.opened").await);

    // Resolving the difficulty closes the alert: both subscriptions hear of it.
    let resolved = json!({"category": "site_clearance", "title": "Vướng mặt bằng", "raised_on": today().to_string(),
                          "status": "resolved", "resolved_on": today().to_string(), "resolution_note": "Đã bàn giao"});
    let res = app.editor_a().await.put(&path, &resolved, Some(&tag)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let got = receiver.wait_for(3).await;
    assert_eq!(got.len(), 3);
    for r in &got[1..] {
        assert_eq!(r.event, "alert.closed");
        assert_eq!(r.signature, expected_signature(SECRET, &r.timestamp, &r.body));
        let body: Value = serde_json::from_str(&r.body).unwrap();
        assert!(body["alert"]["closed_at"].is_string());
    }

    let log = settled_log(&admin, all).await;
    assert_eq!(log["total"], 2);
    for d in log["items"].as_array().unwrap() {
        assert_eq!(d["status"], "delivered");
        assert_eq!(d["attempts"], 1);
        assert_eq!(d["last_status_code"], 200);
    }
    let log = settled_log(&admin, closed_only).await;
    assert_eq!(log["total"], 1);
    assert_eq!(log["items"][0]["event_type"], "alert.closed");
}

/// The id of the subscription's (only) delivery of `event`, as the receiver should see it.
async fn body_delivery_id(admin: &Client, subscription: i64, event: &str) -> String {
    let log = settled_log(admin, subscription).await;
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["event_type"] == event)
        .map(|d| d["id"].to_string())
        .unwrap()
}

#[tokio::test]
async fn a_failing_receiver_gets_the_event_on_the_third_attempt_after_backing_off() {
    let app = spawn_app_with(|s| {
        s.webhook_poll_ms = 50;
        s.webhook_backoff_base_secs = 1;
    })
    .await;
    let receiver = Receiver::start(2);
    let admin = app.admin().await;
    let id = subscribe(&admin, &receiver.url, json!(["alert.opened"])).await;
    raise_difficulty(&app).await;

    let got = receiver.wait_for(3).await;
    assert_eq!(got.len(), 3);
    assert!(
        got.iter().all(|r| r.delivery == got[0].delivery),
        "one delivery, retried"
    );
    assert!(got
        .iter()
        .all(|r| r.signature == expected_signature(SECRET, &r.timestamp, &r.body)));
    // Waits of 1 s then 2 s (base × 2^(n−1)); a little slack for clocks and polling.
    assert!(
        got[1].at - got[0].at >= Duration::from_millis(900),
        "{:?}",
        got[1].at - got[0].at
    );
    assert!(
        got[2].at - got[1].at >= Duration::from_millis(1900),
        "{:?}",
        got[2].at - got[1].at
    );

    let log = settled_log(&admin, id).await;
    let d = &log["items"][0];
    assert_eq!(d["status"], "delivered");
    assert_eq!(d["attempts"], 3);
    assert_eq!(d["last_status_code"], 200);
    assert!(d["delivered_at"].is_string());
    assert_eq!(d["payload"]["event"], "alert.opened");
}

#[tokio::test]
async fn a_receiver_that_keeps_failing_is_given_up_after_eight_attempts() {
    let app = spawn_app_with(|s| {
        s.webhook_poll_ms = 20;
        s.webhook_backoff_base_secs = 0;
    })
    .await;
    let receiver = Receiver::start(usize::MAX);
    let admin = app.admin().await;
    let id = subscribe(&admin, &receiver.url, json!(["alert.opened"])).await;
    raise_difficulty(&app).await;

    let log = settled_log(&admin, id).await;
    let d = &log["items"][0];
    assert_eq!(d["status"], "failed");
    assert_eq!(d["attempts"], 8);
    assert_eq!(d["last_status_code"], 500);
    assert_eq!(d["last_error"], "HTTP 500 Internal Server Error");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(receiver.received().len(), 8, "no attempt after giving up");
}

#[tokio::test]
async fn only_admins_manage_webhooks_and_only_http_addresses_are_accepted() {
    let app = spawn_app_with(|_| {}).await;
    let coordinator = app.coordinator().await;
    problem(coordinator.get("/api/v1/webhooks").await, 403).await;
    let input = json!({"name": "IOC", "url": "https://ioc.dongnai.gov.vn/hooks", "secret": SECRET});
    problem(coordinator.post("/api/v1/webhooks", &input).await, 403).await;

    let admin = app.admin().await;
    let mut bad = input.clone();
    bad["url"] = json!("ftp://ioc.dongnai.gov.vn/hooks");
    let body = problem(admin.post("/api/v1/webhooks", &bad).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "url");
    bad["url"] = input["url"].clone();
    bad["secret"] = json!("ngan");
    let body = problem(admin.post("/api/v1/webhooks", &bad).await, 422).await;
    assert_eq!(body["errors"][0]["field"], "secret");

    let res = admin.post("/api/v1/webhooks", &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    assert_eq!(
        created["event_types"],
        json!([
            "alert.opened",
            "alert.closed",
            "directive.created",
            "task.assigned",
            "task.state_changed",
            "task.overdue"
        ])
    );
    let path = format!("/api/v1/webhooks/{}", created["id"]);
    problem(coordinator.delete(&path, None).await, 403).await;
    assert_eq!(admin.delete(&path, None).await.status(), StatusCode::NO_CONTENT);
    problem(admin.get(&format!("{path}/deliveries")).await, 404).await;
    problem(admin.delete(&path, None).await, 404).await;

    // Audited, without the secret.
    let audit = admin.get_json("/api/v1/audit?entity=webhook_subscription").await;
    assert_eq!(audit["total"], 2);
    assert!(!audit.to_string().contains(SECRET));
}

#[tokio::test]
async fn two_workers_never_claim_the_same_delivery_and_an_expired_lease_is_fenced_off() {
    // The server's own worker polls hourly here, so only this test claims.
    let app = spawn_app_with(|s| s.webhook_poll_ms = 3_600_000).await;
    let sub = store::webhooks::create(
        &app.db,
        &ValidWebhook {
            name: "IOC".into(),
            url: "http://127.0.0.1:9/".into(),
            secret: SECRET.into(),
            event_types: vec![WebhookEvent::AlertOpened],
        },
    )
    .await
    .unwrap();
    let now = store::now();
    for _ in 0..12 {
        outbox_job::ActiveModel {
            channel: Set("webhook".into()),
            subscription_id: Set(Some(sub.id)),
            event_type: Set("alert.opened".into()),
            payload: Set("{}".into()),
            status: Set("pending".into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }

    // Two "instances" claim at the same moment: every job goes to exactly one of them.
    let (a, b) = tokio::join!(jobs::claim_due(&app.db, now, 8), jobs::claim_due(&app.db, now, 8));
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut ids: Vec<i32> = a.iter().chain(&b).map(|j| j.delivery.id).collect();
    ids.sort();
    let claimed = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), claimed, "a job was claimed twice");
    let rest = jobs::claim_due(&app.db, now, 100).await.unwrap();
    assert_eq!(claimed + rest.len(), 12);
    assert!(
        jobs::claim_due(&app.db, now, 100).await.unwrap().is_empty(),
        "all leased"
    );

    // A lease that expired (the instance died or hung) is claimable again, and the late
    // instance can no longer record its result over the new claim's.
    let first = a.iter().chain(&b).next().expect("something claimed");
    let later = now + chrono::Duration::seconds(jobs::LEASE_SECS + 1);
    let again = jobs::claim_due(&app.db, later, 100).await.unwrap();
    let second = again.iter().find(|j| j.delivery.id == first.delivery.id).unwrap();
    jobs::succeeded(&app.db, first, 200, later).await.unwrap();
    let row = outbox_job::Entity::find_by_id(first.delivery.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "pending");
    assert_eq!(row.locked_until, Some(second.lease));
    jobs::succeeded(&app.db, second, 204, later).await.unwrap();
    let row = outbox_job::Entity::find_by_id(first.delivery.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.status.as_str(), row.attempts, row.locked_until),
        ("delivered", 1, None)
    );
}

#[tokio::test]
async fn webhook_urls_on_loopback_private_or_link_local_addresses_are_refused_by_default() {
    let app = spawn_app_with(|s| s.webhook_allow_private = false).await;
    let admin = app.admin().await;
    let input = |url: &str| json!({"name": "IOC", "url": url, "secret": SECRET});
    for url in [
        "http://127.0.0.1:8080/hooks",
        "http://localhost/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/hooks",
        "http://172.16.1.1/hooks",
        "http://192.168.1.10/hooks",
        "http://[::1]/hooks",
        "http://[fd00::1]/hooks",
        "http://[fe80::1]/hooks",
        "http://0.0.0.0/hooks",
        "http://224.0.0.1/hooks",
        "http://2130706433/hooks",
    ] {
        let body = problem(admin.post("/api/v1/webhooks", &input(url)).await, 422).await;
        assert_eq!(body["errors"][0]["field"], "url", "{url}");
        assert_eq!(body["errors"][0]["code"], "non_public_url", "{url}");
    }
    assert_eq!(app.count("webhook_subscriptions").await, 0);
    let res = admin
        .post("/api/v1/webhooks", &input("https://ioc.dongnai.gov.vn/hooks"))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_private_receiver_is_accepted_when_the_configuration_allows_it() {
    let app = spawn_app_with(|s| s.webhook_allow_private = true).await;
    let admin = app.admin().await;
    subscribe(&admin, "http://127.0.0.1:9000/hooks", json!(["alert.opened"])).await;
}

/// Subscriptions stored without the check (saved under another configuration, or a name
/// that resolves to loopback only at delivery time) are refused when sending.
#[tokio::test]
async fn deliveries_to_loopback_are_refused_at_send_time_after_name_resolution() {
    let app = spawn_app_with(|s| {
        s.webhook_allow_private = false;
        s.webhook_poll_ms = 20;
        s.webhook_backoff_base_secs = 0;
    })
    .await;
    let receiver = Receiver::start(0);
    let port = receiver
        .url
        .split(':')
        .nth(2)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let mut ids = Vec::new();
    for url in [
        // A name: only the resolver can tell it is this machine.
        format!("http://localhost:{port}/ioc/alerts"),
        // An IP literal: the client never resolves it, the worker checks it.
        receiver.url.clone(),
    ] {
        let sub = store::webhooks::create(
            &app.db,
            &ValidWebhook {
                name: "IOC".into(),
                url,
                secret: SECRET.into(),
                event_types: vec![WebhookEvent::AlertOpened],
            },
        )
        .await
        .unwrap();
        ids.push(sub.id);
    }
    raise_difficulty(&app).await;
    let admin = app.admin().await;
    for id in ids {
        let log = settled_log(&admin, id.into()).await;
        let d = &log["items"][0];
        assert_eq!(d["status"], "failed", "{log}");
        assert_eq!(d["last_status_code"], Value::Null);
        let error = d["last_error"].as_str().unwrap();
        assert!(
            error.contains("no public address") || error.contains("refused address"),
            "{error}"
        );
    }
    assert!(receiver.received().is_empty(), "nothing reached the loopback receiver");
}

#[tokio::test]
async fn a_notified_task_event_reaches_only_the_subscribers_of_that_event() {
    use ioc_api::notify::{emit, Audience};
    use ioc_domain::NotificationEvent;
    let app = spawn_app_with(|s| s.webhook_poll_ms = 50).await;
    let (tasks, alerts) = (Receiver::start(0), Receiver::start(0));
    let admin = app.admin().await;
    subscribe(&admin, &tasks.url, json!(["task.state_changed"])).await;
    subscribe(&admin, &alerts.url, json!(["alert.opened"])).await;
    let n = crate::notifications::notice(
        NotificationEvent::TaskStateChanged,
        vec![Audience::Unit(app.fx.unit_a)],
        "task:12:acknowledged",
    );
    emit(&app.db, app.clock.now(), n).await.unwrap();
    let got = tasks.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].event, "task.state_changed");
    assert_eq!(
        got[0].signature,
        expected_signature(SECRET, &got[0].timestamp, &got[0].body)
    );
    let body: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(
        (body["event"].clone(), body["data"]["task_id"].clone()),
        (json!("task.state_changed"), json!(12))
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(alerts.received().is_empty(), "not subscribed to task events");
}
