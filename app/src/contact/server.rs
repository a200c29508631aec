//! Contact requests from the public site, stored for platform staff. (Their limit per client
//! address is `throttle::CONTACT`.)
use super::types::ContactRequest;
use crate::{
    error::AppError,
    ids::ContactRequestId,
    server::db::{on_db, Db},
};
use chrono::Utc;

const INSERT: &str = "INSERT INTO contact_requests \
     (name, email, company, team_size, message, ip, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id";

/// Stores a validated request and returns its id.
pub async fn insert(
    db: &Db,
    request: &ContactRequest,
    ip: Option<&str>,
) -> Result<ContactRequestId, AppError> {
    let now = Utc::now();
    Ok(on_db!(db, pool => {
        sqlx::query_scalar::<_, ContactRequestId>(INSERT)
            .bind(&request.name)
            .bind(request.email.as_str())
            .bind(&request.company)
            .bind(request.team_size)
            .bind(&request.message)
            .bind(ip)
            .bind(now)
            .fetch_one(pool)
            .await
    })?)
}
