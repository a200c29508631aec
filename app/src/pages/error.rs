//! Error pages, all rendered from `AppError`, which also sets the HTTP status.
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::request::set_error_status(&error);
    let status = error.status();
    view! {
        <Title text=error.title()/>
        <main id="main" tabindex="-1" class="flex min-h-dvh items-center justify-center px-4 py-16 focus:outline-none">
            <div class="w-full max-w-lg text-center">
                <p class="text-sm font-semibold text-brand-text">{format!("Error {status}")}</p>
                <h1 class="mt-2 text-3xl font-semibold tracking-tight text-fg sm:text-4xl">{error.title()}</h1>
                <p class="mt-4 text-base text-muted">{error.to_string()}</p>
                <div class="mt-8 flex flex-wrap justify-center gap-3">
                    <a href="/" class="btn btn-primary">"Go to the home page"</a>
                    <a href="/sign-in" class="btn btn-secondary">"Sign in"</a>
                </div>
            </div>
        </main>
    }
}

/// An error inside a surface's frame (its `<main>` is already there).
#[component]
pub fn ErrorPanel(error: AppError, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::request::set_error_status(&error);
    let action = match error {
        AppError::Unauthenticated => {
            Some(view! { <a href="/sign-in" class="btn btn-primary">"Sign in"</a> })
        }
        _ => None,
    };
    view! {
        <Title text=error.title()/>
        <div class="mx-auto max-w-lg py-12 text-center">
            <p class="text-sm font-semibold text-brand-text">{format!("Error {}", error.status())}</p>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight text-fg">{error.title()}</h1>
            <p class="mt-3 text-sm text-muted">{error.to_string()}</p>
            <div class="mt-6 flex flex-wrap justify-center gap-3">
                {action}
                {children.map(|c| c())}
            </div>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound/> }
}
