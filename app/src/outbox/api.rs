//! The outbox's server function: platform admins only. Undelivered messages hold live links,
//! so reading them is as strong as the links themselves.
use super::types::OutboxPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{state::app_state, tenancy::actor};

#[server(prefix = "/api", endpoint = "outbox/list")]
pub async fn list_outbox(#[server(default)] page: i64) -> Result<OutboxPage, AppError> {
    let platform = actor()?.require_platform_admin()?;
    super::server::list(&platform, &app_state()?.db, page).await
}
