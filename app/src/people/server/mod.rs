//! People within a tenant: listing them with their role there, invitations, role changes,
//! removal, and (platform only) disabling accounts. Every function takes the tenant guard;
//! a membership is only ever found through the reach of whoever asks.
pub mod invite;
pub mod seed;

use crate::{
    error::AppError,
    identity::{Role, Scope},
    ids::{MembershipId, OrgId, PartnerId, ScopeKind, UserId, UserStatus},
    paging::Slice,
    people::types::{MembershipRow, PeoplePage, PersonRow},
    server::{
        db::{dialect::contains_pattern, on_db, on_tx, on_unique_violation, Db, Tx},
        tenancy::{self, Actor, Platform, Reach},
    },
};
use chrono::{DateTime, Utc};

pub const PAGE_SIZE: i64 = 25;

/// People with a membership in the scope `$1..$3`; for the platform (`$4`) everyone, with their
/// platform role if they have one.
const IN_SCOPE: &str = "FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.scope = $1 \
       AND coalesce(m.partner_id, 0) = coalesce($2, 0) AND coalesce(m.organization_id, 0) = coalesce($3, 0) \
     WHERE ($4 OR m.id IS NOT NULL) AND ($5 IS NULL OR u.status = $5)";

#[derive(sqlx::FromRow)]
struct PersonRecord {
    id: UserId,
    email: String,
    display_name: String,
    status: UserStatus,
    last_login_at: Option<DateTime<Utc>>,
    membership_id: Option<MembershipId>,
    role: Option<Role>,
}

impl PersonRecord {
    fn into_row(self, scope: Scope) -> PersonRow {
        PersonRow {
            membership: self
                .membership_id
                .zip(self.role)
                .map(|(id, role)| MembershipRow {
                    id,
                    scope,
                    scope_name: String::new(),
                    role,
                }),
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            status: self.status,
            last_login_at: self.last_login_at,
        }
    }
}

/// A page of the people in the reach's own scope whose name or e-mail contains `q`.
pub async fn list(
    reach: &Reach,
    db: &Db,
    q: &str,
    status: Option<UserStatus>,
    page: i64,
) -> Result<PeoplePage, AppError> {
    let scope = reach.scope();
    let q = q.trim();
    let dialect = db.dialect();
    let conditions = format!(
        "{IN_SCOPE} AND ($6 = '' OR {} OR {})",
        dialect.like_ci("u.email", "$7"),
        dialect.like_ci("u.display_name", "$7")
    );
    let select = format!(
        "SELECT u.id, u.email, u.display_name, u.status, u.last_login_at, m.id AS membership_id, m.role \
         {conditions} ORDER BY lower(u.display_name), u.id LIMIT $8 OFFSET $9"
    );
    let count = format!("SELECT COUNT(*) {conditions}");
    let pattern = contains_pattern(q);
    let everyone = scope == Scope::Platform;
    let (kind, partner, organization) = (scope.kind(), scope.partner_id(), scope.organization_id());
    let (rows, slice, total): (Vec<PersonRecord>, Slice, i64) = on_db!(db, pool => {
        let total: i64 = sqlx::query_scalar(&count)
            .bind(kind).bind(partner).bind(organization).bind(everyone).bind(status).bind(q).bind(&pattern)
            .fetch_one(pool)
            .await?;
        let slice = Slice::clamped(page, PAGE_SIZE, total);
        let rows = sqlx::query_as(&select)
            .bind(kind).bind(partner).bind(organization).bind(everyone).bind(status).bind(q).bind(&pattern)
            .bind(slice.size).bind(slice.offset())
            .fetch_all(pool)
            .await?;
        (rows, slice, total)
    });
    let people = rows.into_iter().map(|r| r.into_row(scope)).collect();
    Ok(slice.of(people, total))
}

/// A membership found within a reach, with what deciding about it needs. Only `membership`
/// makes one, so holding it proves the asker's reach covers it.
#[derive(Debug, Clone)]
pub struct ReachedMembership {
    pub id: MembershipId,
    pub user_id: UserId,
    pub scope: Scope,
    pub role: Role,
}

#[derive(sqlx::FromRow)]
struct MembershipRecord {
    id: MembershipId,
    user_id: UserId,
    scope: ScopeKind,
    partner_id: Option<PartnerId>,
    organization_id: Option<OrgId>,
    role: Role,
}

/// The memberships a reach covers, as SQL over `m` (and its organization `o`) binding
/// (partner filter, organization filter) at `$2`, `$3`: a partner's own memberships and those
/// of its organizations, an organization's own.
const MEMBERSHIP_IN_REACH: &str =
    "SELECT m.id, m.user_id, m.scope, m.partner_id, m.organization_id, m.role \
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
        })
    }))
}

/// Every membership of a user, with scope names (the platform's user page).
pub async fn memberships_of(
    _: &Platform,
    db: &Db,
    user_id: UserId,
) -> Result<Vec<MembershipRow>, AppError> {
    let all = tenancy::memberships(db, user_id).await?;
    Ok(all
        .into_iter()
        .map(|m| MembershipRow {
            id: m.id,
            scope: m.scope,
            scope_name: m.scope_name,
            role: m.role,
        })
        .collect())
}

/// Any account, by id (the platform's user page).
pub async fn person(_: &Platform, db: &Db, user_id: UserId) -> Result<Option<PersonRow>, AppError> {
    let row: Option<PersonRecord> = on_db!(db, pool => {
        sqlx::query_as("SELECT id, email, display_name, status, last_login_at, \
                 CAST(NULL AS BIGINT) AS membership_id, CAST(NULL AS TEXT) AS role FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.map(|r| r.into_row(Scope::Platform)))
}

/// The user with `email`, created as invited (no password yet) when there is none.
pub async fn find_or_invite(
    tx: &mut Tx,
    email: &str,
    name: &str,
) -> Result<(UserId, UserStatus), AppError> {
    let existing: Option<(UserId, UserStatus)> = on_tx!(tx, conn => {
        sqlx::query_as("SELECT id, status FROM users WHERE lower(email) = lower($1)")
            .bind(email)
            .fetch_optional(conn)
            .await
    })?;
    if let Some(found) = existing {
        return Ok(found);
    }
    let now = Utc::now();
    let id: UserId = on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO users (email, display_name, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id")
            .bind(email)
            .bind(name)
            .bind(UserStatus::Invited)
            .bind(now)
            .fetch_one(conn)
            .await
    })?;
    Ok((id, UserStatus::Invited))
}

/// Gives `user_id` `role` in `target`, which must lie within the reach; an existing membership
/// in the same scope is a conflict.
pub async fn add_membership(
    reach: &Reach,
    tx: &mut Tx,
    user_id: UserId,
    target: Scope,
    role: Role,
) -> Result<MembershipId, AppError> {
    if role.scope_kind() != target.kind() {
        return Err(AppError::BadRequest(
            "That role does not exist in this scope.".into(),
        ));
    }
    let organization_partner = match (reach.partner_filter(), target) {
        (Some(_), Scope::Organization(org)) => partner_of(tx, org).await?,
        _ => None,
    };
    if !reach.covers(target, organization_partner) {
        return Err(AppError::NotFound);
    }
    insert_membership(tx, user_id, target, role).await
}

/// Writes a membership; an existing one in the same scope is a conflict.
async fn insert_membership(
    tx: &mut Tx,
    user_id: UserId,
    target: Scope,
    role: Role,
) -> Result<MembershipId, AppError> {
    let now = Utc::now();
    on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO memberships (user_id, scope, partner_id, organization_id, role, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
            .bind(user_id)
            .bind(target.kind())
            .bind(target.partner_id())
            .bind(target.organization_id())
            .bind(role)
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

async fn partner_of(tx: &mut Tx, org: OrgId) -> Result<Option<PartnerId>, AppError> {
    let partner: Option<Option<PartnerId>> = on_tx!(tx, conn => {
        sqlx::query_scalar("SELECT partner_id FROM organizations WHERE id = $1")
            .bind(org)
            .fetch_optional(conn)
            .await
    })?;
    Ok(partner.flatten())
}

pub async fn set_role(
    tx: &mut Tx,
    membership: &ReachedMembership,
    role: Role,
) -> Result<(), AppError> {
    if role.scope_kind() != membership.scope.kind() {
        return Err(AppError::BadRequest(
            "That role does not exist in this scope.".into(),
        ));
    }
    on_tx!(tx, conn => {
        sqlx::query("UPDATE memberships SET role = $1, updated_at = $2 WHERE id = $3")
            .bind(role)
            .bind(Utc::now())
            .bind(membership.id)
            .execute(conn)
            .await
            .map(drop)
    })?;
    Ok(())
}

pub async fn remove_membership(
    tx: &mut Tx,
    membership: &ReachedMembership,
) -> Result<(), AppError> {
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM memberships WHERE id = $1")
            .bind(membership.id)
            .execute(conn)
            .await
            .map(drop)
    })?;
    Ok(())
}

/// Disables or re-enables an account. Returns `false` when the user does not exist.
pub async fn set_disabled(
    _: &Platform,
    tx: &mut Tx,
    user_id: UserId,
    disabled: bool,
) -> Result<bool, AppError> {
    let status = if disabled {
        UserStatus::Disabled
    } else {
        UserStatus::Active
    };
    // Re-enabling an account that never accepted its invitation leaves it invited.
    let done = on_tx!(tx, conn => {
        sqlx::query("UPDATE users SET status = CASE WHEN $1 = 'active' AND password_hash IS NULL THEN 'invited' ELSE $1 END, \
             updated_at = $2 WHERE id = $3")
            .bind(status)
            .bind(Utc::now())
            .bind(user_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}
