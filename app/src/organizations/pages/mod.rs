//! The organization and partner screens.
mod organizations;
mod partners;

pub use organizations::OrganizationsPage;
pub use partners::PartnersPage;
