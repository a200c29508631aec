//! "Talk to us": contact requests from the public site, stored for platform staff.
mod api;
mod components;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;

pub use api::SubmitContactRequest;
pub use components::ContactForm;
