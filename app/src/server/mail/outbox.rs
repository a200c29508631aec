//! The outbox: every e-mail is written here, rendered, in the transaction of the change that
//! caused it, so a message exists exactly when its change was committed. `smtp` delivers from
//! here when SMTP is configured; admins read it in the UI either way.
use super::templates::Email;
use crate::{
    error::AppError,
    mail_types::{OutboxMessage, OutboxPage},
    server::db::{on_db, on_tx, Db, Tx},
};
use chrono::{DateTime, Utc};

pub const PAGE_SIZE: i64 = 25;

const INSERT: &str = "INSERT INTO outbox \
     (recipient, template, subject, body_text, body_html, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

const COLUMNS: &str =
    "id, recipient, template, subject, body_text, created_at, sent_at, last_error";

type Row = (
    i64,
    String,
    String,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<String>,
);

fn message(row: Row) -> OutboxMessage {
    let (id, recipient, template, subject, body_text, created_at, sent_at, last_error) = row;
    OutboxMessage {
        id,
        recipient,
        template,
        subject,
        body_text,
        created_at,
        sent_at,
        last_error,
    }
}

/// `text` with the secret of every `token=` link replaced, for messages already delivered.
pub fn mask_links(text: &str) -> String {
    const MARK: &str = "token=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        out.push_str(before);
        let secret_len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        if secret_len > 0 {
            out.push_str("(hidden once delivered)");
        }
        rest = &after[secret_len..];
    }
    out.push_str(rest);
    out
}

/// Renders `email` and queues it for `recipient` in `tx`. Returns the message id.
pub async fn enqueue(tx: &mut Tx, recipient: &str, email: &Email) -> Result<i64, sqlx::Error> {
    let rendered = email.render();
    let now = Utc::now();
    on_tx!(tx, conn => {
        sqlx::query_scalar::<_, i64>(INSERT)
            .bind(recipient)
            .bind(rendered.template)
            .bind(&rendered.subject)
            .bind(&rendered.text)
            .bind(&rendered.html)
            .bind(now)
            .fetch_one(conn)
            .await
    })
}

/// A page of messages (1-based), newest first.
pub async fn list(db: &Db, page: i64) -> Result<OutboxPage, AppError> {
    let page = page.clamp(1, i64::MAX / PAGE_SIZE);
    let select =
        format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT {PAGE_SIZE} OFFSET $1");
    let (rows, total): (Vec<Row>, i64) = on_db!(db, pool => {
        let rows = sqlx::query_as(&select)
            .bind((page - 1) * PAGE_SIZE)
            .fetch_all(pool)
            .await?;
        let total = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
            .fetch_one(pool)
            .await?;
        Ok::<_, sqlx::Error>((rows, total))
    })?;
    Ok(OutboxPage {
        messages: rows.into_iter().map(message).collect(),
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// The newest message to `recipient`, if any.
pub async fn latest_for(db: &Db, recipient: &str) -> Result<Option<OutboxMessage>, sqlx::Error> {
    let select =
        format!("SELECT {COLUMNS} FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1");
    let row: Option<Row> = on_db!(db, pool => {
        sqlx::query_as(&select)
            .bind(recipient)
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.map(message))
}

#[cfg(test)]
mod tests {
    use super::mask_links;

    #[test]
    fn delivered_links_lose_their_secret_and_nothing_else() {
        let text = "Open:\nhttps://x.test/reset-password?token=ab12CD&next=1\n\nBye token=";
        assert_eq!(
            mask_links(text),
            "Open:\nhttps://x.test/reset-password?token=(hidden once delivered)&next=1\n\nBye token="
        );
        assert_eq!(mask_links("no links here"), "no links here");
    }
}
