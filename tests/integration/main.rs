//! Integration tests: the real router, in-process, on a fresh database per test, each test
//! run once on SQLite and once on PostgreSQL.
#![recursion_limit = "256"]
mod account;
mod auth;
mod contact;
mod data_layer;
mod findings;
mod guard;
mod jobs;
mod notifications;
mod offers;
mod pages;
mod probes;
mod security;
mod support;
mod tenancy;
mod two_factor;
