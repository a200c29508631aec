//! Signed-in browsers. Each sign-in writes a `logins` row and the session record (tower-sessions,
//! in the database) keeps only that row's id and the active membership. Deleting rows therefore
//! signs browsers out on every app server at once: "sign out everywhere", password changes,
//! disabled accounts.
use crate::{
    error::AppError,
    identity::LoginInfo,
    server::db::{on_db, Db},
};
use chrono::{DateTime, Duration, Utc};
use tower_sessions::Session;

pub const LOGIN_KEY: &str = "login";
pub const MEMBERSHIP_KEY: &str = "membership";
/// Written when a login is seen again, so the session's idle expiry moves forward.
const SEEN_KEY: &str = "seen";
/// How stale `last_seen_at` may get before a request refreshes it (one write per minute at most).
const TOUCH_EVERY: Duration = Duration::seconds(60);

pub fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Unavailable
}

/// The user and login behind a session, if both are still valid.
pub struct LiveLogin {
    pub login_id: i64,
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
}

const INSERT: &str =
    "INSERT INTO logins (user_id, created_at, last_seen_at, expires_at, ip, user_agent) \
     VALUES ($1, $2, $2, $3, $4, $5) RETURNING id";

/// Signs `session` in as `user_id`: a fresh session id (no fixation), a new login row.
pub async fn start(
    db: &Db,
    session: &Session,
    user_id: i64,
    max_age: std::time::Duration,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let expires = now + Duration::from_std(max_age).unwrap_or(Duration::hours(24));
    let user_agent = user_agent.map(|ua| ua.chars().take(300).collect::<String>());
    let id: i64 = on_db!(db, pool => {
        sqlx::query_scalar(INSERT)
            .bind(user_id)
            .bind(now)
            .bind(expires)
            .bind(ip)
            .bind(user_agent.as_deref())
            .fetch_one(pool)
            .await
    })?;
    session.cycle_id().await.map_err(session_error)?;
    session.clear().await;
    session.insert(LOGIN_KEY, id).await.map_err(session_error)?;
    Ok(id)
}

const LIVE: &str = "SELECT l.id, u.id, u.email, u.display_name, l.last_seen_at FROM logins l \
     JOIN users u ON u.id = l.user_id \
     WHERE l.id = $1 AND l.expires_at > $2 AND l.last_seen_at > $3 AND u.status = 'active'";

/// The login `session` points at, if it has not expired (absolute or idle), been signed out, or
/// belonged to a user since disabled. A session pointing at nothing is emptied.
pub async fn live(
    db: &Db,
    session: &Session,
    idle: std::time::Duration,
) -> Result<Option<LiveLogin>, AppError> {
    let Some(login_id) = session.get::<i64>(LOGIN_KEY).await.map_err(session_error)? else {
        return Ok(None);
    };
    let now = Utc::now();
    let idle = Duration::from_std(idle).unwrap_or(Duration::hours(2));
    let row: Option<(i64, i64, String, String, DateTime<Utc>)> = on_db!(db, pool => {
        sqlx::query_as(LIVE)
            .bind(login_id)
            .bind(now)
            .bind(now - idle)
            .fetch_optional(pool)
            .await
    })?;
    let Some((login_id, user_id, email, display_name, last_seen)) = row else {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    };
    if now - last_seen > TOUCH_EVERY {
        on_db!(db, pool => {
            sqlx::query("UPDATE logins SET last_seen_at = $1 WHERE id = $2")
                .bind(now)
                .bind(login_id)
                .execute(pool)
                .await
                .map(drop)
        })?;
        session
            .insert(SEEN_KEY, now.timestamp())
            .await
            .map_err(session_error)?;
    }
    Ok(Some(LiveLogin {
        login_id,
        user_id,
        email,
        display_name,
    }))
}

/// Signs this browser out.
pub async fn end(db: &Db, session: &Session) -> Result<(), AppError> {
    if let Some(login_id) = session.get::<i64>(LOGIN_KEY).await.map_err(session_error)? {
        on_db!(db, pool => {
            sqlx::query("DELETE FROM logins WHERE id = $1")
                .bind(login_id)
                .execute(pool)
                .await
                .map(drop)
        })?;
    }
    session.flush().await.map_err(session_error)
}

/// Signs `user_id` out of every browser except `keep` (the one asking, when it stays signed in).
/// Returns how many were signed out.
pub async fn end_all(db: &Db, user_id: i64, keep: Option<i64>) -> Result<u64, AppError> {
    let done = on_db!(db, pool => {
        sqlx::query("DELETE FROM logins WHERE user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(keep.unwrap_or(0))
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(done)
}

const LIST: &str = "SELECT id, created_at, last_seen_at, ip, user_agent FROM logins \
     WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 ORDER BY last_seen_at DESC";

/// The user's signed-in browsers, most recently active first.
pub async fn list(
    db: &Db,
    user_id: i64,
    current: i64,
    idle: std::time::Duration,
) -> Result<Vec<LoginInfo>, AppError> {
    let now = Utc::now();
    let idle = Duration::from_std(idle).unwrap_or(Duration::hours(2));
    // id, created_at, last_seen_at, ip, user_agent
    type Row = (
        i64,
        DateTime<Utc>,
        DateTime<Utc>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = on_db!(db, pool => {
        sqlx::query_as(LIST)
            .bind(user_id)
            .bind(now)
            .bind(now - idle)
            .fetch_all(pool)
            .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, created_at, last_seen_at, ip, user_agent)| LoginInfo {
            id,
            created_at,
            last_seen_at,
            ip,
            user_agent,
            current: id == current,
        })
        .collect())
}

/// Removes logins past their absolute expiry (idle ones go with their session records).
pub async fn delete_expired(db: &Db) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => {
        sqlx::query("DELETE FROM logins WHERE expires_at < $1")
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}
