//! Rate limits kept in the database, so they hold across app servers; every limit uses this. Each limited action is
//! counted per account (e-mail) and per client address within a sliding window.
use crate::{
    error::AppError,
    server::db::{on_db, Db},
};
use chrono::{DateTime, Duration, Utc};

pub struct Limit {
    action: &'static str,
    /// `None`: not limited per account.
    per_account: Option<usize>,
    per_address: usize,
    window_minutes: i64,
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

/// "Talk to us" requests per client address: plenty for a person, little for a script.
pub const CONTACT: Limit = Limit {
    action: "contact",
    per_account: None,
    per_address: 5,
    window_minutes: 60,
};

/// The longest window: older events count for nothing.
const LONGEST_WINDOW_MINUTES: i64 = 60;

enum Key<'a> {
    Account(&'a str),
    Address(&'a str),
}

const RECENT_FOR_EMAIL: &str = "SELECT created_at FROM rate_limit_events \
     WHERE action = $1 AND email = $2 AND created_at > $3 ORDER BY created_at DESC LIMIT $4";
const RECENT_FOR_IP: &str = "SELECT created_at FROM rate_limit_events \
     WHERE action = $1 AND ip = $2 AND created_at > $3 ORDER BY created_at DESC LIMIT $4";

/// Seconds until another event fits, given the events in the window newest first, or `None`
/// when fewer than `allowed` are there: the wait ends when the `allowed`-th newest leaves.
pub fn retry_after(
    newest_first: &[DateTime<Utc>],
    allowed: usize,
    window: Duration,
    now: DateTime<Utc>,
) -> Option<u64> {
    newest_first
        .get(allowed.checked_sub(1)?)
        .map(|oldest_counted| (*oldest_counted + window - now).num_seconds().max(1) as u64)
}

impl Limit {
    /// The wait once the key has `limit + extra` events in the window.
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
        Ok(retry_after(&recent, allowed, window, now))
    }

    /// Lets an attempt run, or refuses it with "try again in N minutes".
    ///
    /// An account or address already at its limit is refused without counting, so waiting out
    /// the time is enough. Otherwise the attempt is counted before it runs and refused if that
    /// took it over the limit: requests fired in parallel all pass the first check, but only as
    /// many as the limit get through the second. (A successful sign-in then `clear_account`s.)
    pub async fn admit(&self, db: &Db, email: &str, ip: Option<&str>) -> Result<(), AppError> {
        self.refuse_beyond(db, email, ip, 0).await?;
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

pub async fn delete_expired(db: &Db) -> Result<u64, AppError> {
    Ok(on_db!(db, pool => {
        sqlx::query("DELETE FROM rate_limit_events WHERE created_at < $1")
            .bind(Utc::now() - Duration::minutes(LONGEST_WINDOW_MINUTES))
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_ends_when_the_allowed_th_newest_event_leaves_the_window() {
        let now = Utc::now();
        let window = Duration::minutes(15);
        let ago = |m| now - Duration::minutes(m);
        let newest_first = [ago(1), ago(4), ago(10)];
        assert_eq!(retry_after(&newest_first, 4, window, now), None);
        assert_eq!(retry_after(&newest_first, 3, window, now), Some(5 * 60));
        assert_eq!(retry_after(&newest_first, 2, window, now), Some(11 * 60));
        assert_eq!(retry_after(&newest_first, 0, window, now), None);
        // Never "try again in 0 seconds".
        assert_eq!(retry_after(&[ago(15)], 1, window, now), Some(1));
    }
}
