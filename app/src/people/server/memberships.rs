//! Memberships within a reach: finding one (only through the asker's reach), adding one to a
//! scope the reach covers, changing its role, removing it.
use super::keepers;
use crate::{
    error::AppError,
    identity::{Role, Scope},
    ids::{MembershipId, OrgId, PartnerId, ScopeKind, UserId},
    organizations::server::organizations,
    server::{
        db::{on_db, on_tx, on_unique_violation, Db, Tx},
        tenancy::{Actor, Reach},
    },
};
use chrono::Utc;

/// A membership found within a reach, with what deciding about it needs. Only `membership`
/// makes one, so holding it proves the asker's reach covers it.
#[derive(Debug, Clone)]
pub struct ReachedMembership {
    id: MembershipId,
    user_id: UserId,
    scope: Scope,
    role: Role,
    /// Its holder accepted it (an offer not yet accepted keeps nothing).
    accepted: bool,
}

impl ReachedMembership {
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// Holds the role its scope cannot be left without (`keepers`).
    fn is_keeper(&self) -> bool {
        self.accepted && self.role == keepers::keeper_role(self.scope.kind())
    }
}

#[derive(sqlx::FromRow)]
struct MembershipRecord {
    id: MembershipId,
    user_id: UserId,
    scope: ScopeKind,
    partner_id: Option<PartnerId>,
    organization_id: Option<OrgId>,
    role: Role,
    accepted: bool,
}

/// The memberships a reach covers, as SQL over `m` (and its organization `o`) binding
/// (partner filter, organization filter) at `$2`, `$3`: a partner's own memberships and those
/// of its organizations, an organization's own.
const MEMBERSHIP_IN_REACH: &str =
    "SELECT m.id, m.user_id, m.scope, m.partner_id, m.organization_id, m.role, \
            m.accepted_at IS NOT NULL AS accepted \
     FROM memberships m LEFT JOIN organizations o ON o.id = m.organization_id \
     WHERE m.id = $1 \
       AND ($2 IS NULL OR m.partner_id = $2 OR o.partner_id = $2) \
       AND ($3 IS NULL OR m.organization_id = $3)";

/// A membership the actor manages, found through their reach: anyone else's is "not found",
/// whoever holds it, and nobody changes their own.
pub async fn managed(
    actor: &Actor,
    db: &Db,
    id: MembershipId,
) -> Result<ReachedMembership, AppError> {
    let found = match actor.require_people_manager() {
        Ok(()) => membership(actor.reach(), db, id).await?,
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

/// The membership `id`, if the reach covers it; otherwise `None`, whoever holds it.
pub async fn membership(
    reach: &Reach,
    db: &Db,
    id: MembershipId,
) -> Result<Option<ReachedMembership>, AppError> {
    let row: Option<MembershipRecord> = on_db!(db, pool => {
        sqlx::query_as(MEMBERSHIP_IN_REACH)
            .bind(id)
            .bind(reach.partner_filter())
            .bind(reach.organization_filter())
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.and_then(|m| {
        Some(ReachedMembership {
            id: m.id,
            user_id: m.user_id,
            scope: Scope::from_columns(m.scope, m.partner_id, m.organization_id)?,
            role: m.role,
            accepted: m.accepted,
        })
    }))
}

/// The role coded `code`, if it can be held in `scope`; otherwise a bad request.
pub fn role_for(code: &str, scope: Scope) -> Result<Role, AppError> {
    Role::parse_for(code, scope.kind())
        .ok_or_else(|| AppError::BadRequest("That role does not exist in this scope.".into()))
}

fn fitting(role: Role, scope: Scope) -> Result<Role, AppError> {
    role_for(role.code(), scope)
}

/// How a membership starts.
#[derive(Debug, Clone, Copy)]
pub enum Joining<'a> {
    /// In force at once: demo data and recovery from the command line.
    Now,
    /// Offered by `by`, who typed `email` and `name`; it gives no access until its holder
    /// accepts it, and until then `by`'s side sees only what they typed.
    Offered {
        by: UserId,
        email: &'a str,
        name: &'a str,
    },
}

/// Gives `user_id` `role` in `target`, which must lie within the reach; an existing membership
/// in the same scope is a conflict.
pub async fn add_membership(
    reach: &Reach,
    tx: &mut Tx,
    user_id: UserId,
    target: Scope,
    role: Role,
    joining: Joining<'_>,
) -> Result<MembershipId, AppError> {
    fitting(role, target)?;
    let reached = match target {
        Scope::Organization(org) => organizations::reached_in(reach, tx, org).await?,
        Scope::Partner(_) | Scope::Platform => reach.covers(target),
    };
    if !reached {
        return Err(AppError::NotFound);
    }
    insert_membership(tx, user_id, target, role, joining).await
}

/// Writes a membership; an existing one in the same scope is a conflict.
pub(super) async fn insert_membership(
    tx: &mut Tx,
    user_id: UserId,
    target: Scope,
    role: Role,
    joining: Joining<'_>,
) -> Result<MembershipId, AppError> {
    let now = Utc::now();
    let (accepted_at, by, email, name) = match joining {
        Joining::Now => (Some(now), None, None, None),
        Joining::Offered { by, email, name } => (None, Some(by), Some(email), Some(name)),
    };
    on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO memberships (user_id, scope, partner_id, organization_id, role, \
                 accepted_at, invited_by, invited_email, invited_name, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id")
            .bind(user_id)
            .bind(target.kind())
            .bind(target.partner_id())
            .bind(target.organization_id())
            .bind(role)
            .bind(accepted_at)
            .bind(by)
            .bind(email)
            .bind(name)
            .bind(now)
            .fetch_one(conn)
            .await
    })
    .map_err(|e| {
        on_unique_violation(e, || {
            AppError::Conflict("That person already has a role here. Change their role instead.".into())
        })
    })
}

pub async fn set_role(
    tx: &mut Tx,
    membership: &ReachedMembership,
    role: Role,
) -> Result<(), AppError> {
    fitting(role, membership.scope)?;
    let demotes_keeper = role != membership.role && membership.is_keeper();
    if demotes_keeper {
        keepers::lock(tx, membership.scope).await?;
    }
    on_tx!(tx, conn => {
        sqlx::query("UPDATE memberships SET role = $1, updated_at = $2 WHERE id = $3")
            .bind(role)
            .bind(Utc::now())
            .bind(membership.id)
            .execute(&mut *conn)
            .await
            .map(drop)
    })?;
    if demotes_keeper {
        keepers::ensure_kept(tx, membership.scope).await?;
    }
    Ok(())
}

pub async fn remove_membership(
    tx: &mut Tx,
    membership: &ReachedMembership,
) -> Result<(), AppError> {
    if membership.is_keeper() {
        keepers::lock(tx, membership.scope).await?;
    }
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM memberships WHERE id = $1")
            .bind(membership.id)
            .execute(&mut *conn)
            .await
            .map(drop)
    })?;
    if membership.is_keeper() {
        keepers::ensure_kept(tx, membership.scope).await?;
    }
    Ok(())
}
