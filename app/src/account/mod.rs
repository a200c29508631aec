//! The signed-in user's own account: server functions (`api`) and the settings page.
pub mod api;
pub mod browser;
pub mod page;
