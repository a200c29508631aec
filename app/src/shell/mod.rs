//! The page frames: the public site, and the three signed-in surfaces (success console,
//! partner portal, self-serve portal) that share one responsive layout with their own navigation.
mod layout;
mod public;

pub use layout::{
    use_acting, use_viewer, AccountLayout, ConsoleLayout, PartnerLayout, PortalLayout,
};
pub use public::PublicLayout;

use leptos::prelude::*;

/// The Steward mark, used in every header.
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg aria-hidden="true" viewBox="0 0 32 32" class="h-8 w-8 shrink-0">
            <rect width="32" height="32" rx="8" class="fill-brand"/>
            <path d="M10 20.5c1.4 1.3 3.4 2 5.6 2 3 0 5-1.4 5-3.6 0-2-1.4-3-4.6-3.7-2.6-.6-3.4-1-3.4-2 0-.9.9-1.6 2.5-1.6 1.5 0 2.9.5 4 1.3" fill="none" class="stroke-on-brand" stroke-width="2.4" stroke-linecap="round"/>
        </svg>
    }
}
