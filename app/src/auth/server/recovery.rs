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
    people::server::offers,
    server::{
        audit::Event,
        db::Db,
        jobs::{self, NewJob},
        mail::{outbox, Email},
        request::Client,
        state::AppState,
        throttle::{PASSWORD_RESET, RESET_MAIL_INTERVAL_MINUTES},
    },
    values::EmailAddress,
};
use chrono::{Duration, Utc};
use tower_sessions::Session;

/// The job that mails a reset link (`mail_reset_link`), queued for every request.
pub const RESET_MAIL_JOB: &str = "password_reset.mail";

#[derive(serde::Serialize, serde::Deserialize)]
pub struct ResetMail {
    pub email: String,
}

/// Takes a reset request: an address that asks too often is told to wait; otherwise a job is
/// queued that mails the link if the address has an active account. The request does the same
/// work whether or not it has one (count it, queue one job), so neither the answer nor the time
/// it takes says who has an account.
pub async fn request_reset(
    state: &AppState,
    address: &EmailAddress,
    client: &Client,
) -> Result<(), AppError> {
    let key = address.as_str().to_lowercase();
    PASSWORD_RESET
        .admit(&state.db, &key, client.ip.as_deref())
        .await?;
    let mut tx = state.db.begin().await?;
    let job = NewJob::new(RESET_MAIL_JOB, &ResetMail { email: key }).max_attempts(3);
    jobs::enqueue(&mut tx, &job).await?;
    tx.commit().await
}

/// The job's work: mails a reset link when `email` belongs to an active account that got none
/// in the last few minutes; does nothing otherwise.
pub async fn mail_reset_link(db: &Db, base_url: &str, email: &str) -> Result<(), AppError> {
    let Some(user) = users::credentials(db, email).await? else {
        return Ok(());
    };
    let since = Utc::now() - Duration::minutes(RESET_MAIL_INTERVAL_MINUTES);
    if !user.active() || tokens::issued_since(db, user.id, Purpose::PasswordReset, since).await? {
        return Ok(());
    }
    let address = users::email_of(db, user.id).await?;
    let mut tx = db.begin().await?;
    let token = tokens::issue(&mut tx, Purpose::PasswordReset, user.id, None, None).await?;
    let message = Email::PasswordReset {
        link: format!("{base_url}/reset-password?token={token}"),
        expires_minutes: Purpose::PasswordReset.lifetime().num_minutes(),
    };
    outbox::enqueue(&mut tx, &address, &message).await?;
    Event::new("auth.password_reset_requested")
        .by_label(Some(user.id), &address)
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
    if let Some(inviter) = redeemed.created_by {
        offers::accept_from(&mut tx, redeemed.user_id, inviter).await?;
    }
    Event::new("user.invitation_accepted")
        .by_label(Some(redeemed.user_id), name)
        .target("user", redeemed.user_id)
        .commit(tx)
        .await?;
    sign_in::start(state, session, redeemed.user_id, client).await
}
