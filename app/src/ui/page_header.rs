//! The title block at the top of every page, with room for actions.
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(optional, into)] description: Option<String>,
    /// Actions shown beside the title.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <header class="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
            <div class="min-w-0">
                <h1 class="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{title}</h1>
                {description.map(|d| view! { <p class="mt-1 max-w-2xl text-sm text-muted sm:text-base">{d}</p> })}
            </div>
            {children.map(|a| view! { <div class="flex shrink-0 flex-wrap gap-2">{a()}</div> })}
        </header>
    }
}
