//! `steward bench-jobs`: how many jobs per second the runner claims and completes, with
//! several runner processes on one database (the one `DATABASE_URL` names). It queues no-op
//! jobs, starts the runners as child processes (`bench-jobs --worker`), and prints the rate.
//! A benchmark, not a test: it prints figures and checks only that every job ran once.
use app::server::{
    db::{on_db, Db},
    jobs::{enqueue, NewJob, Registry, Runner, RunnerSettings},
};
use std::{
    error::Error,
    process::Stdio,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

const KIND: &str = "bench.noop";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchArgs {
    pub jobs: u64,
    pub runners: u32,
    pub concurrency: usize,
}

impl Default for BenchArgs {
    fn default() -> Self {
        Self {
            jobs: 20_000,
            runners: 2,
            concurrency: 8,
        }
    }
}

/// Queues the jobs, runs the runner processes to the end, prints the figures.
pub async fn run(db: &Db, args: BenchArgs) -> Result<(), Box<dyn Error>> {
    clear(db).await?;
    let mut tx = db.begin().await?;
    let job = NewJob::new(KIND, &());
    for _ in 0..args.jobs {
        enqueue(&mut tx, &job).await?;
    }
    tx.commit().await?;

    let exe = std::env::current_exe()?;
    let started = Instant::now();
    let mut children = Vec::new();
    for _ in 0..args.runners {
        children.push(
            std::process::Command::new(&exe)
                .args([
                    "bench-jobs",
                    "--worker",
                    "--concurrency",
                    &args.concurrency.to_string(),
                ])
                .stdout(Stdio::piped())
                .spawn()?,
        );
    }
    let mut per_runner = Vec::new();
    for child in children {
        let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await??;
        if !output.status.success() {
            return Err(format!("a runner process failed ({})", output.status).into());
        }
        // Its count is the last line; anything before it is the runner's log.
        let stdout = String::from_utf8_lossy(&output.stdout);
        let mut lines: Vec<&str> = stdout.lines().collect();
        let ran = lines.pop().unwrap_or_default().trim().to_owned();
        for line in lines {
            eprintln!("{line}");
        }
        per_runner.push(ran);
    }
    let elapsed = started.elapsed();
    let done: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND status = 'succeeded' AND attempts = 1",
    )
    .bind(KIND)
    .fetch_one(pool)
    .await)?;
    clear(db).await?;
    if u64::try_from(done).ok() != Some(args.jobs) {
        return Err(format!(
            "only {done} of {} jobs succeeded on their first try",
            args.jobs
        )
        .into());
    }
    #[allow(clippy::cast_precision_loss)] // a rate for people to read
    let rate = args.jobs as f64 / elapsed.as_secs_f64();
    println!(
        "{:<10} {:>8} jobs  {} runners x {} at once  {:>7.2} s  {:>9.0} jobs/s  (per runner: {})",
        db.backend(),
        args.jobs,
        args.runners,
        args.concurrency,
        elapsed.as_secs_f64(),
        rate,
        per_runner.join(", ")
    );
    Ok(())
}

/// One runner process: runs benchmark jobs until none is left, then prints how many it ran.
pub async fn work(db: &Db, concurrency: usize) -> Result<(), Box<dyn Error>> {
    let ran = Arc::new(AtomicU64::new(0));
    let counter = ran.clone();
    let registry = Registry::new().on(KIND, move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
        async { Ok(()) }
    });
    let settings = RunnerSettings {
        concurrency,
        poll: Duration::from_millis(5),
        ..RunnerSettings::default()
    };
    let runner = Runner::start(db.clone(), registry, settings).await?;
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let left: i64 = on_db!(db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND status IN ('queued', 'running', 'failed')",
        )
        .bind(KIND)
        .fetch_one(pool)
        .await)?;
        if left == 0 {
            break;
        }
    }
    runner.shutdown().await;
    println!("{}", ran.load(Ordering::Relaxed));
    Ok(())
}

async fn clear(db: &Db) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM jobs WHERE kind = $1")
        .bind(KIND)
        .execute(pool)
        .await
        .map(drop))
}
