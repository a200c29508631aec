//! The outbox as platform admins read it: a page of messages, newest first, with the links of
//! delivered ones masked.
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

/// A page of messages (1-based), newest first. Until a message is delivered its link is
/// readable here (how links reach people without SMTP); delivered ones show it masked.
pub async fn list(_: &PlatformAdmin, db: &Db, page: i64) -> Result<OutboxPage, AppError> {
    let select = format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1 OFFSET $2");
    let mut list: OutboxPage = paginate!(
        db,
        page,
        PAGE_SIZE,
        "SELECT COUNT(*) FROM outbox",
        &select,
        []
    )?;
    for message in list.items.iter_mut().filter(|m| m.sent_at.is_some()) {
        message.body_text = mask_links(&message.body_text);
    }
    Ok(list)
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
