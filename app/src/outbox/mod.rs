//! The e-mail outbox as platform admins see it. Messages are queued by every feature through
//! `server::mail::outbox::enqueue`; this feature lists them.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
