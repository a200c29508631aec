//! Start-up and shutdown: connect and migrate, serve, and on SIGTERM or Ctrl-C stop accepting
//! connections and let requests and jobs in flight finish (up to the configured grace period).
use crate::{background, config::Config, router};
use app::server::db::Db;
use std::{io, net::SocketAddr};
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Database(#[from] app::server::db::ConnectError),
    #[error("could not listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        source: io::Error,
    },
    #[error("server error: {0}")]
    Io(#[from] io::Error),
    #[error("could not start the job runner: {0}")]
    Jobs(#[from] app::error::AppError),
}

/// Connects to the database named by the config and applies pending migrations.
pub async fn open_database(config: &Config) -> Result<Db, ServeError> {
    let db = Db::connect(
        config.database_url.expose(),
        config.database_max_connections,
    )
    .await?;
    db.migrate().await?;
    Ok(db)
}

pub async fn run(config: Config) -> Result<(), ServeError> {
    let db = open_database(&config).await?;
    tracing::info!(backend = db.backend(), "database ready");
    let state = router::app_state(db.clone(), &config);
    let jobs = background::start(&db, &config).await?;
    let app = router::build(state, &config);
    let listener = TcpListener::bind(config.bind_address)
        .await
        .map_err(|source| ServeError::Bind {
            address: config.bind_address,
            source,
        })?;
    tracing::info!("Steward is listening on http://{}", config.bind_address);

    let (stopping_tx, mut stopping_rx) = tokio::sync::watch::channel(false);
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        let _ = stopping_tx.send(true);
    });
    let grace = config.shutdown_grace;
    let mut jobs_stopping = stopping_rx.clone();
    let deadline = async move {
        let _ = stopping_rx.wait_for(|stopping| *stopping).await;
        tokio::time::sleep(grace).await;
    };
    // Running jobs get the same grace period as requests, at the same time.
    let jobs_stopped = async move {
        let _ = jobs_stopping.wait_for(|stopping| *stopping).await;
        jobs.shutdown().await;
    };
    let requests_stopped = async move {
        tokio::select! {
            result = server => result,
            () = deadline => {
                tracing::warn!(?grace, "requests still running after the grace period; stopping anyway");
                Ok(())
            }
        }
    };
    let (served, ()) = tokio::join!(requests_stopped, jobs_stopped);
    served?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
