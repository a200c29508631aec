//! Signing in and out, switching scope, password reset and invitations: server functions
//! (`api`), the public pages that use them (`pages`), and on the server the accounts' credentials,
//! signed-in browsers, password hashing, single-use links and the session store (`server`).
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
