//! Signed-in browsers. Each sign-in writes a `logins` row and the session record (tower-sessions,
//! in the database) keeps only that row's id and the active membership. Deleting rows therefore
//! signs browsers out on every app server at once: "sign out everywhere", password changes,
//! disabled accounts.
use crate::{
    error::AppError,
    identity::{LoginInfo, Membership},
    ids::{LoginId, MembershipId, UserId},
    server::db::{on_db, Db},
};
use chrono::{DateTime, Duration, Utc};
use tower_sessions::Session;

const LOGIN_KEY: &str = "login";
/// The membership the browser acts in, chosen at sign-in and by a scope switch.
const MEMBERSHIP_KEY: &str = "membership";
/// Written when a login is seen again, so the session's idle expiry moves forward.
const SEEN_KEY: &str = "seen";
/// How stale `last_seen_at` may get before a request refreshes it (one write per minute at most).
const TOUCH_EVERY: Duration = Duration::seconds(60);

pub fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Unavailable
}

/// The user and login behind a session, if both are still valid.
#[derive(sqlx::FromRow)]
pub struct LiveLogin {
    pub login_id: LoginId,
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    last_seen_at: DateTime<Utc>,
}

const INSERT: &str =
    "INSERT INTO logins (user_id, created_at, last_seen_at, expires_at, ip, user_agent) \
     VALUES ($1, $2, $2, $3, $4, $5) RETURNING id";

/// Signs `session` in as `user_id` acting in `active`: a fresh session id (no fixation), a new
/// login row, and the chosen membership stored in the session.
pub async fn start(
    db: &Db,
    session: &Session,
    user_id: UserId,
    active: &Membership,
    max_age: std::time::Duration,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<LoginId, AppError> {
    let now = Utc::now();
    let expires = now + Duration::from_std(max_age).unwrap_or(Duration::hours(24));
    let user_agent = user_agent.map(|ua| ua.chars().take(300).collect::<String>());
    let id: LoginId = on_db!(db, pool => {
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
    choose_membership(session, active).await?;
    Ok(id)
}

/// Makes `membership` (one of the signed-in user's own) the one this browser acts in.
pub async fn choose_membership(session: &Session, membership: &Membership) -> Result<(), AppError> {
    session
        .insert(MEMBERSHIP_KEY, membership.id)
        .await
        .map_err(session_error)
}

/// The membership this browser acts in, as stored at sign-in or by a scope switch.
pub async fn active_membership(session: &Session) -> Result<Option<MembershipId>, AppError> {
    session.get(MEMBERSHIP_KEY).await.map_err(session_error)
}

const LIVE: &str = "SELECT l.id AS login_id, u.id AS user_id, u.email, u.display_name, l.last_seen_at FROM logins l \
     JOIN users u ON u.id = l.user_id \
     WHERE l.id = $1 AND l.expires_at > $2 AND l.last_seen_at > $3 AND u.status = 'active'";

/// The login `session` points at, if it has not expired (absolute or idle), been signed out, or
/// belonged to a user since disabled. A session pointing at nothing is emptied.
pub async fn live(
    db: &Db,
    session: &Session,
    idle: std::time::Duration,
) -> Result<Option<LiveLogin>, AppError> {
    let Some(login_id) = session
        .get::<LoginId>(LOGIN_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    let idle = Duration::from_std(idle).unwrap_or(Duration::hours(2));
    let row: Option<LiveLogin> = on_db!(db, pool => {
        sqlx::query_as(LIVE)
            .bind(login_id)
            .bind(now)
            .bind(now - idle)
            .fetch_optional(pool)
            .await
    })?;
    let Some(live) = row else {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    };
    if now - live.last_seen_at > TOUCH_EVERY {
        on_db!(db, pool => {
            sqlx::query("UPDATE logins SET last_seen_at = $1 WHERE id = $2")
                .bind(now)
                .bind(live.login_id)
                .execute(pool)
                .await
                .map(drop)
        })?;
        session
            .insert(SEEN_KEY, now.timestamp())
            .await
            .map_err(session_error)?;
    }
    Ok(Some(live))
}

/// Signs this browser out.
pub async fn end(db: &Db, session: &Session) -> Result<(), AppError> {
    if let Some(login_id) = session
        .get::<LoginId>(LOGIN_KEY)
        .await
        .map_err(session_error)?
    {
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
pub async fn end_all(db: &Db, user_id: UserId, keep: Option<LoginId>) -> Result<u64, AppError> {
    let done = on_db!(db, pool => {
        sqlx::query("DELETE FROM logins WHERE user_id = $1 AND ($2 IS NULL OR id <> $2)")
            .bind(user_id)
            .bind(keep)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(done)
}

const LIST: &str = "SELECT id, created_at, last_seen_at, ip, user_agent, coalesce(id = $4, FALSE) AS current FROM logins \
     WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 ORDER BY last_seen_at DESC";

/// The user's signed-in browsers, most recently active first; `current` marks the asker's.
pub async fn list(
    db: &Db,
    user_id: UserId,
    current: Option<LoginId>,
    idle: std::time::Duration,
) -> Result<Vec<LoginInfo>, AppError> {
    let now = Utc::now();
    let idle = Duration::from_std(idle).unwrap_or(Duration::hours(2));
    Ok(on_db!(db, pool => {
        sqlx::query_as(LIST)
            .bind(user_id)
            .bind(now)
            .bind(now - idle)
            .bind(current)
            .fetch_all(pool)
            .await
    })?)
}

/// Removes logins past their absolute expiry (idle ones go with their session records).
pub async fn delete_expired(db: &Db) -> Result<u64, AppError> {
    Ok(on_db!(db, pool => {
        sqlx::query("DELETE FROM logins WHERE expires_at < $1")
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?)
}
