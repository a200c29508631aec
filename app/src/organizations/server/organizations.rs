//! Customer organizations within the actor's reach: platform staff reach every one, a partner
//! its own customers, an organization itself. Every query filters by the reach in SQL.
use super::partners::slug_taken;
use crate::{
    error::AppError,
    ids::{OrgId, OrgStatus, PartnerId},
    organizations::types::{OrgCounts, OrgFilter, OrgPage, OrgRow, PartnerFilter, TenantName},
    server::{
        db::{dialect::contains_pattern, on_db, on_tx, on_unique_violation, paginate, Db, Tx},
        tenancy::Reach,
    },
};
use chrono::Utc;

pub const PAGE_SIZE: i64 = 25;

/// The organizations a reach covers, as SQL over `o` binding (partner filter, organization filter).
const REACH: &str = "($1 IS NULL OR o.partner_id = $1) AND ($2 IS NULL OR o.id = $2)";

const COLUMNS: &str = "o.id, o.slug, o.name, o.status, o.partner_id, p.name AS partner_name, \
     o.archived_at IS NOT NULL AS archived, o.created_at";

const FROM: &str = "FROM organizations o LEFT JOIN partners p ON p.id = o.partner_id";

/// A page of organizations within reach, by name.
pub async fn list(reach: &Reach, db: &Db, filter: &OrgFilter) -> Result<OrgPage, AppError> {
    let (status, partner) = filter.parse()?;
    let (direct, partner_id) = match partner {
        PartnerFilter::Any => (false, None),
        PartnerFilter::Direct => (true, None),
        PartnerFilter::Partner(id) => (false, Some(id)),
    };
    let q = filter.q.trim();
    let conditions = format!(
        "{FROM} WHERE {REACH} \
         AND ($3 = '' OR {} OR {}) \
         AND ($5 IS NULL OR o.status = $5) \
         AND (NOT $6 OR o.partner_id IS NULL) AND ($7 IS NULL OR o.partner_id = $7) \
         AND ((o.archived_at IS NOT NULL) = $8)",
        db.dialect().like_ci("o.name", "$4"),
        db.dialect().like_ci("o.slug", "$4"),
    );
    let select =
        format!("SELECT {COLUMNS} {conditions} ORDER BY lower(o.name), o.id LIMIT $9 OFFSET $10");
    let count = format!("SELECT COUNT(*) {conditions}");
    let pattern = contains_pattern(q);
    paginate!(
        db,
        filter.page,
        PAGE_SIZE,
        &count,
        &select,
        [
            reach.partner_filter(),
            reach.organization_filter(),
            q,
            &pattern,
            status,
            direct,
            partner_id,
            filter.archived
        ]
    )
}

/// The live organizations within reach, counted by status and by partner (the ten largest).
pub async fn counts(reach: &Reach, db: &Db) -> Result<OrgCounts, AppError> {
    let live = format!("{FROM} WHERE {REACH} AND o.archived_at IS NULL");
    let by_status = format!("SELECT o.status, COUNT(*) {live} GROUP BY o.status");
    let by_partner = format!(
        "SELECT p.name, COUNT(*) {live} GROUP BY p.id, p.name ORDER BY COUNT(*) DESC, p.name LIMIT 10"
    );
    let (partner, organization) = (reach.partner_filter(), reach.organization_filter());
    let counted: Vec<(OrgStatus, i64)> = on_db!(db, pool => sqlx::query_as(&by_status)
        .bind(partner)
        .bind(organization)
        .fetch_all(pool)
        .await)?;
    let by_partner: Vec<(Option<String>, i64)> = on_db!(db, pool => sqlx::query_as(&by_partner)
        .bind(partner)
        .bind(organization)
        .fetch_all(pool)
        .await)?;
    let by_status: Vec<(OrgStatus, i64)> = OrgStatus::count_each(&counted);
    Ok(OrgCounts {
        total: by_status.iter().map(|(_, n)| n).sum(),
        by_status,
        by_partner,
    })
}

/// One organization, if the reach covers it.
pub async fn get(reach: &Reach, db: &Db, id: OrgId) -> Result<Option<OrgRow>, AppError> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE {REACH} AND o.id = $3");
    Ok(on_db!(db, pool => {
        sqlx::query_as(&sql)
            .bind(reach.partner_filter())
            .bind(reach.organization_filter())
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Whether organization `id` exists within the reach, read inside `tx`.
pub async fn reached_in(reach: &Reach, tx: &mut Tx, id: OrgId) -> Result<bool, AppError> {
    let sql = format!("SELECT o.id FROM organizations o WHERE {REACH} AND o.id = $3");
    let found: Option<OrgId> = on_tx!(tx, conn => {
        sqlx::query_scalar(&sql)
            .bind(reach.partner_filter())
            .bind(reach.organization_filter())
            .bind(id)
            .fetch_optional(conn)
            .await
    })?;
    Ok(found.is_some())
}

/// Creates an organization under `partner` (or none), on a trial. The caller has checked that
/// the reach may place it there.
pub async fn create(
    reach: &Reach,
    tx: &mut Tx,
    named: &TenantName,
    partner: Option<PartnerId>,
    status: OrgStatus,
) -> Result<OrgId, AppError> {
    let partner = placement(reach, partner)?;
    let now = Utc::now();
    on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO organizations (partner_id, slug, name, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
            .bind(partner)
            .bind(&named.slug)
            .bind(&named.name)
            .bind(status)
            .bind(now)
            .fetch_one(conn)
            .await
    })
    .map_err(|e| on_unique_violation(e, || slug_taken("organization")))
}

/// Where an organization created within `reach` may go: platform staff choose any partner or
/// none; a partner's people create under their own partner; organizations create none.
pub fn placement(reach: &Reach, wanted: Option<PartnerId>) -> Result<Option<PartnerId>, AppError> {
    match (reach.partner_filter(), reach.organization_filter()) {
        (None, None) => Ok(wanted),
        (Some(mine), None) => Ok(Some(mine)),
        _ => Err(AppError::Forbidden),
    }
}

/// Writes an organization's editable fields, within reach (a row outside it is not found).
/// Only the platform moves an organization to another partner.
pub async fn update(reach: &Reach, tx: &mut Tx, org: &OrgRow) -> Result<(), AppError> {
    let sql = format!(
        "UPDATE organizations SET name = $3, status = $4, partner_id = $5, \
         archived_at = CASE WHEN $6 THEN coalesce(archived_at, $7) ELSE NULL END, updated_at = $7 \
         WHERE id = $8 AND id IN (SELECT o.id FROM organizations o WHERE {REACH}) \
           AND (($1 IS NULL AND $2 IS NULL) OR partner_id IS NOT DISTINCT FROM $5)"
    );
    let done = on_tx!(tx, conn => {
        sqlx::query(&sql)
            .bind(reach.partner_filter())
            .bind(reach.organization_filter())
            .bind(&org.name)
            .bind(org.status)
            .bind(org.partner_id)
            .bind(org.archived)
            .bind(Utc::now())
            .bind(org.id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    if done == 1 {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The audit action of an update from `before` to `after`: a move between partners, an
/// archive or restore, or a plain update.
pub fn change_action(before: &OrgRow, after: &OrgRow) -> &'static str {
    if after.partner_id != before.partner_id {
        "organization.moved"
    } else if after.archived != before.archived {
        if after.archived {
            "organization.archived"
        } else {
            "organization.restored"
        }
    } else {
        "organization.updated"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> OrgRow {
        OrgRow {
            id: OrgId(1),
            slug: "harbor".into(),
            name: "Harbor".into(),
            status: OrgStatus::Active,
            partner_id: Some(PartnerId(1)),
            partner_name: None,
            archived: false,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn moves_archives_and_restores_are_named_in_the_audit_log() {
        let before = org();
        let moved = OrgRow {
            partner_id: None,
            archived: true,
            ..org()
        };
        assert_eq!(change_action(&before, &moved), "organization.moved");
        let archived = OrgRow {
            archived: true,
            ..org()
        };
        assert_eq!(change_action(&before, &archived), "organization.archived");
        assert_eq!(change_action(&archived, &before), "organization.restored");
        let renamed = OrgRow {
            name: "Harbour".into(),
            ..org()
        };
        assert_eq!(change_action(&before, &renamed), "organization.updated");
    }
}
