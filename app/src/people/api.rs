//! Server functions for people: list, invite, change a role, remove, disable. Each starts from
//! the actor, checks the permission, and finds memberships only through the actor's reach.
use super::types::{PeoplePage, UserDetail};
use crate::{
    error::AppError,
    ids::{MembershipId, OrgId, UserId},
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{self as people, invite, memberships},
        types::Invitation,
    },
    crate::{
        auth::server::login,
        ids::UserStatus,
        notice::Notice,
        server::{audit::Event, flash, state::app_state, tenancy::actor},
    },
};

#[server(prefix = "/api", endpoint = "people/list")]
pub async fn list_people(
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] page: i64,
) -> Result<PeoplePage, AppError> {
    let actor = actor()?;
    let status = UserStatus::parse_filter(&status)?;
    people::list(actor.reach(), &app_state()?.db, &q, status, page).await
}

#[server(prefix = "/api", endpoint = "people/detail")]
pub async fn get_user_detail(user: UserId) -> Result<UserDetail, AppError> {
    let platform = actor()?.require_platform_staff()?;
    let db = &app_state()?.db;
    let person = people::person(&platform, db, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let memberships = people::memberships_of(&platform, db, user).await?;
    Ok(UserDetail {
        person,
        memberships,
    })
}

/// Invites someone into the actor's scope, or (for platform admins and partner admins) into
/// an organization they reach. An existing account simply gains the membership.
#[server(prefix = "/api", endpoint = "people/invite")]
pub async fn invite_person(
    email: String,
    display_name: String,
    role: String,
    #[server(default)] organization: Option<OrgId>,
) -> Result<(), AppError> {
    let actor = actor()?;
    actor.require_write()?;
    let state = app_state()?;
    let (target, scope_name) = invite::target(&actor, &state.db, organization).await?;
    actor.require_people_manager()?;
    let invitation = Invitation::parse(&email, &display_name, &role, target.kind())?;
    let base_url = &state.settings.public_base_url;
    invite::invite(
        &actor,
        &state.db,
        base_url,
        &invitation,
        target,
        &scope_name,
    )
    .await?;
    flash::set(Notice::InvitationSent);
    Ok(())
}

#[server(prefix = "/api", endpoint = "people/change-role")]
pub async fn change_role(membership: MembershipId, role: String) -> Result<(), AppError> {
    let actor = actor()?;
    actor.require_write()?;
    let state = app_state()?;
    let target = memberships::managed(&actor, &state.db, membership).await?;
    let role = memberships::role_for(&role, target.scope())?;
    let mut tx = state.db.begin().await?;
    memberships::set_role(&mut tx, &target, role).await?;
    Event::new("user.role_changed")
        .by(&actor)
        .target("user", target.user_id())
        .in_scope(target.scope())
        .detail(format!("{} → {}", target.role().code(), role.code()))
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "people/remove")]
pub async fn remove_membership(membership: MembershipId) -> Result<(), AppError> {
    let actor = actor()?;
    actor.require_write()?;
    let state = app_state()?;
    let target = memberships::managed(&actor, &state.db, membership).await?;
    let mut tx = state.db.begin().await?;
    memberships::remove_membership(&mut tx, &target).await?;
    Event::new("user.membership_removed")
        .by(&actor)
        .target("user", target.user_id())
        .in_scope(target.scope())
        .detail(target.role().code())
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}

/// Disables an account (signing it out everywhere) or enables it again. Platform admins only:
/// an account may belong to several tenants.
#[server(prefix = "/api", endpoint = "people/set-disabled")]
pub async fn set_user_disabled(user: UserId, disabled: bool) -> Result<(), AppError> {
    let actor = actor()?;
    let platform = actor.require_platform_admin()?;
    if user == actor.user_id {
        return Err(AppError::Conflict(
            "You cannot disable your own account.".into(),
        ));
    }
    let state = app_state()?;
    let mut tx = state.db.begin().await?;
    if !people::set_disabled(&platform, &mut tx, user, disabled).await? {
        return Err(AppError::NotFound);
    }
    Event::new(if disabled {
        "user.disabled"
    } else {
        "user.enabled"
    })
    .by(&actor)
    .target("user", user)
    .commit(tx)
    .await?;
    if disabled {
        login::end_all(&state.db, user, None).await?;
    }
    flash::set(Notice::Saved);
    Ok(())
}
