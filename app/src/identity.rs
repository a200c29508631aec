//! Who a user is to Steward: roles, the scopes they hold them in, and the view of the signed-in
//! user that pages receive. Shared by the server and the browser.
use crate::{
    ids::{text_enum, LoginId, MembershipId, OrgId, PartnerId, ScopeKind, UserId},
    surfaces,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a membership applies. Platform staff see every tenant; partner users their partner's
/// organizations; organization users their own organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Platform,
    Partner(PartnerId),
    Organization(OrgId),
}

impl Scope {
    pub fn kind(self) -> ScopeKind {
        match self {
            Self::Platform => ScopeKind::Platform,
            Self::Partner(_) => ScopeKind::Partner,
            Self::Organization(_) => ScopeKind::Organization,
        }
    }

    pub fn partner_id(self) -> Option<PartnerId> {
        match self {
            Self::Partner(id) => Some(id),
            _ => None,
        }
    }

    pub fn organization_id(self) -> Option<OrgId> {
        match self {
            Self::Organization(id) => Some(id),
            _ => None,
        }
    }

    /// The scope stored in a membership's columns; `None` when they do not fit together.
    pub fn from_columns(
        kind: ScopeKind,
        partner: Option<PartnerId>,
        organization: Option<OrgId>,
    ) -> Option<Self> {
        match (kind, partner, organization) {
            (ScopeKind::Platform, None, None) => Some(Self::Platform),
            (ScopeKind::Partner, Some(p), None) => Some(Self::Partner(p)),
            (ScopeKind::Organization, None, Some(o)) => Some(Self::Organization(o)),
            _ => None,
        }
    }

    /// The surface a user acting in this scope works in.
    pub fn home(self) -> &'static str {
        surfaces::for_kind(self.kind()).path
    }
}

text_enum! {
    pub enum Role {
        Admin = "admin",
        Csm = "csm",
        Analyst = "analyst",
        PartnerAdmin = "partner_admin",
        PartnerMember = "partner_member",
        Owner = "owner",
        Member = "member",
    }
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "Platform admin",
            Self::Csm => "Customer success manager",
            Self::Analyst => "Analyst (read-only)",
            Self::PartnerAdmin => "Partner admin",
            Self::PartnerMember => "Partner member",
            Self::Owner => "Owner",
            Self::Member => "Member",
        }
    }

    /// The scope kind this role can be held in (the database enforces the same pairing).
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Self::Admin | Self::Csm | Self::Analyst => ScopeKind::Platform,
            Self::PartnerAdmin | Self::PartnerMember => ScopeKind::Partner,
            Self::Owner | Self::Member => ScopeKind::Organization,
        }
    }

    /// Roles that can be granted in a scope of `kind`, for role pickers.
    pub fn for_scope_kind(kind: ScopeKind) -> Vec<Role> {
        Self::ALL
            .iter()
            .copied()
            .filter(|r| r.scope_kind() == kind)
            .collect()
    }

    /// The role named by `code` if it can be held in a scope of `kind`.
    pub fn parse_for(code: &str, kind: ScopeKind) -> Option<Role> {
        Self::from_code(code).filter(|r| r.scope_kind() == kind)
    }

    /// Analysts read everything and change nothing.
    pub fn can_write(self) -> bool {
        self != Self::Analyst
    }

    /// The platform's administrators: partners, accounts, the outbox.
    pub fn is_platform_admin(self) -> bool {
        self == Self::Admin
    }

    /// Manages the people of its own scope: invites, role changes, disabling.
    pub fn manages_people(self) -> bool {
        matches!(self, Self::Admin | Self::PartnerAdmin | Self::Owner)
    }

    /// Creates and edits customer organizations within its reach.
    pub fn manages_organizations(self) -> bool {
        matches!(self, Self::Admin | Self::Csm | Self::PartnerAdmin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One role of the signed-in user in one scope, with the scope's name for menus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub id: MembershipId,
    pub scope: Scope,
    pub role: Role,
    /// "Steward platform", the partner's or the organization's name.
    pub scope_name: String,
}

/// What every page knows about the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    /// The membership the user is acting in now.
    pub active: Membership,
    /// All of the user's memberships, the active one included, for the scope switcher.
    pub memberships: Vec<Membership>,
}

impl Viewer {
    pub fn role(&self) -> Role {
        self.active.role
    }

    pub fn scope(&self) -> Scope {
        self.active.scope
    }

    pub fn can_write(&self) -> bool {
        self.active.role.can_write()
    }

    pub fn is_platform_admin(&self) -> bool {
        self.active.role.is_platform_admin()
    }
}

/// A signed-in browser as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LoginInfo {
    pub id: LoginId,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub current: bool,
}

/// What a page render knows about who is asking, handed from the server to the browser.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthView {
    pub viewer: Option<Viewer>,
    /// The session could not be checked (database down): pages say "temporarily unavailable".
    pub unavailable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_pair_with_their_scope() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(*role));
        }
        assert_eq!(Role::from_code("root"), None);
        assert_eq!(Role::parse_for("owner", ScopeKind::Partner), None);
        assert_eq!(
            Role::for_scope_kind(ScopeKind::Partner),
            vec![Role::PartnerAdmin, Role::PartnerMember]
        );
        assert!(!Role::Analyst.can_write());
        assert!(Role::Csm.can_write());
        assert!(Role::Owner.manages_people() && !Role::Member.manages_people());
        assert!(!Role::PartnerMember.manages_organizations());
    }

    #[test]
    fn scopes_come_only_from_columns_that_fit_together() {
        assert_eq!(
            Scope::from_columns(ScopeKind::Partner, Some(PartnerId(2)), None),
            Some(Scope::Partner(PartnerId(2)))
        );
        assert_eq!(
            Scope::from_columns(ScopeKind::Partner, None, Some(OrgId(1))),
            None
        );
        assert_eq!(Scope::Organization(OrgId(1)).home(), "/portal");
    }
}
