//! Two-factor sign-in from the account page: where it stands, setting it up (a QR code drawn on
//! the server, confirmed by a first code, then recovery codes shown once) and turning it off
//! (the password and a code). Each acts on the signed-in account only.
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    account::server::check_current_password,
    auth::server::{
        login, totp,
        two_factor::{self, Standing, ISSUER},
    },
    notifications::server::tell_security,
    server::{
        audit::Event, flash, platform_settings, request, state::app_state, tenancy::account_holder,
        tenancy::session, throttle::SECOND_FACTOR,
    },
};

/// The session key of recovery codes just made, until the page has shown them once.
#[cfg(feature = "ssr")]
const FRESH_CODES_KEY: &str = "fresh_recovery_codes";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    pub on_since: Option<DateTime<Utc>>,
    pub recovery_codes_left: i64,
    /// Set up but not confirmed yet: what to enrol the app with.
    pub setting_up: Option<Enrolment>,
    /// Recovery codes made just now, shown this once.
    pub fresh_codes: Vec<String>,
    /// The platform requires it of this account (platform staff).
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The secret for typing in by hand, in groups of four.
    pub secret: String,
    /// The `otpauth://` QR code as inline SVG, drawn on the server.
    pub qr_svg: String,
}

#[server(prefix = "/api", endpoint = "two-factor/status")]
pub async fn two_factor_status() -> Result<TwoFactorView, AppError> {
    let actor = account_holder()?;
    let db = &app_state()?.db;
    let session = session()?;
    let fresh_codes: Vec<String> = session
        .remove(FRESH_CODES_KEY)
        .await
        .map_err(login::session_error)?
        .unwrap_or_default();
    let required = platform_settings::two_factor_required_of(db, &actor.memberships).await?;
    let mut view = TwoFactorView {
        on_since: None,
        recovery_codes_left: 0,
        setting_up: None,
        fresh_codes,
        required,
    };
    match two_factor::standing(db, actor.user_id).await? {
        Standing::Off => {}
        Standing::SettingUp(secret) => {
            let uri = totp::otpauth_uri(ISSUER, &actor.email, &secret);
            let encoded = secret.to_base32();
            let groups: Vec<&str> = encoded
                .as_bytes()
                .chunks(4)
                .filter_map(|c| std::str::from_utf8(c).ok())
                .collect();
            view.setting_up = Some(Enrolment {
                secret: groups.join(" "),
                qr_svg: totp::qr_svg(&uri),
            });
        }
        Standing::On {
            since,
            recovery_codes_left,
        } => {
            view.on_since = Some(since);
            view.recovery_codes_left = recovery_codes_left;
        }
    }
    Ok(view)
}

/// Makes a new secret to enrol an authenticator app with (it does nothing until confirmed).
#[server(prefix = "/api", endpoint = "two-factor/begin")]
pub async fn begin_two_factor() -> Result<(), AppError> {
    let actor = account_holder()?;
    let mut tx = app_state()?.db.begin().await?;
    two_factor::begin(&mut tx, actor.user_id).await?;
    tx.commit().await
}

/// Turns two-factor sign-in on with the password and the first code from the app (a session
/// alone must not be able to bind its own app to the account). Other browsers are signed out;
/// the recovery codes are kept in the session until the account page has shown them.
#[server(prefix = "/api", endpoint = "two-factor/confirm")]
pub async fn confirm_two_factor(current: String, code: String) -> Result<(), AppError> {
    let actor = account_holder()?;
    check_current_password(&actor, current).await?;
    let state = app_state()?;
    let mut tx = state.db.begin().await?;
    let codes = two_factor::confirm(&mut tx, actor.user_id, &code).await?;
    let base_url = &state.settings.public_base_url;
    let body = "Signing in now needs a code from your authenticator app or a recovery code.";
    tell_security(
        &mut tx,
        base_url,
        actor.user_id,
        "Two-factor sign-in is on",
        body,
    )
    .await?;
    Event::new("account.two_factor_enabled")
        .by(&actor)
        .target("user", actor.user_id)
        .commit(tx)
        .await?;
    login::end_all(&state.db, actor.user_id, actor.login_id).await?;
    session()?
        .insert(FRESH_CODES_KEY, codes)
        .await
        .map_err(login::session_error)?;
    flash::set(crate::notice::Notice::TwoFactorOn);
    Ok(())
}

/// Turns two-factor sign-in off: needs the password and a code (or a recovery code), the code
/// limited like codes at sign-in.
#[server(prefix = "/api", endpoint = "two-factor/turn-off")]
pub async fn turn_off_two_factor(current: String, code: String) -> Result<(), AppError> {
    let actor = account_holder()?;
    check_current_password(&actor, current).await?;
    let state = app_state()?;
    let (key, ip) = (actor.email.to_lowercase(), request::client_ip().await);
    SECOND_FACTOR.admit(&state.db, &key, ip.as_deref()).await?;
    let mut tx = state.db.begin().await?;
    two_factor::check(&mut tx, actor.user_id, &code).await?;
    two_factor::turn_off(&mut tx, actor.user_id).await?;
    let base_url = &state.settings.public_base_url;
    let body = "Signing in needs only your password now. If you did not turn it off, change \
                your password now.";
    tell_security(
        &mut tx,
        base_url,
        actor.user_id,
        "Two-factor sign-in is off",
        body,
    )
    .await?;
    Event::new("account.two_factor_disabled")
        .by(&actor)
        .target("user", actor.user_id)
        .commit(tx)
        .await?;
    // After the commit: on SQLite the transaction holds the only write lock.
    SECOND_FACTOR
        .clear_account(&state.db, &key, ip.as_deref())
        .await?;
    flash::set(crate::notice::Notice::TwoFactorOff);
    Ok(())
}
