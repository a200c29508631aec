//! The audit log's server function: platform staff only.
use super::types::{AuditFilter, AuditPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::{state::app_state, tenancy::actor};

#[server(prefix = "/api", endpoint = "audit/list")]
pub async fn list_audit(#[server(default)] filter: AuditFilter) -> Result<AuditPage, AppError> {
    let platform = actor()?.require_platform_staff()?;
    super::server::list(&platform, &app_state()?.db, &filter).await
}
