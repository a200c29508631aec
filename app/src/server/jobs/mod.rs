//! Work that runs later, from a table every app server shares: handlers register by kind in a
//! `Registry`, `Runner::start` claims due jobs with a lease and runs them, retries failures with
//! backoff, and keeps recurring jobs on their schedule. Enqueue with `store::enqueue` in the
//! transaction of the change that calls for the work.
pub mod runner;
pub mod store;

pub use runner::{run_due, Registry, Runner, RunnerSettings};
pub use store::{enqueue, Claimed, JobOutcome, NewJob};
