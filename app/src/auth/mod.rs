//! Signing in and out, switching scope, password reset and invitations: server functions
//! (`api`) and the public pages that use them (`pages`).
pub mod api;
pub mod pages;
