//! The signed-in user's own account: server functions (`api`), the settings page, the
//! invitations waiting for an answer (`invitations`), two-factor sign-in (`two_factor`, its
//! card `two_factor_card`), how a signed-in browser is named (`browser`), and the
//! current-password check (`server`).
pub mod api;
pub mod browser;
pub mod invitations;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod two_factor;
pub mod two_factor_card;
