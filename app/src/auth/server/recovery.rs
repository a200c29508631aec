//! Getting back in: a reset link by e-mail (at most one per account every few minutes, and an
//! answer that never says whether the address has an account), choosing a new password with
//! it, and accepting an invitation.
use super::{
    login, password as passwords, sign_in,
    tokens::{self, Purpose},
    users,
};
use crate::{
    error::AppError,
    identity::Membership,
    server::{
        audit::Event,
        mail::{outbox, Email},
        request::Client,
        state::AppState,
        throttle::{PASSWORD_RESET, RESET_MAIL_INTERVAL_MINUTES},
    },
    values::EmailAddress,
};
use chrono::{Duration, Utc};
use tower_sessions::Session;

/// Mails a reset link when `address` belongs to an active account that got none in the last
/// few minutes; says nothing either way. An address that asks too often is told to wait.
pub async fn request_reset(
    state: &AppState,
    address: &EmailAddress,
    client: &Client,
) -> Result<(), AppError> {
    let key = address.as_str().to_lowercase();
    PASSWORD_RESET
        .admit(&state.db, &key, client.ip.as_deref())
        .await?;
    let Some(user) = users::credentials(&state.db, &key).await? else {
        return Ok(());
    };
    let since = Utc::now() - Duration::minutes(RESET_MAIL_INTERVAL_MINUTES);
    if !user.active()
        || tokens::issued_since(&state.db, user.id, Purpose::PasswordReset, since).await?
    {
        return Ok(());
    }
    let mut tx = state.db.begin().await?;
    let token = tokens::issue(&mut tx, Purpose::PasswordReset, user.id, None, None).await?;
    let email = Email::PasswordReset {
        link: format!(
            "{}/reset-password?token={token}",
            state.settings.public_base_url
        ),
        expires_minutes: Purpose::PasswordReset.lifetime().num_minutes(),
    };
    outbox::enqueue(&mut tx, address.as_str(), &email).await?;
    Event::new("auth.password_reset_requested")
        .by_label(Some(user.id), address.as_str())
        .target("user", user.id)
        .commit(tx)
        .await
}

/// Sets a new password with a reset link, voids pending address changes (asked for by whoever
/// held the old password) and signs the account out everywhere.
pub async fn reset_password(
    state: &AppState,
    token: &str,
    password: String,
) -> Result<(), AppError> {
    tokens::peek(&state.db, Purpose::PasswordReset, token).await?;
    let hash = passwords::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let redeemed = tokens::redeem(&mut tx, Purpose::PasswordReset, token).await?;
    users::set_password(&mut tx, redeemed.user_id, &hash).await?;
    tokens::void(&mut tx, redeemed.user_id, Purpose::EmailChange).await?;
    Event::new("auth.password_reset")
        .by_label(Some(redeemed.user_id), "password reset link")
        .target("user", redeemed.user_id)
        .commit(tx)
        .await?;
    login::end_all(&state.db, redeemed.user_id, None).await?;
    Ok(())
}

/// Activates an invited account with its name and password and signs this browser in, acting
/// where the invitation placed them. `None` when every role was withdrawn meanwhile (the
/// account is active; signing in later says why it leads nowhere).
pub async fn accept_invitation(
    state: &AppState,
    session: &Session,
    token: &str,
    name: &str,
    password: String,
    client: &Client,
) -> Result<Option<Membership>, AppError> {
    tokens::peek(&state.db, Purpose::Invitation, token).await?;
    let hash = passwords::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let redeemed = tokens::redeem(&mut tx, Purpose::Invitation, token).await?;
    if !users::activate_invited(&mut tx, redeemed.user_id, name, &hash).await? {
        return Err(AppError::BadRequest(tokens::MESSAGE_INVALID.into()));
    }
    Event::new("user.invitation_accepted")
        .by_label(Some(redeemed.user_id), name)
        .target("user", redeemed.user_id)
        .commit(tx)
        .await?;
    sign_in::start(state, session, redeemed.user_id, client).await
}
