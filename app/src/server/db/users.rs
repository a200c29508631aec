//! Users: credentials for sign-in, and the account changes a user makes for themselves.
//! Listing and managing people within a tenant lives in `people`.
use super::{on_db, on_tx, Db, Tx};
use crate::error::AppError;
use chrono::Utc;

pub struct Credentials {
    pub id: i64,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub active: bool,
}

/// The account signing in as `email` (case-insensitive), if any.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>, AppError> {
    let row: Option<(i64, String, Option<String>, String)> = on_db!(db, pool => {
        sqlx::query_as("SELECT id, display_name, password_hash, status FROM users WHERE lower(email) = lower($1)")
            .bind(email)
            .fetch_optional(pool)
            .await
    })?;
    Ok(
        row.map(|(id, display_name, password_hash, status)| Credentials {
            id,
            display_name,
            password_hash,
            active: status == "active",
        }),
    )
}

/// The password hash of `user_id`, for re-checking the current password.
pub async fn password_hash(db: &Db, user_id: i64) -> Result<Option<String>, AppError> {
    let hash: Option<Option<String>> = on_db!(db, pool => {
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await
    })?;
    Ok(hash.flatten())
}

pub async fn record_sign_in(db: &Db, user_id: i64) -> Result<(), AppError> {
    on_db!(db, pool => {
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(Utc::now())
            .bind(user_id)
            .execute(pool)
            .await
            .map(drop)
    })?;
    Ok(())
}

/// Sets one text column of a user; `sql` is a fixed statement binding (value, now, id).
async fn set_text(
    tx: &mut Tx,
    sql: &'static str,
    user_id: i64,
    value: &str,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => {
        sqlx::query(sql)
            .bind(value)
            .bind(Utc::now())
            .bind(user_id)
            .execute(conn)
            .await
            .map(drop)
    })
}

pub async fn set_password(tx: &mut Tx, user_id: i64, hash: &str) -> Result<(), AppError> {
    const SQL: &str = "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3";
    Ok(set_text(tx, SQL, user_id, hash).await?)
}

pub async fn set_display_name(tx: &mut Tx, user_id: i64, name: &str) -> Result<(), AppError> {
    const SQL: &str = "UPDATE users SET display_name = $1, updated_at = $2 WHERE id = $3";
    Ok(set_text(tx, SQL, user_id, name).await?)
}

/// Turns an invited user into an active one; `false` if the user is no longer invited
/// (already accepted, or disabled since).
pub async fn activate_invited(
    tx: &mut Tx,
    user_id: i64,
    name: &str,
    hash: &str,
) -> Result<bool, AppError> {
    let done = on_tx!(tx, conn => {
        sqlx::query("UPDATE users SET display_name = $1, password_hash = $2, status = 'active', updated_at = $3 \
             WHERE id = $4 AND status = 'invited'")
            .bind(name)
            .bind(hash)
            .bind(Utc::now())
            .bind(user_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// Whether `email` belongs to a user other than `except`.
pub async fn email_taken(db: &Db, email: &str, except: Option<i64>) -> Result<bool, AppError> {
    let found: Option<i64> = on_db!(db, pool => {
        sqlx::query_scalar("SELECT id FROM users WHERE lower(email) = lower($1) AND id <> $2")
            .bind(email)
            .bind(except.unwrap_or(0))
            .fetch_optional(pool)
            .await
    })?;
    Ok(found.is_some())
}

/// Changes the address; a unique-index violation (someone took it meanwhile) is a conflict.
pub async fn set_email(tx: &mut Tx, user_id: i64, email: &str) -> Result<(), AppError> {
    const SQL: &str = "UPDATE users SET email = $1, updated_at = $2 WHERE id = $3";
    match set_text(tx, SQL, user_id, email).await {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::Conflict(
            "That e-mail address belongs to another account.".into(),
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn email_of(db: &Db, user_id: i64) -> Result<String, AppError> {
    Ok(on_db!(db, pool => {
        sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(pool)
            .await
    })?)
}
