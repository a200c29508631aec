//! The outbox as platform admins read it: a page of messages, newest first. Delivered and
//! expired messages hold no usable link (`server::mail::outbox::scrub_expired`).
use super::types::OutboxPage;
use crate::{
    error::AppError,
    server::{
        db::{paginate, Db},
        tenancy::PlatformAdmin,
    },
};

pub const PAGE_SIZE: i64 = 25;

/// The columns of an `OutboxMessage`.
pub const COLUMNS: &str =
    "id, recipient, template, subject, body_text, created_at, sent_at, last_error";

/// A page of messages (1-based), newest first. Until a message is delivered (or its links
/// expire) its link is readable here: that is how links reach people without SMTP.
pub async fn list(_: &PlatformAdmin, db: &Db, page: i64) -> Result<OutboxPage, AppError> {
    let select = format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1 OFFSET $2");
    paginate!(
        db,
        page,
        PAGE_SIZE,
        "SELECT COUNT(*) FROM outbox",
        &select,
        []
    )
}
