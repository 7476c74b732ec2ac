//! `ioc-bench-baseline`: the floor `scripts/bench.sh` compares the server with. One endpoint,
//! `GET /projects`, answers the first 20 rows of the server's `projects` table as JSON: the
//! HTTP stack, pool and driver of the server without its authentication, filters, joins and
//! headers. `DATABASE_URL` picks PostgreSQL or SQLite; `IOC_BIND` the address.

mod rows;

use actix_web::{get, web, App, HttpResponse, HttpServer};
use anyhow::Context;

use rows::Pool;

#[get("/projects")]
async fn projects(pool: web::Data<Pool>) -> HttpResponse {
    match pool.first_page().await {
        Ok(rows) => HttpResponse::Ok().json(rows),
        Err(e) => {
            // The benchmark counts non-2xx answers as errors; the cause goes to stderr.
            eprintln!("query failed: {e}");
            HttpResponse::InternalServerError().finish()
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL").context("set DATABASE_URL (postgres://… or sqlite://…)")?;
    let bind = std::env::var("IOC_BIND").unwrap_or_else(|_| "127.0.0.1:8090".into());
    let pool = web::Data::new(Pool::connect(&url).await?);
    println!("baseline serving GET /projects on {bind}");
    // Default worker count (one per core), as the server has.
    HttpServer::new(move || App::new().app_data(pool.clone()).service(projects))
        .bind(&bind)
        .with_context(|| format!("binding {bind}"))?
        .run()
        .await?;
    Ok(())
}
