//! Outgoing e-mail as the admin UI sees it: messages in the outbox, paged. Shared by the server
//! (which reads them from the `outbox` table) and the browser (which shows them).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One message in the outbox. `sent_at` is empty until delivery succeeds; `last_error` holds the
/// most recent delivery failure, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub messages: Vec<OutboxMessage>,
    /// Messages in the whole outbox, across pages.
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub page_size: i64,
}
