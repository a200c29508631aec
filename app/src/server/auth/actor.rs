//! The tenant guard. A middleware resolves who is asking once per request (`resolve`) and leaves
//! an `Authentication` in the request; every server function and page then starts from
//! `actor()`, and data functions take the actor's `Scope`, never a bare tenant id from input.
use super::login;
use crate::{
    error::AppError,
    identity::{Membership, Role, Scope, Viewer},
    server::{
        db::{on_db, Db},
        state::AppState,
    },
};
use http::request::Parts;
use leptos::prelude::with_context;
use std::sync::Arc;
use tower_sessions::Session;

/// A signed-in user acting in one of their memberships.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub login_id: i64,
    pub active: Membership,
    pub memberships: Vec<Membership>,
}

impl Actor {
    pub fn scope(&self) -> Scope {
        self.active.scope
    }

    pub fn role(&self) -> Role {
        self.active.role
    }

    /// A label for the audit log.
    pub fn label(&self) -> String {
        format!("{} ({})", self.email, self.active.role.code())
    }

    pub fn viewer(&self) -> Viewer {
        Viewer {
            user_id: self.user_id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            active: self.active.clone(),
            memberships: self.memberships.clone(),
        }
    }

    /// Refuses read-only roles.
    pub fn require_write(&self) -> Result<(), AppError> {
        if self.role().can_write() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Refuses unless the active role passes `allowed` (and may write).
    pub fn require(&self, allowed: impl Fn(Role) -> bool) -> Result<(), AppError> {
        self.require_write()?;
        if allowed(self.role()) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Refuses unless acting as platform staff.
    pub fn require_platform(&self) -> Result<(), AppError> {
        match self.scope() {
            Scope::Platform => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }
}

/// What the authentication middleware found for this request.
#[derive(Debug, Clone)]
pub enum Authentication {
    Anonymous,
    SignedIn(Arc<Actor>),
    /// The database could not be asked; pages show "temporarily unavailable".
    Unavailable,
}

/// Who is asking, for the server function or page being run.
pub fn authentication() -> Authentication {
    with_context::<Parts, _>(|p| p.extensions.get::<Authentication>().cloned())
        .flatten()
        .unwrap_or(Authentication::Anonymous)
}

/// The signed-in actor, or the error to answer with.
pub fn actor() -> Result<Arc<Actor>, AppError> {
    match authentication() {
        Authentication::SignedIn(actor) => Ok(actor),
        Authentication::Anonymous => Err(AppError::Unauthenticated),
        Authentication::Unavailable => Err(AppError::Unavailable),
    }
}

/// This request's session (the session layer puts it in every request).
pub fn session() -> Result<Session, AppError> {
    with_context::<Parts, _>(|p| p.extensions.get::<Session>().cloned())
        .flatten()
        .ok_or_else(|| {
            tracing::error!("session layer missing");
            AppError::Internal
        })
}

const MEMBERSHIPS: &str = "SELECT m.id, m.scope, m.partner_id, m.organization_id, m.role, \
         COALESCE(p.name, o.name, 'Steward platform') \
     FROM memberships m \
     LEFT JOIN partners p ON p.id = m.partner_id \
     LEFT JOIN organizations o ON o.id = m.organization_id \
     WHERE m.user_id = $1 AND (p.id IS NULL OR p.status = 'active') AND (o.id IS NULL OR o.archived_at IS NULL) \
     ORDER BY CASE m.scope WHEN 'platform' THEN 0 WHEN 'partner' THEN 1 ELSE 2 END, 6, m.id";

type MembershipRow = (i64, String, Option<i64>, Option<i64>, String, String);

/// The memberships a user can act in: those in suspended partners or archived organizations
/// are left out. Platform first, then partners, then organizations.
pub async fn memberships(db: &Db, user_id: i64) -> Result<Vec<Membership>, AppError> {
    let rows: Vec<MembershipRow> = on_db!(db, pool => {
        sqlx::query_as(MEMBERSHIPS).bind(user_id).fetch_all(pool).await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, scope, partner, organization, role, scope_name)| {
            let scope = match (scope.as_str(), partner, organization) {
                ("platform", _, _) => Scope::Platform,
                ("partner", Some(p), _) => Scope::Partner(p),
                ("organization", _, Some(o)) => Scope::Organization(o),
                _ => return None,
            };
            Some(Membership {
                id,
                scope,
                role: Role::from_code(&role)?,
                scope_name,
            })
        })
        .collect())
}

/// Resolves the session to an actor. A session whose login ended, or whose user has no usable
/// membership left, is anonymous.
pub async fn resolve(state: &AppState, session: &Session) -> Result<Option<Actor>, AppError> {
    let Some(live) = login::live(&state.db, session, state.settings.session_idle).await? else {
        return Ok(None);
    };
    let memberships = memberships(&state.db, live.user_id).await?;
    let chosen = session
        .get::<i64>(login::MEMBERSHIP_KEY)
        .await
        .map_err(login::session_error)?;
    let Some(active) = chosen
        .and_then(|id| memberships.iter().find(|m| m.id == id))
        .or(memberships.first())
        .cloned()
    else {
        return Ok(None);
    };
    Ok(Some(Actor {
        user_id: live.user_id,
        email: live.email,
        display_name: live.display_name,
        login_id: live.login_id,
        active,
        memberships,
    }))
}

impl Actor {
    /// Whether this actor manages the people of `target`: platform admins everywhere, partner
    /// admins their partner and its organizations, owners their organization. Analysts and
    /// members manage no one. `organization_partner` is the partner owning `target` when it is
    /// an organization.
    pub fn manages_people_in(&self, target: Scope, organization_partner: Option<i64>) -> bool {
        if !self.role().manages_people() {
            return false;
        }
        match (self.scope(), target) {
            (Scope::Platform, _) => true,
            (Scope::Partner(mine), Scope::Partner(theirs)) => mine == theirs,
            (Scope::Partner(mine), Scope::Organization(_)) => organization_partner == Some(mine),
            (Scope::Organization(mine), Scope::Organization(theirs)) => mine == theirs,
            _ => false,
        }
    }
}
