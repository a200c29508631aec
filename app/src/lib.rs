//! Steward's Leptos application: routes, pages, the design system, server functions and
//! (behind the `ssr` feature) the server-side code they call. The same crate is compiled to
//! wasm with the `hydrate` feature for the browser, where only its `#[island]`s run (Leptos
//! islands mode: every other component renders on the server alone).
//!
//! One folder per feature (`people/`, `organizations/`, …), each with `types` (what crosses the
//! wire), `api` (thin server functions), `server/` (its queries and rules), `pages` and
//! `components`. `server/` at the top holds shared infrastructure only.
#![recursion_limit = "256"]

pub mod account;
pub mod app;
pub mod audit;
pub mod auth;
pub mod contact;
pub mod error;
pub mod identity;
pub mod ids;
pub mod jobs;
pub mod notice;
pub mod notifications;
pub mod organizations;
pub mod outbox;
pub mod pages;
pub mod paging;
pub mod people;
pub mod platform;
pub mod shell;
pub mod surfaces;
pub mod ui;
pub mod values;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are rendered on the server; only the `#[island]`s on them come alive here.
    leptos::mount::hydrate_islands();
}
