//! Failed-login throttling per (username, client address) with growing waits, a per-address
//! limit, and `X-Forwarded-For` believed only from trusted proxies. The test server runs
//! behind no proxy, so "addresses" are simulated with `X-Forwarded-For` from 127.0.0.1,
//! configured as a trusted proxy where a test needs it.

use std::time::Duration;

use ioc_api::client_addr::TrustedProxies;
use ioc_api::config::Settings;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{problem, spawn_app_with, TestApp, PASSWORD};

const ADDRESS_A: &str = "198.51.100.10";
const ADDRESS_B: &str = "203.0.113.20";

fn behind_a_trusted_proxy(s: &mut Settings) {
    s.trusted_proxies = TrustedProxies::parse(["127.0.0.1"]).unwrap();
}

async fn login_from(app: &TestApp, forwarded_for: &str, username: &str, password: &str) -> reqwest::Response {
    app.anon()
        .raw(reqwest::Method::POST, "/api/v1/auth/login")
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
}

fn retry_after(res: &reqwest::Response) -> u64 {
    res.headers()["retry-after"].to_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_strangers_failures_never_lock_the_admin_out_from_another_address() {
    let app = spawn_app_with(|s| {
        behind_a_trusted_proxy(s);
        s.login_max_failures_per_user = 5;
    })
    .await;
    for _ in 0..5 {
        let res = login_from(&app, ADDRESS_A, "admin", "doan-bua").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // The stranger's address now waits, even with the right password...
    let res = login_from(&app, ADDRESS_A, "admin", PASSWORD).await;
    assert!(retry_after(&res) >= 1);
    assert_eq!(problem(res, 429).await["code"], "too_many_attempts");
    // ...but the admin, from its own address, signs in.
    let res = login_from(&app, ADDRESS_B, "admin", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    // And that success does not wipe the stranger's count.
    let res = login_from(&app, ADDRESS_A, "admin", "doan-tiep").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn x_forwarded_for_is_ignored_when_the_peer_is_not_a_trusted_proxy() {
    // No trusted proxy: every request comes from its TCP peer, 127.0.0.1, whatever it claims.
    let app = spawn_app_with(|s| s.login_max_failures_per_user = 3).await;
    for i in 0..3 {
        // A client rotating forged addresses does not escape its count.
        let res = login_from(&app, &format!("192.0.2.{i}"), "viewer", "doan-bua").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = login_from(&app, ADDRESS_B, "viewer", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn each_further_failure_doubles_the_wait() {
    let app = spawn_app_with(|s| {
        behind_a_trusted_proxy(s);
        s.login_max_failures_per_user = 2;
        s.login_delay_base_secs = 1;
        s.login_delay_max_secs = 60;
    })
    .await;
    for _ in 0..2 {
        let res = login_from(&app, ADDRESS_A, "viewer", "doan-bua").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let mut waits = Vec::new();
    for _ in 0..3 {
        let res = login_from(&app, ADDRESS_A, "viewer", "doan-bua").await;
        assert_eq!(
            res.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "tries during the wait are refused unseen"
        );
        let wait = retry_after(&res);
        waits.push(wait);
        // Once the wait is over, one more try is allowed (and fails again).
        tokio::time::sleep(Duration::from_millis(wait * 1000 + 100)).await;
        let res = login_from(&app, ADDRESS_A, "viewer", "doan-bua").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(waits, [1, 2, 4]);
    // The next wait (8 s) holds for the right password too, from that address only.
    let res = login_from(&app, ADDRESS_A, "viewer", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(retry_after(&res), 8);
    assert_eq!(
        login_from(&app, ADDRESS_B, "viewer", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn one_address_trying_many_usernames_is_stopped_and_others_are_not() {
    let app = spawn_app_with(|s| {
        behind_a_trusted_proxy(s);
        s.login_max_failures_per_ip = 4;
    })
    .await;
    for i in 0..4 {
        let res = login_from(&app, ADDRESS_A, &format!("ghost{i}"), "x").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = login_from(&app, ADDRESS_A, "admin", PASSWORD).await;
    let wait = retry_after(&res);
    assert!((1..=900).contains(&wait), "{wait}");
    problem(res, 429).await;
    assert_eq!(
        login_from(&app, ADDRESS_B, "admin", PASSWORD).await.status(),
        StatusCode::OK
    );
}
