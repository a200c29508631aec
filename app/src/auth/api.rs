//! Server functions for signing in and out, switching scope, resetting a password and
//! accepting an invitation. Each answers a plain form POST with a redirect and the hydrated
//! app with the path to load next (identity changes reload the page).
use crate::{error::AppError, ids::MembershipId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server::{
        login, password as passwords,
        tokens::{self, Purpose},
        users,
    },
    crate::{
        auth::types::{check_display_name, check_new_password_pair, safe_next_path},
        error::FieldErrors,
        notice::Notice,
        server::{
            audit::Event,
            flash,
            mail::{outbox, Email},
            request::{self, go_to},
            state::app_state,
            tenancy::{actor, memberships, session},
            throttle::{PASSWORD_RESET, RESET_MAIL_INTERVAL_MINUTES, SIGN_IN},
        },
        surfaces::{is_under, ACCOUNT_PATH},
        values::EmailAddress,
    },
};

#[server(prefix = "/api", endpoint = "auth/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<String, AppError> {
    let mut errors = FieldErrors::default();
    let address = EmailAddress::parse(&email)
        .map_err(|e| errors.add("email", e))
        .ok();
    if password.is_empty() {
        errors.add("password", "Enter your password.");
    }
    errors
        .keep_input_if_invalid("email", &email)
        .into_result()?;
    let Some(address) = address else {
        return Err(AppError::Internal);
    };
    let key = address.as_str().to_lowercase();
    let state = app_state()?;
    let ip = request::client_ip().await;
    // Counted as a failure until it succeeds.
    SIGN_IN.admit(&state.db, &key, ip.as_deref()).await?;

    let user = users::credentials(&state.db, &key).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = passwords::verify(password, stored).await?;
    let user = user.filter(|u| matches && u.active());
    let usable = match &user {
        Some(u) => memberships(&state.db, u.id).await?,
        None => Vec::new(),
    };
    let (Some(user), Some(first)) = (user, usable.first()) else {
        Event::new("auth.sign_in_failed")
            .by_label(None, &key)
            .write_alone(&state.db)
            .await?;
        return Err(AppError::InvalidCredentials);
    };
    SIGN_IN.clear_account(&state.db, &key).await?;
    let user_agent = request::header("user-agent");
    // The first membership (platform, then partners, then organizations) is where a sign-in
    // lands; the session stores the choice.
    login::start(
        &state.db,
        &session()?,
        user.id,
        first,
        state.settings.session_max,
        ip.as_deref(),
        user_agent.as_deref(),
    )
    .await?;
    users::record_sign_in(&state.db, user.id).await?;
    Event::new("auth.signed_in")
        .by_label(Some(user.id), &key)
        .target("user", user.id)
        .write_alone(&state.db)
        .await?;
    let home = first.scope.home();
    let next = next
        .as_deref()
        .and_then(safe_next_path)
        .filter(|path| is_under(path, home) || is_under(path, ACCOUNT_PATH))
        .unwrap_or(home);
    Ok(go_to(next))
}

#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<String, AppError> {
    let state = app_state()?;
    if let Ok(actor) = actor() {
        Event::new("auth.signed_out")
            .by(&actor)
            .target("user", actor.user_id)
            .write_alone(&state.db)
            .await?;
    }
    login::end(&state.db, &session()?).await?;
    flash::set_for_next_page(Notice::SignedOut);
    Ok(go_to("/sign-in"))
}

/// Makes another of the user's memberships the active one.
#[server(prefix = "/api", endpoint = "auth/switch-scope")]
pub async fn switch_scope(membership: MembershipId) -> Result<String, AppError> {
    let actor = actor()?;
    let target = actor
        .memberships
        .iter()
        .find(|m| m.id == membership)
        .ok_or(AppError::NotFound)?;
    login::choose_membership(&session()?, target).await?;
    Ok(go_to(target.scope.home()))
}

/// Sends a reset link when the address belongs to an active account. The answer is the same
/// either way, so the form does not reveal who has an account. An account gets at most one
/// link per few minutes (later requests are dropped quietly, so nobody can flood an inbox); an
/// address that asks too often is told to wait.
#[server(prefix = "/api", endpoint = "auth/forgot-password")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let address = EmailAddress::parse(&email)
        .map_err(|e| FieldErrors::one("email", e).keep_input("email", &email))?;
    let key = address.as_str().to_lowercase();
    let state = app_state()?;
    let ip = request::client_ip().await;
    PASSWORD_RESET.admit(&state.db, &key, ip.as_deref()).await?;
    let user = match users::credentials(&state.db, &key).await? {
        Some(user) if user.active() => {
            let since = chrono::Utc::now() - chrono::Duration::minutes(RESET_MAIL_INTERVAL_MINUTES);
            let recently_mailed =
                tokens::issued_since(&state.db, user.id, Purpose::PasswordReset, since).await?;
            (!recently_mailed).then_some(user)
        }
        _ => None,
    };
    if let Some(user) = user {
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
            .await?;
    }
    flash::set(Notice::ResetLinkSent);
    Ok(())
}

#[server(prefix = "/api", endpoint = "auth/reset-password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<String, AppError> {
    check_new_password_pair(&password, &confirm).into_result()?;
    let state = app_state()?;
    tokens::peek(&state.db, Purpose::PasswordReset, &token).await?;
    let hash = passwords::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let redeemed = tokens::redeem(&mut tx, Purpose::PasswordReset, &token).await?;
    users::set_password(&mut tx, redeemed.user_id, &hash).await?;
    // A pending address change was asked for by whoever held the old password.
    tokens::void(&mut tx, redeemed.user_id, Purpose::EmailChange).await?;
    Event::new("auth.password_reset")
        .by_label(Some(redeemed.user_id), "password reset link")
        .target("user", redeemed.user_id)
        .commit(tx)
        .await?;
    // Whoever knew the old password is signed out everywhere.
    login::end_all(&state.db, redeemed.user_id, None).await?;
    flash::set_for_next_page(Notice::PasswordReset);
    Ok(go_to("/sign-in"))
}

/// What the invitation page shows before the form: who is invited, or why the link is dead.
#[server(prefix = "/api", endpoint = "auth/invitation")]
pub async fn invitation_email(token: String) -> Result<String, AppError> {
    let state = app_state()?;
    let found = tokens::peek(&state.db, Purpose::Invitation, &token).await?;
    users::email_of(&state.db, found.user_id).await
}

#[server(prefix = "/api", endpoint = "auth/accept-invitation")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
    confirm: String,
) -> Result<String, AppError> {
    let mut errors = check_new_password_pair(&password, &confirm);
    let name = check_display_name(&display_name)
        .map_err(|e| errors.add("display_name", e))
        .ok();
    errors
        .keep_input_if_invalid("display_name", &display_name)
        .into_result()?;
    let name = name.ok_or(AppError::Internal)?;
    let state = app_state()?;
    tokens::peek(&state.db, Purpose::Invitation, &token).await?;
    let hash = passwords::hash(password).await?;
    let mut tx = state.db.begin().await?;
    let redeemed = tokens::redeem(&mut tx, Purpose::Invitation, &token).await?;
    if !users::activate_invited(&mut tx, redeemed.user_id, &name, &hash).await? {
        return Err(AppError::BadRequest(tokens::MESSAGE_INVALID.into()));
    }
    Event::new("user.invitation_accepted")
        .by_label(Some(redeemed.user_id), &name)
        .target("user", redeemed.user_id)
        .commit(tx)
        .await?;

    // Signed in where the invitation (or the first of several) placed them; an account whose
    // memberships were all withdrawn meanwhile signs in normally later, and gets told then.
    let usable = memberships(&state.db, redeemed.user_id).await?;
    let Some(first) = usable.first() else {
        return Ok(go_to("/sign-in"));
    };
    let ip = request::client_ip().await;
    let user_agent = request::header("user-agent");
    login::start(
        &state.db,
        &session()?,
        redeemed.user_id,
        first,
        state.settings.session_max,
        ip.as_deref(),
        user_agent.as_deref(),
    )
    .await?;
    users::record_sign_in(&state.db, redeemed.user_id).await?;
    Ok(go_to(first.scope.home()))
}
