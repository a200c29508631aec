//! What a list or page shows when there is nothing in it yet, and what to do about it.
use leptos::prelude::*;

#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-dashed border-line bg-surface px-6 py-12 text-center">
            <svg aria-hidden="true" class="mx-auto h-10 w-10 text-muted" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.5">
                <path stroke-linecap="round" stroke-linejoin="round" d="M3.75 9.776c.112-.017.227-.026.344-.026h15.812c.117 0 .232.009.344.026m-16.5 0a2.25 2.25 0 0 0-1.883 2.542l.857 6a2.25 2.25 0 0 0 2.227 1.932H19.05a2.25 2.25 0 0 0 2.227-1.932l.857-6a2.25 2.25 0 0 0-1.883-2.542m-16.5 0V6A2.25 2.25 0 0 1 6 3.75h3.879a1.5 1.5 0 0 1 1.06.44l2.122 2.12a1.5 1.5 0 0 0 1.06.44H18A2.25 2.25 0 0 1 20.25 9v.776"/>
            </svg>
            <h2 class="mt-3 text-base font-semibold text-fg">{title}</h2>
            <p class="mx-auto mt-1 max-w-md text-sm text-muted">{description}</p>
            {children.map(|c| view! { <div class="mt-5 flex justify-center gap-3">{c()}</div> })}
        </div>
    }
}
