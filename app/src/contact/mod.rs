//! "Talk to us": contact requests from the public site, stored for platform staff.
mod api;
mod form;
pub mod types;

pub use api::SubmitContactRequest;
pub use form::ContactForm;
