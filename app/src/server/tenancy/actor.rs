//! Who is asking. A middleware resolves the session once per request (`resolve`) and leaves an
//! `Authentication` in the request; every server function and page starts from `actor()`,
//! whose `Reach` is the only way to tenant data.
use super::reach::Reach;
use crate::{
    auth::server::{login, two_factor},
    error::AppError,
    identity::{Membership, Role, Scope, Viewer},
    ids::{LoginId, MembershipId, OrgId, PartnerId, ScopeKind, UserId},
    server::{
        db::{on_db, on_tx, Db, Tx},
        platform_settings,
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
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    /// The signed-in browser; none for work started from the command line.
    pub login_id: Option<LoginId>,
    pub active: Membership,
    pub memberships: Vec<Membership>,
    /// Holds a platform role while the platform requires two-factor sign-in of its staff, and
    /// has not turned it on: only their own account is open until they do (`actor` refuses
    /// everything else, `authn` sends pages to the account settings).
    pub two_factor_due: bool,
    reach: Reach,
}

impl Actor {
    pub fn scope(&self) -> Scope {
        self.active.scope
    }

    pub fn role(&self) -> Role {
        self.active.role
    }

    /// The tenants this actor's data functions may touch.
    pub fn reach(&self) -> &Reach {
        &self.reach
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

/// The signed-in actor, or the error to answer with. Platform staff who owe two-factor sign-in
/// are refused here whatever path brought them (deny by default): only `account_holder` serves
/// them.
pub fn actor() -> Result<Arc<Actor>, AppError> {
    let actor = account_holder()?;
    if actor.two_factor_due {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

/// The signed-in person acting on their own account (settings, two-factor sign-in,
/// notifications, signing out, switching scope), also while they owe two-factor sign-in.
pub fn account_holder() -> Result<Arc<Actor>, AppError> {
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
         COALESCE(p.name, o.name, 'Steward platform') AS scope_name \
     FROM memberships m \
     LEFT JOIN partners p ON p.id = m.partner_id \
     LEFT JOIN organizations o ON o.id = m.organization_id \
     WHERE m.user_id = $1 AND m.accepted_at IS NOT NULL AND (p.id IS NULL OR p.status = 'active') AND (o.id IS NULL OR o.archived_at IS NULL) \
     ORDER BY CASE m.scope WHEN 'platform' THEN 0 WHEN 'partner' THEN 1 ELSE 2 END, 6, m.id";

#[derive(sqlx::FromRow)]
struct MembershipRecord {
    id: MembershipId,
    scope: ScopeKind,
    partner_id: Option<PartnerId>,
    organization_id: Option<OrgId>,
    role: Role,
    scope_name: String,
}

/// The memberships a user can act in: offered ones not yet accepted, and those in suspended partners or archived organizations
/// are left out. Platform first, then partners, then organizations.
pub async fn memberships(db: &Db, user_id: UserId) -> Result<Vec<Membership>, AppError> {
    let rows: Vec<MembershipRecord> = on_db!(db, pool => {
        sqlx::query_as(MEMBERSHIPS).bind(user_id).fetch_all(pool).await
    })?;
    Ok(usable(rows))
}

fn usable(rows: Vec<MembershipRecord>) -> Vec<Membership> {
    rows.into_iter()
        .filter_map(|m| {
            Some(Membership {
                id: m.id,
                scope: Scope::from_columns(m.scope, m.partner_id, m.organization_id)?,
                role: m.role,
                scope_name: m.scope_name,
            })
        })
        .collect()
}

/// Resolves the session to an actor acting in the membership the session names (chosen at
/// sign-in or by a scope switch). A session whose login ended is anonymous; one whose chosen
/// membership is no longer usable (removed, its partner suspended, its organization archived)
/// is signed out.
pub async fn resolve(state: &AppState, session: &Session) -> Result<Option<Actor>, AppError> {
    let Some(live) = login::live(&state.db, session, state.settings.session_idle).await? else {
        return Ok(None);
    };
    let Some(chosen) = login::active_membership(session).await? else {
        return Ok(None);
    };
    let memberships = memberships(&state.db, live.user_id).await?;
    let Some(active) = memberships.iter().find(|m| m.id == chosen).cloned() else {
        login::end(&state.db, session).await?;
        return Ok(None);
    };
    let two_factor_due = platform_settings::two_factor_required_of(&state.db, &memberships).await?
        && !two_factor::is_on(&state.db, live.user_id).await?;
    Ok(Some(Actor {
        two_factor_due,
        user_id: live.user_id,
        email: live.email,
        display_name: live.display_name,
        login_id: Some(live.login_id),
        reach: Reach::of(active.scope),
        active,
        memberships,
    }))
}

/// The actor for work a person starts outside a browser (the command line's demo data), read
/// inside `tx` so it sees what `tx` wrote: the same resolution as a session, acting in the
/// user's first membership.
pub async fn resolve_for_command_line(tx: &mut Tx, user_id: UserId) -> Result<Actor, AppError> {
    let (email, display_name): (String, String) = on_tx!(tx, conn => {
        sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1 AND status = 'active'")
            .bind(user_id)
            .fetch_one(conn)
            .await
    })?;
    let rows: Vec<MembershipRecord> = on_tx!(tx, conn => {
        sqlx::query_as(MEMBERSHIPS).bind(user_id).fetch_all(conn).await
    })?;
    let memberships = usable(rows);
    let active = memberships.first().cloned().ok_or(AppError::Forbidden)?;
    Ok(Actor {
        user_id,
        email,
        display_name,
        login_id: None,
        two_factor_due: false,
        reach: Reach::of(active.scope),
        active,
        memberships,
    })
}
