//! Reading the audit log (platform staff): filtered by action and actor, paged, newest first.
//! Entries are written by every feature through `server::audit::Event`.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
