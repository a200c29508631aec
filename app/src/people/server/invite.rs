//! Invitations: offering someone a role in a scope and telling them (a new account gets an
//! e-mail with a link to set a password; an existing one a notification pointing at their
//! account page, where they accept or decline), with the audit entry, in one transaction. The role gives access once they
//! accept; until then the inviter sees only what they typed.
use super::{
    find_or_invite,
    memberships::{add_membership, Joining},
};
use crate::{
    auth::server::tokens::{self, Purpose},
    error::{AppError, FieldErrors},
    identity::Scope,
    ids::{OrgId, UserStatus},
    notifications::{
        server::{notify, Notification},
        types::NotificationKind,
    },
    organizations::server::organizations,
    people::types::Invitation,
    server::{
        audit::Event,
        db::Db,
        mail::{outbox, Email},
        tenancy::Actor,
    },
    surfaces::ACCOUNT_PATH,
};

/// Where an invitation goes: into `organization`, one the actor reaches, or else the actor's
/// own scope; with the scope's name for the e-mail.
pub async fn target(
    actor: &Actor,
    db: &Db,
    organization: Option<OrgId>,
) -> Result<(Scope, String), AppError> {
    match organization {
        Some(id) => {
            let org = organizations::get(actor.reach(), db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((Scope::Organization(org.id), org.name))
        }
        None => Ok((actor.scope(), actor.active.scope_name.clone())),
    }
}

/// Adds `invitation` to `target` (within the actor's reach), named `scope_name` in the e-mail;
/// links point at `base_url`. Nobody invites themselves.
pub async fn invite(
    actor: &Actor,
    db: &Db,
    base_url: &str,
    invitation: &Invitation,
    target: Scope,
    scope_name: &str,
) -> Result<(), AppError> {
    let email = invitation.email.as_str();
    if email.eq_ignore_ascii_case(&actor.email) {
        let errors = FieldErrors::one("email", "You are already a member.");
        let kept = errors
            .keep_input("email", email)
            .keep_input("display_name", &invitation.display_name);
        return Err(kept.into());
    }
    let role = invitation.role;
    let mut tx = db.begin().await?;
    let (user_id, status) = find_or_invite(&mut tx, email, &invitation.display_name).await?;
    let offer = Joining::Offered {
        by: actor.user_id,
        email,
        name: &invitation.display_name,
    };
    add_membership(actor.reach(), &mut tx, user_id, target, role, offer).await?;
    if status == UserStatus::Invited {
        let token = tokens::issue(
            &mut tx,
            Purpose::Invitation,
            user_id,
            None,
            Some(actor.user_id),
        )
        .await?;
        let message = Email::Invitation {
            inviter: actor.display_name.clone(),
            scope_name: scope_name.to_owned(),
            role_label: role.label().to_owned(),
            link: format!("{base_url}/accept-invitation?token={token}"),
            expires_hours: Purpose::Invitation.lifetime().num_hours(),
        };
        outbox::enqueue(&mut tx, email, &message).await?;
    } else {
        let note = Notification {
            kind: NotificationKind::Invitation,
            title: format!("{} invited you to {scope_name}", actor.display_name),
            body: format!(
                "You are invited to {scope_name} with the role {}. Nothing changes until you \
                 accept; accept or decline it in your account settings.",
                role.label()
            ),
            link: ACCOUNT_PATH,
            base_url,
        };
        notify(&mut tx, user_id, &note).await?;
    }
    Event::new("user.invited")
        .by(actor)
        .target("user", user_id)
        .in_scope(target)
        .detail(format!("{email} as {} in {scope_name}", role.code()))
        .commit(tx)
        .await
}
