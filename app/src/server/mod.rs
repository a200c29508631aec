//! Server-only code (`ssr` feature): state, database, request helpers, security headers,
//! charts. Nothing here is compiled to wasm.
pub mod auth;
pub mod charts;
pub mod db;
pub mod flash;
pub mod mail;
pub mod request;
pub mod security;
pub mod state;
