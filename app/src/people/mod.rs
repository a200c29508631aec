//! People and their memberships: the platform's user list, partner and organization teams,
//! invitations, role changes and removal. Platform admins manage everyone; partner admins and
//! owners their own people, through the same server functions.
pub mod api;
pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
