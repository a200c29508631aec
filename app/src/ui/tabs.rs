//! Tabs that are links: each tab is its own URL, so they work without JavaScript and the
//! browser's back button does what people expect.
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabLink {
    pub label: String,
    pub href: String,
    pub active: bool,
}

#[component]
pub fn Tabs(
    #[prop(into)] label: String,
    #[prop(into)] tabs: Signal<Vec<TabLink>>,
) -> impl IntoView {
    view! {
        <nav aria-label=label class="-mb-px flex gap-1 overflow-x-auto border-b border-line">
            {move || {
                tabs.get()
                    .into_iter()
                    .map(|tab| {
                        view! {
                            <a
                                href=tab.href
                                class=if tab.active { "tab tab-active" } else { "tab" }
                                aria-current=tab.active.then_some("page")
                            >
                                {tab.label}
                            </a>
                        }
                    })
                    .collect_view()
            }}
        </nav>
    }
}
