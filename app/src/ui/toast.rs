//! Toasts: short messages after an action. Hydrated actions push them directly; after a plain
//! form POST the server hands over a one-shot notice (see `notice.rs`) that starts the list.
use super::Tone;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub tone: Tone,
    pub text: String,
}

#[derive(Debug, Clone, Copy)]
pub struct Toasts(RwSignal<Vec<Toast>>);

impl Toasts {
    pub fn push(&self, tone: Tone, text: impl Into<String>) {
        let text = text.into();
        self.0.update(|list| {
            let id = list.iter().map(|t| t.id).max().unwrap_or(0) + 1;
            list.push(Toast { id, tone, text });
        });
    }

    pub fn dismiss(&self, id: u64) {
        self.0.update(|list| list.retain(|t| t.id != id));
    }
}

pub fn provide_toasts(initial: Vec<Toast>) -> Toasts {
    let toasts = Toasts(RwSignal::new(initial));
    provide_context(toasts);
    toasts
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

#[component]
pub fn Toaster() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="pointer-events-none fixed inset-x-0 top-3 z-50 flex flex-col items-center gap-2 px-3 sm:items-end sm:px-6" role="status" aria-live="polite">
            <For each=move || toasts.0.get() key=|t| t.id let:toast>
                <div class=format!("toast {}", toast_class(toast.tone))>
                    <p class="flex-1 text-sm">{toast.text.clone()}</p>
                    <button type="button" class="toast-close" aria-label="Dismiss message" on:click=move |_| toasts.dismiss(toast.id)>
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}

fn toast_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Success => "toast-success",
        Tone::Danger => "toast-danger",
        Tone::Warning => "toast-warning",
        Tone::Info | Tone::Neutral => "toast-info",
    }
}
