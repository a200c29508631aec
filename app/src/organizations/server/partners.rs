//! Partners (resellers): the platform lists, creates, renames and suspends them.
use crate::{
    error::{AppError, FieldErrors},
    ids::{PartnerId, PartnerStatus},
    organizations::types::{PartnerRow, TenantName},
    server::{
        db::{on_db, on_tx, on_unique_violation, Db, Tx},
        tenancy::{Platform, PlatformAdmin, Reach},
    },
};
use chrono::Utc;

const PARTNERS: &str = "SELECT p.id, p.slug, p.name, p.status, \
         (SELECT COUNT(*) FROM organizations o WHERE o.partner_id = p.id AND o.archived_at IS NULL) AS organizations \
     FROM partners p";

pub async fn list(_: &Platform, db: &Db) -> Result<Vec<PartnerRow>, AppError> {
    let sql = format!("{PARTNERS} ORDER BY lower(p.name), p.id");
    Ok(on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?)
}

/// A partner within reach: any for the platform, its own for a partner's people.
pub async fn get(reach: &Reach, db: &Db, id: PartnerId) -> Result<Option<PartnerRow>, AppError> {
    let sql = format!("{PARTNERS} WHERE p.id = $1 AND ($2 IS NULL OR p.id = $2) AND $3 IS NULL");
    Ok(on_db!(db, pool => {
        sqlx::query_as(&sql)
            .bind(id)
            .bind(reach.partner_filter())
            .bind(reach.organization_filter())
            .fetch_optional(pool)
            .await
    })?)
}

pub async fn create(
    _: &PlatformAdmin,
    tx: &mut Tx,
    named: &TenantName,
) -> Result<PartnerId, AppError> {
    let now = Utc::now();
    on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO partners (slug, name, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id")
            .bind(&named.slug)
            .bind(&named.name)
            .bind(PartnerStatus::Active)
            .bind(now)
            .fetch_one(conn)
            .await
    })
    .map_err(|e| on_unique_violation(e, || slug_taken("partner")))
}

/// Renames and/or suspends a partner. Returns `false` when there is no such partner.
pub async fn update(
    _: &PlatformAdmin,
    tx: &mut Tx,
    id: PartnerId,
    name: &str,
    status: PartnerStatus,
) -> Result<bool, AppError> {
    let done = on_tx!(tx, conn => {
        sqlx::query("UPDATE partners SET name = $1, status = $2, updated_at = $3 WHERE id = $4")
            .bind(name)
            .bind(status)
            .bind(Utc::now())
            .bind(id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// The audit action of a partner update that moves it from `before` to `after`.
pub fn change_action(before: PartnerStatus, after: PartnerStatus) -> &'static str {
    match (before, after) {
        (PartnerStatus::Active, PartnerStatus::Suspended) => "partner.suspended",
        (PartnerStatus::Suspended, PartnerStatus::Active) => "partner.reactivated",
        _ => "partner.updated",
    }
}

/// The field error for a short name another tenant of `kind` already uses.
pub fn slug_taken(kind: &str) -> AppError {
    FieldErrors::one(
        "slug",
        format!("Another {kind} already uses this short name."),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suspensions_and_reactivations_are_named_in_the_audit_log() {
        use PartnerStatus::{Active, Suspended};
        assert_eq!(change_action(Active, Suspended), "partner.suspended");
        assert_eq!(change_action(Suspended, Active), "partner.reactivated");
        assert_eq!(change_action(Active, Active), "partner.updated");
    }
}
