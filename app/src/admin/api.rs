//! Server functions behind the administration screens. Each one starts from the actor and
//! passes the actor's scope to the data layer; ids from the request are only ever looked up
//! within that scope.
use super::types::{
    AuditFilter, AuditPage, OrgFilter, OrgPage, PartnerRow, PeoplePage, UserDetail,
};
use crate::{error::AppError, mail_types::OutboxPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod guard {
    pub use crate::server::{
        auth::actor::{actor, Actor},
        db::audit::Event,
        state::app_state,
    };
}

#[server(prefix = "/api", endpoint = "people/list")]
pub async fn list_people(
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] page: i64,
) -> Result<PeoplePage, AppError> {
    use crate::server::db::people;
    let actor = guard::actor()?;
    let state = guard::app_state()?;
    people::list(&state.db, actor.scope(), &q, &status, page).await
}

#[server(prefix = "/api", endpoint = "people/detail")]
pub async fn get_user_detail(user: i64) -> Result<UserDetail, AppError> {
    use crate::server::db::people;
    let actor = guard::actor()?;
    actor.require_platform()?;
    let state = guard::app_state()?;
    let person = people::person(&state.db, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let memberships = people::memberships_of(&state.db, user).await?;
    Ok(UserDetail {
        person,
        memberships,
    })
}

/// Invites someone into the actor's scope, or (for platform admins and partner admins) into
/// an organization they manage. An existing account simply gains the membership.
#[server(prefix = "/api", endpoint = "people/invite")]
pub async fn invite_person(
    email: String,
    display_name: String,
    role: String,
    #[server(default)] organization: Option<i64>,
) -> Result<(), AppError> {
    use crate::{
        error::FieldErrors,
        identity::{check_display_name, Role, Scope},
        notice::Notice,
        server::{db::tenants, flash},
        values::EmailAddress,
    };
    let actor = guard::actor()?;
    actor.require_write()?;
    let state = guard::app_state()?;
    let (target, organization_partner, scope_name) = match organization {
        Some(id) => {
            let org = tenants::organization(&state.db, actor.scope(), id)
                .await?
                .ok_or(AppError::NotFound)?;
            (Scope::Organization(org.id), org.partner_id, org.name)
        }
        None => (actor.scope(), None, actor.active.scope_name.clone()),
    };
    if !actor.manages_people_in(target, organization_partner) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let address = EmailAddress::parse(&email)
        .map_err(|e| errors.add("email", e))
        .ok();
    let name = check_display_name(&display_name)
        .map_err(|e| errors.add("display_name", e))
        .ok();
    let role = Role::from_code(&role).filter(|r| r.scope_kind() == target.kind());
    if role.is_none() {
        errors.add("role", "Choose one of the roles offered.");
    }
    if errors.is_empty() {
        if let Some(address) = &address {
            if address.as_str() == actor.email {
                errors.add("email", "You are already a member.");
            }
        }
    }
    errors
        .keep_input_if_invalid("email", &email)
        .keep_input_if_invalid("display_name", &display_name)
        .into_result()?;
    let (Some(address), Some(name), Some(role)) = (address, name, role) else {
        return Err(AppError::Internal);
    };
    invite(
        &actor,
        &state,
        address.as_str(),
        &name,
        target,
        role,
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
    actor: &guard::Actor,
    state: &crate::server::state::AppState,
    email: &str,
    name: &str,
    target: crate::identity::Scope,
    role: crate::identity::Role,
    scope_name: &str,
) -> Result<(), AppError> {
    use crate::server::{
        auth::tokens::{self, Purpose},
        db::people,
        mail::{outbox, Email},
    };
    let mut tx = state.db.begin().await?;
    let (user_id, status) = people::find_or_invite(&mut tx, email, name).await?;
    people::add_membership(&mut tx, user_id, target, role).await?;
    let base = &state.settings.public_base_url;
    let message = if status == "invited" {
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
    guard::Event::new("user.invited")
        .by(actor)
        .target("user", user_id)
        .tenant(target.partner_id(), target.organization_id())
        .detail(format!("{email} as {} in {scope_name}", role.code()))
        .commit(tx)
        .await?;
    Ok(())
}

/// Finds a membership the actor manages; others are "not found", whoever holds them.
#[cfg(feature = "ssr")]
async fn managed_membership(
    actor: &guard::Actor,
    db: &crate::server::db::Db,
    membership: i64,
) -> Result<crate::server::db::people::MembershipTarget, AppError> {
    let target = crate::server::db::people::membership(db, membership)
        .await?
        .filter(|m| actor.manages_people_in(m.scope, m.organization_partner))
        .ok_or(AppError::NotFound)?;
    if target.user_id == actor.user_id {
        return Err(AppError::Conflict(
            "You cannot change your own role. Ask another admin.".into(),
        ));
    }
    Ok(target)
}

#[server(prefix = "/api", endpoint = "people/change-role")]
pub async fn change_role(membership: i64, role: String) -> Result<(), AppError> {
    use crate::{
        identity::Role,
        notice::Notice,
        server::{db::people, flash},
    };
    let actor = guard::actor()?;
    actor.require_write()?;
    let state = guard::app_state()?;
    let target = managed_membership(&actor, &state.db, membership).await?;
    let role = Role::from_code(&role)
        .filter(|r| r.scope_kind() == target.scope.kind())
        .ok_or_else(|| AppError::BadRequest("That role does not exist in this scope.".into()))?;
    let mut tx = state.db.begin().await?;
    people::set_role(&mut tx, target.id, role).await?;
    guard::Event::new("user.role_changed")
        .by(&actor)
        .target("user", target.user_id)
        .tenant(target.scope.partner_id(), target.scope.organization_id())
        .detail(format!("{} → {}", target.role.code(), role.code()))
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "people/remove")]
pub async fn remove_membership(membership: i64) -> Result<(), AppError> {
    use crate::{
        notice::Notice,
        server::{db::people, flash},
    };
    let actor = guard::actor()?;
    actor.require_write()?;
    let state = guard::app_state()?;
    let target = managed_membership(&actor, &state.db, membership).await?;
    let mut tx = state.db.begin().await?;
    people::remove_membership(&mut tx, target.id).await?;
    guard::Event::new("user.membership_removed")
        .by(&actor)
        .target("user", target.user_id)
        .tenant(target.scope.partner_id(), target.scope.organization_id())
        .detail(target.role.code())
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}

/// Disables an account (signing it out everywhere) or enables it again. Platform admins only:
/// an account may belong to several tenants.
#[server(prefix = "/api", endpoint = "people/set-disabled")]
pub async fn set_user_disabled(user: i64, disabled: bool) -> Result<(), AppError> {
    use crate::{
        identity::Role,
        notice::Notice,
        server::{auth::login, db::people, flash},
    };
    let actor = guard::actor()?;
    actor.require_platform()?;
    actor.require(|r| r == Role::Admin)?;
    if user == actor.user_id {
        return Err(AppError::Conflict(
            "You cannot disable your own account.".into(),
        ));
    }
    let state = guard::app_state()?;
    let mut tx = state.db.begin().await?;
    if !people::set_disabled(&mut tx, user, disabled).await? {
        return Err(AppError::NotFound);
    }
    guard::Event::new(if disabled {
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

#[server(prefix = "/api", endpoint = "partners/list")]
pub async fn list_partners() -> Result<Vec<PartnerRow>, AppError> {
    let actor = guard::actor()?;
    actor.require_platform()?;
    crate::server::db::tenants::list_partners(&guard::app_state()?.db).await
}

#[cfg(feature = "ssr")]
fn check_name_and_slug(name: &str, slug: &str) -> Result<(String, String), AppError> {
    let mut errors = crate::error::FieldErrors::default();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("name", "Enter a name of 1 to 100 characters.");
    }
    let slug = if slug.trim().is_empty() {
        crate::server::db::tenants::slugify(name)
    } else {
        slug.trim().to_owned()
    };
    let slug_ok = !slug.is_empty()
        && slug.len() <= 60
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-');
    if !slug_ok {
        errors.add(
            "slug",
            "Use lowercase letters, digits and dashes (at most 60).",
        );
    }
    errors
        .keep_input_if_invalid("name", name)
        .keep_input_if_invalid("slug", &slug)
        .into_result()?;
    Ok((name.to_owned(), slug))
}

#[server(prefix = "/api", endpoint = "partners/create")]
pub async fn create_partner(
    name: String,
    #[server(default)] slug: String,
) -> Result<i64, AppError> {
    use crate::{
        identity::Role,
        notice::Notice,
        server::{db::tenants, flash},
    };
    let actor = guard::actor()?;
    actor.require_platform()?;
    actor.require(|r| r == Role::Admin)?;
    let (name, slug) = check_name_and_slug(&name, &slug)?;
    let state = guard::app_state()?;
    let mut tx = state.db.begin().await?;
    let id = tenants::create_partner(&mut tx, &name, &slug).await?;
    guard::Event::new("partner.created")
        .by(&actor)
        .target("partner", id)
        .tenant(Some(id), None)
        .detail(&name)
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(id)
}

#[server(prefix = "/api", endpoint = "partners/update")]
pub async fn update_partner(partner: i64, name: String, status: String) -> Result<(), AppError> {
    use crate::{
        identity::Role,
        notice::Notice,
        server::{db::tenants, flash},
    };
    let actor = guard::actor()?;
    actor.require_platform()?;
    actor.require(|r| r == Role::Admin)?;
    let (name, _) = check_name_and_slug(&name, "x")?;
    if !["active", "suspended"].contains(&status.as_str()) {
        return Err(AppError::BadRequest(
            "Status must be active or suspended.".into(),
        ));
    }
    let state = guard::app_state()?;
    let before = tenants::partner(&state.db, partner)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    tenants::update_partner(&mut tx, partner, &name, &status).await?;
    let action = match (before.status.as_str(), status.as_str()) {
        ("active", "suspended") => "partner.suspended",
        ("suspended", "active") => "partner.reactivated",
        _ => "partner.updated",
    };
    guard::Event::new(action)
        .by(&actor)
        .target("partner", partner)
        .tenant(Some(partner), None)
        .detail(&name)
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "organizations/list")]
pub async fn list_organizations(#[server(default)] filter: OrgFilter) -> Result<OrgPage, AppError> {
    let actor = guard::actor()?;
    crate::server::db::tenants::list_organizations(&guard::app_state()?.db, actor.scope(), &filter)
        .await
}

/// Creates an organization and invites its owner. Partner admins create them under their own
/// partner; platform admins and CSMs under any partner or none.
#[server(prefix = "/api", endpoint = "organizations/create")]
pub async fn create_organization(
    name: String,
    #[server(default)] partner: String,
    owner_email: String,
    owner_name: String,
) -> Result<i64, AppError> {
    use crate::{
        error::FieldErrors,
        identity::{check_display_name, Role, Scope},
        notice::Notice,
        server::{db::tenants, flash},
        values::EmailAddress,
    };
    let actor = guard::actor()?;
    actor.require(Role::manages_organizations)?;
    let state = guard::app_state()?;
    let partner = parse_partner(&partner)?;
    let partner = match actor.scope() {
        Scope::Platform => match partner {
            Some(id) => Some(
                tenants::partner(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .id,
            ),
            None => None,
        },
        Scope::Partner(mine) => Some(mine),
        Scope::Organization(_) => return Err(AppError::Forbidden),
    };
    let mut errors = FieldErrors::default();
    let typed_name = name.clone();
    let (name, slug) = match check_name_and_slug(&name, "") {
        Ok(checked) => Some(checked),
        Err(AppError::Validation(fields)) => {
            errors = fields;
            None
        }
        Err(e) => return Err(e),
    }
    .unzip();
    let owner = EmailAddress::parse(&owner_email)
        .map_err(|e| errors.add("owner_email", e))
        .ok();
    let owner_display = check_display_name(&owner_name)
        .map_err(|e| errors.add("owner_name", e))
        .ok();
    errors
        .keep_input_if_invalid("name", &typed_name)
        .keep_input_if_invalid("owner_email", &owner_email)
        .keep_input_if_invalid("owner_name", &owner_name)
        .into_result()?;
    let (Some(name), Some(slug), Some(owner), Some(owner_display)) =
        (name, slug, owner, owner_display)
    else {
        return Err(AppError::Internal);
    };
    let mut tx = state.db.begin().await?;
    let id = tenants::create_organization(&mut tx, &name, &slug, partner).await?;
    guard::Event::new("organization.created")
        .by(&actor)
        .target("organization", id)
        .tenant(partner, Some(id))
        .detail(&name)
        .commit(tx)
        .await?;
    // The owner's invitation is its own step: an organization without an owner yet is still valid.
    invite(
        &actor,
        &state,
        owner.as_str(),
        &owner_display,
        Scope::Organization(id),
        Role::Owner,
        &name,
    )
    .await?;
    flash::set(Notice::Saved);
    Ok(id)
}

/// Renames, changes status, archives or restores an organization within reach; platform admins
/// may also move it to another partner (or none).
#[server(prefix = "/api", endpoint = "organizations/update")]
pub async fn update_organization(
    organization: i64,
    name: String,
    status: String,
    #[server(default)] archived: bool,
    #[server(default)] partner: String,
) -> Result<(), AppError> {
    use crate::{
        admin::types::ORG_STATUSES,
        identity::{Role, Scope},
        notice::Notice,
        server::{db::tenants, flash},
    };
    let partner = parse_partner(&partner)?;
    let actor = guard::actor()?;
    actor.require(Role::manages_organizations)?;
    let state = guard::app_state()?;
    let mut org = tenants::organization(&state.db, actor.scope(), organization)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = org.clone();
    let (name, _) = check_name_and_slug(&name, "x")?;
    if !ORG_STATUSES.contains(&status.as_str()) {
        return Err(AppError::BadRequest("Unknown status.".into()));
    }
    org.name = name;
    org.status = status;
    org.archived = archived;
    if partner != org.partner_id {
        if actor.scope() != Scope::Platform || actor.role() != Role::Admin {
            return Err(AppError::Forbidden);
        }
        if let Some(id) = partner {
            tenants::partner(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        org.partner_id = partner;
    }
    let mut tx = state.db.begin().await?;
    tenants::update_organization(&mut tx, &org).await?;
    let action = if org.partner_id != before.partner_id {
        "organization.moved"
    } else if org.archived != before.archived {
        if org.archived {
            "organization.archived"
        } else {
            "organization.restored"
        }
    } else {
        "organization.updated"
    };
    guard::Event::new(action)
        .by(&actor)
        .target("organization", org.id)
        .tenant(org.partner_id, Some(org.id))
        .detail(format!("{} ({})", org.name, org.status))
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}

/// A partner picker's value: empty for a direct customer, else the partner's id.
#[cfg(feature = "ssr")]
fn parse_partner(raw: &str) -> Result<Option<i64>, AppError> {
    match raw.trim() {
        "" | "direct" => Ok(None),
        id => id
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest("Unknown partner.".into())),
    }
}

/// The outbox, for platform admins only: until a message is delivered its link is readable
/// here (how links reach people without SMTP), so reading it is as strong as the links.
/// Delivered messages show their links masked.
#[server(prefix = "/api", endpoint = "outbox/list")]
pub async fn list_outbox(#[server(default)] page: i64) -> Result<OutboxPage, AppError> {
    use crate::identity::Role;
    let actor = guard::actor()?;
    actor.require_platform()?;
    if actor.role() != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let mut list = crate::server::mail::outbox::list(&guard::app_state()?.db, page).await?;
    for message in list.messages.iter_mut().filter(|m| m.sent_at.is_some()) {
        message.body_text = crate::server::mail::outbox::mask_links(&message.body_text);
    }
    Ok(list)
}

#[server(prefix = "/api", endpoint = "audit/list")]
pub async fn list_audit(#[server(default)] filter: AuditFilter) -> Result<AuditPage, AppError> {
    let actor = guard::actor()?;
    actor.require_platform()?;
    crate::server::db::audit::list(&guard::app_state()?.db, &filter).await
}
