//! The jobs table: enqueueing, claiming with a lease, and recording how each run ended. Every
//! write after a claim checks that the row is still this runner's (`locked_by`), so a runner
//! whose lease ran out cannot overwrite the run that took over.
use crate::{
    error::AppError,
    ids::JobId,
    jobs::types::JobStatus,
    server::db::{on_db, on_tx, Db, Tx},
};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

/// What a handler answers: `Err` holds the message shown to admins, and the job is retried.
pub type JobOutcome = Result<(), String>;

/// Tries before a one-off job is dead (recurring jobs just wait for their next run).
pub const DEFAULT_MAX_ATTEMPTS: i32 = 5;
/// The wait before the second try; it doubles with each further try, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: TimeDelta = TimeDelta::seconds(15);
const MAX_BACKOFF: TimeDelta = TimeDelta::hours(1);
const ERROR_MAX_CHARS: usize = 1_000;

/// A job to run later. Enqueue it in the transaction of the change that calls for it, so it
/// exists exactly when the change does.
#[derive(Debug, Clone)]
pub struct NewJob {
    kind: &'static str,
    payload: String,
    run_at: Option<DateTime<Utc>>,
    max_attempts: i32,
}

impl NewJob {
    pub fn new(kind: &'static str, payload: &impl Serialize) -> Self {
        Self {
            kind,
            // A value that serializes at all serializes to JSON.
            payload: serde_json::to_string(payload).unwrap_or_else(|_| "null".into()),
            run_at: None,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }

    /// Not before `when` (default: as soon as a runner is free).
    pub fn at(mut self, when: DateTime<Utc>) -> Self {
        self.run_at = Some(when);
        self
    }

    pub fn max_attempts(mut self, tries: i32) -> Self {
        self.max_attempts = tries.max(1);
        self
    }
}

pub async fn enqueue(tx: &mut Tx, job: &NewJob) -> Result<JobId, AppError> {
    let now = Utc::now();
    let id = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, created_at) \
         VALUES ($1, $2, 'queued', 0, $3, $4, $5) RETURNING id",
    )
    .bind(job.kind)
    .bind(&job.payload)
    .bind(job.max_attempts)
    .bind(job.run_at.unwrap_or(now))
    .bind(now)
    .fetch_one(conn)
    .await)?;
    Ok(id)
}

/// Makes sure the recurring job `kind` exists, running every `every` (the first run is due at
/// once). Every app server calls this at start; the row is shared, and a changed period is
/// taken over.
pub async fn ensure_schedule(db: &Db, kind: &str, every: TimeDelta) -> Result<(), AppError> {
    let now = Utc::now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO jobs (kind, payload, status, schedule, every_secs, attempts, max_attempts, \
         run_at, created_at) VALUES ($1, '{}', 'queued', $1, $2, 0, $3, $4, $4) \
         ON CONFLICT (schedule) DO UPDATE SET every_secs = excluded.every_secs",
    )
    .bind(kind)
    .bind(every.num_seconds().max(1))
    .bind(DEFAULT_MAX_ATTEMPTS)
    .bind(now)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

/// A job this runner holds, as its handler sees it. `attempts` counts this try.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: JobId,
    pub kind: String,
    pub payload: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub every_secs: Option<i64>,
}

impl Claimed {
    /// The payload as `T`, or an error that fails the job.
    pub fn payload<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_str(&self.payload).map_err(|e| format!("unreadable payload: {e}"))
    }

    /// Its server stopped or vanished during every try it had: running it again could do the
    /// same, so it is given up without another run.
    pub fn is_out_of_tries(&self) -> bool {
        self.attempts > self.max_attempts
    }
}

/// Takes up to `limit` due jobs of `kinds` for `runner` until `lease_until`: queued ones, failed
/// ones whose retry time has come, and running ones whose lease ran out. Several servers may
/// claim at once; none gets a job another holds (`Dialect::claim`).
pub async fn claim(
    db: &Db,
    runner: &str,
    kinds: &[&str],
    limit: usize,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Vec<Claimed>, AppError> {
    if kinds.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let kind_params: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 5)).collect();
    let sql = db.dialect().claim(
        "jobs",
        "status = 'running', attempts = attempts + 1, locked_by = $1, locked_until = $2",
        &format!(
            "((status IN ('queued', 'failed') AND run_at <= $3) \
             OR (status = 'running' AND locked_until <= $3)) AND kind IN ({})",
            kind_params.join(", ")
        ),
        "run_at, id",
        "$4",
        "id, kind, payload, attempts, max_attempts, every_secs",
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let jobs = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql)
            .bind(runner)
            .bind(lease_until)
            .bind(now)
            .bind(limit);
        for kind in kinds {
            query = query.bind(*kind);
        }
        query.fetch_all(pool).await
    })?;
    Ok(jobs)
}

/// What happens to a job after a failed try at `now`: another try later, or (one-off jobs out
/// of tries) dead. A recurring job is never dead; it waits for its next run.
pub fn after_failure(job: &Claimed, now: DateTime<Utc>) -> (JobStatus, DateTime<Utc>) {
    match job.every_secs {
        _ if job.attempts < job.max_attempts => {
            let doublings = u32::try_from(job.attempts - 1).unwrap_or(0).min(16);
            let wait = FIRST_BACKOFF
                .checked_mul(1 << doublings)
                .map_or(MAX_BACKOFF, |wait| wait.min(MAX_BACKOFF));
            (JobStatus::Failed, now + wait)
        }
        Some(every) => (JobStatus::Failed, now + TimeDelta::seconds(every)),
        None => (JobStatus::Dead, now),
    }
}

/// Records the end of `job`'s try. `Ok(false)` when the job was no longer this runner's (its
/// lease ran out and another run took it over), so nothing was written.
pub async fn finish(
    db: &Db,
    runner: &str,
    job: &Claimed,
    outcome: JobOutcome,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let (status, run_at, attempts, error) = match (outcome, job.every_secs) {
        (Ok(()), Some(every)) => (JobStatus::Queued, now + TimeDelta::seconds(every), 0, None),
        (Ok(()), None) => (JobStatus::Succeeded, now, job.attempts, None),
        (Err(error), _) => {
            let (status, run_at) = after_failure(job, now);
            // A recurring job starts its count again at each scheduled run.
            let attempts = match (status, job.every_secs) {
                (_, Some(_)) if job.attempts >= job.max_attempts => 0,
                _ => job.attempts,
            };
            let error: String = error.chars().take(ERROR_MAX_CHARS).collect();
            (status, run_at, attempts, Some(error))
        }
    };
    let finished =
        matches!(status, JobStatus::Succeeded | JobStatus::Dead) || job.every_secs.is_some();
    let updated = on_db!(db, pool => sqlx::query(
        "UPDATE jobs SET status = $1, run_at = $2, attempts = $3, last_error = $4, \
         finished_at = CASE WHEN $5 THEN $6 ELSE finished_at END, \
         locked_by = NULL, locked_until = NULL \
         WHERE id = $7 AND status = 'running' AND locked_by = $8",
    )
    .bind(status)
    .bind(run_at)
    .bind(attempts)
    .bind(error)
    .bind(finished)
    .bind(now)
    .bind(job.id)
    .bind(runner)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(updated == 1)
}

/// Hands back jobs this runner was stopped in the middle of (shutdown past its grace period):
/// they run again at once elsewhere, their interrupted try counted.
pub async fn release(db: &Db, runner: &str, ids: &[JobId]) -> Result<(), AppError> {
    let now = Utc::now();
    for id in ids {
        on_db!(db, pool => sqlx::query(
            "UPDATE jobs SET status = 'queued', run_at = $1, locked_by = NULL, locked_until = NULL, \
             last_error = 'interrupted: its app server shut down' \
             WHERE id = $2 AND status = 'running' AND locked_by = $3",
        )
        .bind(now)
        .bind(*id)
        .bind(runner)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    }
    Ok(())
}

/// How long succeeded and cancelled one-off jobs stay listed.
const KEEP_FINISHED: TimeDelta = TimeDelta::days(7);

/// Deletes succeeded and cancelled one-off jobs that finished over a week ago.
pub async fn purge_finished(db: &Db) -> Result<u64, AppError> {
    let before = Utc::now() - KEEP_FINISHED;
    let deleted = on_db!(db, pool => sqlx::query(
        "DELETE FROM jobs WHERE status IN ('succeeded', 'cancelled') AND schedule IS NULL \
         AND finished_at < $1",
    )
    .bind(before)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(attempts: i32, every_secs: Option<i64>) -> Claimed {
        Claimed {
            id: JobId(1),
            kind: "test".into(),
            payload: "{}".into(),
            attempts,
            max_attempts: 5,
            every_secs,
        }
    }

    #[test]
    fn retries_back_off_doubling_then_a_one_off_job_dies() {
        let now = Utc::now();
        let waits: Vec<i64> = (1..5)
            .map(|n| {
                let (status, at) = after_failure(&job(n, None), now);
                assert_eq!(status, JobStatus::Failed);
                (at - now).num_seconds()
            })
            .collect();
        assert_eq!(waits, [15, 30, 60, 120]);
        assert_eq!(after_failure(&job(5, None), now), (JobStatus::Dead, now));
    }

    #[test]
    fn backoff_is_capped_at_an_hour() {
        let now = Utc::now();
        let mut long = job(30, None);
        long.max_attempts = 40;
        assert_eq!(after_failure(&long, now).1, now + MAX_BACKOFF);
    }

    #[test]
    fn a_recurring_job_out_of_tries_waits_for_its_next_run() {
        let now = Utc::now();
        assert_eq!(
            after_failure(&job(5, Some(3600)), now),
            (JobStatus::Failed, now + TimeDelta::hours(1))
        );
    }
}
