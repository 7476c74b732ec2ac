//! Building the application: database, migrations, first-run demo data, HTTP server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, Service};
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::Context;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::jwt::JwtKeys;
use crate::conditional_get::Conditional as ConditionalGet;
use crate::config::Settings;
use crate::error::ApiError;
use crate::request_span::RequestSpan;
use crate::routes::docs::{ApiDoc, KnownRoutes};
use crate::state::AppState;
use crate::{demo, middleware, routes, store};

pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
}

impl Application {
    /// Connects, migrates, loads the demo data on a first run of the embedded database,
    /// refreshes statuses for today and binds the listener (port 0 picks a free port).
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        settings.validate()?;
        let url = settings.effective_database_url()?;
        let db = crate::db::connect(&url).await?;
        crate::db::migrate(&db).await?;
        let secret = settings.resolve_jwt_secret()?;
        let jwt = JwtKeys::new(&secret, settings.access_token_ttl_secs);
        let state = AppState {
            db,
            settings: Arc::new(settings),
            jwt,
            clock: Arc::new(crate::state::Clock::default()),
            views: Arc::new(crate::view_cache::ViewCache::default()),
        };
        if state.settings.uses_embedded_database() && state.settings.demo_on_first_run && is_empty(&state.db).await? {
            tracing::info!("empty embedded database: loading the demo data set (sample figures)");
            demo::load(
                &state.db,
                &ioc_demo::demo_dataset(state.today()),
                state.today(),
                &state.settings.thresholds,
            )
            .await?;
        }
        if store::report_weeks::ensure(&state.db, &state.settings.thresholds).await? {
            tracing::info!("weekly report totals rebuilt for the configured thresholds");
        }
        if store::disbursement_months::ensure(&state.db).await? {
            tracing::info!("monthly disbursement totals built");
        }
        let refreshed = store::projects::refresh_all(&state.db, state.today(), &state.settings.thresholds).await?;
        tracing::info!(refreshed, "project statuses refreshed for today");
        // Deadlines passed while the server was down: reminders and overdue notices now, not
        // at the first hourly tick.
        scan_task_deadlines(&state).await;
        spawn_daily_refresh(state.clone());
        crate::outbox::spawn_worker(state.clone());

        let listener =
            TcpListener::bind(&state.settings.bind).with_context(|| format!("binding {}", state.settings.bind))?;
        let port = listener.local_addr()?.port();
        let server = run(listener, state.clone())?;
        Ok(Application { port, server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

async fn is_empty(db: &DatabaseConnection) -> anyhow::Result<bool> {
    Ok(crate::entities::user::Entity::find().count(db).await? == 0)
}

/// Statuses move with the calendar (a project passes its planned end, a disbursement curve
/// rises): re-evaluate hourly what has not been evaluated for today.
fn spawn_daily_refresh(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(e) = store::projects::refresh_all(&state.db, state.today(), &state.settings.thresholds).await {
                tracing::error!(error = ?e, "scheduled status refresh failed");
            }
            scan_task_deadlines(&state).await;
        }
    });
}

/// The deadline scan (reminders, overdue notices and alerts); idempotent, so running it at
/// start-up and every hour on every instance sends each notice once.
async fn scan_task_deadlines(state: &AppState) {
    let s = &state.settings;
    match store::tasks::scan_deadlines(
        &state.db,
        state.now(),
        state.today(),
        &s.task_reminder_days,
        &s.thresholds,
    )
    .await
    {
        Ok(found) => tracing::info!(
            reminders = found.reminders.len(),
            overdue = found.overdue.len(),
            "task deadline scan"
        ),
        Err(e) => tracing::error!(error = ?e, "task deadline scan failed"),
    }
}

/// The OpenAPI document, collected from the registered handlers (the same calls that route).
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    let (_, spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(utoipa_actix_web::scope("/api/v1").configure(routes::api_v1))
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        .split_for_parts();
    let mut spec = spec;
    routes::spec_rules::apply(&mut spec);
    spec
}

fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        ApiError::bad_request(
            "invalid_query",
            format!("Tham số truy vấn không hợp lệ: {err}"),
            format!("Invalid query parameters: {err}"),
        )
        .into()
    })
}

fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err, _req| ApiError::NotFound.into())
}

pub fn run(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let spec = openapi();
    let known = web::Data::new(KnownRoutes::from_spec(&spec));
    let data = web::Data::new(state.clone());
    let max_body = state.settings.max_body_bytes;
    let static_dir = state
        .settings
        .static_dir
        .clone()
        .filter(|d| d.join("index.html").exists());
    let security_headers = crate::security_headers::SecurityHeaders::new(&state.settings.frame_ancestors)?;
    let server = HttpServer::new(move || {
        let security_headers = security_headers.clone();
        // The last `wrap` is the outermost: compression, then the request id (so the root
        // span below can carry it), problem bodies and security headers, then the request's
        // span, then tags and 304s on the handler's own answer.
        let app = App::new()
            .wrap_fn(|req, srv| {
                let conditional = ConditionalGet::from_request(&req);
                let fut = srv.call(req);
                async move { conditional.finish(fut.await?).await }
            })
            .wrap(tracing_actix_web::TracingLogger::<RequestSpan>::new())
            .wrap_fn(move |req, srv| {
                let (id, lang) = middleware::assign_request_id(&req);
                let security_headers = security_headers.clone();
                let fut = srv.call(req);
                async move {
                    fut.await.map(|res| {
                        let mut res = middleware::finish_response(res, &id, lang);
                        security_headers.apply(&mut res);
                        res
                    })
                }
            })
            // Outermost, so the problem bodies above are re-rendered before compression. The
            // SPA's wasm shrinks to about a third with gzip.
            .wrap(actix_web::middleware::Compress::default())
            .app_data(data.clone())
            .app_data(known.clone())
            .app_data(query_config())
            .app_data(path_config())
            // Bounds every body read, JSON bodies included (`routes::json_body`).
            .app_data(web::PayloadConfig::new(max_body))
            .service(web::scope("/api/v1").configure(|cfg| {
                let mut c = utoipa_actix_web::service_config::ServiceConfig::new(cfg);
                routes::api_v1(&mut c);
            }))
            .service(routes::health::healthz)
            .service(routes::health::readyz)
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", spec.clone()))
            .route("/api/docs", web::get().to(|| async { redirect("/api/docs/") }));
        let app = match &static_dir {
            Some(dir) => app.service(crate::spa::service(dir.clone())),
            None => app.route("/", web::get().to(|| async { redirect("/api/docs/") })),
        };
        app.default_service(web::to(routes::docs::fallback))
    })
    .listen(listener)?
    .run();
    Ok(server)
}

fn redirect(to: &'static str) -> HttpResponse {
    HttpResponse::Found().insert_header(("location", to)).finish()
}
