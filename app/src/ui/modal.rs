//! A confirmation dialog opened by a link (`?dialog=…`), so it works without JavaScript: the
//! server renders it open or not at all. With JavaScript, focus moves into it when it opens
//! and Escape closes it (`DialogPanel`, an island).
use leptos::{html, prelude::*};

#[component]
pub fn ConfirmDialog(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    open: bool,
    /// Where "Cancel" (and Escape) go: the same page without the dialog parameter.
    #[prop(into)]
    close_href: String,
    /// The confirming action, usually a form with a danger button.
    children: Children,
) -> impl IntoView {
    open.then(|| {
        let title_id = format!("{id}-title");
        let desc_id = format!("{id}-description");
        view! {
            <div class="fixed inset-0 z-40 bg-black/50" aria-hidden="true"></div>
            <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
                <DialogPanel title_id=title_id.clone() desc_id=desc_id.clone() close_href=close_href.clone()>
                    <h2 id=title_id class="text-lg font-semibold text-fg">{title}</h2>
                    <p id=desc_id class="mt-2 text-sm text-muted">{description}</p>
                    <div class="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                        <a href=close_href class="btn btn-secondary">"Cancel"</a>
                        {children()}
                    </div>
                </DialogPanel>
            </div>
        }
    })
}

/// The dialog's box: takes focus once alive, and leaves for `close_href` on Escape.
#[island]
fn DialogPanel(
    title_id: String,
    desc_id: String,
    close_href: String,
    children: Children,
) -> impl IntoView {
    super::island::count_alive();
    let panel = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let _ = el.focus();
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            let _ = window().location().set_href(&close_href);
        }
    };
    view! {
        <div
            node_ref=panel
            role="dialog"
            aria-modal="true"
            aria-labelledby=title_id
            aria-describedby=desc_id
            tabindex="-1"
            class="w-full max-w-md rounded-xl border border-line bg-surface p-6 shadow-xl focus:outline-none"
            on:keydown=on_keydown
        >
            {children()}
        </div>
    }
}
