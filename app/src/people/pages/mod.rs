//! The people screens.
mod people;
mod user;

pub use people::PeoplePage;
pub use user::UserPage;
