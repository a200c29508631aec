//! Steward's Leptos application: routes, pages, the design system, server functions and
//! (behind the `ssr` feature) the server-side code they call. The same crate is compiled to
//! wasm with the `hydrate` feature for the browser.
#![recursion_limit = "256"]

pub mod account;
pub mod admin;
pub mod app;
pub mod auth;
pub mod contact;
pub mod error;
pub mod identity;
pub mod mail_types;
pub mod notice;
pub mod pages;
pub mod shell;
pub mod ui;
pub mod values;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
