//! Accounts as their owners see them: credentials for sign-in, and the changes a user makes to
//! their own account. Managing people within a tenant is the `people` feature.
use crate::{
    error::AppError,
    ids::{UserId, UserStatus},
    server::db::{on_db, on_tx, on_unique_violation, Db, Tx},
};
use chrono::Utc;

#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: UserId,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub status: UserStatus,
}

impl Credentials {
    pub fn active(&self) -> bool {
        self.status == UserStatus::Active
    }
}

/// The account signing in as `email` (case-insensitive), if any.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>, AppError> {
    Ok(on_db!(db, pool => {
        sqlx::query_as("SELECT id, display_name, password_hash, status FROM users WHERE lower(email) = lower($1)")
            .bind(email)
            .fetch_optional(pool)
            .await
    })?)
}

/// The password hash of `user_id`, for re-checking the current password.
pub async fn password_hash(db: &Db, user_id: UserId) -> Result<Option<String>, AppError> {
    let hash: Option<Option<String>> = on_db!(db, pool => {
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await
    })?;
    Ok(hash.flatten())
}

pub async fn record_sign_in(db: &Db, user_id: UserId) -> Result<(), AppError> {
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
    user_id: UserId,
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

pub async fn set_password(tx: &mut Tx, user_id: UserId, hash: &str) -> Result<(), AppError> {
    const SQL: &str = "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3";
    Ok(set_text(tx, SQL, user_id, hash).await?)
}

pub async fn set_display_name(tx: &mut Tx, user_id: UserId, name: &str) -> Result<(), AppError> {
    const SQL: &str = "UPDATE users SET display_name = $1, updated_at = $2 WHERE id = $3";
    Ok(set_text(tx, SQL, user_id, name).await?)
}

/// Turns an invited user into an active one; `false` if the user is no longer invited
/// (already accepted, or disabled since).
pub async fn activate_invited(
    tx: &mut Tx,
    user_id: UserId,
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
pub async fn email_taken(db: &Db, email: &str, except: UserId) -> Result<bool, AppError> {
    let found: Option<UserId> = on_db!(db, pool => {
        sqlx::query_scalar("SELECT id FROM users WHERE lower(email) = lower($1) AND id <> $2")
            .bind(email)
            .bind(except)
            .fetch_optional(pool)
            .await
    })?;
    Ok(found.is_some())
}

/// Changes the address; a unique-index violation (someone took it meanwhile) is a conflict.
pub async fn set_email(tx: &mut Tx, user_id: UserId, email: &str) -> Result<(), AppError> {
    const SQL: &str = "UPDATE users SET email = $1, updated_at = $2 WHERE id = $3";
    set_text(tx, SQL, user_id, email).await.map_err(|e| {
        on_unique_violation(e, || {
            AppError::Conflict("That e-mail address belongs to another account.".into())
        })
    })
}

pub async fn email_of(db: &Db, user_id: UserId) -> Result<String, AppError> {
    Ok(on_db!(db, pool => {
        sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(pool)
            .await
    })?)
}
