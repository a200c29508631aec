//! Signing in: the password checked behind the sign-in limits, then (for accounts with
//! two-factor sign-in) a code checked behind its own limits, the login started in the browser's
//! session acting in the account's first role, and where the browser goes next.
use super::{login, password as passwords, two_factor, users};
use crate::{
    auth::types::safe_next_path,
    error::AppError,
    identity::Membership,
    ids::UserId,
    notifications::server::tell_security,
    server::{
        audit::Event,
        request::Client,
        state::AppState,
        tenancy::memberships,
        throttle::{SECOND_FACTOR, SIGN_IN},
    },
    surfaces::{is_under, ACCOUNT_PATH},
    values::EmailAddress,
};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// Where the sign-in form leads when the password is right and a code is still needed.
pub const SECOND_FACTOR_PATH: &str = "/sign-in/two-factor";

/// The session key of a sign-in waiting for its second factor.
const PENDING_KEY: &str = "second_factor";
/// How long the code may take after the password.
const PENDING_SECS: i64 = 300;
/// Wrong codes after one password: past this the password is asked for again, so guessing
/// codes also costs password attempts.
const PENDING_TRIES: u8 = 3;

/// What a right password leads to.
pub enum Outcome {
    SignedIn(Membership),
    /// The account uses two-factor sign-in: the browser is asked for a code next.
    SecondFactor,
}

/// A password accepted, waiting for the code (kept in the session; no login exists yet).
#[derive(Serialize, Deserialize)]
struct Pending {
    user_id: UserId,
    /// The address as typed at sign-in: the key of the limits.
    key: String,
    next: Option<String>,
    until: i64,
    wrong_codes: u8,
}

/// Checks `password` for the account of `address`; signs `session` in, or asks for a code when
/// the account uses two-factor sign-in. The attempt is counted before the password is checked,
/// so parallel guesses cannot slip past the limit; unknown addresses, wrong passwords and
/// unusable accounts get the same answer.
pub async fn attempt(
    state: &AppState,
    session: &Session,
    address: &EmailAddress,
    password: String,
    next: Option<String>,
    client: &Client,
) -> Result<Outcome, AppError> {
    let key = address.as_str().to_lowercase();
    SIGN_IN.admit(&state.db, &key, client.ip.as_deref()).await?;
    let user = users::credentials(&state.db, &key).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = passwords::verify(password, stored).await?;
    let user = user.filter(|u| matches && u.active());
    let outcome = match &user {
        None => None,
        Some(user) if two_factor::is_on(&state.db, user.id).await? => {
            if memberships(&state.db, user.id).await?.is_empty() {
                None
            } else {
                let pending = Pending {
                    user_id: user.id,
                    key: key.clone(),
                    next,
                    until: Utc::now().timestamp() + PENDING_SECS,
                    wrong_codes: 0,
                };
                // A fresh, empty session: nothing of whoever used this browser before.
                session.cycle_id().await.map_err(login::session_error)?;
                session.clear().await;
                session
                    .insert(PENDING_KEY, pending)
                    .await
                    .map_err(login::session_error)?;
                Some(Outcome::SecondFactor)
            }
        }
        Some(user) => start(state, session, user.id, client)
            .await?
            .map(Outcome::SignedIn),
    };
    let (Some(user), Some(outcome)) = (user, outcome) else {
        Event::new("auth.sign_in_failed")
            .by_label(None, &key)
            .write_alone(&state.db)
            .await?;
        return Err(AppError::InvalidCredentials);
    };
    SIGN_IN
        .clear_account(&state.db, &key, client.ip.as_deref())
        .await?;
    let action = match outcome {
        Outcome::SignedIn(_) => "auth.signed_in",
        Outcome::SecondFactor => "auth.password_accepted",
    };
    Event::new(action)
        .by_label(Some(user.id), &key)
        .target("user", user.id)
        .write_alone(&state.db)
        .await?;
    Ok(outcome)
}

async fn pending(session: &Session) -> Result<Option<Pending>, AppError> {
    let found: Option<Pending> = session
        .get(PENDING_KEY)
        .await
        .map_err(login::session_error)?;
    Ok(found.filter(|p| p.until > Utc::now().timestamp()))
}

/// Finishes a sign-in waiting for its second factor with `code` (from the app, or a recovery
/// code), behind the second-factor limits. Returns the role acted in and the page asked for.
pub async fn second_factor(
    state: &AppState,
    session: &Session,
    code: &str,
    client: &Client,
) -> Result<(Membership, Option<String>), AppError> {
    let mut pending = pending(session).await?.ok_or_else(|| {
        AppError::Conflict("Your sign-in timed out. Sign in with your password again.".into())
    })?;
    let ip = client.ip.as_deref();
    SECOND_FACTOR.admit(&state.db, &pending.key, ip).await?;
    let mut tx = state.db.begin().await?;
    if let Err(wrong) = two_factor::check(&mut tx, pending.user_id, code).await {
        drop(tx);
        wrong_code(state, session, &mut pending).await?;
        return Err(wrong);
    }
    tx.commit().await?;
    SECOND_FACTOR
        .clear_account(&state.db, &pending.key, ip)
        .await?;
    let _: Option<Pending> = session
        .remove(PENDING_KEY)
        .await
        .map_err(login::session_error)?;
    let active = start(state, session, pending.user_id, client)
        .await?
        .ok_or(AppError::InvalidCredentials)?;
    Event::new("auth.signed_in")
        .by_label(Some(pending.user_id), &pending.key)
        .target("user", pending.user_id)
        .detail("with two-factor sign-in")
        .write_alone(&state.db)
        .await?;
    Ok((active, pending.next))
}

/// Records a wrong code: audited, the owner told once (their password is known to whoever
/// typed it), and after `PENDING_TRIES` the password is asked for again.
async fn wrong_code(
    state: &AppState,
    session: &Session,
    pending: &mut Pending,
) -> Result<(), AppError> {
    pending.wrong_codes += 1;
    let mut tx = state.db.begin().await?;
    if pending.wrong_codes == 1 {
        let body = "Someone entered your password and then a wrong two-factor code. If it was not \
                    you, change your password now.";
        tell_security(
            &mut tx,
            &state.settings.public_base_url,
            pending.user_id,
            "A sign-in to your account stopped at the code",
            body,
        )
        .await?;
    }
    Event::new("auth.second_factor_failed")
        .by_label(Some(pending.user_id), &pending.key)
        .target("user", pending.user_id)
        .commit(tx)
        .await?;
    let stored = if pending.wrong_codes >= PENDING_TRIES {
        session.remove::<Pending>(PENDING_KEY).await.map(drop)
    } else {
        session.insert(PENDING_KEY, &*pending).await
    };
    stored.map_err(login::session_error)
}

/// Starts a login for `user_id` in `session`, acting in their first usable role (platform,
/// then partners, then organizations), which the session stores. `None` when they have none.
pub async fn start(
    state: &AppState,
    session: &Session,
    user_id: UserId,
    client: &Client,
) -> Result<Option<Membership>, AppError> {
    let usable = memberships(&state.db, user_id).await?;
    let Some(first) = usable.into_iter().next() else {
        return Ok(None);
    };
    let (max, ip, agent) = (
        state.settings.session_max,
        client.ip.as_deref(),
        client.user_agent.as_deref(),
    );
    login::start(&state.db, session, user_id, &first, max, ip, agent).await?;
    users::record_sign_in(&state.db, user_id).await?;
    Ok(Some(first))
}

/// Where a browser acting in `active` goes after signing in: the page it asked for when that
/// is in its surface or the account settings, else the surface's home.
pub fn landing<'a>(active: &Membership, next: Option<&'a str>) -> &'a str {
    let home = active.scope.home();
    next.and_then(safe_next_path)
        .filter(|path| is_under(path, home) || is_under(path, ACCOUNT_PATH))
        .unwrap_or(home)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        identity::{Role, Scope},
        ids::{MembershipId, PartnerId},
    };

    #[test]
    fn a_sign_in_lands_on_the_page_asked_for_only_within_its_surface() {
        let partner = Membership {
            id: MembershipId(1),
            scope: Scope::Partner(PartnerId(1)),
            role: Role::PartnerAdmin,
            scope_name: "Northwind".into(),
        };
        assert_eq!(landing(&partner, None), "/partner");
        assert_eq!(
            landing(&partner, Some("/partner/team?q=a")),
            "/partner/team?q=a"
        );
        assert_eq!(landing(&partner, Some("/account")), "/account");
        assert_eq!(landing(&partner, Some("/cs/admin/users")), "/partner");
        assert_eq!(landing(&partner, Some("/partnerships")), "/partner");
        assert_eq!(landing(&partner, Some("//evil.example")), "/partner");
    }
}
