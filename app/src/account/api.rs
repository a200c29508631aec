//! Server functions for a user's own account: name, e-mail (confirmed through a link sent to
//! the new address), password (needs the current one), signed-in browsers, and the invitations
//! waiting for an answer.
use crate::{error::AppError, identity::LoginInfo, ids::MembershipId, people::types::Offer};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    account::server::{check_current_password, confirm_email_change_with, request_email_change_to},
    auth::server::{
        login, password as passwords,
        tokens::{self, Purpose},
        users,
    },
    auth::types::{check_display_name, check_new_password_pair},
    error::FieldErrors,
    notice::Notice,
    notifications::{
        server::{settle_kind, tell_security},
        types::NotificationKind,
    },
    people::server::offers,
    server::{
        audit::Event,
        flash,
        request::go_to,
        state::app_state,
        tenancy::{account_holder, session},
    },
    values::EmailAddress,
};

#[server(prefix = "/api", endpoint = "account/profile")]
pub async fn update_profile(display_name: String) -> Result<(), AppError> {
    let actor = account_holder()?;
    let name = check_display_name(&display_name).map_err(|e| {
        FieldErrors::one("display_name", e).keep_input("display_name", &display_name)
    })?;
    let state = app_state()?;
    let mut tx = state.db.begin().await?;
    users::set_display_name(&mut tx, actor.user_id, &name).await?;
    Event::new("account.profile_updated")
        .by(&actor)
        .target("user", actor.user_id)
        .commit(tx)
        .await?;
    flash::set(Notice::ProfileSaved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_password(
    current: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let actor = account_holder()?;
    let mut errors = check_new_password_pair(&password, &confirm);
    if errors.is_empty() && password == current {
        errors.add(
            "password",
            "Choose a password different from the current one.",
        );
    }
    errors.into_result()?;
    check_current_password(&actor, current).await?;
    let hash = passwords::hash(password).await?;
    let state = app_state()?;
    let mut tx = state.db.begin().await?;
    users::set_password(&mut tx, actor.user_id, &hash).await?;
    let body = "Other browsers were signed out. If you did not change it, reset your password \
                from the sign-in page now.";
    let base_url = &state.settings.public_base_url;
    tell_security(
        &mut tx,
        base_url,
        actor.user_id,
        "Your password was changed",
        body,
    )
    .await?;
    tokens::void(&mut tx, actor.user_id, Purpose::PasswordReset).await?;
    // An address change asked for by whoever held the old password dies with it.
    tokens::void(&mut tx, actor.user_id, Purpose::EmailChange).await?;
    Event::new("account.password_changed")
        .by(&actor)
        .target("user", actor.user_id)
        .commit(tx)
        .await?;
    // Anyone signed in with the old password is signed out; this browser stays, under a new
    // session id (one that leaked with the old password opens nothing).
    login::end_all(&state.db, actor.user_id, actor.login_id).await?;
    session()?.cycle_id().await.map_err(login::session_error)?;
    flash::set(Notice::PasswordChanged);
    Ok(())
}

#[server(prefix = "/api", endpoint = "account/email")]
pub async fn request_email_change(email: String, current: String) -> Result<(), AppError> {
    let actor = account_holder()?;
    let state = app_state()?;
    let reject = |message: &str| -> AppError {
        FieldErrors::one("email", message)
            .keep_input("email", &email)
            .into()
    };
    let address = EmailAddress::parse(&email).map_err(reject)?;
    if address.as_str().eq_ignore_ascii_case(&actor.email) {
        return Err(reject("That is already your address."));
    }
    check_current_password(&actor, current).await?;
    request_email_change_to(&actor, &state, &address).await?;
    flash::set(Notice::EmailChangeSent);
    Ok(())
}

/// Applies an e-mail change from the link sent to the new address. Needs no session: the link
/// proves control of the new address, and the change was asked for by the signed-in owner.
#[server(prefix = "/api", endpoint = "account/confirm-email")]
pub async fn confirm_email_change(token: String) -> Result<String, AppError> {
    confirm_email_change_with(&app_state()?, &token).await?;
    flash::set_for_next_page(Notice::EmailChanged);
    Ok(go_to(crate::surfaces::ACCOUNT_PATH))
}

#[server(prefix = "/api", endpoint = "account/sessions")]
pub async fn list_sessions() -> Result<Vec<LoginInfo>, AppError> {
    let actor = account_holder()?;
    let state = app_state()?;
    login::list(
        &state.db,
        actor.user_id,
        actor.login_id,
        state.settings.session_idle,
    )
    .await
}

#[server(prefix = "/api", endpoint = "account/sign-out-others")]
pub async fn sign_out_other_sessions() -> Result<u64, AppError> {
    let actor = account_holder()?;
    let state = app_state()?;
    let ended = login::end_all(&state.db, actor.user_id, actor.login_id).await?;
    Event::new("account.other_sessions_ended")
        .by(&actor)
        .target("user", actor.user_id)
        .detail(format!("{ended} signed out"))
        .write_alone(&state.db)
        .await?;
    flash::set(Notice::OtherSessionsEnded);
    Ok(ended)
}

#[server(prefix = "/api", endpoint = "account/invitations")]
pub async fn list_invitations() -> Result<Vec<Offer>, AppError> {
    let actor = account_holder()?;
    offers::open_offers(&app_state()?.db, actor.user_id).await
}

/// Accepts an invitation made to the signed-in account. The page loads again, so the menu
/// offers the new role.
#[server(prefix = "/api", endpoint = "account/invitations/accept")]
pub async fn accept_invitation(membership: MembershipId) -> Result<String, AppError> {
    answer_invitation(membership, true).await?;
    flash::set_for_next_page(Notice::InvitationAccepted);
    Ok(go_to(crate::surfaces::ACCOUNT_PATH))
}

#[server(prefix = "/api", endpoint = "account/invitations/decline")]
pub async fn decline_invitation(membership: MembershipId) -> Result<String, AppError> {
    answer_invitation(membership, false).await?;
    flash::set_for_next_page(Notice::InvitationDeclined);
    Ok(go_to(crate::surfaces::ACCOUNT_PATH))
}

/// Accepts or declines the signed-in account's own offer `membership`; anyone else's is "not
/// found". The audit entry names the holder by address only: the scope that invited them
/// learns nothing about their other roles.
#[cfg(feature = "ssr")]
async fn answer_invitation(membership: MembershipId, accept: bool) -> Result<(), AppError> {
    let actor = account_holder()?;
    let state = app_state()?;
    let mut tx = state.db.begin().await?;
    let answered = if accept {
        offers::accept(&mut tx, actor.user_id, membership).await?
    } else {
        offers::decline(&mut tx, actor.user_id, membership).await?
    };
    let scope = answered.ok_or(AppError::NotFound)?;
    // With every invitation answered, the notifications about them are settled too.
    if !offers::any_open(&mut tx, actor.user_id).await? {
        settle_kind(&mut tx, actor.user_id, NotificationKind::Invitation).await?;
    }
    let action = if accept {
        "membership.accepted"
    } else {
        "membership.declined"
    };
    Event::new(action)
        .by_label(Some(actor.user_id), &actor.email)
        .target("membership", membership)
        .in_scope(scope)
        .commit(tx)
        .await
}
