//! The Steward server: configuration, the HTTP router with its middleware, start-up and
#![recursion_limit = "256"]
//! shutdown, and the admin command line. The application itself lives in the `app` crate.
pub mod cli;
pub mod config;
pub mod health;
pub mod middleware;
pub mod router;
pub mod serve;
pub mod telemetry;
