//! Platform settings (platform admins): deployment-wide switches set in the app. Today one,
//! two-factor sign-in required of platform staff. Stored by `server::platform_settings`.
pub mod api;
pub mod pages;
