//! The outbox: every e-mail is written here, rendered, in the transaction of the change that
//! caused it, so a message exists exactly when its change was committed. `smtp` delivers from
//! here when SMTP is configured; admins read it in the UI either way. A message keeps its
//! links' secrets only while it may still be needed: delivery removes them, and so does the
//! hourly clean-up once every link it can hold has expired (`scrub_expired`).
use super::templates::Email;
use crate::server::db::{on_db, Db};
use crate::{
    error::AppError,
    ids::MessageId,
    server::db::{on_tx, Tx},
};
use chrono::{TimeDelta, Utc};

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

/// What replaces a link's secret once its message no longer needs it.
pub const REMOVED: &str = "(removed)";

/// The longest a link in an e-mail stays usable (invitations, 72 hours).
const LONGEST_LINK: TimeDelta = TimeDelta::hours(72);

/// `text` with the secret of every `token=` link replaced by `REMOVED`.
pub fn without_secrets(text: &str) -> String {
    const MARK: &str = "token=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        out.push_str(before);
        let secret_len = after
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
            .unwrap_or(after.len());
        if secret_len > 0 {
            out.push_str(REMOVED);
        }
        rest = &after[secret_len..];
    }
    out.push_str(rest);
    out
}

/// Removes the secrets from messages that no longer need them: delivered ones (older rows)
/// and undelivered ones older than the longest link. Returns how many were changed.
pub async fn scrub_expired(db: &Db) -> Result<u64, AppError> {
    let cutoff = Utc::now() - LONGEST_LINK;
    let holding: Vec<(MessageId, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, body_text, body_html FROM outbox \
         WHERE (sent_at IS NOT NULL OR created_at < $1) AND body_text LIKE '%token=%' \
         AND body_text NOT LIKE $2",
    )
    .bind(cutoff)
    .bind(format!("%token={REMOVED}%"))
    .fetch_all(pool)
    .await)?;
    let mut changed = 0;
    for (id, text, html) in holding {
        on_db!(db, pool => sqlx::query("UPDATE outbox SET body_text = $1, body_html = $2 WHERE id = $3")
            .bind(without_secrets(&text))
            .bind(without_secrets(&html))
            .bind(id)
            .execute(pool)
            .await
            .map(drop))?;
        changed += 1;
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::without_secrets;

    #[test]
    fn secrets_go_and_nothing_else() {
        let text = "Open:\nhttps://x.test/reset-password?token=ab12-CD_x&next=1\n\nBye token=";
        assert_eq!(
            without_secrets(text),
            "Open:\nhttps://x.test/reset-password?token=(removed)&next=1\n\nBye token="
        );
        let html = r#"<a href="https://x.test/confirm-email?token=Zz9">x</a> token=Zz9."#;
        assert_eq!(
            without_secrets(html),
            r#"<a href="https://x.test/confirm-email?token=(removed)">x</a> token=(removed)."#
        );
        assert_eq!(without_secrets("no links here"), "no links here");
    }
}
