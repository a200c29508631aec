//! Server functions for partners and organizations: actor, permission, the feature's data
//! functions inside the actor's reach, an audit entry in the same transaction.
use super::types::{OrgCounts, OrgFilter, OrgPage, PartnerRow};
use crate::{error::AppError, ids::OrgId, ids::PartnerId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{changes, organizations, partners},
        types::{parse_partner_choice, parse_partner_status, NewOrganization, OrgEdit, TenantName},
    },
    crate::{
        notice::Notice,
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

/// The overview pages' figures: live organizations within the actor's reach, by status and by
/// partner. Any signed-in actor; the reach decides what is counted.
#[server(prefix = "/api", endpoint = "organizations/counts")]
pub async fn count_organizations() -> Result<OrgCounts, AppError> {
    let actor = actor()?;
    organizations::counts(actor.reach(), &app_state()?.db).await
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
    let wanted = parse_partner_choice(&partner)?;
    let new = NewOrganization::parse(&name, &owner_email, &owner_name)?;
    let state = app_state()?;
    let base_url = &state.settings.public_base_url;
    let id = changes::create_with_owner(&actor, &state.db, base_url, &new, wanted).await?;
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
    let edit = OrgEdit::parse(&name, &status, archived, &partner)?;
    changes::edit(&actor, &app_state()?.db, organization, &edit).await?;
    flash::set(Notice::Saved);
    Ok(())
}
