//! Tenancy on the server: who is asking (`actor`), and the guard their data functions take
//! (`reach`): a `Reach` built only here, the `Platform` proof for platform-wide data, and one
//! permission check per rule.
pub mod actor;
pub mod reach;

pub use actor::{
    account_holder, actor, authentication, memberships, session, Actor, Authentication,
};
pub use reach::{Platform, PlatformAdmin, Reach};
