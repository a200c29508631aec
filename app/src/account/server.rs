//! The account feature on the server: a sensitive change needs the current password, and a
//! new e-mail address is confirmed through a link sent to it.
use crate::{
    auth::server::{
        password as passwords,
        tokens::{self, Purpose},
        users,
    },
    error::{AppError, FieldErrors},
    server::{
        audit::Event,
        mail::{outbox, Email},
        request,
        state::{app_state, AppState},
        tenancy::Actor,
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
        return SIGN_IN.clear_account(db, &key).await;
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
