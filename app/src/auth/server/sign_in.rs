//! Signing in: the password checked behind the sign-in limits, the login started in the
//! browser's session acting in the account's first role, and where the browser goes next.
use super::{login, password as passwords, users};
use crate::{
    auth::types::safe_next_path,
    error::AppError,
    identity::Membership,
    ids::UserId,
    server::{
        audit::Event, request::Client, state::AppState, tenancy::memberships, throttle::SIGN_IN,
    },
    surfaces::{is_under, ACCOUNT_PATH},
    values::EmailAddress,
};
use tower_sessions::Session;

/// Signs `session` in as the account of `address` if `password` is its password and it can
/// act somewhere. The attempt is counted before the password is checked, so parallel guesses
/// cannot slip past the limit; unknown addresses, wrong passwords and unusable accounts get
/// the same answer.
pub async fn attempt(
    state: &AppState,
    session: &Session,
    address: &EmailAddress,
    password: String,
    client: &Client,
) -> Result<Membership, AppError> {
    let key = address.as_str().to_lowercase();
    SIGN_IN.admit(&state.db, &key, client.ip.as_deref()).await?;
    let user = users::credentials(&state.db, &key).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = passwords::verify(password, stored).await?;
    let user = user.filter(|u| matches && u.active());
    let started = match &user {
        Some(user) => start(state, session, user.id, client).await?,
        None => None,
    };
    let (Some(user), Some(active)) = (user, started) else {
        Event::new("auth.sign_in_failed")
            .by_label(None, &key)
            .write_alone(&state.db)
            .await?;
        return Err(AppError::InvalidCredentials);
    };
    SIGN_IN
        .clear_account(&state.db, &key, client.ip.as_deref())
        .await?;
    Event::new("auth.signed_in")
        .by_label(Some(user.id), &key)
        .target("user", user.id)
        .write_alone(&state.db)
        .await?;
    Ok(active)
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
