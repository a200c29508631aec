//! Cards group related content on a surface.
use leptos::prelude::*;

#[component]
pub fn Card(
    #[prop(optional, into)] title: Option<String>,
    #[prop(optional, into)] description: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card">
            {title.map(|t| view! { <h2 class="text-base font-semibold text-fg">{t}</h2> })}
            {description.map(|d| view! { <p class="mt-1 text-sm text-muted">{d}</p> })}
            <div class="mt-4 first:mt-0">{children()}</div>
        </section>
    }
}

/// One key figure with its label and an optional note under it.
#[component]
pub fn StatCard(
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(optional, into)] note: Option<String>,
) -> impl IntoView {
    view! {
        <div class="card">
            <p class="text-sm font-medium text-muted">{label}</p>
            <p class="mt-2 text-3xl font-semibold tracking-tight text-fg">{value}</p>
            {note.map(|n| view! { <p class="mt-1 text-sm text-muted">{n}</p> })}
        </div>
    }
}
