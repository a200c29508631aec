//! Two-factor sign-in in the database: setting it up (a secret shown once, turned on by a first
//! valid code, with fresh recovery codes), checking a code at sign-in (a TOTP code at most once,
//! a recovery code once), and turning it off. The arithmetic is `totp`.
use super::totp::{self, TotpSecret};
use crate::{
    error::{AppError, FieldErrors},
    ids::UserId,
    server::db::{on_db, on_tx, Db, Tx},
};
use chrono::{DateTime, Utc};

/// The name authenticator apps show next to the code.
pub const ISSUER: &str = "Steward";

/// Where a user's two-factor sign-in stands.
#[derive(Debug)]
pub enum Standing {
    Off,
    /// Set up but not yet confirmed with a code: the secret to enrol an app with.
    SettingUp(TotpSecret),
    On {
        since: DateTime<Utc>,
        recovery_codes_left: i64,
    },
}

#[derive(sqlx::FromRow)]
struct Row {
    secret: String,
    enabled_at: Option<DateTime<Utc>>,
    last_step: Option<i64>,
}

async fn row(tx: &mut Tx, user: UserId) -> Result<Option<Row>, AppError> {
    on_tx!(tx, conn => sqlx::query_as(
        "SELECT secret, enabled_at, last_step FROM two_factor WHERE user_id = $1",
    )
    .bind(user)
    .fetch_optional(&mut *conn)
    .await)
    .map_err(Into::into)
}

pub async fn standing(db: &Db, user: UserId) -> Result<Standing, AppError> {
    let mut tx = db.begin().await?;
    let found = row(&mut tx, user).await?;
    let standing = match found {
        None => Standing::Off,
        Some(Row {
            enabled_at: Some(since),
            ..
        }) => Standing::On {
            since,
            recovery_codes_left: on_tx!(&mut tx, conn => sqlx::query_scalar(
                "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
            )
            .bind(user)
            .fetch_one(&mut *conn)
            .await)?,
        },
        Some(Row { secret, .. }) => {
            TotpSecret::from_base32(&secret).map_or(Standing::Off, Standing::SettingUp)
        }
    };
    tx.commit().await?;
    Ok(standing)
}

/// Whether `user` signs in with a second factor.
pub async fn is_on(db: &Db, user: UserId) -> Result<bool, AppError> {
    let on: Option<bool> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT enabled_at IS NOT NULL FROM two_factor WHERE user_id = $1",
    )
    .bind(user)
    .fetch_optional(pool)
    .await)?;
    Ok(on.unwrap_or(false))
}

/// Starts setting up with a new secret (replacing one not yet confirmed). Refused while on.
pub async fn begin(tx: &mut Tx, user: UserId) -> Result<TotpSecret, AppError> {
    if row(tx, user).await?.is_some_and(|r| r.enabled_at.is_some()) {
        return Err(AppError::Conflict(
            "Two-factor sign-in is on already.".into(),
        ));
    }
    let secret = TotpSecret::generate();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO two_factor (user_id, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = NULL, \
         created_at = excluded.created_at WHERE two_factor.enabled_at IS NULL",
    )
    .bind(user)
    .bind(secret.to_base32())
    .bind(Utc::now())
    .execute(&mut *conn)
    .await
    .map(drop))?;
    Ok(secret)
}

fn wrong_code() -> AppError {
    FieldErrors::one(
        "code",
        "That code is not right. Enter the 6 digits your app shows now, or a recovery code.",
    )
    .into()
}

/// Turns two-factor sign-in on once `code` proves the app was set up with the pending secret;
/// returns the new recovery codes, to be shown once.
pub async fn confirm(tx: &mut Tx, user: UserId, code: &str) -> Result<Vec<String>, AppError> {
    let pending = row(tx, user)
        .await?
        .filter(|r| r.enabled_at.is_none())
        .ok_or_else(|| AppError::Conflict("Start setting up two-factor sign-in first.".into()))?;
    let secret = TotpSecret::from_base32(&pending.secret).ok_or(AppError::Internal)?;
    let now = Utc::now();
    let step = totp::verify(&secret, code, now.timestamp(), None).ok_or_else(wrong_code)?;
    // Only one of two confirmations racing turns it on (and makes the codes that count).
    let turned_on = on_tx!(tx, conn => sqlx::query(
        "UPDATE two_factor SET enabled_at = $1, last_step = $2 \
         WHERE user_id = $3 AND secret = $4 AND enabled_at IS NULL",
    )
    .bind(now)
    .bind(step)
    .bind(user)
    .bind(&pending.secret)
    .execute(&mut *conn)
    .await
    .map(|done| done.rows_affected() == 1))?;
    if !turned_on {
        return Err(AppError::Conflict(
            "Two-factor sign-in changed meanwhile. Reload the page.".into(),
        ));
    }
    replace_recovery_codes(tx, user).await
}

async fn replace_recovery_codes(tx: &mut Tx, user: UserId) -> Result<Vec<String>, AppError> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user)
        .execute(&mut *conn)
        .await
        .map(drop))?;
    let codes = totp::generate_recovery_codes();
    for code in &codes {
        let normalized = totp::normalize_recovery_code(code).ok_or(AppError::Internal)?;
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)",
        )
        .bind(user)
        .bind(totp::hash_recovery_code(&normalized))
        .execute(&mut *conn)
        .await
        .map(drop))?;
    }
    Ok(codes)
}

/// Checks `input`, a current TOTP code (each accepted at most once) or an unused recovery code
/// (used up by this), for `user`, whose two-factor sign-in is on. A wrong code is a field error.
pub async fn check(tx: &mut Tx, user: UserId, input: &str) -> Result<(), AppError> {
    let on = row(tx, user)
        .await?
        .filter(|r| r.enabled_at.is_some())
        .ok_or_else(wrong_code)?;
    let secret = TotpSecret::from_base32(&on.secret).ok_or(AppError::Internal)?;
    let now = Utc::now().timestamp();
    let accepted = if let Some(step) = totp::verify(&secret, input, now, on.last_step) {
        // Only one of two requests racing with the same code moves the step on.
        on_tx!(tx, conn => sqlx::query(
            "UPDATE two_factor SET last_step = $1 \
             WHERE user_id = $2 AND (last_step IS NULL OR last_step < $1)",
        )
        .bind(step)
        .bind(user)
        .execute(&mut *conn)
        .await
        .map(|done| done.rows_affected() == 1))?
    } else if let Some(code) = totp::normalize_recovery_code(input) {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 \
             WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(Utc::now())
        .bind(user)
        .bind(totp::hash_recovery_code(&code))
        .execute(&mut *conn)
        .await
        .map(|done| done.rows_affected() == 1))?
    } else {
        false
    };
    if accepted {
        Ok(())
    } else {
        Err(wrong_code())
    }
}

/// Turns two-factor sign-in off: the secret and recovery codes are gone.
pub async fn turn_off(tx: &mut Tx, user: UserId) -> Result<(), AppError> {
    for table in ["two_factor", "recovery_codes"] {
        let sql = format!("DELETE FROM {table} WHERE user_id = $1");
        on_tx!(tx, conn => sqlx::query(&sql)
            .bind(user)
            .execute(&mut *conn)
            .await
            .map(drop))?;
    }
    Ok(())
}
