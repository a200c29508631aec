//! What a form shows after its server function answered: messages at the fields, what was typed
//! (kept across a plain POST), and an alert for errors that belong to no field.
use super::{push_toast, Tone};
use crate::{error::AppError, notice::Notice};
use leptos::{html, prelude::*, server_fn::ServerFn};

#[derive(Clone, Copy)]
pub struct Feedback {
    error: Memo<Option<AppError>>,
}

impl Feedback {
    /// `error` reads the latest answer's error, e.g. from `ServerAction::value()`.
    pub fn new(error: impl Fn() -> Option<AppError> + Send + Sync + 'static) -> Self {
        Self {
            error: Memo::new(move |_| error()),
        }
    }

    /// Feedback from the latest answer of `action`.
    pub fn of<S>(action: ServerAction<S>) -> Self
    where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Send + Sync + 'static,
    {
        Self::new(move || {
            action
                .value()
                .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
        })
    }

    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.error.with(|e| {
                e.as_ref()
                    .and_then(AppError::field_errors)
                    .and_then(|f| f.get(name))
                    .map(str::to_owned)
            })
        })
    }

    /// What the user typed into `name` before a rejection (never kept for secrets).
    pub fn kept(self, name: &'static str) -> Signal<String> {
        Signal::derive(move || {
            self.error.with(|e| {
                e.as_ref()
                    .and_then(AppError::field_errors)
                    .and_then(|f| f.input(name))
                    .unwrap_or_default()
                    .to_owned()
            })
        })
    }

    /// The message of an error that is not about particular fields.
    pub fn failure(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.error.with(|e| {
                e.as_ref()
                    .filter(|e| e.field_errors().is_none())
                    .map(ToString::to_string)
            })
        })
    }
}

/// The form-level alert; announced when it appears.
#[component]
pub fn FormAlert(feedback: Feedback) -> impl IntoView {
    move || {
        feedback
            .failure()
            .get()
            .map(|msg| view! { <p class="alert alert-danger" role="alert">{msg}</p> })
    }
}

/// After an identity change the hydrated app loads the page the server named, in full, so every
/// part of the page starts from the new session.
pub fn reload_on_success<S>(action: ServerAction<S>)
where
    S: ServerFn<Output = String, Error = AppError> + Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(path)) = action.value().get() {
            let _ = window().location().set_href(&path);
        }
    });
}

/// For a form island whose change shows elsewhere on the page (a list, a count): when `action`
/// succeeds the page loads again, as after a plain form post, with `notice` as its toast. The
/// notice travels in the same one-shot cookie the server leaves after a plain post.
pub fn reload_on_success_with<S>(action: ServerAction<S>, notice: Notice)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if succeeded(action) {
            #[cfg(feature = "hydrate")]
            reload_with(notice);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = notice;
}

/// Loads this page again with `notice`, leaving out an earlier plain post's error (`__err`,
/// `__path`) so it does not show again beside the success.
#[cfg(feature = "hydrate")]
fn reload_with(notice: Notice) {
    use leptos::wasm_bindgen::JsCast;
    let location = window().location();
    let secure = location.protocol().is_ok_and(|p| p == "https:");
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        let cookie = format!(
            "{}={}; Path=/; Max-Age=60; SameSite=Lax{}",
            crate::notice::FLASH_COOKIE,
            notice.code(),
            if secure { "; Secure" } else { "" }
        );
        let _ = doc.set_cookie(&cookie);
    }
    let search = location.search().unwrap_or_default();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            !pair.is_empty() && !pair.starts_with("__err=") && !pair.starts_with("__path=")
        })
        .collect();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let target = if kept.is_empty() {
        path
    } else {
        format!("{path}?{}", kept.join("&"))
    };
    let _ = location.replace(&target);
}

fn succeeded<S>(action: ServerAction<S>) -> bool
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    action.value().with(|v| matches!(v, Some(Ok(_))))
}

/// Shows `notice` when `action` succeeds in the hydrated app; a plain POST gets the same notice
/// from the server after its redirect.
pub fn toast_on_success<S>(action: ServerAction<S>, notice: Notice)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if succeeded(action) {
            push_toast(Tone::Success, notice.text());
        }
    });
}

/// A form to empty when `action` succeeds, ready for the next entry (a plain POST gets a fresh
/// page instead).
pub fn clear_on_success<S>(action: ServerAction<S>) -> NodeRef<html::Form>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if succeeded(action) {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
    form
}
