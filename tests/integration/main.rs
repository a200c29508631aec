//! Integration tests: the real router, in-process, on a fresh database per test, each test
#![recursion_limit = "256"]
//! run once on SQLite and once on PostgreSQL.
mod contact;
mod pages;
mod probes;
mod security;
mod support;
