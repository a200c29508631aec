//! The audit log's query: filtered, paged, newest first.
use super::types::{AuditFilter, AuditPage};
use crate::{
    error::AppError,
    server::{
        db::{
            dialect::{contains_pattern, prefix_pattern},
            paginate, Db,
        },
        tenancy::Platform,
    },
};

pub const PAGE_SIZE: i64 = 50;

/// A page of entries, newest first. The action prefix and the actor ignore case on both
/// databases.
pub async fn list(_: &Platform, db: &Db, filter: &AuditFilter) -> Result<AuditPage, AppError> {
    let dialect = db.dialect();
    let filtered = format!(
        "FROM audit_log WHERE ($1 = '' OR {}) AND ($3 = '' OR {}) \
         AND ($5 = '' OR target_type = $5) AND ($6 = '' OR target_id = $6)",
        dialect.like_ci("action", "$2"),
        dialect.like_ci("actor_label", "$4"),
    );
    let select = format!(
        "SELECT id, created_at AS at, actor_label AS actor, action, target_type, target_id, detail, ip \
         {filtered} ORDER BY id DESC LIMIT $7 OFFSET $8"
    );
    let count = format!("SELECT COUNT(*) {filtered}");
    let action = filter.action.trim();
    let actor = filter.actor.trim();
    let (action_pattern, actor_pattern) = (prefix_pattern(action), contains_pattern(actor));
    paginate!(
        db,
        filter.page,
        PAGE_SIZE,
        &count,
        &select,
        [
            action,
            &action_pattern,
            actor,
            &actor_pattern,
            &filter.target_type,
            &filter.target_id
        ]
    )
}
