//! The background work of this server, as jobs (`app::server::jobs`): the hourly clean-up of
//! expired sign-in state, old finished jobs and expired links in the outbox; password-reset
//! mails; and, with SMTP configured, outbox delivery.
//! Every app server registers the same recurring jobs; each run happens on one of them.
use crate::config::Config;
use app::{
    auth::server::{login, recovery, store::DbSessionStore},
    server::{
        db::Db,
        jobs::{store::purge_finished, Registry, Runner, RunnerSettings},
        mail::{
            outbox,
            smtp::{self, Delivery},
        },
        throttle,
    },
};
use std::time::Duration;
use tower_sessions::ExpiredDeletion;

pub const CLEANUP: &str = "sign_in.cleanup";
pub const DELIVER_EMAIL: &str = "email.deliver";
const HOUR: Duration = Duration::from_secs(3600);

/// The jobs this server runs.
pub fn registry(db: &Db, config: &Config) -> Registry {
    let (cleanup_db, reset_db, base_url) = (db.clone(), db.clone(), config.base_url());
    let registry = Registry::new()
        .every(CLEANUP, HOUR, move |_| {
            let db = cleanup_db.clone();
            async move { clean_up(&db).await }
        })
        .on(recovery::RESET_MAIL_JOB, move |job| {
            let (db, base_url) = (reset_db.clone(), base_url.clone());
            async move {
                let request: recovery::ResetMail = job.payload()?;
                recovery::mail_reset_link(&db, &base_url, &request.email)
                    .await
                    .map_err(|e| e.to_string())
            }
        });
    let Some(smtp) = &config.smtp else {
        return registry;
    };
    match Delivery::new(&smtp.settings()) {
        Ok(delivery) => {
            tracing::info!(host = %smtp.host, "e-mail is sent through SMTP");
            let db = db.clone();
            registry.every(DELIVER_EMAIL, smtp::POLL_EVERY, move |_| {
                let (db, delivery) = (db.clone(), delivery.clone());
                async move { delivery.deliver_due(&db).await.map_err(|e| e.to_string()) }
            })
        }
        Err(problem) => {
            tracing::error!(%problem, "e-mail stays in the outbox");
            registry
        }
    }
}

/// Starts this server's job runner; shutdown waits for running jobs up to the grace period.
pub async fn start(db: &Db, config: &Config) -> Result<Runner, app::error::AppError> {
    let settings = RunnerSettings {
        grace: config.shutdown_grace,
        ..RunnerSettings::default()
    };
    Runner::start(db.clone(), registry(db, config), settings).await
}

/// Deletes expired sessions, logins and throttle counts, and old finished jobs, and removes
/// expired links from the outbox. Every step is
/// idempotent; the first failure fails the run (and it is retried).
async fn clean_up(db: &Db) -> Result<(), String> {
    DbSessionStore::new(db)
        .delete_expired()
        .await
        .map_err(|e| format!("expired sessions: {e}"))?;
    login::delete_expired(db)
        .await
        .map_err(|e| format!("expired logins: {e}"))?;
    throttle::delete_expired(db)
        .await
        .map_err(|e| format!("old rate-limit counts: {e}"))?;
    purge_finished(db)
        .await
        .map_err(|e| format!("finished jobs: {e}"))?;
    outbox::scrub_expired(db)
        .await
        .map_err(|e| format!("expired links in the outbox: {e}"))?;
    Ok(())
}
