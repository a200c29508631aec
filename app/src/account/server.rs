//! The account feature's rule on the server: a sensitive change needs the current password.
use crate::{
    auth::server::{password as passwords, users},
    error::{AppError, FieldErrors},
    server::{request, state::app_state, tenancy::Actor, throttle::SIGN_IN},
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
