//! Background jobs as platform admins see them: the list by state, with retry and cancel. The
//! runner itself is shared infrastructure in `server::jobs`.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
