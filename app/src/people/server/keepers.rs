//! Every scope keeps someone who can manage its people: the platform an active platform admin,
//! each partner an active partner admin, each organization an active owner. A role change, a
//! removal or a disabled account that would leave a scope without one is refused, also when two
//! such changes run at once: on PostgreSQL the scope's keeper rows are locked before the change
//! (`lock`); on SQLite the change is the transaction's first write, so the single writer runs
//! the two one after the other and the second sees the first. (`steward create-admin` recovers a
//! deployment that lost its admins some other way.)
use crate::{
    error::AppError,
    identity::{Role, Scope},
    ids::{OrgId, PartnerId, ScopeKind, UserId},
    server::db::{on_tx, Tx},
};

/// The role a scope cannot be left without.
pub fn keeper_role(kind: ScopeKind) -> Role {
    match kind {
        ScopeKind::Platform => Role::Admin,
        ScopeKind::Partner => Role::PartnerAdmin,
        ScopeKind::Organization => Role::Owner,
    }
}

/// The keeper memberships of the scope bound at ($1 kind, $2 partner, $3 organization), role $4.
const KEEPERS: &str = "FROM memberships m JOIN users u ON u.id = m.user_id \
     WHERE m.scope = $1 AND COALESCE(m.partner_id, 0) = COALESCE($2, 0) \
     AND COALESCE(m.organization_id, 0) = COALESCE($3, 0) AND m.role = $4 AND m.accepted_at IS NOT NULL";

/// Locks `scope`'s keeper memberships until the transaction ends (PostgreSQL; a no-op on
/// SQLite). Call before the change that `ensure_kept` then checks.
pub async fn lock(tx: &mut Tx, scope: Scope) -> Result<(), AppError> {
    let lock = tx.dialect().for_update();
    if lock.is_empty() {
        return Ok(());
    }
    // In id order, so two transactions locking the same rows cannot deadlock.
    let sql = format!("SELECT m.id {KEEPERS} ORDER BY m.id{lock} OF m");
    on_tx!(tx, conn => sqlx::query(&sql)
        .bind(scope.kind())
        .bind(scope.partner_id())
        .bind(scope.organization_id())
        .bind(keeper_role(scope.kind()))
        .fetch_all(&mut *conn)
        .await
        .map(drop))?;
    Ok(())
}

/// Refuses (409) when, after a change made in `tx`, `scope` has no active keeper left.
pub async fn ensure_kept(tx: &mut Tx, scope: Scope) -> Result<(), AppError> {
    let role = keeper_role(scope.kind());
    let sql = format!("SELECT COUNT(*) {KEEPERS} AND u.status = 'active'");
    let left: i64 = on_tx!(tx, conn => sqlx::query_scalar(&sql)
        .bind(scope.kind())
        .bind(scope.partner_id())
        .bind(scope.organization_id())
        .bind(role)
        .fetch_one(&mut *conn)
        .await)?;
    if left > 0 {
        return Ok(());
    }
    let what = match scope.kind() {
        ScopeKind::Platform => "platform admin",
        ScopeKind::Partner => "partner admin of this partner",
        ScopeKind::Organization => "owner of this organization",
    };
    Err(AppError::Conflict(format!(
        "This would leave no active {what}. Give someone else the {} role first.",
        role.label().to_lowercase()
    )))
}

/// Locks the keepers of every scope `user` keeps (PostgreSQL; on SQLite nothing is read, so
/// the change stays the transaction's first statement).
pub async fn lock_kept_by(tx: &mut Tx, user: UserId) -> Result<(), AppError> {
    if tx.dialect().for_update().is_empty() {
        return Ok(());
    }
    for scope in kept_by(tx, user).await? {
        lock(tx, scope).await?;
    }
    Ok(())
}

/// The scopes `user` is a keeper of.
pub async fn kept_by(tx: &mut Tx, user: UserId) -> Result<Vec<Scope>, AppError> {
    let keeps: Vec<String> = ScopeKind::ALL
        .iter()
        .map(|kind| {
            format!(
                "(scope = '{}' AND role = '{}')",
                kind.code(),
                keeper_role(*kind).code()
            )
        })
        .collect();
    let sql = format!(
        "SELECT scope, partner_id, organization_id FROM memberships \
         WHERE user_id = $1 AND accepted_at IS NOT NULL AND ({}) \
         ORDER BY id",
        keeps.join(" OR ")
    );
    let rows: Vec<(ScopeKind, Option<PartnerId>, Option<OrgId>)> = on_tx!(tx, conn => sqlx::query_as(&sql)
        .bind(user)
        .fetch_all(&mut *conn)
        .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, partner, org)| Scope::from_columns(kind, partner, org))
        .collect())
}
