//! Changing organizations as a whole: creating one with its owner's invitation, and editing
//! one (rename, status, archive; moves between partners for platform admins), each with its
//! audit entry.
use super::{organizations, partners};
use crate::{
    error::AppError,
    identity::Scope,
    ids::{OrgId, OrgStatus, PartnerId},
    organizations::types::{NewOrganization, OrgEdit},
    people::server::invite::invite,
    server::{audit::Event, db::Db, tenancy::Actor},
};

/// Creates `new` on a trial where the actor may place it (`wanted` for the platform, their own
/// partner for a partner's people), then invites its owner; links in the mail point at
/// `base_url`. The invitation is its own step: an organization without an owner yet is valid.
pub async fn create_with_owner(
    actor: &Actor,
    db: &Db,
    base_url: &str,
    new: &NewOrganization,
    wanted: Option<PartnerId>,
) -> Result<OrgId, AppError> {
    let partner = organizations::placement(actor.reach(), wanted)?;
    if let Some(id) = partner {
        partners::get(actor.reach(), db, id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let mut tx = db.begin().await?;
    let id = organizations::create(
        actor.reach(),
        &mut tx,
        &new.named,
        partner,
        OrgStatus::Trial,
    )
    .await?;
    Event::new("organization.created")
        .by(actor)
        .target("organization", id)
        .tenant(partner, Some(id))
        .detail(&new.named.name)
        .commit(tx)
        .await?;
    let scope = Scope::Organization(id);
    invite(actor, db, base_url, &new.owner, scope, &new.named.name).await?;
    Ok(id)
}

/// Applies `edit` to organization `id` within the actor's reach; only platform admins move it
/// to another partner (or none).
pub async fn edit(actor: &Actor, db: &Db, id: OrgId, edit: &OrgEdit) -> Result<(), AppError> {
    let before = organizations::get(actor.reach(), db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut org = before.clone();
    org.name = edit.name.clone();
    org.status = edit.status;
    org.archived = edit.archived;
    if edit.partner != org.partner_id {
        actor.require_platform_admin()?;
        if let Some(partner) = edit.partner {
            partners::get(actor.reach(), db, partner)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        org.partner_id = edit.partner;
    }
    let mut tx = db.begin().await?;
    organizations::update(actor.reach(), &mut tx, &org).await?;
    Event::new(organizations::change_action(&before, &org))
        .by(actor)
        .target("organization", org.id)
        .tenant(org.partner_id, Some(org.id))
        .detail(format!("{} ({})", org.name, org.status.code()))
        .commit(tx)
        .await
}
