//! The database toolkit: one pool type per backend behind `Db`, picked from the URL scheme, with
//! the migrations of each backend embedded; transactions (`Tx`); the `dialect` for the little
//! SQL that differs; and the error mapping every data function shares. Queries are written once
//! (`$1` placeholders) and run on either backend through `on_db!`; the test suite runs every
//! query on both. Data functions return `AppError`.
pub mod dialect;

pub use dialect::Dialect;

use crate::error::AppError;
use sqlx::{
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};
use std::{str::FromStr, time::Duration};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the backend's native pool.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite($pool) => $body,
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}
pub use on_db;

/// Fetches page `$page` (clamped by `Slice::clamped`) of `$size` rows: counts with `$count`,
/// then runs `$select`, both bound with `$binds`; `$select` takes the page size and offset as
/// its last two placeholders. Evaluates to `Result<Page<Row>, AppError>`.
#[macro_export]
macro_rules! paginate {
    ($db:expr, $page:expr, $size:expr, $count:expr, $select:expr, [$($bind:expr),* $(,)?]) => {
        $crate::on_db!($db, pool => {
            async {
                let total: i64 = sqlx::query_scalar($count)$(.bind($bind))*.fetch_one(pool).await?;
                let slice = $crate::paging::Slice::clamped($page, $size, total);
                let rows = sqlx::query_as($select)
                    $(.bind($bind))*
                    .bind(slice.size)
                    .bind(slice.offset())
                    .fetch_all(pool)
                    .await?;
                Ok::<_, $crate::error::AppError>(slice.of(rows, total))
            }
            .await
        })
    };
}
pub use paginate;

/// A transaction on either backend; run statements in it with `on_tx!`.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs `$body` with `$conn` bound to the transaction's connection.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::server::db::Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::server::db::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}
pub use on_tx;

impl Tx {
    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), AppError> {
        match self {
            Self::Sqlite(tx) => tx.commit().await?,
            Self::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got {0:?})")]
    UnknownScheme(String),
    #[error("could not open the database: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("could not create the database directory {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error("migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// Opens a pool for `url`. SQLite files (and their directory) are created when missing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, ConnectError> {
        let acquire_timeout = Duration::from_secs(5);
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true);
            if let Some(dir) = options
                .get_filename()
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir).map_err(|source| ConnectError::Directory {
                    path: dir.display().to_string(),
                    source,
                })?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(acquire_timeout)
                .connect_with(options)
                .await?;
            Ok(Self::Sqlite(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(acquire_timeout)
                .connect_with(PgConnectOptions::from_str(url)?)
                .await?;
            Ok(Self::Postgres(pool))
        } else {
            let scheme = url.split(':').next().unwrap_or_default().to_owned();
            Err(ConnectError::UnknownScheme(scheme))
        }
    }

    /// Applies pending migrations. Safe when several app servers start at once.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match self {
            Self::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Self::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    pub async fn begin(&self) -> Result<Tx, AppError> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// One round trip, for readiness checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop))
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

/// Database failures are logged here, once, and shown to users as a generic message.
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(%error, "database unavailable");
                Self::Unavailable
            }
            error => {
                tracing::error!(%error, "database error");
                Self::Internal
            }
        }
    }
}

/// Maps a unique-constraint violation to `conflict()` (a field error or a conflict message the
/// user can act on); any other error is a database failure.
pub fn on_unique_violation(error: sqlx::Error, conflict: impl FnOnce() -> AppError) -> AppError {
    match error {
        sqlx::Error::Database(e) if e.is_unique_violation() => conflict(),
        error => error.into(),
    }
}
