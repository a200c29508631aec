//! Server functions for partners and organizations: actor, permission, the feature's data
//! functions inside the actor's reach, an audit entry in the same transaction.
use super::types::{OrgFilter, OrgPage, PartnerRow};
use crate::{error::AppError, ids::OrgId, ids::PartnerId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{organizations, partners},
        types::{parse_org_status, parse_partner_choice, parse_partner_status, TenantName},
    },
    crate::{
        identity::{check_display_name, Role, Scope},
        ids::{OrgStatus, PartnerStatus},
        notice::Notice,
        people::api::invite,
        server::{audit::Event, flash, state::app_state, tenancy::actor},
        values::EmailAddress,
    },
};

#[server(prefix = "/api", endpoint = "partners/list")]
pub async fn list_partners() -> Result<Vec<PartnerRow>, AppError> {
    let platform = actor()?.require_platform_staff()?;
    partners::list(&platform, &app_state()?.db).await
}

#[server(prefix = "/api", endpoint = "partners/create")]
pub async fn create_partner(
    name: String,
    #[server(default)] slug: String,
) -> Result<PartnerId, AppError> {
    let actor = actor()?;
    let platform = actor.require_platform_admin()?;
    let named = TenantName::parse(&name, &slug)?;
    let state = app_state()?;
    let mut tx = state.db.begin().await?;
    let id = partners::create(&platform, &mut tx, &named).await?;
    Event::new("partner.created")
        .by(&actor)
        .target("partner", id)
        .tenant(Some(id), None)
        .detail(&named.name)
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(id)
}

#[server(prefix = "/api", endpoint = "partners/update")]
pub async fn update_partner(
    partner: PartnerId,
    name: String,
    status: String,
) -> Result<(), AppError> {
    let actor = actor()?;
    let platform = actor.require_platform_admin()?;
    let name = TenantName::parse_rename(&name)?;
    let status = parse_partner_status(&status)?;
    let state = app_state()?;
    let before = partners::get(actor.reach(), &state.db, partner)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    partners::update(&platform, &mut tx, partner, &name, status).await?;
    let action = match (before.status, status) {
        (PartnerStatus::Active, PartnerStatus::Suspended) => "partner.suspended",
        (PartnerStatus::Suspended, PartnerStatus::Active) => "partner.reactivated",
        _ => "partner.updated",
    };
    Event::new(action)
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
    let actor = actor()?;
    organizations::list(actor.reach(), &app_state()?.db, &filter).await
}

/// Creates an organization and invites its owner. Partner admins create them under their own
/// partner; platform admins and CSMs under any partner or none.
#[server(prefix = "/api", endpoint = "organizations/create")]
pub async fn create_organization(
    name: String,
    #[server(default)] partner: String,
    owner_email: String,
    owner_name: String,
) -> Result<OrgId, AppError> {
    let actor = actor()?;
    actor.require_organization_manager()?;
    let state = app_state()?;
    let wanted = parse_partner_choice(&partner)?;
    let partner = organizations::placement(actor.reach(), wanted)?;
    if let Some(id) = partner {
        partners::get(actor.reach(), &state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let named = TenantName::parse(&name, "");
    let owner = EmailAddress::parse(&owner_email);
    let owner_display = check_display_name(&owner_name);
    let mut errors = named.clone().err().unwrap_or_default();
    if let Err(e) = &owner {
        errors.add("owner_email", *e);
    }
    if let Err(e) = &owner_display {
        errors.add("owner_name", *e);
    }
    let (Ok(named), Ok(owner), Ok(owner_display)) = (named, owner, owner_display) else {
        return Err(errors
            .keep_input("name", &name)
            .keep_input("owner_email", &owner_email)
            .keep_input("owner_name", &owner_name)
            .into());
    };
    let mut tx = state.db.begin().await?;
    let id =
        organizations::create(actor.reach(), &mut tx, &named, partner, OrgStatus::Trial).await?;
    Event::new("organization.created")
        .by(&actor)
        .target("organization", id)
        .tenant(partner, Some(id))
        .detail(&named.name)
        .commit(tx)
        .await?;
    // The owner's invitation is its own step: an organization without an owner yet is still valid.
    invite(
        &actor,
        &state,
        &owner,
        &owner_display,
        Scope::Organization(id),
        Role::Owner,
        &named.name,
    )
    .await?;
    flash::set(Notice::Saved);
    Ok(id)
}

/// Renames, changes status, archives or restores an organization within reach; platform admins
/// may also move it to another partner (or none).
#[server(prefix = "/api", endpoint = "organizations/update")]
pub async fn update_organization(
    organization: OrgId,
    name: String,
    status: String,
    #[server(default)] archived: bool,
    #[server(default)] partner: String,
) -> Result<(), AppError> {
    let actor = actor()?;
    actor.require_organization_manager()?;
    let partner = parse_partner_choice(&partner)?;
    let state = app_state()?;
    let before = organizations::get(actor.reach(), &state.db, organization)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut org = before.clone();
    org.name = TenantName::parse_rename(&name)?;
    org.status = parse_org_status(&status)?;
    org.archived = archived;
    if partner != org.partner_id {
        actor.require_platform_admin()?;
        if let Some(id) = partner {
            partners::get(actor.reach(), &state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        org.partner_id = partner;
    }
    let mut tx = state.db.begin().await?;
    organizations::update(actor.reach(), &mut tx, &org).await?;
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
    Event::new(action)
        .by(&actor)
        .target("organization", org.id)
        .tenant(org.partner_id, Some(org.id))
        .detail(format!("{} ({})", org.name, org.status.code()))
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}
