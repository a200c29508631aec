//! Memberships offered to an account, as their holder sees them: the list waiting on the
//! account page, accepting one (it then gives access, and the inviter sees the real account)
//! and declining one (it is gone). Only the holder reaches them: every query is keyed on the
//! holder's own user id.
use crate::{
    error::AppError,
    identity::{Role, Scope},
    ids::{MembershipId, OrgId, PartnerId, ScopeKind, UserId},
    people::types::Offer,
    server::db::{on_db, on_tx, Db, Tx},
};
use chrono::{DateTime, Utc};

/// Offers in a partner or organization nobody can act in (suspended, archived) wait unseen.
const OPEN_OFFERS: &str = "SELECT m.id, m.role, m.created_at, \
         COALESCE(p.name, o.name, 'Steward platform') AS scope_name, i.display_name AS inviter \
     FROM memberships m \
     LEFT JOIN partners p ON p.id = m.partner_id \
     LEFT JOIN organizations o ON o.id = m.organization_id \
     LEFT JOIN users i ON i.id = m.invited_by \
     WHERE m.user_id = $1 AND m.accepted_at IS NULL \
       AND (p.id IS NULL OR p.status = 'active') AND (o.id IS NULL OR o.archived_at IS NULL) \
     ORDER BY m.created_at, m.id";

#[derive(sqlx::FromRow)]
struct OfferRecord {
    id: MembershipId,
    role: Role,
    created_at: DateTime<Utc>,
    scope_name: String,
    inviter: Option<String>,
}

/// The memberships offered to `holder` that wait for an answer, oldest first.
pub async fn open_offers(db: &Db, holder: UserId) -> Result<Vec<Offer>, AppError> {
    let rows: Vec<OfferRecord> = on_db!(db, pool => {
        sqlx::query_as(OPEN_OFFERS).bind(holder).fetch_all(pool).await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| Offer {
            id: r.id,
            scope_name: r.scope_name,
            role: r.role,
            inviter: r.inviter,
            offered_at: r.created_at,
        })
        .collect())
}

/// Accepts the offer `id` made to `holder`: it gives access from now on, and what the inviter
/// typed is forgotten. `None` when `holder` has no such open offer.
pub async fn accept(
    tx: &mut Tx,
    holder: UserId,
    id: MembershipId,
) -> Result<Option<Scope>, AppError> {
    answer(tx, holder, id, true).await
}

/// Declines the offer `id` made to `holder`: the membership is gone. `None` when `holder` has
/// no such open offer.
pub async fn decline(
    tx: &mut Tx,
    holder: UserId,
    id: MembershipId,
) -> Result<Option<Scope>, AppError> {
    answer(tx, holder, id, false).await
}

/// Accepts or declines `holder`'s open offer `id`, returning its scope.
async fn answer(
    tx: &mut Tx,
    holder: UserId,
    id: MembershipId,
    accept: bool,
) -> Result<Option<Scope>, AppError> {
    const ACCEPT: &str = "UPDATE memberships SET accepted_at = $3, invited_email = NULL, \
         invited_name = NULL, updated_at = $3 WHERE id = $1 AND user_id = $2 AND accepted_at IS NULL \
         RETURNING scope, partner_id, organization_id";
    const DECLINE: &str = "DELETE FROM memberships WHERE id = $1 AND user_id = $2 \
         AND accepted_at IS NULL RETURNING scope, partner_id, organization_id";
    let row: Option<(ScopeKind, Option<PartnerId>, Option<OrgId>)> = on_tx!(tx, conn => {
        let query = sqlx::query_as(if accept { ACCEPT } else { DECLINE })
            .bind(id)
            .bind(holder);
        let query = if accept { query.bind(Utc::now()) } else { query };
        query.fetch_optional(conn).await
    })?;
    Ok(row.and_then(|(kind, partner, org)| Scope::from_columns(kind, partner, org)))
}

/// Whether `holder` still has offers waiting for an answer.
pub async fn any_open(tx: &mut Tx, holder: UserId) -> Result<bool, AppError> {
    let open: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND accepted_at IS NULL",
    )
    .bind(holder)
    .fetch_one(&mut *conn)
    .await)?;
    Ok(open > 0)
}

/// Accepts the offers `inviter` made to a new account as it is set up from `inviter`'s
/// invitation link: answering that e-mail is answering them. Offers from anyone else stay
/// offers, for the account page.
pub async fn accept_from(tx: &mut Tx, holder: UserId, inviter: UserId) -> Result<(), AppError> {
    on_tx!(tx, conn => {
        sqlx::query("UPDATE memberships SET accepted_at = $1, invited_email = NULL, invited_name = NULL, \
                 updated_at = $1 WHERE user_id = $2 AND invited_by = $3 AND accepted_at IS NULL")
            .bind(Utc::now())
            .bind(holder)
            .bind(inviter)
            .execute(&mut *conn)
            .await
            .map(drop)
    })?;
    Ok(())
}
