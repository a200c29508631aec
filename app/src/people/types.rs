//! What the people screens exchange with their server functions, and the invitation's rules.
use crate::{
    auth::types::check_display_name,
    error::FieldErrors,
    identity::{Role, Scope},
    ids::{MembershipId, ScopeKind, UserId, UserStatus},
    paging::Page,
    values::EmailAddress,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person as a people list shows them. `membership` is their membership in the scope being
/// listed (none in the platform-wide user list for people without a platform role).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    /// None while their membership is only offered: an account's id would tell the inviter
    /// whether the address had one (ids grow with each new account).
    pub id: Option<UserId>,
    pub email: String,
    pub display_name: String,
    pub status: UserStatus,
    pub last_login_at: Option<DateTime<Utc>>,
    pub membership: Option<MembershipRow>,
}

pub type PeoplePage = Page<PersonRow>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipRow {
    pub id: MembershipId,
    pub scope: Scope,
    pub scope_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    pub person: PersonRow,
    pub memberships: Vec<MembershipRow>,
}

/// A membership offered to the signed-in account, waiting for them to accept or decline it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub id: MembershipId,
    pub scope_name: String,
    pub role: Role,
    /// Who offered it; none once their account is gone.
    pub inviter: Option<String>,
    pub offered_at: DateTime<Utc>,
}

/// An invitation as the form sends it, checked against the kind of scope it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub email: EmailAddress,
    pub display_name: String,
    pub role: Role,
}

impl Invitation {
    pub fn parse(
        email: &str,
        display_name: &str,
        role: &str,
        kind: ScopeKind,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let address = EmailAddress::parse(email)
            .map_err(|e| errors.add("email", e))
            .ok();
        let name = check_display_name(display_name)
            .map_err(|e| errors.add("display_name", e))
            .ok();
        let role = Role::parse_for(role, kind);
        if role.is_none() {
            errors.add("role", "Choose one of the roles offered.");
        }
        let errors = errors
            .keep_input_if_invalid("email", email)
            .keep_input_if_invalid("display_name", display_name);
        match (address, name, role) {
            (Some(email), Some(display_name), Some(role)) => errors.into_result_with(Self {
                email,
                display_name,
                role,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitations_need_an_address_a_name_and_a_role_of_the_scope() {
        let ok = Invitation::parse(" ada@example.com ", "Ada", "owner", ScopeKind::Organization);
        assert_eq!(ok.unwrap().role, Role::Owner);
        let wrong_scope =
            Invitation::parse("ada@example.com", "Ada", "owner", ScopeKind::Partner).unwrap_err();
        assert!(wrong_scope.get("role").is_some());
        let bad = Invitation::parse("ada", "", "admin", ScopeKind::Platform).unwrap_err();
        assert!(bad.get("email").is_some() && bad.get("display_name").is_some());
        assert_eq!(bad.input("email"), Some("ada"));
    }
}
