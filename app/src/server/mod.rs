//! Server-only shared infrastructure (`ssr` feature), nothing feature-specific: state, the
//! tenant guard, the database toolkit, request helpers, rate limits, mail, audit, charts, and
//! the switches platform admins set (`platform_settings`).
//! Each feature keeps its own queries and rules in `<feature>/server/`.
pub mod audit;
pub mod charts;
pub mod db;
pub mod demo;
pub mod flash;
pub mod jobs;
pub mod mail;
pub mod platform_settings;
pub mod request;
pub mod secret;
pub mod security;
pub mod state;
pub mod tenancy;
pub mod throttle;
