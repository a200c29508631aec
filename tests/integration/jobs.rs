//! The job runner on both backends: exclusive claims with two runners at once, retries with
//! backoff until dead, leases that run out, recurring schedules, graceful shutdown; and the
//! admin page's list, retry and cancel, refused to everyone but platform admins.
use crate::{
    on_both_backends,
    support::{Backend, TestApp},
};
use app::{
    ids::JobId,
    jobs::types::JobStatus,
    server::{
        db::Db,
        jobs::{
            enqueue,
            store::{claim, ensure_schedule, finish},
            NewJob, Registry, Runner, RunnerSettings,
        },
    },
};
use chrono::{TimeDelta, Utc};
use http::StatusCode;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

on_both_backends!(
    two_runners_run_every_job_exactly_once,
    failures_back_off_then_the_job_is_dead,
    a_job_whose_lease_ran_out_is_taken_over,
    recurring_jobs_keep_one_row_and_their_schedule,
    shutdown_waits_for_running_jobs_then_hands_back_the_rest,
    admins_list_retry_and_cancel_jobs,
    only_platform_admins_see_or_steer_jobs,
);

const KIND: &str = "test.work";

async fn enqueue_many(db: &Db, job: NewJob, n: usize) -> Vec<JobId> {
    let mut tx = db.begin().await.expect("begin");
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        ids.push(enqueue(&mut tx, &job).await.expect("enqueue"));
    }
    tx.commit().await.expect("commit");
    ids
}

async fn status_of(app: &TestApp, id: JobId) -> (JobStatus, i64, Option<String>) {
    let row: (String, i64, Option<String>) = app::on_db!(&app.db, pool => {
        sqlx::query_as("SELECT status, CAST(attempts AS BIGINT), last_error FROM jobs WHERE id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
    })
    .expect("job row");
    (
        JobStatus::from_code(&row.0).expect("known status"),
        row.1,
        row.2,
    )
}

/// Waits (up to 30 s) until no job of `KIND` is queued or running.
async fn settled(app: &TestApp) {
    for _ in 0..600 {
        let left = app
            .number(&format!(
                "SELECT COUNT(*) FROM jobs WHERE kind = '{KIND}' AND status IN ('queued', 'running')"
            ))
            .await;
        if left == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("jobs were still waiting after 30 s");
}

fn quick() -> RunnerSettings {
    RunnerSettings {
        concurrency: 4,
        poll: Duration::from_millis(20),
        lease: Duration::from_secs(30),
        grace: Duration::from_secs(5),
    }
}

async fn two_runners_run_every_job_exactly_once(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let ids = enqueue_many(&app.db, NewJob::new(KIND, &()), 120).await;
    let runs: Arc<Mutex<HashMap<JobId, u32>>> = Arc::default();
    let start = || {
        let runs = runs.clone();
        let registry = Registry::new().on(KIND, move |job| {
            let runs = runs.clone();
            async move {
                *runs.lock().unwrap().entry(job.id).or_default() += 1;
                tokio::time::sleep(Duration::from_millis(2)).await;
                Ok(())
            }
        });
        Runner::start(app.db.clone(), registry, quick())
    };
    let (first, second) = (
        start().await.expect("runner"),
        start().await.expect("runner"),
    );
    settled(&app).await;
    first.shutdown().await;
    second.shutdown().await;
    let runs = runs.lock().unwrap().clone();
    assert_eq!(runs.len(), ids.len(), "every job ran");
    assert!(runs.values().all(|n| *n == 1), "no job ran twice: {runs:?}");
    let succeeded = app
        .number("SELECT COUNT(*) FROM jobs WHERE status = 'succeeded' AND finished_at IS NOT NULL")
        .await;
    assert_eq!(succeeded, 120);
}

async fn failures_back_off_then_the_job_is_dead(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let [id] = enqueue_many(&app.db, NewJob::new(KIND, &()).max_attempts(2), 1).await[..] else {
        unreachable!()
    };
    let registry = Registry::new().on(KIND, |_| async { Err("the mail server said no".into()) });
    let runner = Runner::start(app.db.clone(), registry, quick())
        .await
        .expect("runner");
    let mut first = None;
    for _ in 0..200 {
        let now = status_of(&app, id).await;
        if now.0 == JobStatus::Failed {
            first = Some(now);
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let (_, attempts, error) = first.expect("the first try failed");
    assert_eq!(attempts, 1);
    assert_eq!(error.as_deref(), Some("the mail server said no"));
    // The retry waits (15 s for the second try): nothing runs before then.
    let wait = app
        .number(&format!(
            "SELECT COUNT(*) FROM jobs WHERE id = {id} AND run_at > {}",
            match backend {
                Backend::Sqlite =>
                    format!("'{}'", (Utc::now() + TimeDelta::seconds(10)).to_rfc3339()),
                Backend::Postgres => "now() + interval '10 seconds'".to_owned(),
            }
        ))
        .await;
    assert_eq!(wait, 1, "the second try is at least 10 s away");
    // Bring the retry forward: the second failure uses up its tries.
    app.backdate(
        &format!("UPDATE jobs SET run_at = $1 WHERE id = {id}"),
        Duration::from_secs(1),
    )
    .await;
    for _ in 0..200 {
        if status_of(&app, id).await.0 == JobStatus::Dead {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    runner.shutdown().await;
    let (status, attempts, error) = status_of(&app, id).await;
    assert_eq!((status, attempts), (JobStatus::Dead, 2));
    assert_eq!(error.as_deref(), Some("the mail server said no"));
}

async fn a_job_whose_lease_ran_out_is_taken_over(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let [id] = enqueue_many(&app.db, NewJob::new(KIND, &()), 1).await[..] else {
        unreachable!()
    };
    let now = Utc::now();
    // Server A claims with a lease that has already run out (it died mid-job).
    let held = claim(&app.db, "a", &[KIND], 5, now, now - TimeDelta::seconds(1))
        .await
        .expect("claim");
    assert_eq!(held.len(), 1);
    let taken = claim(&app.db, "b", &[KIND], 5, now, now + TimeDelta::minutes(5))
        .await
        .expect("claim");
    assert_eq!(taken.len(), 1, "server B takes the job over");
    assert_eq!(taken[0].attempts, 2);
    // While B holds it, nobody else gets it, and A's late answer changes nothing.
    let none = claim(&app.db, "c", &[KIND], 5, now, now + TimeDelta::minutes(5))
        .await
        .expect("claim");
    assert!(none.is_empty());
    let written = finish(&app.db, "a", &held[0], Ok(()), Utc::now())
        .await
        .expect("finish");
    assert!(!written, "a runner that lost its lease writes nothing");
    assert_eq!(status_of(&app, id).await.0, JobStatus::Running);
    assert!(finish(&app.db, "b", &taken[0], Ok(()), Utc::now())
        .await
        .expect("finish"));
    assert_eq!(status_of(&app, id).await.0, JobStatus::Succeeded);
    // A job of a kind this server does not handle is left for one that does.
    enqueue_many(&app.db, NewJob::new("other.kind", &()), 1).await;
    let later = Utc::now();
    let mine = claim(
        &app.db,
        "a",
        &[KIND],
        5,
        later,
        later + TimeDelta::minutes(1),
    )
    .await
    .expect("claim");
    assert!(mine.is_empty());
}

async fn recurring_jobs_keep_one_row_and_their_schedule(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    // Two servers start; then one restarts with a new period.
    ensure_schedule(&app.db, KIND, TimeDelta::hours(1))
        .await
        .expect("schedule");
    ensure_schedule(&app.db, KIND, TimeDelta::hours(1))
        .await
        .expect("schedule");
    ensure_schedule(&app.db, KIND, TimeDelta::minutes(30))
        .await
        .expect("schedule");
    let rows = app
        .number(&format!("SELECT COUNT(*) FROM jobs WHERE kind = '{KIND}'"))
        .await;
    assert_eq!(rows, 1);
    let now = Utc::now();
    let job = claim(&app.db, "a", &[KIND], 5, now, now + TimeDelta::minutes(1))
        .await
        .expect("claim")
        .pop()
        .expect("the first run is due at once");
    assert_eq!(job.every_secs, Some(1800));
    assert!(finish(&app.db, "a", &job, Ok(()), now)
        .await
        .expect("finish"));
    let (status, attempts, _) = status_of(&app, job.id).await;
    assert_eq!((status, attempts), (JobStatus::Queued, 0));
    let next_due = claim(
        &app.db,
        "a",
        &[KIND],
        5,
        now + TimeDelta::minutes(29),
        now + TimeDelta::hours(1),
    )
    .await
    .expect("claim");
    assert!(next_due.is_empty(), "the next run waits for its period");
    let next_due = claim(
        &app.db,
        "a",
        &[KIND],
        5,
        now + TimeDelta::minutes(31),
        now + TimeDelta::hours(1),
    )
    .await
    .expect("claim");
    assert_eq!(next_due.len(), 1);
    // Recurring jobs are never dead: out of tries, they wait for the next period.
    let mut failing = next_due[0].clone();
    failing.attempts = failing.max_attempts;
    let later = now + TimeDelta::minutes(31);
    app.execute(&format!(
        "UPDATE jobs SET attempts = {} WHERE id = {}",
        failing.max_attempts, failing.id
    ))
    .await;
    assert!(finish(&app.db, "a", &failing, Err("boom".into()), later)
        .await
        .expect("finish"));
    let (status, attempts, error) = status_of(&app, failing.id).await;
    assert_eq!(
        (status, attempts, error.as_deref()),
        (JobStatus::Failed, 0, Some("boom"))
    );
}

async fn shutdown_waits_for_running_jobs_then_hands_back_the_rest(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        return;
    };
    let quick_job = enqueue_many(&app.db, NewJob::new("test.quick", &()), 1).await[0];
    let slow_job = enqueue_many(&app.db, NewJob::new("test.slow", &()), 1).await[0];
    let registry = Registry::new()
        .on("test.quick", |_| async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            Ok(())
        })
        .on("test.slow", |_| async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            Ok(())
        });
    let settings = RunnerSettings {
        grace: Duration::from_secs(2),
        ..quick()
    };
    let runner = Runner::start(app.db.clone(), registry, settings)
        .await
        .expect("runner");
    for _ in 0..200 {
        let running = app
            .number("SELECT COUNT(*) FROM jobs WHERE status = 'running'")
            .await;
        if running == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    runner.shutdown().await;
    assert_eq!(
        status_of(&app, quick_job).await.0,
        JobStatus::Succeeded,
        "finished within the grace period"
    );
    let (status, attempts, error) = status_of(&app, slow_job).await;
    assert_eq!(
        (status, attempts),
        (JobStatus::Queued, 1),
        "handed back to run again"
    );
    assert!(error.unwrap_or_default().contains("interrupted"));
}

async fn admins_list_retry_and_cancel_jobs(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let ids = enqueue_many(&app.db, NewJob::new(KIND, &()), 3).await;
    let now = Utc::now();
    // The first dies, the second fails once; the third stays queued.
    for (id, attempts, max) in [(ids[0], 1, 1), (ids[1], 1, 5)] {
        app.execute(&format!(
            "UPDATE jobs SET max_attempts = {max} WHERE id = {id}"
        ))
        .await;
        let job = claim(&app.db, "t", &[KIND], 1, now, now + TimeDelta::minutes(1))
            .await
            .expect("claim")
            .pop()
            .expect("a job");
        assert_eq!((job.id, job.attempts), (id, attempts));
        finish(&app.db, "t", &job, Err("SMTP timed out".into()), now)
            .await
            .expect("finish");
    }
    let admin = app.sign_in("admin@steward.test").await;
    let dead = admin.call("/api/jobs/list", &[("status", "dead")]).await;
    assert_eq!(dead.status, StatusCode::OK, "{}", dead.body);
    let dead = dead.json();
    assert_eq!(
        dead["page"]["items"][0]["id"].as_i64(),
        Some(ids[0].0),
        "{dead}"
    );
    assert_eq!(dead["page"]["items"][0]["last_error"], "SMTP timed out");
    let counts = &dead["counts"];
    assert!(
        counts
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["queued", 1])),
        "{counts}"
    );
    assert!(
        counts
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["failed", 1])),
        "{counts}"
    );
    let page = admin.get("/cs/admin/jobs?status=dead").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("SMTP timed out"),
        "the page shows the error"
    );
    assert!(page.body.contains("Dead (1)"));

    let retried = admin
        .call("/api/jobs/retry", &[("job", &ids[0].to_string())])
        .await;
    assert_eq!(retried.status, StatusCode::OK, "{}", retried.body);
    assert_eq!(status_of(&app, ids[0]).await, (JobStatus::Queued, 0, None));
    // A queued job cannot be retried; it can be cancelled, once.
    let again = admin
        .call("/api/jobs/retry", &[("job", &ids[2].to_string())])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    let cancelled = admin
        .call("/api/jobs/cancel", &[("job", &ids[2].to_string())])
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    assert_eq!(status_of(&app, ids[2]).await.0, JobStatus::Cancelled);
    let twice = admin
        .call("/api/jobs/cancel", &[("job", &ids[2].to_string())])
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let missing = admin.call("/api/jobs/cancel", &[("job", "987654")]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let malformed = admin.call("/api/jobs/cancel", &[("job", "first")]).await;
    assert_eq!(
        malformed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        malformed.body
    );
    let unknown = admin
        .call("/api/jobs/list", &[("status", "exploded")])
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    // Recurring jobs cannot be cancelled.
    ensure_schedule(&app.db, "test.recurring", TimeDelta::hours(1))
        .await
        .expect("schedule");
    let recurring = app
        .number("SELECT id FROM jobs WHERE schedule = 'test.recurring'")
        .await;
    let refused = admin
        .call("/api/jobs/cancel", &[("job", &recurring.to_string())])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let audited = app
        .number("SELECT COUNT(*) FROM audit_log WHERE action IN ('job.retried', 'job.cancelled')")
        .await;
    assert_eq!(audited, 2);
}

async fn only_platform_admins_see_or_steer_jobs(backend: Backend) {
    let Some(app) = TestApp::seeded(backend).await else {
        return;
    };
    let id = enqueue_many(&app.db, NewJob::new(KIND, &()), 1).await[0].to_string();
    let anonymous = app.anonymous();
    assert_eq!(
        anonymous.call("/api/jobs/list", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        anonymous
            .call("/api/jobs/cancel", &[("job", &id)])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    for email in [
        "csm@steward.test",
        "analyst@steward.test",
        "admin@northwind.test",
        "member@northwind.test",
    ] {
        let user = app.sign_in(email).await;
        assert_eq!(
            user.call("/api/jobs/list", &[]).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            user.call("/api/jobs/cancel", &[("job", &id)]).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            user.call("/api/jobs/retry", &[("job", &id)]).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        let page = user.get("/cs/admin/jobs").await;
        assert!(!page.body.contains(KIND), "{email} sees no job");
    }
    assert_eq!(
        app.number("SELECT COUNT(*) FROM jobs WHERE status = 'queued'")
            .await,
        1,
        "nothing changed"
    );
}
