//! People within a tenant: listing them with their role there, any account (platform staff),
//! new invited accounts, and (platform admins) disabling accounts. Memberships, found only
//! through the reach of whoever asks, are `memberships`; invitations `invite`.
pub mod create_admin;
pub mod invite;
pub mod keepers;
pub mod memberships;
pub mod offers;
pub mod seed;

use crate::{
    error::AppError,
    identity::{Role, Scope},
    ids::{MembershipId, UserId, UserStatus},
    paging::Page,
    people::types::{MembershipRow, PeoplePage, PersonRow},
    server::{
        db::{
            dialect::{contains_pattern, Dialect},
            on_db, on_tx, on_unique_violation, paginate, Db, Tx,
        },
        tenancy::{self, Platform, PlatformAdmin, Reach},
    },
};
use chrono::{DateTime, Utc};

pub const PAGE_SIZE: i64 = 25;

/// What the list shows of `u` through `m`: while the membership is only offered, what the
/// inviter typed, as an invited person who never signed in; the account itself only once its
/// holder accepts (an existing account must not show through an invitation to it). `m` is
/// inner-joined wherever this is used.
fn shown(while_offered: &str, account: &str) -> String {
    format!("CASE WHEN m.accepted_at IS NULL THEN {while_offered} ELSE {account} END")
}

/// The count and page queries of a scope's people, and the scope's tenant id (none for the
/// platform). They bind `$1` scope kind, `$2` that tenant id, `$3` status, `$4` search text,
/// `$5` its pattern, then the page's size and offset.
///
/// The platform lists every account as itself (its staff may open any account), invited while
/// a platform role is only offered; filters and order use the account's own columns, so the
/// page walks the name index and the count needs no join. A partner or an organization lists
/// its members, found through their membership, as `shown`.
fn people_queries(scope: Scope, dialect: Dialect) -> (String, String, Option<i64>) {
    let search = |email: &str, name: &str| {
        format!(
            "($4 = '' OR {} OR {})",
            dialect.like_ci(email, "$5"),
            dialect.like_ci(name, "$5")
        )
    };
    let page = "LIMIT $6 OFFSET $7";
    let (tenant_column, tenant) = match scope {
        Scope::Partner(id) => ("m.partner_id", id.0),
        Scope::Organization(id) => ("m.organization_id", id.0),
        Scope::Platform => {
            // A disabled account stays disabled whatever it is offered: re-enabling it is done here.
            let status =
                "CASE WHEN u.status <> 'disabled' AND EXISTS (SELECT 1 FROM memberships offered \
                 WHERE offered.user_id = u.id AND offered.scope = $1 AND offered.accepted_at IS NULL) \
                 THEN 'invited' ELSE u.status END";
            let filters = format!(
                "$2 IS NULL AND ($3 IS NULL OR {status} = $3) AND {}",
                search("u.email", "u.display_name")
            );
            let count = format!("SELECT COUNT(*) FROM users u WHERE {filters}");
            let select = format!(
                "SELECT u.id, u.email, u.display_name, {status} AS status, u.last_login_at, \
                 m.id AS membership_id, m.role \
                 FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.scope = $1 \
                 WHERE {filters} ORDER BY lower(u.display_name), u.id {page}"
            );
            return (count, select, None);
        }
    };
    let (email, name, status) = (
        shown("m.invited_email", "u.email"),
        shown("m.invited_name", "u.display_name"),
        shown("'invited'", "u.status"),
    );
    let conditions = format!(
        "FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.scope = $1 AND {tenant_column} = $2 AND ($3 IS NULL OR {status} = $3) AND {}",
        search(&email, &name)
    );
    let count = format!("SELECT COUNT(*) {conditions}");
    let select = format!(
        "SELECT {} AS id, {email} AS email, {name} AS display_name, {status} AS status, \
         {} AS last_login_at, m.id AS membership_id, m.role \
         {conditions} ORDER BY lower({name}), m.id {page}",
        shown("NULL", "u.id"),
        shown("NULL", "u.last_login_at"),
    );
    (count, select, Some(tenant))
}

#[derive(sqlx::FromRow)]
struct PersonRecord {
    id: Option<UserId>,
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
    let (count, select, tenant) = people_queries(scope, db.dialect());
    let pattern = contains_pattern(q);
    let page: Page<PersonRecord> = paginate!(
        db,
        page,
        PAGE_SIZE,
        &count,
        &select,
        [scope.kind(), tenant, status, q, &pattern]
    )?;
    Ok(page.map(|r| r.into_row(scope)))
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
async fn find_or_invite(
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
    })
    .map_err(|e| {
        on_unique_violation(e, || {
            AppError::Conflict("Someone else just invited this person. Try again.".into())
        })
    })?;
    Ok((id, UserStatus::Invited))
}

/// Disables or re-enables an account. Returns `false` when the user does not exist.
pub async fn set_disabled(
    _: &PlatformAdmin,
    tx: &mut Tx,
    user_id: UserId,
    disabled: bool,
) -> Result<bool, AppError> {
    let status = if disabled {
        UserStatus::Disabled
    } else {
        UserStatus::Active
    };
    if disabled {
        keepers::lock_kept_by(tx, user_id).await?;
    }
    // Re-enabling an account that never accepted its invitation leaves it invited.
    let done = on_tx!(tx, conn => {
        sqlx::query("UPDATE users SET status = CASE WHEN $1 = 'active' AND password_hash IS NULL THEN 'invited' ELSE $1 END, \
             updated_at = $2 WHERE id = $3")
            .bind(status)
            .bind(Utc::now())
            .bind(user_id)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    if disabled {
        for scope in keepers::kept_by(tx, user_id).await? {
            keepers::ensure_kept(tx, scope).await?;
        }
    }
    Ok(done == 1)
}
