//! What a form shows after its server function answered: messages at the fields, what was typed
//! (kept across a plain POST), and an alert for errors that belong to no field.
use crate::error::AppError;
use leptos::{prelude::*, server_fn::ServerFn};

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

    /// Feedback from the latest answer of `action`: a rejected plain post's, for the forms that
    /// are plain `ActionForm`s (a `PostForm` has `FormPost::feedback`).
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
