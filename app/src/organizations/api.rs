//! Server functions for partners and organizations: actor, permission, the feature's data
//! functions inside the actor's reach, an audit entry in the same transaction.
use super::types::{OrgFilter, OrgPage, PartnerRow};
use crate::{error::AppError, ids::OrgId, ids::PartnerId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{organizations, partners},
        types::{
            parse_org_status, parse_partner_choice, parse_partner_status, NewOrganization,
            TenantName,
        },
    },
    crate::{
        identity::Scope,
        ids::OrgStatus,
        notice::Notice,
        people::server::invite::invite,
        server::{audit::Event, flash, state::app_state, tenancy::actor},
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
    if !partners::update(&platform, &mut tx, partner, &name, status).await? {
        return Err(AppError::NotFound);
    }
    Event::new(partners::change_action(before.status, status))
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
    let new = NewOrganization::parse(&name, &owner_email, &owner_name)?;
    let mut tx = state.db.begin().await?;
    let id = organizations::create(
        actor.reach(),
        &mut tx,
        &new.named,
        partner,
        OrgStatus::Trial,
    )
    .await?;
    Event::new("organization.created")
        .by(&actor)
        .target("organization", id)
        .tenant(partner, Some(id))
        .detail(&new.named.name)
        .commit(tx)
        .await?;
    // The owner's invitation is its own step: an organization without an owner yet is still valid.
    let (base_url, scope) = (&state.settings.public_base_url, Scope::Organization(id));
    invite(
        &actor,
        &state.db,
        base_url,
        &new.owner,
        scope,
        &new.named.name,
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
    Event::new(organizations::change_action(&before, &org))
        .by(&actor)
        .target("organization", org.id)
        .tenant(org.partner_id, Some(org.id))
        .detail(format!("{} ({})", org.name, org.status.code()))
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}
