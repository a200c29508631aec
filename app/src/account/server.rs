//! The account feature on the server: a sensitive change needs the current password, and a
//! new e-mail address is confirmed through a link sent to it, then the old one is told.
use crate::{
    auth::server::{
        login, password as passwords,
        tokens::{self, Purpose},
        users,
    },
    error::{AppError, FieldErrors},
    server::{
        audit::Event,
        mail::{outbox, Email},
        request,
        state::{app_state, AppState},
        tenancy::{account_holder, Actor},
        throttle::SIGN_IN,
    },
    values::EmailAddress,
};

/// Re-checks the signed-in user's password before a sensitive change. Wrong guesses count
/// against the account's sign-in limit, so a borrowed session cannot brute-force it.
pub async fn check_current_password(actor: &Actor, password: String) -> Result<(), AppError> {
    let db = &app_state()?.db;
    let key = actor.email.to_lowercase();
    let ip = request::client_ip().await;
    SIGN_IN.admit(db, &key, ip.as_deref()).await?;
    let stored = users::password_hash(db, actor.user_id).await?;
    if passwords::verify(password, stored).await? {
        return SIGN_IN.clear_account(db, &key, ip.as_deref()).await;
    }
    Err(FieldErrors::one("current", "That is not your current password.").into())
}

/// Sends the confirmation link for `address` to that address. The answer never says whether
/// an address has an account: when it has, its owner gets a notice instead, and no link is made.
pub async fn request_email_change_to(
    actor: &Actor,
    state: &AppState,
    address: &EmailAddress,
) -> Result<(), AppError> {
    let base = &state.settings.public_base_url;
    let mut tx = state.db.begin().await?;
    let (message, action) =
        if users::email_taken(&state.db, address.as_str(), actor.user_id).await? {
            let notice = Email::AddressInUse {
                link: format!("{base}/sign-in"),
            };
            (notice, "account.email_change_refused")
        } else {
            let token = tokens::issue(
                &mut tx,
                Purpose::EmailChange,
                actor.user_id,
                Some(address.as_str()),
                Some(actor.user_id),
            )
            .await?;
            let confirmation = Email::EmailChange {
                new_email: address.to_string(),
                link: format!("{base}/confirm-email?token={token}"),
                expires_hours: Purpose::EmailChange.lifetime().num_hours(),
            };
            (confirmation, "account.email_change_requested")
        };
    outbox::enqueue(&mut tx, address.as_str(), &message).await?;
    Event::new(action)
        .by(actor)
        .target("user", actor.user_id)
        .detail(address.as_str())
        .commit(tx)
        .await
}

/// Moves the account to the address a confirmation link was sent to. The old address is told
/// (with the new one masked), reset links sent to it are voided, and every browser signed in to
/// the account is signed out but the one confirming, when it is the account's own.
pub async fn confirm_email_change_with(state: &AppState, token: &str) -> Result<(), AppError> {
    let found = tokens::peek(&state.db, Purpose::EmailChange, token).await?;
    // Read before the transaction opens, so it never waits for a second pooled connection.
    let old_email = users::email_of(&state.db, found.user_id).await?;
    let mut tx = state.db.begin().await?;
    let redeemed = tokens::redeem(&mut tx, Purpose::EmailChange, token).await?;
    let user_id = redeemed.user_id;
    let new_email = redeemed.new_email.ok_or(AppError::Internal)?;
    users::set_email(&mut tx, user_id, &new_email).await?;
    tokens::void(&mut tx, user_id, Purpose::PasswordReset).await?;
    let notice = Email::EmailChanged {
        new_email_masked: EmailAddress::parse(&new_email)
            .map(|address| address.masked())
            .unwrap_or_default(),
        link: format!("{}/sign-in", state.settings.public_base_url),
    };
    outbox::enqueue(&mut tx, &old_email, &notice).await?;
    Event::new("account.email_changed")
        .by_label(Some(user_id), &new_email)
        .target("user", user_id)
        .commit(tx)
        .await?;
    let confirming = account_holder()
        .ok()
        .filter(|actor| actor.user_id == user_id)
        .and_then(|actor| actor.login_id);
    login::end_all(&state.db, user_id, confirming).await?;
    Ok(())
}
