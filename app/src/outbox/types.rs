//! Outgoing e-mail as the admin UI sees it: messages in the outbox, paged.
use crate::{ids::MessageId, paging::Page};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One message in the outbox. `sent_at` is empty until delivery succeeds; `last_error` holds the
/// most recent delivery failure, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OutboxMessage {
    pub id: MessageId,
    pub recipient: String,
    /// The template code (see `Email::template`).
    pub template: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// A page of outbox messages, newest first.
pub type OutboxPage = Page<OutboxMessage>;
