//! Toasts: short messages after an action. After a form post the server hands over a one-shot
//! notice (see `notice.rs`) that starts the list; islands that submit in place add to it with
//! `push_toast`.
//!
//! Islands share no context in the browser, so the list lives in one page-wide signal there
//! rather than in a context the toaster would provide.
use super::Tone;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toast {
    pub id: u64,
    pub tone: Tone,
    pub text: String,
}

#[cfg(feature = "hydrate")]
thread_local! {
    static SHOWN: ArcRwSignal<Vec<Toast>> = ArcRwSignal::new(Vec::new());
}

/// Shows `text` in the page's toaster (in the browser; the server renders only the notices it
/// was handed).
pub fn push_toast(tone: Tone, text: impl Into<String>) {
    #[cfg(feature = "hydrate")]
    SHOWN.with(|shown| {
        let text = text.into();
        shown.update(|list| {
            let id = list.iter().map(|t| t.id).max().unwrap_or(0) + 1;
            list.push(Toast { id, tone, text });
        })
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (tone, text);
}

/// The page's list: in the browser the shared one, starting with the server's notices.
fn shown(initial: Vec<Toast>) -> ArcRwSignal<Vec<Toast>> {
    #[cfg(feature = "hydrate")]
    {
        SHOWN.with(|shown| {
            shown.update(|list| {
                let pushed = std::mem::replace(list, initial);
                for toast in pushed {
                    let id = list.iter().map(|t| t.id).max().unwrap_or(0) + 1;
                    list.push(Toast { id, ..toast });
                }
            });
            shown.clone()
        })
    }
    #[cfg(not(feature = "hydrate"))]
    ArcRwSignal::new(initial)
}

#[island]
pub fn Toaster(initial: Vec<Toast>) -> impl IntoView {
    super::island::count_alive();
    let toasts = shown(initial);
    // A handful of toasts at most: the list is drawn again on a change rather than diffed by key.
    let list = toasts.clone();
    view! {
        <div class="pointer-events-none fixed inset-x-0 top-3 z-50 flex flex-col items-center gap-2 px-3 sm:items-end sm:px-6" role="status" aria-live="polite">
            {move || list.get().into_iter().map(|toast| {
                let toasts = toasts.clone();
                view! {
                    <div class=format!("toast {}", toast_class(toast.tone))>
                        <p class="flex-1 text-sm">{toast.text}</p>
                        <button type="button" class="toast-close" aria-label="Dismiss message"
                            on:click=move |_| toasts.update(|list| list.retain(|t| t.id != toast.id))>
                            "×"
                        </button>
                    </div>
                }
            }).collect_view()}
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
