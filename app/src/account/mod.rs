//! The signed-in user's own account: server functions (`api`), the settings page, how a
//! signed-in browser is named (`browser`), and the current-password check (`server`).
pub mod api;
pub mod browser;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
