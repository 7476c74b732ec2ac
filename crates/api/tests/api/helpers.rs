//! `spawn_app()` and one HTTP client per role.

use chrono::NaiveDate;
use ioc_api::config::{Secret, Settings};
use ioc_api::startup::Application;
use ioc_domain::dto::{LocalityInput, ProjectInput, UnitInput, UserInput};
use ioc_domain::{Phase, ProjectGroup, Role, Sector, UnitKind};
use reqwest::{Response, StatusCode};
use rust_decimal_macros::dec;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::Value;
use tokio::sync::OnceCell;

pub const PASSWORD: &str = "mat-khau-thu-nghiem";

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    /// The server's state (settings, clock), e.g. to run an outbox round by hand.
    pub state: ioc_api::state::AppState,
    /// The server's clock: `app.clock.advance(chrono::Duration::days(5))` moves today.
    pub clock: std::sync::Arc<ioc_api::state::Clock>,
    pub fx: Fixture,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// Known data every test starts from: two units with a project each, users of every role.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub unit_a: i32,
    pub unit_b: i32,
    pub unit_dept: i32,
    pub project_a: i32,
    pub project_b: i32,
    pub integrator_user: i32,
}

/// A client signed in as one user (or carrying an integrator token).
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub token: Option<String>,
    pub http: reqwest::Client,
}

/// A fresh database URL: a SQLite file in `dir`, or a new PostgreSQL database.
async fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL").ok().filter(|s| !s.is_empty()) {
        Some(admin_url) => {
            let name = format!("ioc_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&admin_url)
                .await
                .expect("connect to TEST_DATABASE_URL");
            admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("CREATE DATABASE {name}"),
                ))
                .await
                .expect("create test database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap_or(admin_url);
            format!("{base}/{name}")
        }
        None => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
    }
}

pub fn today() -> NaiveDate {
    ioc_api::state::today_in_province()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings {
        data_dir: dir.path().to_path_buf(),
        database_url: Some(fresh_database(dir.path()).await),
        bind: "127.0.0.1:0".into(),
        jwt_secret: Some(Secret::new("test-secret-that-is-long-enough-0123456789")),
        demo_on_first_run: false,
        // The webhook tests' receivers listen on 127.0.0.1; `outbound` tests turn this off.
        webhook_allow_private: true,
        ..Settings::default()
    };
    adjust(&mut settings);
    let app = Application::build(settings).await.expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    let state = app.state.clone();
    let clock = app.state.clock.clone();
    tokio::spawn(app.run_until_stopped());
    let fx = seed_fixture(&db).await;
    TestApp {
        address,
        db,
        state,
        clock,
        fx,
        http: reqwest::Client::new(),
        _dir: dir,
    }
}

/// One Argon2 hash for every test user: hashing is deliberately slow.
async fn password_hash() -> String {
    static HASH: OnceCell<String> = OnceCell::const_new();
    HASH.get_or_init(|| async { ioc_api::auth::password::hash(PASSWORD.into()).await.unwrap() })
        .await
        .clone()
}

async fn seed_fixture(db: &DatabaseConnection) -> Fixture {
    use ioc_api::store;
    for (code, name, kind) in [
        ("P-TAMPHUOC", "Phường Tam Phước", "ward"),
        ("X-PHULY", "Xã Phú Lý", "commune"),
    ] {
        store::localities::create(
            db,
            &LocalityInput {
                code: code.into(),
                name: name.into(),
                kind: kind.into(),
            },
        )
        .await
        .unwrap();
    }
    let unit = |code: &str, name: &str, kind| UnitInput {
        code: code.into(),
        name: name.into(),
        kind,
    };
    let a = store::units::create(db, &unit("BQLDA-A", "Ban QLDA A", UnitKind::ProjectManagementUnit))
        .await
        .unwrap();
    let b = store::units::create(db, &unit("BQLDA-B", "Ban QLDA B", UnitKind::ProjectManagementUnit))
        .await
        .unwrap();
    let d = store::units::create(db, &unit("SXD", "Sở Xây dựng", UnitKind::Department))
        .await
        .unwrap();
    let hash = password_hash().await;
    let mut integrator_user = 0;
    for (username, role, unit_id) in [
        ("admin", Role::Admin, None),
        ("coordinator", Role::Coordinator, Some(d.id)),
        ("editor_a", Role::UnitEditor, Some(a.id)),
        ("editor_b", Role::UnitEditor, Some(b.id)),
        ("viewer", Role::Viewer, None),
        ("leader", Role::Leader, None),
        ("integrator", Role::Integrator, Some(d.id)),
    ] {
        let input = UserInput {
            username: username.into(),
            display_name: username.into(),
            role,
            unit_id,
            password: Some(PASSWORD.into()),
            active: true,
            email: None,
        };
        let u = store::users::create(db, &input, hash.clone()).await.unwrap();
        if role == Role::Integrator {
            integrator_user = u.id;
        }
    }
    let t = today();
    let project = |code: &str, investor: i32| ProjectInput {
        code: code.into(),
        name: format!("Dự án {code}"),
        description: String::new(),
        group: ProjectGroup::B,
        sector: Sector::Transport,
        phase: Phase::Implementation,
        investor_unit_id: investor,
        managing_unit_id: None,
        locality_codes: vec!["P-TAMPHUOC".into()],
        latitude: None,
        longitude: None,
        is_key_project: true,
        total_investment: dec!(100000000000),
        planned_start: t - chrono::Duration::days(365),
        planned_end: t + chrono::Duration::days(365),
        actual_start: None,
        actual_end: None,
        baseline: vec![],
    };
    let pa = store::projects::create(db, &project("FX-A", a.id).validate(t).unwrap())
        .await
        .unwrap();
    let pb = store::projects::create(db, &project("FX-B", b.id).validate(t).unwrap())
        .await
        .unwrap();
    for id in [pa.id, pb.id] {
        store::projects::refresh_derived(db, id, t, &Default::default())
            .await
            .unwrap();
    }
    Fixture {
        unit_a: a.id,
        unit_b: b.id,
        unit_dept: d.id,
        project_a: pa.id,
        project_b: pb.id,
        integrator_user,
    }
}

impl TestApp {
    /// Another instance of the server on the same database and secret (the scale-out path:
    /// several instances behind a load balancer); its address.
    pub async fn another_instance(&self) -> String {
        self.another_instance_with(|_| {}).await
    }

    /// As [`TestApp::another_instance`], with some settings of its own.
    pub async fn another_instance_with(&self, adjust: impl FnOnce(&mut Settings)) -> String {
        let mut settings = (*self.state.settings).clone();
        settings.bind = "127.0.0.1:0".into();
        adjust(&mut settings);
        let app = Application::build(settings).await.expect("build a second instance");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

    /// The id of a fixture user by username.
    pub async fn user_id(&self, username: &str) -> i32 {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        ioc_api::entities::user::Entity::find()
            .filter(ioc_api::entities::user::Column::Username.eq(username))
            .one(&self.db)
            .await
            .unwrap()
            .expect("fixture user")
            .id
    }

    pub fn anon(&self) -> Client {
        Client {
            base: self.address.clone(),
            token: None,
            http: self.http.clone(),
        }
    }

    pub async fn login(&self, username: &str) -> Client {
        self.sign_in(username).await.0
    }

    /// Signs in; returns the client and the session's refresh token.
    pub async fn sign_in(&self, username: &str) -> (Client, String) {
        let res = self
            .anon()
            .post(
                "/api/v1/auth/login",
                &serde_json::json!({"username": username, "password": PASSWORD}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "login as {username}");
        let body: Value = res.json().await.unwrap();
        let client = Client {
            token: Some(body["access_token"].as_str().unwrap().to_owned()),
            ..self.anon()
        };
        (client, body["refresh_token"].as_str().unwrap().to_owned())
    }

    pub async fn admin(&self) -> Client {
        self.login("admin").await
    }
    pub async fn coordinator(&self) -> Client {
        self.login("coordinator").await
    }
    pub async fn editor_a(&self) -> Client {
        self.login("editor_a").await
    }
    pub async fn editor_b(&self) -> Client {
        self.login("editor_b").await
    }
    pub async fn viewer(&self) -> Client {
        self.login("viewer").await
    }
    pub async fn leader(&self) -> Client {
        self.login("leader").await
    }

    /// A client carrying a fresh integrator token issued by the admin.
    pub async fn integrator(&self) -> Client {
        let admin = self.admin().await;
        let res = admin
            .post(
                "/api/v1/integrator-tokens",
                &serde_json::json!({"user_id": self.fx.integrator_user, "name": "IOC"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let body: Value = res.json().await.unwrap();
        Client {
            token: Some(body["token"].as_str().unwrap().to_owned()),
            ..self.anon()
        }
    }

    /// Number of audit rows, read straight from the database.
    pub async fn audit_count(&self) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM audit_log",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }

    /// Rows in a table, read straight from the database.
    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

impl Client {
    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut r = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            r = r.bearer_auth(t);
        }
        r
    }

    pub async fn get(&self, path: &str) -> Response {
        self.req(reqwest::Method::GET, path).send().await.unwrap()
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let res = self.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        res.json().await.unwrap()
    }

    /// GET returning the body and its ETag.
    pub async fn get_with_etag(&self, path: &str) -> (Value, String) {
        let res = self.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        let tag = res.headers().get("etag").expect("etag").to_str().unwrap().to_owned();
        (res.json().await.unwrap(), tag)
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.req(reqwest::Method::POST, path).json(body).send().await.unwrap()
    }

    pub async fn post_if_match(&self, path: &str, body: &Value, if_match: &str) -> Response {
        self.req(reqwest::Method::POST, path)
            .header("If-Match", if_match)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, body: &Value, if_match: Option<&str>) -> Response {
        let mut r = self.req(reqwest::Method::PUT, path).json(body);
        if let Some(m) = if_match {
            r = r.header("if-match", m);
        }
        r.send().await.unwrap()
    }

    pub async fn delete(&self, path: &str, if_match: Option<&str>) -> Response {
        let mut r = self.req(reqwest::Method::DELETE, path);
        if let Some(m) = if_match {
            r = r.header("if-match", m);
        }
        r.send().await.unwrap()
    }

    pub fn raw(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.req(method, path)
    }
}

/// Asserts a problem+json answer with `status` and returns its body.
impl Client {
    /// The same signed-in client talking to another instance.
    pub fn on(&self, base: &str) -> Client {
        Client {
            base: base.to_owned(),
            ..self.clone()
        }
    }
}

pub async fn problem(res: Response, status: u16) -> Value {
    assert_eq!(res.status().as_u16(), status, "unexpected status");
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(ct.starts_with("application/problem+json"), "content-type was {ct}");
    res.json().await.unwrap()
}

/// The 422 problem's entry for `field` (which must have both messages), for field-level checks.
pub async fn field_problem(res: Response, field: &str) -> Value {
    let body = problem(res, 422).await;
    let e = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == field)
        .unwrap_or_else(|| panic!("no error on {field}: {body}"))
        .clone();
    assert!(!e["message_vi"].as_str().unwrap().is_empty(), "{body}");
    assert!(!e["message_en"].as_str().unwrap().is_empty(), "{body}");
    e
}

/// The project input JSON tests post and put, valid by default.
pub fn project_json(code: &str, investor: i32) -> Value {
    let t = today();
    serde_json::json!({
        "code": code,
        "name": format!("Đường {code}"),
        "group": "b",
        "sector": "transport",
        "phase": "implementation",
        "investor_unit_id": investor,
        "locality_codes": ["P-TAMPHUOC"],
        "total_investment": "250000000000",
        "planned_start": (t - chrono::Duration::days(200)).to_string(),
        "planned_end": (t + chrono::Duration::days(500)).to_string(),
    })
}

pub fn report_json(as_of: NaiveDate, percent: &str, output: &str) -> Value {
    serde_json::json!({
        "as_of": as_of.to_string(),
        "actual_percent": percent,
        "output_value": output,
        "work_done": "Thi công nền đường",
        "next_week_plan": "Thảm nhựa",
    })
}
