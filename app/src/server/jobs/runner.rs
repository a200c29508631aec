//! The loop each app server runs: claim due jobs of the kinds it handles, run each (at most
//! `concurrency` at once, each within its lease), record the outcome. On shutdown it stops
//! claiming and waits for running jobs up to the grace period; jobs still running then are
//! stopped and handed back to run again.
use super::store::{self, Claimed, JobOutcome};
use crate::{ids::JobId, server::db::Db};
use chrono::{TimeDelta, Utc};
use std::{collections::HashMap, future::Future, pin::Pin, sync::Arc, time::Duration};
use tokio::{sync::watch, task::JoinSet, time::Instant};

type BoxedHandler =
    Arc<dyn Fn(Claimed) -> Pin<Box<dyn Future<Output = JobOutcome> + Send>> + Send + Sync>;

/// The kinds of job this server runs, and the recurring ones it keeps scheduled.
#[derive(Clone, Default)]
pub struct Registry {
    handlers: HashMap<&'static str, BoxedHandler>,
    schedules: Vec<(&'static str, Duration)>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs jobs of `kind` with `handler`.
    pub fn on<F, Fut>(mut self, kind: &'static str, handler: F) -> Self
    where
        F: Fn(Claimed) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = JobOutcome> + Send + 'static,
    {
        self.handlers
            .insert(kind, Arc::new(move |job| Box::pin(handler(job))));
        self
    }

    /// Runs `handler` every `period`, on one server at a time, as the recurring job `kind`.
    pub fn every<F, Fut>(mut self, kind: &'static str, period: Duration, handler: F) -> Self
    where
        F: Fn(Claimed) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = JobOutcome> + Send + 'static,
    {
        self.schedules.push((kind, period));
        self.on(kind, handler)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RunnerSettings {
    /// Jobs run at once by this server.
    pub concurrency: usize,
    /// How often to look for due jobs when there were none.
    pub poll: Duration,
    /// How long a claim holds; a job not done by then is stopped and failed.
    pub lease: Duration,
    /// How long shutdown waits for running jobs.
    pub grace: Duration,
}

impl Default for RunnerSettings {
    fn default() -> Self {
        Self {
            concurrency: 4,
            poll: Duration::from_millis(500),
            lease: Duration::from_secs(300),
            grace: Duration::from_secs(10),
        }
    }
}

/// A running job loop; `shutdown` stops it.
pub struct Runner {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Runner {
    /// Schedules the registry's recurring jobs and starts claiming.
    pub async fn start(
        db: Db,
        registry: Registry,
        settings: RunnerSettings,
    ) -> Result<Self, crate::error::AppError> {
        for (kind, period) in &registry.schedules {
            let every = TimeDelta::from_std(*period).unwrap_or(TimeDelta::hours(1));
            store::ensure_schedule(&db, kind, every).await?;
        }
        let (stop, stopped) = watch::channel(false);
        let name = runner_name();
        tracing::debug!(runner = %name, kinds = registry.handlers.len(), "job runner started");
        let task = tokio::spawn(run(db, Arc::new(registry), settings, name, stopped));
        Ok(Self { stop, task })
    }

    /// Stops claiming and waits for running jobs (up to the grace period).
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        if let Err(error) = self.task.await {
            tracing::error!(%error, "the job runner ended abnormally");
        }
    }
}

/// Runs every job of the registry's kinds that is due now, one after the other, in this task,
/// and returns how many ran: for the command line and tests, which want the work done before
/// they go on rather than a loop in the background.
pub async fn run_due(db: &Db, registry: &Registry) -> Result<usize, crate::error::AppError> {
    let name = runner_name();
    let kinds: Vec<&'static str> = registry.handlers.keys().copied().collect();
    let mut ran = 0;
    loop {
        let now = Utc::now();
        let lease_ends = Instant::now() + RUN_DUE_LEASE;
        let lease_until = now + TimeDelta::from_std(RUN_DUE_LEASE).unwrap_or(TimeDelta::minutes(5));
        let due = store::claim(db, &name, &kinds, 16, now, lease_until).await?;
        if due.is_empty() {
            return Ok(ran);
        }
        for job in due {
            let outcome = match registry.handlers.get(job.kind.as_str()) {
                Some(handler) => handler(job.clone()).await,
                None => continue,
            };
            record(db, &name, &job, outcome, lease_ends).await;
            ran += 1;
        }
    }
}

/// The lease of jobs run by `run_due`.
const RUN_DUE_LEASE: Duration = Duration::from_secs(300);

/// Unique per process and start, so a restarted server does not pass for its old self.
fn runner_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
    format!(
        "{host}:{}:{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

async fn run(
    db: Db,
    registry: Arc<Registry>,
    settings: RunnerSettings,
    name: String,
    mut stopped: watch::Receiver<bool>,
) {
    let kinds: Vec<&'static str> = registry.handlers.keys().copied().collect();
    let lease = TimeDelta::from_std(settings.lease).unwrap_or(TimeDelta::minutes(5));
    // Handlers get most of the lease, so a job is stopped before anyone may claim it again.
    let time_limit = settings.lease.mul_f64(0.9);
    let mut running: JoinSet<()> = JoinSet::new();
    let mut in_flight: HashMap<tokio::task::Id, (Claimed, Instant)> = HashMap::new();
    while !*stopped.borrow() {
        let free = settings.concurrency.saturating_sub(running.len());
        let now = Utc::now();
        let lease_ends = Instant::now() + settings.lease;
        let claimed = match store::claim(&db, &name, &kinds, free, now, now + lease).await {
            Ok(jobs) => jobs,
            Err(error) => {
                tracing::warn!(%error, "could not claim jobs; will try again");
                Vec::new()
            }
        };
        let found_work = !claimed.is_empty();
        for job in claimed {
            let Some(handler) = registry.handlers.get(job.kind.as_str()).cloned() else {
                continue;
            };
            let (db, name, claim) = (db.clone(), name.clone(), job.clone());
            let task = running.spawn(async move {
                let outcome = if claim.is_out_of_tries() {
                    Err("gave up: its app server stopped during every try".to_owned())
                } else {
                    match tokio::time::timeout(time_limit, handler(claim.clone())).await {
                        Ok(outcome) => outcome,
                        Err(_) => Err(format!("did not finish within {time_limit:?}")),
                    }
                };
                record(&db, &name, &claim, outcome, lease_ends).await;
            });
            in_flight.insert(task.id(), (job, lease_ends));
        }
        let full = running.len() >= settings.concurrency;
        if found_work && !full {
            continue; // more may be due, and there is room for it
        }
        tokio::select! {
            _ = stopped.changed() => {}
            Some(done) = running.join_next_with_id(), if !running.is_empty() => {
                settle(&db, &name, &mut in_flight, done).await;
            }
            () = tokio::time::sleep(settings.poll) => {}
        }
    }
    drain(&db, &name, settings.grace, running, in_flight).await;
}

/// Writes the end of `job`'s try. A busy database (SQLite's single writer, with several runner
/// processes) can refuse the write for seconds at a time; giving up would leave a job that ran
/// as "running" until its lease ends and have it run again. So the write is tried until the
/// lease ends (when another runner may take the job over anyway), waiting longer each time.
async fn record(db: &Db, runner: &str, job: &Claimed, outcome: JobOutcome, lease_ends: Instant) {
    if let Err(error) = &outcome {
        tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed");
    }
    let mut wait = Duration::from_millis(50);
    loop {
        match store::finish(db, runner, job, outcome.clone(), Utc::now()).await {
            Ok(true) => return,
            Ok(false) => {
                tracing::warn!(job = %job.id, "job outlived its lease; another run took it over");
                return;
            }
            Err(error) if Instant::now() + wait >= lease_ends => {
                tracing::error!(job = %job.id, %error, "could not record a job's outcome before its lease ended");
                return;
            }
            Err(error) => {
                tracing::debug!(job = %job.id, %error, "recording a job's outcome; will try again");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(MAX_RECORD_WAIT);
            }
        }
    }
}

/// The longest `record` waits between two tries.
const MAX_RECORD_WAIT: Duration = Duration::from_secs(2);

/// After a job's task ended: a panic is recorded as a failure (the task itself recorded any
/// other outcome).
async fn settle(
    db: &Db,
    runner: &str,
    in_flight: &mut HashMap<tokio::task::Id, (Claimed, Instant)>,
    done: Result<(tokio::task::Id, ()), tokio::task::JoinError>,
) {
    let (id, panicked) = match done {
        Ok((id, ())) => (id, false),
        Err(error) => (error.id(), error.is_panic()),
    };
    if let Some((job, lease_ends)) = in_flight.remove(&id) {
        if panicked {
            let outcome = Err("the job's handler panicked".into());
            record(db, runner, &job, outcome, lease_ends).await;
        }
    }
}

/// Shutdown: waits for running jobs up to `grace`, then stops the rest and hands them back.
async fn drain(
    db: &Db,
    runner: &str,
    grace: Duration,
    mut running: JoinSet<()>,
    mut in_flight: HashMap<tokio::task::Id, (Claimed, Instant)>,
) {
    if !running.is_empty() {
        tracing::info!(jobs = running.len(), "waiting for running jobs to finish");
    }
    let deadline = tokio::time::Instant::now() + grace;
    while !running.is_empty() {
        match tokio::time::timeout_at(deadline, running.join_next_with_id()).await {
            Ok(Some(done)) => settle(db, runner, &mut in_flight, done).await,
            Ok(None) => break,
            Err(_) => {
                running.abort_all();
                while running.join_next().await.is_some() {}
                let ids: Vec<JobId> = in_flight.values().map(|(job, _)| job.id).collect();
                tracing::warn!(
                    jobs = ids.len(),
                    "jobs still running after the grace period were stopped"
                );
                if let Err(error) = store::release(db, runner, &ids).await {
                    tracing::error!(%error, "could not hand back stopped jobs; their leases will run out");
                }
                break;
            }
        }
    }
}
