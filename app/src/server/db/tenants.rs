//! Partners and organizations. Reads and writes take the actor's scope: platform staff reach
//! every tenant, a partner its own organizations, an organization itself.
use super::{on_db, on_tx, Db, Tx};
use crate::{
    admin::types::{OrgFilter, OrgPage, OrgRow, PartnerRow},
    error::AppError,
    identity::Scope,
};
use chrono::{DateTime, Utc};

pub const PAGE_SIZE: i64 = 25;

/// Which organizations a scope reaches, as SQL over `o` with binds (partner id, organization id).
const REACH: &str = "($1 IS NULL OR o.partner_id = $1) AND ($2 IS NULL OR o.id = $2)";

const PARTNERS: &str = "SELECT p.id, p.slug, p.name, p.status, \
         (SELECT COUNT(*) FROM organizations o WHERE o.partner_id = p.id AND o.archived_at IS NULL) \
     FROM partners p";

type PartnerRecord = (i64, String, String, String, i64);

fn partner_row((id, slug, name, status, organizations): PartnerRecord) -> PartnerRow {
    PartnerRow {
        id,
        slug,
        name,
        status,
        organizations,
    }
}

pub async fn list_partners(db: &Db) -> Result<Vec<PartnerRow>, AppError> {
    let sql = format!("{PARTNERS} ORDER BY lower(p.name)");
    let rows: Vec<PartnerRecord> = on_db!(db, pool => {
        sqlx::query_as(&sql).fetch_all(pool).await
    })?;
    Ok(rows.into_iter().map(partner_row).collect())
}

fn unique_slug_conflict(error: sqlx::Error, what: &str) -> AppError {
    match error {
        sqlx::Error::Database(e) if e.is_unique_violation() => {
            let mut fields = crate::error::FieldErrors::default();
            fields.add(
                "slug",
                format!("Another {what} already uses this short name."),
            );
            AppError::Validation(fields)
        }
        e => e.into(),
    }
}

pub async fn create_partner(tx: &mut Tx, name: &str, slug: &str) -> Result<i64, AppError> {
    let now = Utc::now();
    on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO partners (slug, name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id")
            .bind(slug)
            .bind(name)
            .bind(now)
            .fetch_one(conn)
            .await
    })
    .map_err(|e| unique_slug_conflict(e, "partner"))
}

/// Renames and/or suspends a partner. Returns `false` when there is no such partner.
pub async fn update_partner(
    tx: &mut Tx,
    id: i64,
    name: &str,
    status: &str,
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

pub async fn partner(db: &Db, id: i64) -> Result<Option<PartnerRow>, AppError> {
    let sql = format!("{PARTNERS} WHERE p.id = $1");
    let row: Option<PartnerRecord> = on_db!(db, pool => {
        sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
    })?;
    Ok(row.map(partner_row))
}

const ORG_COLUMNS: &str =
    "o.id, o.slug, o.name, o.status, o.partner_id, p.name, o.archived_at, o.created_at";
type OrgRecord = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
);

fn org_row(
    (id, slug, name, status, partner_id, partner_name, archived_at, created_at): OrgRecord,
) -> OrgRow {
    OrgRow {
        id,
        slug,
        name,
        status,
        partner_id,
        partner_name,
        archived: archived_at.is_some(),
        created_at,
    }
}

pub async fn list_organizations(
    db: &Db,
    scope: Scope,
    filter: &OrgFilter,
) -> Result<OrgPage, AppError> {
    let page = filter.page.max(1);
    let conditions = format!(
        "FROM organizations o LEFT JOIN partners p ON p.id = o.partner_id WHERE {REACH} \
         AND ($3 = '' OR lower(o.name) LIKE '%' || lower($3) || '%' OR o.slug LIKE '%' || lower($3) || '%') \
         AND ($4 = '' OR o.status = $4) \
         AND ($5 = '' OR ($5 = 'direct' AND o.partner_id IS NULL) OR CAST(o.partner_id AS TEXT) = $5) \
         AND ((o.archived_at IS NOT NULL) = $6)"
    );
    let select = format!("SELECT {ORG_COLUMNS} {conditions} ORDER BY lower(o.name), o.id LIMIT {PAGE_SIZE} OFFSET $7");
    let count = format!("SELECT COUNT(*) {conditions}");
    let (rows, total): (Vec<OrgRecord>, i64) = on_db!(db, pool => {
        let rows = sqlx::query_as(&select)
            .bind(scope.partner_id()).bind(scope.organization_id())
            .bind(filter.q.trim()).bind(&filter.status).bind(&filter.partner).bind(filter.archived)
            .bind((page - 1) * PAGE_SIZE)
            .fetch_all(pool)
            .await?;
        let total = sqlx::query_scalar(&count)
            .bind(scope.partner_id()).bind(scope.organization_id())
            .bind(filter.q.trim()).bind(&filter.status).bind(&filter.partner).bind(filter.archived)
            .fetch_one(pool)
            .await?;
        Ok::<_, sqlx::Error>((rows, total))
    })?;
    Ok(OrgPage {
        organizations: rows.into_iter().map(org_row).collect(),
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// One organization, if `scope` reaches it.
pub async fn organization(db: &Db, scope: Scope, id: i64) -> Result<Option<OrgRow>, AppError> {
    let sql = format!(
        "SELECT {ORG_COLUMNS} FROM organizations o LEFT JOIN partners p ON p.id = o.partner_id WHERE {REACH} AND o.id = $3"
    );
    let row: Option<OrgRecord> = on_db!(db, pool => {
        sqlx::query_as(&sql)
            .bind(scope.partner_id())
            .bind(scope.organization_id())
            .bind(id)
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.map(org_row))
}

pub async fn create_organization(
    tx: &mut Tx,
    name: &str,
    slug: &str,
    partner: Option<i64>,
) -> Result<i64, AppError> {
    let now = Utc::now();
    on_tx!(tx, conn => {
        sqlx::query_scalar("INSERT INTO organizations (partner_id, slug, name, status, created_at, updated_at) \
             VALUES ($1, $2, $3, 'trial', $4, $4) RETURNING id")
            .bind(partner)
            .bind(slug)
            .bind(name)
            .bind(now)
            .fetch_one(conn)
            .await
    })
    .map_err(|e| unique_slug_conflict(e, "organization"))
}

/// Writes an organization's editable fields (the caller checked reach).
pub async fn update_organization(tx: &mut Tx, org: &OrgRow) -> Result<(), AppError> {
    on_tx!(tx, conn => {
        sqlx::query("UPDATE organizations SET name = $1, status = $2, partner_id = $3, \
                 archived_at = CASE WHEN $4 THEN coalesce(archived_at, $5) ELSE NULL END, updated_at = $5 WHERE id = $6")
            .bind(&org.name)
            .bind(&org.status)
            .bind(org.partner_id)
            .bind(org.archived)
            .bind(Utc::now())
            .bind(org.id)
            .execute(conn)
            .await
            .map(drop)
    })?;
    Ok(())
}

/// A URL-safe short name from a display name: lowercase letters, digits and dashes.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_lowercase_dashed_and_bounded() {
        assert_eq!(slugify("  Harbor & Co. Logistics "), "harbor-co-logistics");
        assert_eq!(slugify("Ünïcode"), "n-code");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify(&"a".repeat(100)).len(), 60);
    }
}
