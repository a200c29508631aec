//! The jobs page's server functions: platform admins only.
use super::types::JobList;
use crate::{error::AppError, ids::JobId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::types::JobStatus,
    crate::{
        notice::Notice,
        server::{audit::Event, flash, state::app_state, tenancy::actor},
    },
};

#[server(prefix = "/api", endpoint = "jobs/list")]
pub async fn list_jobs(
    #[server(default)] status: String,
    #[server(default)] page: i64,
) -> Result<JobList, AppError> {
    let platform = actor()?.require_platform_admin()?;
    let status = JobStatus::parse_filter(&status)?.unwrap_or(JobStatus::Queued);
    super::server::list(&platform, &app_state()?.db, status, page).await
}

#[server(prefix = "/api", endpoint = "jobs/retry")]
pub async fn retry_job(job: JobId) -> Result<(), AppError> {
    steer(job, Steer::Retry).await
}

#[server(prefix = "/api", endpoint = "jobs/cancel")]
pub async fn cancel_job(job: JobId) -> Result<(), AppError> {
    steer(job, Steer::Cancel).await
}

/// Retries or cancels `job` for a platform admin, with its audit entry.
#[cfg(feature = "ssr")]
async fn steer(job: JobId, how: Steer) -> Result<(), AppError> {
    let actor = actor()?;
    let platform = actor.require_platform_admin()?;
    let mut tx = app_state()?.db.begin().await?;
    match how {
        Steer::Retry => super::server::retry(&platform, &mut tx, job).await?,
        Steer::Cancel => super::server::cancel(&platform, &mut tx, job).await?,
    }
    Event::new(how.action())
        .by(&actor)
        .target("job", job)
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}

#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
enum Steer {
    Retry,
    Cancel,
}

#[cfg(feature = "ssr")]
impl Steer {
    fn action(self) -> &'static str {
        match self {
            Self::Retry => "job.retried",
            Self::Cancel => "job.cancelled",
        }
    }
}
