//! The signed-in user's own account: server functions (`api`), the settings page, and how a
//! signed-in browser is named (`browser`).
pub mod api;
pub mod browser;
pub mod pages;
