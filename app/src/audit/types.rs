//! What the audit log page exchanges with its server function.
use crate::{ids::AuditEntryId, paging::Page};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Action prefix, any case, e.g. `auth.` or `user.role_changed`.
    #[serde(default)]
    pub action: String,
    /// Part of the actor's e-mail or label.
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub target_type: String,
    #[serde(default)]
    pub target_id: String,
    #[serde(default)]
    pub page: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditRow {
    pub id: AuditEntryId,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

impl AuditRow {
    /// "user #12", when the entry names a target.
    pub fn target(&self) -> Option<String> {
        match (&self.target_type, &self.target_id) {
            (Some(kind), Some(id)) => Some(format!("{kind} #{id}")),
            _ => None,
        }
    }
}

pub type AuditPage = Page<AuditRow>;
