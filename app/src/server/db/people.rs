//! People within a tenant: listing them with their role there, invitations, role changes,
//! removal, and (platform only) disabling accounts. Every function takes the actor's scope.
use super::{on_db, on_tx, Db, Tx};
use crate::{
    admin::types::{MembershipRow, PeoplePage, PersonRow},
    error::AppError,
    identity::{Role, Scope},
};
use chrono::{DateTime, Utc};

pub const PAGE_SIZE: i64 = 25;

/// Columns of a membership's scope: (kind, partner id, organization id).
pub fn scope_columns(scope: Scope) -> (&'static str, Option<i64>, Option<i64>) {
    (scope.kind(), scope.partner_id(), scope.organization_id())
}

const LIST: &str = "FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.scope = $1 \
       AND coalesce(m.partner_id, 0) = coalesce($2, 0) AND coalesce(m.organization_id, 0) = coalesce($3, 0) \
     WHERE ($4 OR m.id IS NOT NULL) \
       AND ($5 = '' OR lower(u.email) LIKE '%' || lower($5) || '%' OR lower(u.display_name) LIKE '%' || lower($5) || '%') \
       AND ($6 = '' OR u.status = $6)";

type PersonRecord = (
    i64,
    String,
    String,
    String,
    Option<DateTime<Utc>>,
    Option<i64>,
    Option<String>,
);

/// People holding a membership in `scope`, or for the platform everyone (with their platform
/// role if they have one).
pub async fn list(
    db: &Db,
    scope: Scope,
    q: &str,
    status: &str,
    page: i64,
) -> Result<PeoplePage, AppError> {
    let page = page.max(1);
    let (kind, partner, organization) = scope_columns(scope);
    let everyone = scope == Scope::Platform;
    let select = format!(
        "SELECT u.id, u.email, u.display_name, u.status, u.last_login_at, m.id, m.role {LIST} \
         ORDER BY lower(u.display_name), u.id LIMIT {PAGE_SIZE} OFFSET $7"
    );
    let count = format!("SELECT COUNT(*) {LIST}");
    let (rows, total): (Vec<PersonRecord>, i64) = on_db!(db, pool => {
        let rows = sqlx::query_as(&select)
            .bind(kind).bind(partner).bind(organization).bind(everyone).bind(q.trim()).bind(status)
            .bind((page - 1) * PAGE_SIZE)
            .fetch_all(pool)
            .await?;
        let total = sqlx::query_scalar(&count)
            .bind(kind).bind(partner).bind(organization).bind(everyone).bind(q.trim()).bind(status)
            .fetch_one(pool)
            .await?;
        Ok::<_, sqlx::Error>((rows, total))
    })?;
    Ok(PeoplePage {
        people: rows
            .into_iter()
            .map(
                |(id, email, display_name, status, last_login_at, membership, role)| PersonRow {
                    id,
                    email,
                    display_name,
                    status,
                    last_login_at,
                    membership: membership
                        .zip(role.as_deref().and_then(Role::from_code))
                        .map(|(id, role)| MembershipRow {
                            id,
                            scope,
                            scope_name: String::new(),
                            role,
                        }),
                },
            )
            .collect(),
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// A membership with what is needed to decide who may manage it.
pub struct MembershipTarget {
    pub id: i64,
    pub user_id: i64,
    pub scope: Scope,
    pub role: Role,
    /// For organization memberships, the partner owning the organization.
    pub organization_partner: Option<i64>,
}

const TARGET: &str =
    "SELECT m.id, m.user_id, m.scope, m.partner_id, m.organization_id, m.role, o.partner_id \
     FROM memberships m LEFT JOIN organizations o ON o.id = m.organization_id WHERE m.id = $1";

pub async fn membership(db: &Db, id: i64) -> Result<Option<MembershipTarget>, AppError> {
    type Row = (
        i64,
        i64,
        String,
        Option<i64>,
        Option<i64>,
        String,
        Option<i64>,
    );
    let row: Option<Row> = on_db!(db, pool => {
        sqlx::query_as(TARGET).bind(id).fetch_optional(pool).await
    })?;
    Ok(row.and_then(
        |(id, user_id, kind, partner, organization, role, organization_partner)| {
            let scope = match (kind.as_str(), partner, organization) {
                ("platform", _, _) => Scope::Platform,
                ("partner", Some(p), _) => Scope::Partner(p),
                ("organization", _, Some(o)) => Scope::Organization(o),
                _ => return None,
            };
            Some(MembershipTarget {
                id,
                user_id,
                scope,
                role: Role::from_code(&role)?,
                organization_partner,
            })
        },
    ))
}

/// All memberships of a user, with scope names (for the platform's user page).
pub async fn memberships_of(db: &Db, user_id: i64) -> Result<Vec<MembershipRow>, AppError> {
    let all = crate::server::auth::actor::memberships(db, user_id).await?;
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

pub async fn person(db: &Db, user_id: i64) -> Result<Option<PersonRow>, AppError> {
    type Row = (i64, String, String, String, Option<DateTime<Utc>>);
    let row: Option<Row> = on_db!(db, pool => {
        sqlx::query_as("SELECT id, email, display_name, status, last_login_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.map(
        |(id, email, display_name, status, last_login_at)| PersonRow {
            id,
            email,
            display_name,
            status,
            last_login_at,
            membership: None,
        },
    ))
}

/// The user with `email`, created as invited when there is none. Returns (id, status).
pub async fn find_or_invite(
    tx: &mut Tx,
    email: &str,
    name: &str,
) -> Result<(i64, String), AppError> {
    let existing: Option<(i64, String)> = on_tx!(tx, conn => {
        sqlx::query_as("SELECT id, status FROM users WHERE lower(email) = lower($1)")
            .bind(email)
            .fetch_optional(conn)
            .await
    })?;
    if let Some(found) = existing {
        return Ok(found);
    }
    let now = Utc::now();
    let id: i64 = on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO users (email, display_name, status, created_at, updated_at) \
             VALUES ($1, $2, 'invited', $3, $3) RETURNING id")
            .bind(email)
            .bind(name)
            .bind(now)
            .fetch_one(conn)
            .await
    })?;
    Ok((id, "invited".into()))
}

/// Adds a membership; an existing one in the same scope is a conflict.
pub async fn add_membership(
    tx: &mut Tx,
    user_id: i64,
    scope: Scope,
    role: Role,
) -> Result<i64, AppError> {
    let (kind, partner, organization) = scope_columns(scope);
    let now = Utc::now();
    let result: Result<i64, sqlx::Error> = on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO memberships (user_id, scope, partner_id, organization_id, role, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
            .bind(user_id)
            .bind(kind)
            .bind(partner)
            .bind(organization)
            .bind(role.code())
            .bind(now)
            .fetch_one(conn)
            .await
    });
    match result {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::Conflict(
            "That person already has a role here. Change their role instead.".into(),
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn set_role(tx: &mut Tx, membership: i64, role: Role) -> Result<(), AppError> {
    on_tx!(tx, conn => {
        sqlx::query("UPDATE memberships SET role = $1, updated_at = $2 WHERE id = $3")
            .bind(role.code())
            .bind(Utc::now())
            .bind(membership)
            .execute(conn)
            .await
            .map(drop)
    })?;
    Ok(())
}

pub async fn remove_membership(tx: &mut Tx, membership: i64) -> Result<(), AppError> {
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM memberships WHERE id = $1")
            .bind(membership)
            .execute(conn)
            .await
            .map(drop)
    })?;
    Ok(())
}

/// Disables or re-enables an account. Returns `false` when the user does not exist.
pub async fn set_disabled(tx: &mut Tx, user_id: i64, disabled: bool) -> Result<bool, AppError> {
    let status = if disabled { "disabled" } else { "active" };
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
