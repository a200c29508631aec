//! The Steward server: configuration, the HTTP router with its middleware, start-up and
//! shutdown, and the admin command line. The application itself lives in the `app` crate.
#![recursion_limit = "256"]
pub mod authn;
pub mod background;
pub mod bench_jobs;
pub mod cli;
pub mod config;
pub mod csrf;
pub mod health;
pub mod middleware;
pub mod router;
pub mod seed;
pub mod serve;
pub mod telemetry;
