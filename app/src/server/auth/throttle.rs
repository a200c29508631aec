//! Rate limits kept in the database, so they hold across app servers. Each limited action is
//! counted per account (e-mail) and per client address within a sliding window.
use crate::{
    error::AppError,
    server::db::{on_db, Db},
};
use chrono::{DateTime, Duration, Utc};

pub struct Limit {
    action: &'static str,
    /// `None`: not limited per account.
    pub per_account: Option<usize>,
    pub per_address: usize,
    pub window_minutes: i64,
}

/// Failed sign-ins and wrong current passwords: 5 per account, 20 per address (offices share
/// addresses) in 15 minutes.
pub const SIGN_IN: Limit = Limit {
    action: "sign_in",
    per_account: Some(5),
    per_address: 20,
    window_minutes: 15,
};

/// Reset-link requests per client address. (Each account also gets at most one mail per
/// `RESET_MAIL_INTERVAL_MINUTES`, judged by the links actually sent.)
pub const PASSWORD_RESET: Limit = Limit {
    action: "password_reset",
    per_account: None,
    per_address: 10,
    window_minutes: 5,
};
pub const RESET_MAIL_INTERVAL_MINUTES: i64 = 5;

/// The longest window: older events count for nothing.
const LONGEST_WINDOW_MINUTES: i64 = 15;

pub enum Key<'a> {
    Account(&'a str),
    Address(&'a str),
}

const RECENT_FOR_EMAIL: &str = "SELECT created_at FROM rate_limit_events \
     WHERE action = $1 AND email = $2 AND created_at > $3 ORDER BY created_at DESC LIMIT $4";
const RECENT_FOR_IP: &str = "SELECT created_at FROM rate_limit_events \
     WHERE action = $1 AND ip = $2 AND created_at > $3 ORDER BY created_at DESC LIMIT $4";

impl Limit {
    /// Seconds until the key may act again, or `None` when it is within its limit (the wait
    /// ends when the oldest counted event leaves the window).
    pub async fn retry_after(&self, db: &Db, key: Key<'_>) -> Result<Option<u64>, AppError> {
        self.wait(db, key, 0).await
    }

    /// The wait once the key has more than `limit + extra` events in the window.
    async fn wait(&self, db: &Db, key: Key<'_>, extra: usize) -> Result<Option<u64>, AppError> {
        let (sql, value, limit) = match key {
            Key::Account(email) => match self.per_account {
                Some(limit) => (RECENT_FOR_EMAIL, email, limit),
                None => return Ok(None),
            },
            Key::Address(ip) => (RECENT_FOR_IP, ip, self.per_address),
        };
        let allowed = limit + extra;
        let now = Utc::now();
        let window = Duration::minutes(self.window_minutes);
        let recent: Vec<DateTime<Utc>> = on_db!(db, pool => {
            sqlx::query_scalar(sql)
                .bind(self.action)
                .bind(value)
                .bind(now - window)
                .bind(allowed as i64)
                .fetch_all(pool)
                .await
        })?;
        Ok(recent
            .last()
            .filter(|_| recent.len() >= allowed)
            .map(|oldest| (*oldest + window - now).num_seconds().max(1) as u64))
    }

    /// Refuses with "try again in N minutes" when the account or the address is at its limit.
    /// Reads only: a refused request adds nothing, so waiting out the time is enough.
    pub async fn check(&self, db: &Db, email: &str, ip: Option<&str>) -> Result<(), AppError> {
        self.refuse_beyond(db, email, ip, 0).await
    }

    /// Counts this attempt before it runs, then refuses it if it went over the limit: requests
    /// fired in parallel all pass `check`, but only as many as the limit get through here.
    pub async fn admit(&self, db: &Db, email: &str, ip: Option<&str>) -> Result<(), AppError> {
        self.record(db, email, ip).await?;
        self.refuse_beyond(db, email, ip, 1).await
    }

    async fn refuse_beyond(
        &self,
        db: &Db,
        email: &str,
        ip: Option<&str>,
        extra: usize,
    ) -> Result<(), AppError> {
        let mut keys = vec![Key::Account(email)];
        keys.extend(ip.map(Key::Address));
        for key in keys {
            if let Some(retry_after_secs) = self.wait(db, key, extra).await? {
                return Err(AppError::RateLimited { retry_after_secs });
            }
        }
        Ok(())
    }

    async fn record(&self, db: &Db, email: &str, ip: Option<&str>) -> Result<(), AppError> {
        on_db!(db, pool => {
            sqlx::query(
                "INSERT INTO rate_limit_events (action, email, ip, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(self.action)
            .bind(email)
            .bind(ip)
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(drop)
        })?;
        Ok(())
    }

    /// Forgets the account's count (after a successful sign-in); the address keeps its own.
    pub async fn clear_account(&self, db: &Db, email: &str) -> Result<(), AppError> {
        on_db!(db, pool => {
            sqlx::query("DELETE FROM rate_limit_events WHERE action = $1 AND email = $2")
                .bind(self.action)
                .bind(email)
                .execute(pool)
                .await
                .map(drop)
        })?;
        Ok(())
    }
}

pub async fn delete_expired(db: &Db) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => {
        sqlx::query("DELETE FROM rate_limit_events WHERE created_at < $1")
            .bind(Utc::now() - Duration::minutes(LONGEST_WINDOW_MINUTES))
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
}
