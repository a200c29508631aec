//! Single-use links (invitations, password resets, e-mail changes). The link carries 256 random
//! bits; the database keeps only their SHA-256, so a leaked table opens nothing.
use crate::{
    error::AppError,
    ids::{text_enum, UserId},
    server::db::{on_db, on_tx, Db, Tx},
};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

text_enum! {
    /// What a link is for; each kind has its own lifetime.
    pub enum Purpose {
        Invitation = "invitation",
        PasswordReset = "password_reset",
        EmailChange = "email_change",
    }
}

impl Purpose {
    pub fn lifetime(self) -> Duration {
        match self {
            Self::Invitation => Duration::hours(72),
            Self::PasswordReset => Duration::hours(1),
            Self::EmailChange => Duration::hours(24),
        }
    }
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

const INSERT: &str = "INSERT INTO one_time_tokens \
     (token_hash, purpose, user_id, new_email, created_by, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Issues a token for `user_id` and returns the secret for the link. A new reset or e-mail
/// change link voids the user's earlier unused one; invitations do not, since several tenants
/// may invite the same new person: any one of the links activates the account (and all its
/// memberships), after which the others no longer apply.
pub async fn issue(
    tx: &mut Tx,
    purpose: Purpose,
    user_id: UserId,
    new_email: Option<&str>,
    created_by: Option<UserId>,
) -> Result<String, AppError> {
    let now = Utc::now();
    if purpose != Purpose::Invitation {
        void(tx, user_id, purpose).await?;
    }
    let secret = new_secret();
    on_tx!(tx, conn => {
        sqlx::query(INSERT)
            .bind(digest(&secret))
            .bind(purpose)
            .bind(user_id)
            .bind(new_email)
            .bind(created_by)
            .bind(now)
            .bind(now + purpose.lifetime())
            .execute(conn)
            .await
            .map(drop)
    })?;
    Ok(secret)
}

/// Voids the user's unused links for `purpose`: a new link, or a change that makes old links
/// pointless (a reset after an e-mail change, say), leaves only what is current.
pub async fn void(tx: &mut Tx, user_id: UserId, purpose: Purpose) -> Result<(), AppError> {
    Ok(on_tx!(tx, conn => {
        sqlx::query("UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL")
            .bind(Utc::now())
            .bind(user_id)
            .bind(purpose)
            .execute(conn)
            .await
            .map(drop)
    })?)
}

/// Whether a link for `purpose` went to the user after `since`.
pub async fn issued_since(
    db: &Db,
    user_id: UserId,
    purpose: Purpose,
    since: DateTime<Utc>,
) -> Result<bool, AppError> {
    let count: i64 = on_db!(db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM one_time_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3")
            .bind(user_id)
            .bind(purpose)
            .bind(since)
            .fetch_one(pool)
            .await
    })?;
    Ok(count > 0)
}

/// Uses a token up, inside the transaction that acts on it: a second use, even a concurrent
/// one, finds it used.
pub async fn redeem(tx: &mut Tx, purpose: Purpose, token: &str) -> Result<Redeemed, AppError> {
    let now = Utc::now();
    let row: Option<Redeemed> = on_tx!(tx, conn => {
        sqlx::query_as("UPDATE one_time_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
             RETURNING user_id, new_email, created_by")
            .bind(now)
            .bind(digest(token))
            .bind(purpose)
            .fetch_optional(conn)
            .await
    })?;
    row.ok_or_else(|| AppError::BadRequest(MESSAGE_INVALID.into()))
}

/// A token checked and used up: the user it was for, for e-mail changes the new address, and
/// who made it (the inviter, for invitations).
#[derive(sqlx::FromRow)]
pub struct Redeemed {
    pub user_id: UserId,
    pub new_email: Option<String>,
    pub created_by: Option<UserId>,
}

pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub const MESSAGE_INVALID: &str =
    "This link is invalid or has already been used. Ask for a new one.";
pub const MESSAGE_EXPIRED: &str = "This link has expired. Ask for a new one.";

/// Looks a token up without using it (to show the form it leads to).
pub async fn peek(db: &Db, purpose: Purpose, token: &str) -> Result<Redeemed, AppError> {
    #[derive(sqlx::FromRow)]
    struct Found {
        user_id: UserId,
        new_email: Option<String>,
        created_by: Option<UserId>,
        expires_at: DateTime<Utc>,
        used_at: Option<DateTime<Utc>>,
    }
    let row: Option<Found> = on_db!(db, pool => {
        sqlx::query_as("SELECT user_id, new_email, created_by, expires_at, used_at FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2")
            .bind(digest(token))
            .bind(purpose)
            .fetch_optional(pool)
            .await
    })?;
    match row {
        Some(found) if found.used_at.is_none() && found.expires_at > Utc::now() => Ok(Redeemed {
            user_id: found.user_id,
            new_email: found.new_email,
            created_by: found.created_by,
        }),
        Some(found) if found.used_at.is_none() => Err(AppError::BadRequest(MESSAGE_EXPIRED.into())),
        _ => Err(AppError::BadRequest(MESSAGE_INVALID.into())),
    }
}
