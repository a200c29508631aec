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
    super::{server as people, types::Invitation},
    crate::{
        auth::server::{
            login,
            tokens::{self, Purpose},
        },
        error::FieldErrors,
        identity::{Role, Scope},
        ids::UserStatus,
        notice::Notice,
        organizations::server::organizations,
        server::{
            audit::Event,
            flash,
            mail::{outbox, Email},
            state::{app_state, AppState},
            tenancy::{actor, Actor},
        },
        values::EmailAddress,
    },
};

#[server(prefix = "/api", endpoint = "people/list")]
pub async fn list_people(
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] page: i64,
) -> Result<PeoplePage, AppError> {
    let actor = actor()?;
    let status = match status.trim() {
        "" => None,
        code => Some(
            UserStatus::from_code(code)
                .ok_or_else(|| AppError::BadRequest("Unknown status.".into()))?,
        ),
    };
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
    let (target, scope_name) = match organization {
        Some(id) => {
            let org = organizations::get(actor.reach(), &state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            (Scope::Organization(org.id), org.name)
        }
        None => (actor.scope(), actor.active.scope_name.clone()),
    };
    actor.require_people_manager()?;
    let invitation = Invitation::parse(&email, &display_name, &role, target.kind())?;
    if invitation.email.as_str().eq_ignore_ascii_case(&actor.email) {
        return Err(FieldErrors::one("email", "You are already a member.").into());
    }
    invite(
        &actor,
        &state,
        &invitation.email,
        &invitation.display_name,
        target,
        invitation.role,
        &scope_name,
    )
    .await?;
    flash::set(Notice::InvitationSent);
    Ok(())
}

/// Adds `email` to `target` with `role` and e-mails them: an invitation link for a new
/// account, a notice for an existing one. One transaction; the audit entry included.
#[cfg(feature = "ssr")]
pub(crate) async fn invite(
    actor: &Actor,
    state: &AppState,
    email: &EmailAddress,
    name: &str,
    target: Scope,
    role: Role,
    scope_name: &str,
) -> Result<(), AppError> {
    let email = email.as_str();
    let mut tx = state.db.begin().await?;
    let (user_id, status) = people::find_or_invite(&mut tx, email, name).await?;
    people::add_membership(actor.reach(), &mut tx, user_id, target, role).await?;
    let base = &state.settings.public_base_url;
    let message = if status == UserStatus::Invited {
        let token = tokens::issue(
            &mut tx,
            Purpose::Invitation,
            user_id,
            None,
            Some(actor.user_id),
        )
        .await?;
        Email::Invitation {
            inviter: actor.display_name.clone(),
            scope_name: scope_name.to_owned(),
            role_label: role.label().to_owned(),
            link: format!("{base}/accept-invitation?token={token}"),
            expires_hours: Purpose::Invitation.lifetime().num_hours(),
        }
    } else {
        Email::AddedToScope {
            inviter: actor.display_name.clone(),
            scope_name: scope_name.to_owned(),
            role_label: role.label().to_owned(),
            link: format!("{base}/sign-in"),
        }
    };
    outbox::enqueue(&mut tx, email, &message).await?;
    Event::new("user.invited")
        .by(actor)
        .target("user", user_id)
        .in_scope(target)
        .detail(format!("{email} as {} in {scope_name}", role.code()))
        .commit(tx)
        .await
}

/// A membership the actor manages, found through their reach; others are "not found",
/// whoever holds them. Nobody changes their own.
#[cfg(feature = "ssr")]
async fn managed_membership(
    actor: &Actor,
    state: &AppState,
    membership: MembershipId,
) -> Result<people::ReachedMembership, AppError> {
    let found = match actor.require_people_manager() {
        Ok(()) => people::membership(actor.reach(), &state.db, membership).await?,
        Err(_) => None,
    };
    let target = found.ok_or(AppError::NotFound)?;
    if target.user_id == actor.user_id {
        return Err(AppError::Conflict(
            "You cannot change your own role. Ask another admin.".into(),
        ));
    }
    Ok(target)
}

#[server(prefix = "/api", endpoint = "people/change-role")]
pub async fn change_role(membership: MembershipId, role: String) -> Result<(), AppError> {
    let actor = actor()?;
    actor.require_write()?;
    let state = app_state()?;
    let target = managed_membership(&actor, &state, membership).await?;
    let role = Role::parse_for(&role, target.scope.kind())
        .ok_or_else(|| AppError::BadRequest("That role does not exist in this scope.".into()))?;
    let mut tx = state.db.begin().await?;
    people::set_role(&mut tx, &target, role).await?;
    Event::new("user.role_changed")
        .by(&actor)
        .target("user", target.user_id)
        .in_scope(target.scope)
        .detail(format!("{} → {}", target.role.code(), role.code()))
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
    let target = managed_membership(&actor, &state, membership).await?;
    let mut tx = state.db.begin().await?;
    people::remove_membership(&mut tx, &target).await?;
    Event::new("user.membership_removed")
        .by(&actor)
        .target("user", target.user_id)
        .in_scope(target.scope)
        .detail(target.role.code())
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
