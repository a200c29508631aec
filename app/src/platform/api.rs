//! The platform settings page's server functions: platform admins only.
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::two_factor,
    notice::Notice,
    server::{audit::Event, flash, platform_settings, state::app_state, tenancy::actor},
};

#[server(prefix = "/api", endpoint = "platform/settings")]
pub async fn two_factor_required() -> Result<bool, AppError> {
    actor()?.require_platform_admin()?;
    platform_settings::two_factor_required(&app_state()?.db).await
}

/// Requires (or stops requiring) two-factor sign-in of everyone acting in the platform. An admin
/// must have it on themselves first, or the switch would shut them out too.
#[server(prefix = "/api", endpoint = "platform/require-two-factor")]
pub async fn require_two_factor(#[server(default)] required: bool) -> Result<(), AppError> {
    let actor = actor()?;
    let admin = actor.require_platform_admin()?;
    let db = &app_state()?.db;
    if required && !two_factor::is_on(db, actor.user_id).await? {
        return Err(AppError::Conflict(
            "Turn on two-factor sign-in for your own account first (Account settings).".into(),
        ));
    }
    let mut tx = db.begin().await?;
    platform_settings::set_two_factor_required(&admin, &mut tx, required).await?;
    Event::new("platform.two_factor_requirement_changed")
        .by(&actor)
        .detail(if required { "required" } else { "optional" })
        .commit(tx)
        .await?;
    flash::set(Notice::Saved);
    Ok(())
}
