//! A confirmation dialog opened by a link (`?dialog=…`), so it also works without JavaScript.
//! Hydrated, Escape closes it and focus moves into it when it opens.
use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

#[component]
pub fn ConfirmDialog(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] open: Signal<bool>,
    /// Where "Cancel" (and Escape) go: the same page without the dialog parameter.
    #[prop(into)]
    close_href: Signal<String>,
    /// The confirming action, usually a form with a danger button.
    children: ChildrenFn,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-description");
    let panel = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(el) = panel.get() {
                let _ = el.focus();
            }
        }
    });
    let navigate = use_navigate();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            navigate(&close_href.get_untracked(), Default::default());
        }
    };
    let children = StoredValue::new(children);
    view! {
        <Show when=move || open.get()>
            <div class="fixed inset-0 z-40 bg-black/50" aria-hidden="true"></div>
            <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
                <div
                    node_ref=panel
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby=title_id.clone()
                    aria-describedby=desc_id.clone()
                    tabindex="-1"
                    class="w-full max-w-md rounded-xl border border-line bg-surface p-6 shadow-xl focus:outline-none"
                    on:keydown=on_keydown.clone()
                >
                    <h2 id=title_id.clone() class="text-lg font-semibold text-fg">{title.clone()}</h2>
                    <p id=desc_id.clone() class="mt-2 text-sm text-muted">{description.clone()}</p>
                    <div class="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                        <a href=move || close_href.get() class="btn btn-secondary">"Cancel"</a>
                        {children.with_value(|c| c())}
                    </div>
                </div>
            </div>
        </Show>
    }
}
