//! `ioc`: the server binary and its maintenance commands.

use anyhow::Context;
use clap::{Parser, Subcommand};
use ioc_api::config::Settings;
use ioc_api::startup::Application;

#[derive(Parser)]
#[command(name = "ioc", version, about = "Đồng Nai IOC key-project monitor")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (default). Applies pending migrations first.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an administrator (password from IOC_ADMIN_PASSWORD, at least 10 characters).
    CreateAdmin {
        #[arg(long, default_value = "admin")]
        username: String,
        #[arg(long, default_value = "Quản trị hệ thống")]
        display_name: String,
    },
    /// Load the demo data set (or a synthetic one) into an empty database.
    SeedDemo {
        /// Generate this many synthetic projects instead of the demo set (benchmarks).
        #[arg(long)]
        synthetic: Option<usize>,
        /// Weekly reports per synthetic project.
        #[arg(long, default_value_t = 52)]
        weeks: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print the OpenAPI document (JSON) to stdout.
    PrintOpenapi,
    /// Exit 0 when the server answers `/readyz` with 200 (container health checks: the slim
    /// image has no curl). Asks the configured bind address unless `--url` is given.
    Healthcheck {
        #[arg(long)]
        url: Option<String>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load()?;
    ioc_api::telemetry::init(settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings).await?;
            tracing::info!(port = app.port(), "serving API on /api/v1, docs on /api/docs/");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            let db = ioc_api::db::connect(&settings.effective_database_url()?).await?;
            ioc_api::db::migrate(&db).await?;
            println!("migrations applied");
        }
        Command::CreateAdmin { username, display_name } => {
            let password = std::env::var("IOC_ADMIN_PASSWORD").context("set IOC_ADMIN_PASSWORD")?;
            let db = ioc_api::db::connect(&settings.effective_database_url()?).await?;
            ioc_api::db::migrate(&db).await?;
            ioc_api::cli::create_admin(&db, &username, &display_name, &password).await?;
            println!("administrator {username} created");
        }
        Command::SeedDemo { synthetic, weeks, seed } => {
            let db = ioc_api::db::connect(&settings.effective_database_url()?).await?;
            ioc_api::db::migrate(&db).await?;
            let today = ioc_api::state::today_in_province();
            let data = match synthetic {
                Some(n) => ioc_demo::synthetic_dataset(n, weeks, seed, today),
                None => ioc_demo::demo_dataset(today),
            };
            ioc_api::cli::seed(&db, &data, today, &settings.thresholds).await?;
            println!("loaded {} projects (sample data)", data.projects.len());
        }
        Command::PrintOpenapi => {
            println!("{}", ioc_api::startup::openapi().to_pretty_json()?);
        }
        Command::Healthcheck { url } => {
            let url = url.unwrap_or_else(|| ioc_api::cli::readyz_url(&settings.bind));
            // A short line for `docker inspect`, not a backtrace.
            if let Err(e) = ioc_api::cli::healthcheck(&url).await {
                eprintln!("not ready: {e:#}");
                std::process::exit(1);
            }
            println!("ready: {url}");
        }
    }
    Ok(())
}
