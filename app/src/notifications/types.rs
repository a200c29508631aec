//! Notifications as the centre shows them, and the kinds a person sets e-mail preferences for.
use crate::{
    ids::{text_enum, NotificationId},
    paging::Page,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

text_enum! {
    /// What a notification is about. Each kind has its own e-mail preference.
    pub enum NotificationKind {
        Invitation = "invitation",
        Security = "security",
    }
}

impl NotificationKind {
    /// Changes to how someone signs in always come by e-mail too: a preference to turn that
    /// off would be the first thing a session thief uses.
    pub fn always_emailed(self) -> bool {
        self == Self::Security
    }

    /// How the preferences list names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Invitation => "Invitations to join a partner or organization",
            Self::Security => "Changes to how you sign in (password, two-factor sign-in)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NotificationRow {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// The page about its subject, a path within the app.
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

pub type NotificationPage = Page<NotificationRow>;

/// Whether a person wants e-mail for one kind of notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preference {
    pub kind: NotificationKind,
    pub email: bool,
}
