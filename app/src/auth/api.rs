//! Server functions for signing in and out, switching scope, resetting a password and
//! accepting an invitation. Each answers a plain form POST with a redirect and the hydrated
//! app with the path to load next (identity changes reload the page).
use crate::{error::AppError, ids::MembershipId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{login, recovery, sign_in, tokens, users},
        types::{check_new_password_pair, parse_acceptance, parse_sign_in},
    },
    crate::{
        error::FieldErrors,
        notice::Notice,
        server::{
            audit::Event,
            flash,
            request::{self, go_to},
            state::app_state,
            tenancy::{account_holder, session},
        },
        values::EmailAddress,
    },
};

#[server(prefix = "/api", endpoint = "auth/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<String, AppError> {
    let address = parse_sign_in(&email, &password)?;
    let state = app_state()?;
    let client = request::client().await;
    let session = session()?;
    match sign_in::attempt(&state, &session, &address, password, next.clone(), &client).await? {
        sign_in::Outcome::SignedIn(active) => Ok(go_to(sign_in::landing(&active, next.as_deref()))),
        sign_in::Outcome::SecondFactor => Ok(go_to(sign_in::SECOND_FACTOR_PATH)),
    }
}

/// The second step of signing in to an account with two-factor sign-in: a code from the app
/// or a recovery code.
#[server(prefix = "/api", endpoint = "auth/two-factor")]
pub async fn verify_second_factor(code: String) -> Result<String, AppError> {
    let state = app_state()?;
    let client = request::client().await;
    let (active, next) = sign_in::second_factor(&state, &session()?, &code, &client).await?;
    Ok(go_to(sign_in::landing(&active, next.as_deref())))
}

#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<String, AppError> {
    let state = app_state()?;
    if let Ok(actor) = account_holder() {
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
    let actor = account_holder()?;
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
    let state = app_state()?;
    recovery::request_reset(&state, &address, &request::client().await).await?;
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
    recovery::reset_password(&app_state()?, &token, password).await?;
    flash::set_for_next_page(Notice::PasswordReset);
    Ok(go_to("/sign-in"))
}

/// What the invitation page shows before the form: who is invited, or why the link is dead.
#[server(prefix = "/api", endpoint = "auth/invitation")]
pub async fn invitation_email(token: String) -> Result<String, AppError> {
    let state = app_state()?;
    let found = tokens::peek(&state.db, tokens::Purpose::Invitation, &token).await?;
    users::email_of(&state.db, found.user_id).await
}

#[server(prefix = "/api", endpoint = "auth/accept-invitation")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
    confirm: String,
) -> Result<String, AppError> {
    let name = parse_acceptance(&display_name, &password, &confirm)?;
    let state = app_state()?;
    let client = request::client().await;
    let started =
        recovery::accept_invitation(&state, &session()?, &token, &name, password, &client).await?;
    Ok(go_to(
        started.map_or("/sign-in", |active| active.scope.home()),
    ))
}
