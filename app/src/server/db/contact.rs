//! Contact requests from the public site.
use super::{on_db, Db};
use crate::contact::types::ContactRequest;
use chrono::Utc;

const INSERT: &str = "INSERT INTO contact_requests \
     (name, email, company, team_size, message, ip, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id";

/// Stores a validated request and returns its id.
pub async fn insert(
    db: &Db,
    request: &ContactRequest,
    ip: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let now = Utc::now();
    on_db!(db, pool => {
        sqlx::query_scalar::<_, i64>(INSERT)
            .bind(&request.name)
            .bind(request.email.as_str())
            .bind(&request.company)
            .bind(request.team_size)
            .bind(&request.message)
            .bind(ip)
            .bind(now)
            .fetch_one(pool)
            .await
    })
}
