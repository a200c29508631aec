//! Rate limits kept in the database, so they hold across app servers; every limit uses this.
//! Each limited action is counted within a sliding window per client address and, for actions
//! on an account, per account *from that address*: someone who knows an address can use up only
//! their own tries, never lock its owner out. Across all addresses an account has a ceiling
//! beyond which attempts are slowed down, not refused.
use crate::{
    error::AppError,
    server::db::{on_db, Db},
};
use chrono::{DateTime, Duration, Utc};

pub struct Limit {
    action: &'static str,
    /// Per account from one client address; `None`: not limited per account.
    per_account: Option<usize>,
    /// Per account from every address: past it each attempt waits `SLOWDOWN` first.
    account_ceiling: Option<usize>,
    per_address: usize,
    window_minutes: i64,
}

/// Failed sign-ins and wrong current passwords: 5 per account from one address, 20 per address
/// (offices share addresses) in 15 minutes; past 50 on one account from everywhere, slowed.
pub const SIGN_IN: Limit = Limit {
    action: "sign_in",
    per_account: Some(5),
    account_ceiling: Some(50),
    per_address: 20,
    window_minutes: 15,
};

/// Second-factor codes at sign-in, limited like passwords (a million codes, three valid at a
/// time: a guesser who has the password still needs months).
pub const SECOND_FACTOR: Limit = Limit {
    action: "second_factor",
    per_account: Some(5),
    account_ceiling: Some(50),
    per_address: 20,
    window_minutes: 15,
};

/// How long an attempt on an account past its ceiling waits before it runs: a guesser spread
/// over many addresses gets a few tries a second at most, the owner still gets in.
pub const SLOWDOWN: std::time::Duration = std::time::Duration::from_secs(2);

/// Reset-link requests per client address. (Each account also gets at most one mail per
/// `RESET_MAIL_INTERVAL_MINUTES`, judged by the links actually sent.)
pub const PASSWORD_RESET: Limit = Limit {
    action: "password_reset",
    per_account: None,
    account_ceiling: None,
    per_address: 10,
    window_minutes: 5,
};
pub const RESET_MAIL_INTERVAL_MINUTES: i64 = 5;

/// "Talk to us" requests per client address: plenty for a person, little for a script.
pub const CONTACT: Limit = Limit {
    action: "contact",
    per_account: None,
    account_ceiling: None,
    per_address: 5,
    window_minutes: 60,
};

/// The longest window: older events count for nothing.
const LONGEST_WINDOW_MINUTES: i64 = 60;

enum Key<'a> {
    /// One account, from one client address (or from unknown addresses).
    AccountFrom(&'a str, Option<&'a str>),
    Address(&'a str),
}

const RECENT_FOR_ACCOUNT_FROM: &str = "SELECT created_at FROM rate_limit_events \
     WHERE action = $1 AND email = $2 AND COALESCE(ip, '') = COALESCE($5, '') AND created_at > $3 \
     ORDER BY created_at DESC LIMIT $4";
const RECENT_FOR_IP: &str = "SELECT created_at FROM rate_limit_events \
     WHERE action = $1 AND ip = $2 AND created_at > $3 ORDER BY created_at DESC LIMIT $4";
const COUNT_FOR_ACCOUNT: &str = "SELECT COUNT(*) FROM rate_limit_events \
     WHERE action = $1 AND email = $2 AND created_at > $3";

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
        // `from` is bound only for the account key (its query's `$5`).
        let (sql, value, from, limit) = match key {
            Key::AccountFrom(email, ip) => match self.per_account {
                Some(limit) => (RECENT_FOR_ACCOUNT_FROM, email, Some(ip), limit),
                None => return Ok(None),
            },
            Key::Address(ip) => (RECENT_FOR_IP, ip, None, self.per_address),
        };
        let allowed = limit + extra;
        let now = Utc::now();
        let window = Duration::minutes(self.window_minutes);
        let recent: Vec<DateTime<Utc>> = on_db!(db, pool => {
            let query = sqlx::query_scalar(sql)
                .bind(self.action)
                .bind(value)
                .bind(now - window)
                .bind(allowed as i64);
            match from {
                Some(ip) => query.bind(ip).fetch_all(pool).await,
                None => query.fetch_all(pool).await,
            }
        })?;
        Ok(retry_after(&recent, allowed, window, now))
    }

    /// Lets an attempt run, or refuses it with "try again in N minutes".
    ///
    /// An account (from this address) or an address already at its limit is refused without
    /// counting, so waiting out the time is enough. Otherwise the attempt is counted before it
    /// runs and refused if that took it over the limit: requests fired in parallel all pass the
    /// first check, but only as many as the limit get through the second. An account past its
    /// ceiling from all addresses waits `SLOWDOWN` and goes on. (A successful sign-in then
    /// `clear_account`s.)
    pub async fn admit(&self, db: &Db, email: &str, ip: Option<&str>) -> Result<(), AppError> {
        self.refuse_beyond(db, email, ip, 0).await?;
        self.record(db, email, ip).await?;
        self.refuse_beyond(db, email, ip, 1).await?;
        if self.past_ceiling(db, email).await? {
            tokio::time::sleep(SLOWDOWN).await;
        }
        Ok(())
    }

    /// The account has more attempts from all addresses in the window than its ceiling.
    async fn past_ceiling(&self, db: &Db, email: &str) -> Result<bool, AppError> {
        let Some(ceiling) = self.account_ceiling else {
            return Ok(false);
        };
        let since = Utc::now() - Duration::minutes(self.window_minutes);
        let attempts: i64 = on_db!(db, pool => {
            sqlx::query_scalar(COUNT_FOR_ACCOUNT)
                .bind(self.action)
                .bind(email)
                .bind(since)
                .fetch_one(pool)
                .await
        })?;
        Ok(usize::try_from(attempts).unwrap_or(usize::MAX) > ceiling)
    }

    async fn refuse_beyond(
        &self,
        db: &Db,
        email: &str,
        ip: Option<&str>,
        extra: usize,
    ) -> Result<(), AppError> {
        let mut keys = vec![Key::AccountFrom(email, ip)];
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

    /// Forgets the account's count from `ip` (after a successful sign-in from there); other
    /// addresses keep theirs, so the owner signing in does not give a guesser fresh tries.
    pub async fn clear_account(
        &self,
        db: &Db,
        email: &str,
        ip: Option<&str>,
    ) -> Result<(), AppError> {
        on_db!(db, pool => {
            sqlx::query(
                "DELETE FROM rate_limit_events WHERE action = $1 AND email = $2 \
                 AND COALESCE(ip, '') = COALESCE($3, '')",
            )
                .bind(self.action)
                .bind(email)
                .bind(ip)
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
