//! Contact requests from the public site: stored, and limited per client address.
use super::types::ContactRequest;
use crate::{
    error::AppError,
    ids::ContactRequestId,
    server::{
        db::{on_db, Db},
        throttle::retry_after,
    },
};
use chrono::{DateTime, Duration, Utc};

/// Requests one address may send per hour: plenty for a person, little for a script.
pub const PER_ADDRESS_PER_HOUR: usize = 5;

const RECENT_FROM_ADDRESS: &str = "SELECT created_at FROM contact_requests \
     WHERE ip = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT $3";

/// Refuses a sixth request from `ip` within an hour, saying when the next one is possible.
pub async fn check_rate(db: &Db, ip: &str) -> Result<(), AppError> {
    let now = Utc::now();
    let window = Duration::hours(1);
    let recent: Vec<DateTime<Utc>> = on_db!(db, pool => {
        sqlx::query_scalar(RECENT_FROM_ADDRESS)
            .bind(ip)
            .bind(now - window)
            .bind(PER_ADDRESS_PER_HOUR as i64)
            .fetch_all(pool)
            .await
    })?;
    match retry_after(&recent, PER_ADDRESS_PER_HOUR, window, now) {
        Some(retry_after_secs) => Err(AppError::RateLimited { retry_after_secs }),
        None => Ok(()),
    }
}

const INSERT: &str = "INSERT INTO contact_requests \
     (name, email, company, team_size, message, ip, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id";

/// Stores a validated request and returns its id.
pub async fn insert(
    db: &Db,
    request: &ContactRequest,
    ip: Option<&str>,
) -> Result<ContactRequestId, AppError> {
    let now = Utc::now();
    Ok(on_db!(db, pool => {
        sqlx::query_scalar::<_, ContactRequestId>(INSERT)
            .bind(&request.name)
            .bind(request.email.as_str())
            .bind(&request.company)
            .bind(request.team_size)
            .bind(&request.message)
            .bind(ip)
            .bind(now)
            .fetch_one(pool)
            .await
    })?)
}
