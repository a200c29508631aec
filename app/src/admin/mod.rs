//! Administration: people and memberships, partners, organizations, the e-mail outbox and the
//! audit log. Platform admins manage everything; partner admins and owners manage their own
//! people and (partner admins) their customers, through the same server functions.
pub mod api;
pub mod pages;
pub mod types;
