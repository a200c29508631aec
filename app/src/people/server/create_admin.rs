//! `steward create-admin EMAIL`: the way back into a deployment whose platform admins are gone
//! (removed, disabled, locked out). Whoever can run the server's command line may do it: the
//! account with that address becomes an active platform admin (invited when there is none), and
//! gets a one-time link to set a password.
use super::{
    find_or_invite,
    memberships::{insert_membership, Joining},
};
use crate::{
    auth::server::tokens::{self, Purpose},
    error::AppError,
    identity::{Role, Scope},
    ids::{MembershipId, UserId, UserStatus},
    server::{
        audit::Event,
        db::{on_tx, Db},
    },
    values::EmailAddress,
};
use chrono::Utc;

/// The admin made, and the link that lets them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminLink {
    pub user_id: UserId,
    /// A new account was invited (otherwise an existing one was promoted).
    pub invited: bool,
    pub link: String,
    pub valid_for: chrono::Duration,
}

pub async fn create_admin(
    db: &Db,
    base_url: &str,
    email: &EmailAddress,
) -> Result<AdminLink, AppError> {
    let address = email.as_str();
    let mut tx = db.begin().await?;
    let name = address.split('@').next().unwrap_or(address);
    let (user_id, status) = find_or_invite(&mut tx, address, name).await?;
    let platform: Option<MembershipId> = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "SELECT id FROM memberships WHERE user_id = $1 AND scope = 'platform'",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await)?;
    let now = Utc::now();
    match platform {
        // An offered platform role counts as accepted: the operator vouches for the account.
        Some(id) => on_tx!(&mut tx, conn => sqlx::query(
            "UPDATE memberships SET role = $1, accepted_at = COALESCE(accepted_at, $2), updated_at = $2 \
             WHERE id = $3",
        )
        .bind(Role::Admin)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(drop))?,
        None => {
            insert_membership(&mut tx, user_id, Scope::Platform, Role::Admin, Joining::Now).await?;
        }
    }
    // A disabled account comes back: active with its password, else invited.
    let has_password = on_tx!(&mut tx, conn => sqlx::query_scalar::<_, bool>(
        "UPDATE users SET status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END, \
         updated_at = $1 WHERE id = $2 RETURNING password_hash IS NOT NULL",
    )
    .bind(now)
    .bind(user_id)
    .fetch_one(&mut *conn)
    .await)?;
    let (purpose, path) = if has_password {
        (Purpose::PasswordReset, "reset-password")
    } else {
        (Purpose::Invitation, "accept-invitation")
    };
    let token = tokens::issue(&mut tx, purpose, user_id, None, None).await?;
    Event::new("user.admin_created")
        .by_label(None, "steward create-admin")
        .target("user", user_id)
        .detail(address)
        .commit(tx)
        .await?;
    Ok(AdminLink {
        user_id,
        invited: status == UserStatus::Invited,
        link: format!("{base_url}/{path}?token={token}"),
        valid_for: purpose.lifetime(),
    })
}
