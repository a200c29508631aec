//! A titled frame around a server-rendered SVG chart, with a text summary for screen readers.
use leptos::prelude::*;

/// `svg` must come from our own chart renderer (`server::charts`), which escapes every label.
#[component]
pub fn ChartFrame(
    #[prop(into)] title: String,
    #[prop(into)] summary: String,
    #[prop(into)] svg: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <figure class="card">
            <figcaption class="text-base font-semibold text-fg">{title}</figcaption>
            <p class="sr-only">{summary}</p>
            <div class="chart mt-4 w-full overflow-x-auto" aria-hidden="true">
                {move || match svg.get() {
                    Some(markup) => view! { <div inner_html=markup></div> }.into_any(),
                    None => view! { <div class="h-48 animate-pulse rounded-lg bg-surface-muted"></div> }.into_any(),
                }}
            </div>
        </figure>
    }
}
