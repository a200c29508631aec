//! The outbox: every e-mail is written here, rendered, in the transaction of the change that
//! caused it, so a message exists exactly when its change was committed. `smtp` delivers from
//! here when SMTP is configured; admins read it in the UI either way.
use super::templates::Email;
use crate::{
    error::AppError,
    ids::MessageId,
    server::db::{on_tx, Tx},
};
use chrono::Utc;

const INSERT: &str = "INSERT INTO outbox \
     (recipient, template, subject, body_text, body_html, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

/// Renders `email` and queues it for `recipient` in `tx`. Returns the message id.
pub async fn enqueue(tx: &mut Tx, recipient: &str, email: &Email) -> Result<MessageId, AppError> {
    let rendered = email.render();
    let now = Utc::now();
    on_tx!(tx, conn => {
        sqlx::query_scalar::<_, MessageId>(INSERT)
            .bind(recipient)
            .bind(rendered.template)
            .bind(&rendered.subject)
            .bind(&rendered.text)
            .bind(&rendered.html)
            .bind(now)
            .fetch_one(conn)
            .await
    })
    .map_err(AppError::from)
}
