//! The jobs table as platform admins read and steer it: a page of jobs in one status with the
//! count in each, retry and cancel.
use super::types::{JobList, JobRow, JobStatus};
use crate::{
    error::AppError,
    ids::JobId,
    paging::Page,
    server::{
        db::{on_db, on_tx, paginate, Db, Tx},
        tenancy::PlatformAdmin,
    },
};
use chrono::Utc;

pub const PAGE_SIZE: i64 = 25;

const COLUMNS: &str = "id, kind, status, every_secs, attempts, max_attempts, run_at, last_error, \
     created_at, finished_at";

/// Page `page` (1-based) of the jobs in `status`, newest first, and how many are in each status.
pub async fn list(
    _: &PlatformAdmin,
    db: &Db,
    status: JobStatus,
    page: i64,
) -> Result<JobList, AppError> {
    let select =
        format!("SELECT {COLUMNS} FROM jobs WHERE status = $1 ORDER BY id DESC LIMIT $2 OFFSET $3");
    let page: Page<JobRow> = paginate!(
        db,
        page,
        PAGE_SIZE,
        "SELECT COUNT(*) FROM jobs WHERE status = $1",
        &select,
        [status]
    )?;
    let counted: Vec<(JobStatus, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT status, COUNT(*) FROM jobs GROUP BY status",
    )
    .fetch_all(pool)
    .await)?;
    let counts = JobStatus::count_each(&counted);
    Ok(JobList { page, counts })
}

/// Queues a failed, dead or cancelled job to run at once, with a fresh count of tries.
pub async fn retry(_: &PlatformAdmin, tx: &mut Tx, job: JobId) -> Result<(), AppError> {
    let changed = on_tx!(tx, conn => sqlx::query(
        "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $1, last_error = NULL, \
         finished_at = NULL WHERE id = $2 AND status IN ('failed', 'dead', 'cancelled')",
    )
    .bind(Utc::now())
    .bind(job)
    .execute(&mut *conn)
    .await
    .map(|done| done.rows_affected()))?;
    refused_unless_changed(tx, job, changed, "It is queued or running already.").await
}

/// Cancels a one-off job that is waiting (queued, failed or dead); running and recurring jobs
/// cannot be cancelled.
pub async fn cancel(_: &PlatformAdmin, tx: &mut Tx, job: JobId) -> Result<(), AppError> {
    let changed = on_tx!(tx, conn => sqlx::query(
        "UPDATE jobs SET status = 'cancelled', finished_at = $1 \
         WHERE id = $2 AND status IN ('queued', 'failed', 'dead') AND schedule IS NULL",
    )
    .bind(Utc::now())
    .bind(job)
    .execute(&mut *conn)
    .await
    .map(|done| done.rows_affected()))?;
    refused_unless_changed(
        tx,
        job,
        changed,
        "Only waiting one-off jobs can be cancelled; this one is running, finished or recurring.",
    )
    .await
}

/// Nothing changed: the job is unknown (404), or in a state that refuses the change (409).
async fn refused_unless_changed(
    tx: &mut Tx,
    job: JobId,
    changed: u64,
    why: &str,
) -> Result<(), AppError> {
    if changed > 0 {
        return Ok(());
    }
    let exists: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE id = $1",
    )
    .bind(job)
    .fetch_one(&mut *conn)
    .await)?;
    Err(if exists == 0 {
        AppError::NotFound
    } else {
        AppError::Conflict(why.to_owned())
    })
}
