//! Customer organizations and the partners who resell them: platform staff manage every one;
//! partner admins create and edit their own customers, through the same server functions.
pub mod api;
pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
