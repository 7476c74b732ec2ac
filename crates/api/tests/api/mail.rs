//! E-mail through a REAL SMTP server on loopback: npm `maildev` 3.0.0, installed by
//! `scripts/setup.sh` (`npm ci` in `e2e/`). A missing binary FAILS these tests. The outbox
//! worker is driven by hand (`Worker::round`) and the clock moved, never slept past.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ioc_api::entities::outbox_job;
use ioc_api::notify::{emit, Audience};
use ioc_api::outbox::Worker;
use ioc_domain::NotificationEvent;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, TestApp};
use crate::notifications::notice;

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A maildev process started by this test, killed when dropped.
struct Maildev {
    child: Child,
    web: u16,
}

impl Maildev {
    async fn start(smtp: u16) -> Maildev {
        let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../e2e/node_modules/.bin/maildev");
        assert!(
            bin.exists(),
            "the SMTP test server is missing: {} (run scripts/setup.sh, or `npm ci` in e2e/)",
            bin.display()
        );
        let web = free_port();
        let child = Command::new(&bin)
            .args(["--smtp", &smtp.to_string(), "--ip", "127.0.0.1"])
            .args(["--web", &web.to_string(), "--web-ip", "127.0.0.1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start maildev");
        let m = Maildev { child, web };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let up = reqwest::get(format!("http://127.0.0.1:{web}/api/healthz"))
                .await
                .is_ok()
                && tokio::net::TcpStream::connect(("127.0.0.1", smtp)).await.is_ok();
            if up {
                return m;
            }
            assert!(Instant::now() < deadline, "maildev did not start on ports {smtp}/{web}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn emails(&self) -> Vec<Value> {
        let v: Value = reqwest::get(format!("http://127.0.0.1:{}/api/email", self.web))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v.as_array().unwrap().clone()
    }
}

impl Drop for Maildev {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An app whose own worker stays asleep (it polls hourly), sending to `smtp_port`.
async fn app_with_relay(smtp_port: u16, timeout_secs: u64) -> TestApp {
    spawn_app_with(|s| {
        s.webhook_poll_ms = 3_600_000;
        s.smtp_url = Some(ioc_api::config::Secret::new(format!("smtp://127.0.0.1:{smtp_port}")));
        s.smtp_timeout_secs = timeout_secs;
        s.mail_from = "IOC Đồng Nai <ioc@dongnai.gov.vn>".into();
        s.public_url = "https://ioc.dongnai.gov.vn".into();
    })
    .await
}

/// Gives editor_a an address and `mode` for every event, through the API.
async fn subscribe_editor_a(app: &TestApp, mode: &str) {
    let a = app.editor_a().await;
    let (_, tag) = a.get_with_etag("/api/v1/me/notification-preferences").await;
    let items: Vec<Value> = NotificationEvent::ALL
        .iter()
        .map(|e| json!({"event": e.as_str(), "mode": mode}))
        .collect();
    let res = a
        .put(
            "/api/v1/me/notification-preferences",
            &json!({"email": "editor.a@bqlda.dongnai.gov.vn", "items": items}),
            Some(&tag),
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn jobs(app: &TestApp, channel: &str) -> Vec<outbox_job::Model> {
    outbox_job::Entity::find()
        .filter(outbox_job::Column::Channel.eq(channel))
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_refusing_relay_leaves_the_email_pending_with_backoff_and_it_is_delivered_once_the_relay_is_up() {
    let port = free_port(); // nothing listens there yet: connections are refused
    let app = app_with_relay(port, 5).await;
    subscribe_editor_a(&app, "immediate").await;
    let n = notice(
        NotificationEvent::TaskAssigned,
        vec![Audience::Unit(app.fx.unit_a)],
        "task:21:assigned",
    );
    emit(&app.db, app.clock.now(), n).await.unwrap();
    let worker = Worker::new(app.state.clone()).unwrap();

    assert_eq!(worker.round().await.unwrap(), 1);
    let job = &jobs(&app, "email").await[0];
    assert_eq!((job.status.as_str(), job.attempts), ("pending", 1));
    assert!(
        job.last_error.as_deref().unwrap_or("").contains("onnection"),
        "{:?}",
        job.last_error
    );
    assert!(job.next_attempt_at > app.clock.now(), "retried after a backoff");
    assert_eq!(worker.round().await.unwrap(), 0, "not before the backoff");

    let relay = Maildev::start(port).await;
    app.clock.advance(chrono::Duration::minutes(5));
    assert_eq!(worker.round().await.unwrap(), 1);
    let job = &jobs(&app, "email").await[0];
    assert_eq!((job.status.as_str(), job.attempts), ("delivered", 2));
    let mails = relay.emails().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["subject"], "[IOC Đồng Nai] Nhiệm vụ mới task:21:assigned");
    assert_eq!(mails[0]["to"][0]["address"], "editor.a@bqlda.dongnai.gov.vn");
    let text = mails[0]["text"].as_str().unwrap();
    assert!(text.contains("https://ioc.dongnai.gov.vn/tasks/12"), "{text}");
    assert!(text.contains("Đề nghị đơn vị tiếp nhận nhiệm vụ"), "{text}");
    assert!(mails[0]["html"]
        .as_str()
        .unwrap()
        .contains("<a href=\"https://ioc.dongnai.gov.vn/tasks/12\">"));
}

#[tokio::test]
async fn a_relay_that_accepts_and_never_greets_times_out_and_the_job_is_retried_later() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((s, _)) = silent.accept().await {
            open.push(s); // accepted, never answered
        }
    });
    let app = app_with_relay(port, 1).await;
    subscribe_editor_a(&app, "immediate").await;
    let n = notice(
        NotificationEvent::TaskAssigned,
        vec![Audience::Unit(app.fx.unit_a)],
        "task:22:assigned",
    );
    emit(&app.db, app.clock.now(), n).await.unwrap();
    let worker = Worker::new(app.state.clone()).unwrap();
    let started = Instant::now();
    assert_eq!(worker.round().await.unwrap(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the round was held {:?}",
        started.elapsed()
    );
    let job = &jobs(&app, "email").await[0];
    assert_eq!((job.status.as_str(), job.attempts), ("pending", 1));
    assert!(
        job.last_error.as_deref().unwrap().contains("timed out"),
        "{:?}",
        job.last_error
    );
    // Meanwhile requests are answered: sending never runs in a request.
    assert_eq!(app.editor_a().await.get("/api/v1/notifications").await.status(), 200);
    held.abort();
}

#[tokio::test]
async fn two_workers_claiming_at_once_deliver_every_email_exactly_once() {
    let port = free_port();
    let relay = Maildev::start(port).await;
    let app = app_with_relay(port, 10).await;
    subscribe_editor_a(&app, "immediate").await;
    for i in 0..6 {
        let n = notice(
            NotificationEvent::TaskAssigned,
            vec![Audience::Unit(app.fx.unit_a)],
            &format!("task:{i}:assigned"),
        );
        emit(&app.db, app.clock.now(), n).await.unwrap();
    }
    let (w1, w2) = (
        Worker::new(app.state.clone()).unwrap(),
        Worker::new(app.state.clone()).unwrap(),
    );
    let (a, b) = tokio::join!(w1.round(), w2.round());
    assert_eq!(a.unwrap() + b.unwrap(), 6, "each job claimed by one worker");
    assert_eq!(w1.round().await.unwrap() + w2.round().await.unwrap(), 0);
    let all = jobs(&app, "email").await;
    assert!(
        all.iter().all(|j| j.status == "delivered" && j.attempts == 1),
        "{all:?}"
    );
    let mut subjects: Vec<String> = relay
        .emails()
        .await
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_owned())
        .collect();
    subjects.sort();
    let before = subjects.len();
    subjects.dedup();
    assert_eq!((before, subjects.len()), (6, 6), "no duplicates");
}

#[tokio::test]
async fn the_daily_digest_is_sent_once_when_the_clock_passes_the_digest_hour() {
    let port = free_port();
    let relay = Maildev::start(port).await;
    let app = app_with_relay(port, 10).await;
    subscribe_editor_a(&app, "digest").await;
    // Tomorrow at 06:00 in the province; the digest hour is 07:00.
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let tomorrow = app.clock.now().with_timezone(&tz).date_naive() + chrono::Duration::days(1);
    let six = tomorrow.and_hms_opt(6, 0, 0).unwrap().and_local_timezone(tz).unwrap();
    app.clock.set(six.with_timezone(&chrono::Utc));
    for key in ["task:31:due-in-3", "task:32:due-in-1"] {
        let n = notice(NotificationEvent::TaskDueSoon, vec![Audience::Unit(app.fx.unit_a)], key);
        let e = emit(&app.db, app.clock.now(), n).await.unwrap();
        assert_eq!(
            (e.inbox_rows, e.emails),
            (1, 0),
            "digest items are not e-mailed at once"
        );
    }
    let worker = Worker::new(app.state.clone()).unwrap();
    worker.round().await.unwrap();
    assert!(jobs(&app, "digest").await.is_empty(), "not before the hour");

    app.clock.advance(chrono::Duration::minutes(90));
    let (w2, _) = (Worker::new(app.state.clone()).unwrap(), ());
    let (a, b) = tokio::join!(worker.round(), w2.round());
    a.unwrap();
    b.unwrap();
    worker.round().await.unwrap();
    let digests = jobs(&app, "digest").await;
    assert_eq!(digests.len(), 1, "one digest per user and day");
    assert_eq!(digests[0].status, "delivered");
    let mails = relay.emails().await;
    assert_eq!(mails.len(), 1);
    let subject = mails[0]["subject"].as_str().unwrap();
    assert_eq!(
        subject,
        format!(
            "[IOC Đồng Nai] Tổng hợp thông báo ngày {} (2 mục)",
            tomorrow.format("%d/%m/%Y")
        )
    );
    let text = mails[0]["text"].as_str().unwrap();
    assert!(
        text.contains("task:31:due-in-3") && text.contains("task:32:due-in-1"),
        "{text}"
    );

    // Later the same day nothing more is sent; a new item waits for tomorrow's digest.
    let n = notice(
        NotificationEvent::TaskDueSoon,
        vec![Audience::Unit(app.fx.unit_a)],
        "task:33:due-in-1",
    );
    emit(&app.db, app.clock.now(), n).await.unwrap();
    app.clock.advance(chrono::Duration::hours(2));
    worker.round().await.unwrap();
    assert_eq!(jobs(&app, "digest").await.len(), 1);
    app.clock.advance(chrono::Duration::days(1));
    worker.round().await.unwrap();
    worker.round().await.unwrap();
    assert_eq!(jobs(&app, "digest").await.len(), 2);
    assert_eq!(relay.emails().await.len(), 2);
}
