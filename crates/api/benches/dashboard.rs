//! Dashboard benchmark: 10 000 synthetic projects with 52 weekly reports each, the overview,
//! progress and disbursement endpoints timed over real HTTP against the raw SQL aggregates
//! they rest on, on the same database in the same run. Ratios, not absolute times, are the
//! result (machines differ).
//!
//! `cargo bench -p ioc-api --bench dashboard` (SQLite); with `BENCH_DATABASE_URL` (a
//! PostgreSQL URL whose user may create databases) it also runs on PostgreSQL.
//! `BENCH_PROJECTS` / `BENCH_WEEKS` / `BENCH_ITERATIONS` change the size. The report is
//! written to `target/bench-dashboard.md`.

use std::time::{Duration, Instant};

use ioc_api::config::{Secret, Settings};
use ioc_api::startup::Application;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The raw aggregates behind the three endpoints, written by hand: the floor any endpoint
/// built on them can reach.
const RAW_SQL: &[(&str, &str)] = &[
    (
        "overview",
        "SELECT progress_status, phase, COUNT(*), SUM(total_investment), SUM(output_value) FROM projects \
         WHERE archived = false GROUP BY progress_status, phase",
    ),
    ("overview", "SELECT SUM(amount) FROM capital_plans WHERE year = {year}"),
    (
        "overview",
        "SELECT SUM(amount) FROM disbursements WHERE paid_on >= '{year}-01-01' AND paid_on <= '{today}'",
    ),
    (
        "overview",
        "SELECT as_of, COUNT(*), SUM(actual_bp), SUM(planned_bp) FROM progress_reports \
         WHERE as_of >= '{weeks_ago}' AND as_of <= '{today}' GROUP BY as_of",
    ),
    (
        "progress",
        "SELECT * FROM projects WHERE archived = false ORDER BY code LIMIT 20",
    ),
    (
        "progress",
        "SELECT id, code, name FROM projects WHERE archived = false AND progress_status = 'delayed' \
         ORDER BY planned_bp - actual_bp DESC LIMIT 5",
    ),
    (
        "disbursement",
        "SELECT project_id, SUM(amount) FROM capital_plans WHERE year = {year} GROUP BY project_id",
    ),
    (
        "disbursement",
        "SELECT project_id, SUM(amount) FROM disbursements WHERE paid_on >= '{year}-01-01' AND paid_on <= '{today}' \
         GROUP BY project_id",
    ),
    (
        "disbursement",
        "SELECT paid_on, SUM(amount) FROM disbursements WHERE paid_on >= '{year}-01-01' AND paid_on <= '{today}' \
         GROUP BY paid_on",
    ),
];

async fn fresh_url(dir: &std::path::Path, pg_admin: Option<&str>) -> String {
    match pg_admin {
        Some(admin_url) => {
            let name = format!("ioc_bench_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(admin_url).await.expect("connect");
            admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("CREATE DATABASE {name}"),
                ))
                .await
                .expect("create database");
            format!(
                "{}/{name}",
                admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin_url)
            )
        }
        None => format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()),
    }
}

async fn time_raw(db: &DatabaseConnection, group: &str, iterations: usize) -> Duration {
    use chrono::Datelike;
    let today = ioc_api::state::today_in_province();
    let weeks_ago = today - chrono::Duration::weeks(26);
    let start = Instant::now();
    for _ in 0..iterations {
        for (_, sql) in RAW_SQL.iter().filter(|(g, _)| *g == group) {
            let sql = sql
                .replace("{year}", &today.year().to_string())
                .replace("{today}", &today.to_string())
                .replace("{weeks_ago}", &weeks_ago.to_string());
            db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .expect("raw query");
        }
    }
    start.elapsed() / iterations as u32
}

async fn time_endpoint(http: &reqwest::Client, url: &str, token: &str, iterations: usize) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        let res = http.get(url).bearer_auth(token).send().await.expect("request");
        assert!(res.status().is_success(), "{url}: {}", res.status());
        res.bytes().await.expect("body");
    }
    start.elapsed() / iterations as u32
}

async fn run(label: &str, pg_admin: Option<&str>, projects: usize, weeks: usize, iterations: usize) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = fresh_url(dir.path(), pg_admin).await;
    let today = ioc_api::state::today_in_province();
    let settings = Settings {
        data_dir: dir.path().to_path_buf(),
        database_url: Some(url.clone()),
        bind: "127.0.0.1:0".into(),
        jwt_secret: Some(Secret::new("bench-secret-that-is-long-enough-0123456789")),
        demo_on_first_run: false,
        ..Settings::default()
    };
    let db = ioc_api::db::connect(&url).await.expect("connect");
    ioc_api::db::migrate(&db).await.expect("migrate");
    let load_start = Instant::now();
    let data = ioc_demo::synthetic_dataset(projects, weeks, 1, today);
    ioc_api::cli::seed(&db, &data, today, &settings.thresholds)
        .await
        .expect("load");
    let load = load_start.elapsed();
    let app = Application::build(settings).await.expect("app");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "admin", "password": ioc_demo::DEMO_PASSWORD}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("login body");
    let token = login["access_token"].as_str().expect("token").to_owned();
    let mut out = format!(
        "### {label}: {projects} projects × {weeks} weekly reports (loaded in {:.0} s)\n\n\
         | endpoint | endpoint (ms) | raw SQL aggregates (ms) | ratio |\n|---|---:|---:|---:|\n",
        load.as_secs_f64()
    );
    for group in ["overview", "progress", "disbursement"] {
        let url = format!("{base}/api/v1/dashboard/{group}");
        // Warm up caches on both paths before measuring.
        time_endpoint(&http, &url, &token, 1).await;
        time_raw(&db, group, 1).await;
        let api = time_endpoint(&http, &url, &token, iterations).await;
        let raw = time_raw(&db, group, iterations).await;
        out.push_str(&format!(
            "| `/dashboard/{group}` | {:.1} | {:.1} | {:.2} |\n",
            api.as_secs_f64() * 1e3,
            raw.as_secs_f64() * 1e3,
            api.as_secs_f64() / raw.as_secs_f64().max(1e-9)
        ));
    }
    out.push('\n');
    out
}

fn main() {
    let projects = env_usize("BENCH_PROJECTS", 10_000);
    let weeks = env_usize("BENCH_WEEKS", 52);
    let iterations = env_usize("BENCH_ITERATIONS", 10);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut report = String::from("## Dashboard benchmark\n\n");
    let sqlite = rt.block_on(run("SQLite", None, projects, weeks, iterations));
    println!("{sqlite}");
    report.push_str(&sqlite);
    if let Ok(pg) = std::env::var("BENCH_DATABASE_URL") {
        let pg = rt.block_on(run("PostgreSQL", Some(&pg), projects, weeks, iterations));
        println!("{pg}");
        report.push_str(&pg);
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let path = std::path::Path::new(&target).join("bench-dashboard.md");
    if std::fs::write(&path, &report).is_ok() {
        println!("report written to {}", path.display());
    }
}
