//! Outgoing e-mail. Each message is rendered from one template set (`templates`, text and HTML
//! from the same wording) and queued in the `outbox` table inside the transaction of the change
//! that caused it (`outbox::enqueue`). With SMTP configured, the recurring job of `smtp::Delivery` sends it;
//! without, messages stay in the outbox, where platform admins read them in the UI.
pub mod outbox;
pub mod smtp;
pub mod templates;

pub use templates::Email;
