//! What the administration screens exchange with their server functions.
use crate::identity::{Role, Scope};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Action prefix, e.g. `auth.` or `user.role_changed`.
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
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// A person as a people list shows them. `membership` is their membership in the scope being
/// listed (none in the platform-wide user list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub status: String,
    pub last_login_at: Option<DateTime<Utc>>,
    pub membership: Option<MembershipRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<PersonRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipRow {
    pub id: i64,
    pub scope: Scope,
    pub scope_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    pub person: PersonRow,
    pub memberships: Vec<MembershipRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub organizations: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgFilter {
    #[serde(default)]
    pub q: String,
    /// A partner's id, `direct` for customers without one, or empty for all.
    #[serde(default)]
    pub partner: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub page: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub partner_id: Option<i64>,
    pub partner_name: Option<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgPage {
    pub organizations: Vec<OrgRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

pub const ORG_STATUSES: [&str; 5] = [
    "trial",
    "active",
    "past_due",
    "cancelled",
    "pending_deletion",
];

pub fn org_status_label(status: &str) -> &'static str {
    match status {
        "trial" => "Trial",
        "active" => "Active",
        "past_due" => "Past due",
        "cancelled" => "Cancelled",
        "pending_deletion" => "Pending deletion",
        _ => "Unknown",
    }
}
