//! The organizations feature on the server: its queries, each taking the tenant guard, and its
//! demo-data seeder.
pub mod changes;
pub mod organizations;
pub mod partners;
pub mod seed;
