//! The notification centre: what the app tells a person (an invitation waiting, a change to
//! their sign-in), listed until read, with a link to the subject, and e-mailed through the
//! outbox as each person's preference per kind says. Features tell people things through
//! `server::notify`.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
