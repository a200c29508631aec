//! Routed pages that belong to no single feature: the public site, the surfaces' overviews,
//! the design-system reference and the error pages.
pub mod design;
pub mod error;
pub mod landing;
pub mod overviews;
