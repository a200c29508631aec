//! The command line: `steward` (or `steward serve`) runs the server; `steward migrate`
//! applies migrations and exits.
use crate::{config::Config, serve, telemetry};

const USAGE: &str = "usage: steward [serve | migrate | help]

  serve     run the web server (default)
  migrate   apply pending database migrations and exit

Configuration comes from environment variables; see .env.example.";

pub async fn run(args: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "help" | "--help" | "-h") {
        println!("{USAGE}");
        return Ok(());
    }
    if args.len() > 1 {
        return Err(format!("unexpected argument {:?}\n\n{USAGE}", args[1]).into());
    }
    let config = Config::from_env()?;
    telemetry::init(&config);
    match command {
        "serve" => serve::run(config).await?,
        "migrate" => {
            let db = serve::open_database(&config).await?;
            println!(
                "steward: migrations applied to the {} database",
                db.backend()
            );
            db.close().await;
        }
        other => return Err(format!("unknown command {other:?}\n\n{USAGE}").into()),
    }
    Ok(())
}
