//! The test harness: a fresh database per test on each backend, and the real router driven
//! in-process with `tower::ServiceExt::oneshot`.
//!
//! PostgreSQL comes from `TEST_DATABASE_URL` when set; otherwise `.ci/pg-temp.sh` starts a
//! throwaway cluster that removes itself when the tests end. Under CI (`CI` set) a missing
//! PostgreSQL fails the run; elsewhere its tests are skipped with a loud notice.
use app::{
    outbox::{server::COLUMNS, types::OutboxMessage},
    server::{
        db::Db,
        jobs::{run_due, Registry},
    },
};
use axum::{body::Body, extract::connect_info::MockConnectInfo, Router};
use http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use std::{
    net::SocketAddr,
    process::Command,
    sync::{
        atomic::{AtomicUsize, Ordering},
        OnceLock,
    },
};
use steward::{config::Config, router, seed};
use tempfile::TempDir;
use tower::ServiceExt;
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Defines `mod NAME { sqlite, postgres }` tests that run `NAME(backend)` on each backend.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::Backend::Postgres).await
            }
        }
    )*};
}

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// The server's job handlers; `run_jobs` runs what is due (no runner loop in tests).
    jobs: Registry,
    _dir: TempDir,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestApp {
    /// A router on a fresh, migrated database; `None` only when PostgreSQL is unavailable
    /// outside CI (the skip is reported).
    pub async fn new(backend: Backend) -> Option<Self> {
        Self::with_env(backend, &[]).await
    }

    pub async fn with_env(backend: Backend, env: &[(&str, &str)]) -> Option<Self> {
        // Warnings and errors the app logs show up with the output of a failing test.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("warn")
            .with_test_writer()
            .try_init();
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = match backend {
            Backend::Sqlite => format!("sqlite://{}/steward.db", dir.path().display()),
            Backend::Postgres => postgres()?.fresh_database().await,
        };
        let site_root = dir.path().join("site");
        let mut vars: Vec<(String, String)> = vec![
            ("DATABASE_URL".into(), database_url),
            ("SITE_ROOT".into(), site_root.display().to_string()),
            ("DATABASE_MAX_CONNECTIONS".into(), "4".into()),
        ];
        vars.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let config = Config::from_lookup(|name| {
            vars.iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
        .expect("test config");
        let db = Db::connect(
            config.database_url.expose(),
            config.database_max_connections,
        )
        .await
        .expect("connect");
        db.migrate().await.expect("migrate");
        // Requests arrive from one client address, as they would over a socket.
        let router = router::build(router::app_state(db.clone(), &config), &config).layer(
            MockConnectInfo(SocketAddr::from(([203, 0, 113, 7], 50_000))),
        );
        let jobs = steward::background::registry(&db, &config);
        Some(Self {
            router,
            db,
            jobs,
            _dir: dir,
        })
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.anonymous().get(path).await
    }

    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        referer: &str,
    ) -> TestResponse {
        self.anonymous().post_form(path, form, referer).await
    }

    pub async fn call(&self, path: &str, form: &[(&str, &str)]) -> TestResponse {
        self.anonymous().call(path, form).await
    }

    pub fn anonymous(&self) -> Client<'_> {
        Client {
            app: self,
            cookie: None,
        }
    }

    /// Adds the demo data (three organizations) and returns the app.
    pub async fn seeded(backend: Backend) -> Option<Self> {
        Self::seeded_with_env(backend, &[]).await
    }

    pub async fn seeded_with_env(backend: Backend, env: &[(&str, &str)]) -> Option<Self> {
        let app = Self::with_env(backend, env).await?;
        let hash = app::auth::server::password::hash(seed::DEMO_PASSWORD.into())
            .await
            .expect("hash");
        seed::seed_demo(&app.db, &seed::SeedOptions { orgs: 3, seed: 1 }, &hash)
            .await
            .expect("seed demo data");
        Some(app)
    }

    /// The demo owner of the first organization (a Northwind customer).
    pub async fn first_owner(&self) -> String {
        app::on_db!(&self.db, pool => {
            sqlx::query_scalar("SELECT email FROM users WHERE email LIKE 'owner@%' ORDER BY id LIMIT 1")
                .fetch_one(pool)
                .await
        })
        .expect("the demo data has an owner")
    }

    /// Signs in as a demo user (the demo password) and returns their browser.
    pub async fn sign_in(&self, email: &str) -> Client<'_> {
        self.sign_in_with(email, seed::DEMO_PASSWORD).await
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> Client<'_> {
        let res = self.try_sign_in(email, password).await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "sign in as {email}: {}",
            res.body
        );
        let cookie = session_cookie(&res).expect("sign-in sets the session cookie");
        Client {
            app: self,
            cookie: Some(cookie),
        }
    }
}

impl TestApp {
    /// The id of the user with `email`.
    pub async fn user_id(&self, email: &str) -> i64 {
        app::on_db!(&self.db, pool => {
            sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(email)
                .fetch_one(pool)
                .await
        })
        .unwrap_or_else(|e| panic!("no user {email}: {e}"))
    }

    /// The id (as form text) of `email`'s membership in a scope of `kind`.
    pub async fn membership_id(&self, email: &str, kind: &str) -> String {
        self.number(&format!(
            "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE u.email = '{email}' AND m.scope = '{kind}'"
        ))
        .await
        .to_string()
    }

    /// The single number a query answers (counts, ids).
    pub async fn number(&self, sql: &str) -> i64 {
        app::on_db!(&self.db, pool => sqlx::query_scalar(sql).fetch_one(pool).await)
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Runs a statement with no result (test set-up).
    pub async fn execute(&self, sql: &str) {
        app::on_db!(&self.db, pool => sqlx::query(sql).execute(pool).await.map(drop))
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// A sign-in attempt from a new browser, whatever its outcome.
    pub async fn try_sign_in(&self, email: &str, password: &str) -> TestResponse {
        self.call(
            "/api/auth/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Runs `sql` with `$1` bound to the moment `ago` before now (to age tokens and logins).
    pub async fn backdate(&self, sql: &str, ago: std::time::Duration) {
        let at = sqlx::types::chrono::Utc::now() - ago;
        app::on_db!(&self.db, pool => sqlx::query(sql).bind(at).execute(pool).await.map(drop))
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// Runs the background jobs that are due (password-reset mails, say), as a server's runner
    /// would shortly; returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        run_due(&self.db, &self.jobs).await.expect("run due jobs")
    }

    /// The newest e-mail to `recipient`, if any, once due jobs have run.
    pub async fn latest_mail(&self, recipient: &str) -> Option<OutboxMessage> {
        self.run_jobs().await;
        let sql =
            format!("SELECT {COLUMNS} FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1");
        app::on_db!(&self.db, pool => {
            sqlx::query_as(&sql).bind(recipient).fetch_optional(pool).await
        })
        .expect("read the outbox")
    }

    /// The token of the link to `path` in the newest e-mail to `recipient`, checking the
    /// message's template.
    pub async fn mailed_token(&self, recipient: &str, template: &str, path: &str) -> String {
        let message = self
            .latest_mail(recipient)
            .await
            .unwrap_or_else(|| panic!("no e-mail to {recipient}"));
        assert_eq!(message.template, template, "{}", message.body_text);
        let marker = format!("{ORIGIN}{path}?token=");
        let start = message
            .body_text
            .find(&marker)
            .unwrap_or_else(|| panic!("no {marker} link in: {}", message.body_text))
            + marker.len();
        let token: String = message.body_text[start..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        assert_eq!(token.len(), 64, "{}", message.body_text);
        token
    }

    /// Everything tenants own and everything a write leaves behind, to show a refused call
    /// changed nothing (sign-in bookkeeping, which reads cannot avoid, is left out).
    pub async fn snapshot(&self) -> String {
        type Users = Vec<(i64, String, String, String, Option<String>)>;
        type Members = Vec<(i64, i64, String, Option<i64>, Option<i64>, String, bool)>;
        type Orgs = Vec<(i64, Option<i64>, String, String, String, bool)>;
        type Partners = Vec<(i64, String, String, String)>;
        app::on_db!(&self.db, pool => {
            let users: Users = sqlx::query_as(
                "SELECT id, email, display_name, status, password_hash FROM users ORDER BY id",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            let memberships: Members = sqlx::query_as(
                "SELECT id, user_id, scope, partner_id, organization_id, role, accepted_at IS NOT NULL \
                 FROM memberships ORDER BY id",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            let organizations: Orgs = sqlx::query_as(
                "SELECT id, partner_id, slug, name, status, archived_at IS NULL FROM organizations ORDER BY id",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            let partners: Partners =
                sqlx::query_as("SELECT id, slug, name, status FROM partners ORDER BY id")
                    .fetch_all(pool)
                    .await
                    .unwrap();
            let mut counts = Vec::new();
            for table in [
                "one_time_tokens",
                "outbox",
                "audit_log",
                "notifications",
                "notifications WHERE read_at IS NULL",
            ] {
                let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(pool)
                    .await
                    .unwrap();
                counts.push((table, n));
            }
            format!("{users:#?}\n{memberships:#?}\n{organizations:#?}\n{partners:#?}\n{counts:?}")
        })
    }
}

impl TestResponse {
    /// The message for `field` of a 422 answer (panics on any other answer).
    pub fn field_error(&self, field: &str) -> String {
        assert_eq!(
            self.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected a field error for {field}: {}",
            self.body
        );
        self.json()["Validation"]["messages"][field]
            .as_str()
            .unwrap_or_else(|| panic!("no message for {field}: {}", self.body))
            .to_owned()
    }
}

/// The `name=value` of the session cookie a response sets.
pub fn session_cookie(res: &TestResponse) -> Option<String> {
    res.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("steward_session=") && !v.contains("Max-Age=0"))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// A browser: anonymous, or carrying a session cookie.
#[derive(Clone)]
pub struct Client<'a> {
    pub app: &'a TestApp,
    pub cookie: Option<String>,
}

impl Client<'_> {
    fn with_cookie(&self, request: http::request::Builder) -> http::request::Builder {
        match &self.cookie {
            Some(cookie) => request.header(header::COOKIE, cookie),
            None => request,
        }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        let request = self.with_cookie(Request::get(path).header(header::ACCEPT, "text/html"));
        self.app.send(request.body(Body::empty()).unwrap()).await
    }

    /// A form post as a browser without JavaScript sends it.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        referer: &str,
    ) -> TestResponse {
        let request = form_request(path, form)
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, referer);
        let request = self.with_cookie(request);
        self.app
            .send(request.body(Body::from(encode_form(form))).unwrap())
            .await
    }

    /// A form-encoded call as the hydrated app (or an API client) sends it.
    pub async fn call(&self, path: &str, form: &[(&str, &str)]) -> TestResponse {
        let request =
            self.with_cookie(form_request(path, form).header(header::ACCEPT, "application/json"));
        self.app
            .send(request.body(Body::from(encode_form(form))).unwrap())
            .await
    }
}

/// A password the policy accepts, for tests that set one.
pub const NEW_PASSWORD: &str = "amber-kettle-window-42";

/// Where the test router's pages are served from (the default public base URL).
pub const ORIGIN: &str = "http://127.0.0.1:3000";

/// A form-encoded POST with its length, as browsers and API clients send it; add headers and a body.
pub fn form_request(path: &str, form: &[(&str, &str)]) -> http::request::Builder {
    Request::post(path)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, encode_form(form).len())
}

pub fn encode_form(form: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish()
}

struct Postgres {
    admin_url: Url,
    template: String,
}

static POSTGRES: OnceLock<Option<Postgres>> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

fn postgres() -> Option<&'static Postgres> {
    POSTGRES
        .get_or_init(|| match Postgres::start() {
            Ok(pg) => Some(pg),
            Err(problem) if std::env::var_os("CI").is_some() => {
                panic!("PostgreSQL is required under CI but unavailable: {problem}")
            }
            Err(problem) => {
                eprintln!(
                    "\n!!!!!!!! PostgreSQL tests SKIPPED: {problem}\n!!!!!!!! Set TEST_DATABASE_URL or install PostgreSQL to run them.\n"
                );
                None
            }
        })
        .as_ref()
}

impl Postgres {
    fn start() -> Result<Self, String> {
        let url = match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if !url.trim().is_empty() => url,
            _ => {
                let script = concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/pg-temp.sh");
                let out = Command::new("bash")
                    .arg(script)
                    .arg(std::process::id().to_string())
                    .output()
                    .map_err(|e| format!("could not run {script}: {e}"))?;
                if !out.status.success() {
                    return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
                }
                String::from_utf8_lossy(&out.stdout).trim().to_owned()
            }
        };
        let admin_url =
            Url::parse(&url).map_err(|e| format!("TEST_DATABASE_URL is not a URL: {e}"))?;
        let template = format!("stw_tmpl_{}", std::process::id());
        // The template is built once, on its own runtime, and left with no open connection
        // (CREATE DATABASE … TEMPLATE requires that).
        let setup = {
            let admin_url = admin_url.clone();
            let template = template.clone();
            std::thread::spawn(move || {
                tokio::runtime::Runtime::new()
                    .unwrap()
                    .block_on(async move {
                        let admin = Db::connect(admin_url.as_str(), 1)
                            .await
                            .map_err(|e| e.to_string())?;
                        let Db::Postgres(pool) = &admin else {
                            return Err("not a postgres:// URL".to_owned());
                        };
                        drop_stale_databases(pool).await?;
                        sqlx::query(&format!("CREATE DATABASE {template}"))
                            .execute(pool)
                            .await
                            .map_err(|e| e.to_string())?;
                        admin.close().await;
                        let db = Db::connect(with_database(&admin_url, &template).as_str(), 1)
                            .await
                            .map_err(|e| e.to_string())?;
                        db.migrate().await.map_err(|e| e.to_string())?;
                        db.close().await;
                        Ok::<_, String>(())
                    })
            })
        };
        setup
            .join()
            .map_err(|_| "template setup panicked".to_owned())??;
        Ok(Self {
            admin_url,
            template,
        })
    }

    async fn fresh_database(&self) -> String {
        let name = format!(
            "stw_{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::Relaxed)
        );
        let admin = Db::connect(self.admin_url.as_str(), 1)
            .await
            .expect("connect to PostgreSQL");
        let Db::Postgres(pool) = &admin else {
            unreachable!("checked at start")
        };
        sqlx::query(&format!(
            "CREATE DATABASE {name} TEMPLATE {}",
            self.template
        ))
        .execute(pool)
        .await
        .expect("create test database");
        admin.close().await;
        with_database(&self.admin_url, &name).to_string()
    }
}

fn with_database(url: &Url, name: &str) -> Url {
    let mut url = url.clone();
    url.set_path(&format!("/{name}"));
    url
}

/// Test databases are named after the test process; drop those whose process is gone.
async fn drop_stale_databases(pool: &sqlx::PgPool) -> Result<(), String> {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'stw\\_%'")
            .fetch_all(pool)
            .await
            .map_err(|e| e.to_string())?;
    for name in names {
        let pid = name.split('_').find_map(|part| part.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists());
        if !alive {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(pool)
                .await;
        }
    }
    Ok(())
}
