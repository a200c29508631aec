//! The tenant guard. A `Reach` says whose data the actor may read and change; only the actor
//! resolution in this module builds one, so a data function that takes `&Reach` can only be
//! called on behalf of someone who was signed in (or, for the command line, resolved the same
//! way). Platform-wide data functions take the stronger `&Platform`.
use super::actor::Actor;
use crate::{
    error::AppError,
    identity::Scope,
    ids::{OrgId, PartnerId},
};

/// The tenants an actor reaches: everyone (platform staff), one partner and its customer
/// organizations, or one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    scope: Scope,
}

impl Reach {
    pub(super) fn of(scope: Scope) -> Self {
        Self { scope }
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// The partner whose organizations are reached, as an SQL filter (`None`: no filter).
    pub fn partner_filter(&self) -> Option<PartnerId> {
        self.scope.partner_id()
    }

    /// The one organization reached, as an SQL filter (`None`: no filter).
    pub fn organization_filter(&self) -> Option<OrgId> {
        self.scope.organization_id()
    }

    /// Whether `target` lies within this reach, as far as the scope alone tells: a partner's
    /// customer organizations are not known here, so a partner's reach answers `false` for
    /// every organization. Ask the database instead (`organizations::reached_in`).
    pub fn covers(&self, target: Scope) -> bool {
        match (self.scope, target) {
            (Scope::Platform, _) => true,
            (Scope::Partner(mine), Scope::Partner(theirs)) => mine == theirs,
            (Scope::Organization(mine), Scope::Organization(theirs)) => mine == theirs,
            _ => false,
        }
    }
}

/// Proof that the caller is platform staff: what only they may read (every user, partners,
/// the audit log) takes one.
#[derive(Debug, Clone, Copy)]
pub struct Platform(());

/// Proof that the caller is a platform admin: platform-wide writes (partners, disabling
/// accounts) and the outbox, whose undelivered links are as strong as passwords, take one.
#[derive(Debug, Clone, Copy)]
pub struct PlatformAdmin(());

/// The permission checks, one per rule. Each returns `Forbidden` when the rule is not met.
impl Actor {
    /// Read-only roles (analysts) change nothing.
    pub fn require_write(&self) -> Result<(), AppError> {
        allow(self.role().can_write())
    }

    /// Any platform staff, reading.
    pub fn require_platform_staff(&self) -> Result<Platform, AppError> {
        allow(self.scope() == Scope::Platform)?;
        Ok(Platform(()))
    }

    /// A platform admin.
    pub fn require_platform_admin(&self) -> Result<PlatformAdmin, AppError> {
        self.require_platform_staff()?;
        allow(self.role().is_platform_admin())?;
        Ok(PlatformAdmin(()))
    }

    /// Someone who manages the people of their scope (and may write).
    pub fn require_people_manager(&self) -> Result<(), AppError> {
        self.require_write()?;
        allow(self.role().manages_people())
    }

    /// Someone who creates and edits customer organizations within their reach.
    pub fn require_organization_manager(&self) -> Result<(), AppError> {
        self.require_write()?;
        allow(self.role().manages_organizations())
    }
}

fn allow(rule_met: bool) -> Result<(), AppError> {
    if rule_met {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_covers_only_itself_by_scope_alone() {
        let reach = Reach::of(Scope::Partner(PartnerId(1)));
        assert!(reach.covers(Scope::Partner(PartnerId(1))));
        assert!(!reach.covers(Scope::Partner(PartnerId(2))));
        assert!(
            !reach.covers(Scope::Organization(OrgId(9))),
            "asked of the database"
        );
        assert!(!reach.covers(Scope::Platform));
        assert_eq!(reach.partner_filter(), Some(PartnerId(1)));
        assert_eq!(reach.organization_filter(), None);
    }

    #[test]
    fn an_organization_reaches_itself_and_the_platform_everything() {
        let org = Reach::of(Scope::Organization(OrgId(3)));
        assert!(org.covers(Scope::Organization(OrgId(3))));
        assert!(!org.covers(Scope::Organization(OrgId(4))));
        assert!(!org.covers(Scope::Partner(PartnerId(1))));
        let platform = Reach::of(Scope::Platform);
        assert!(platform.covers(Scope::Organization(OrgId(4))));
        assert!(platform.covers(Scope::Platform));
        assert_eq!(platform.partner_filter(), None);
    }
}
