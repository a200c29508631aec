//! How a form island submits in place, the same way for every form: what the browser would post
//! without JavaScript (the form's fields, URL-encoded) goes to the form's server function with
//! `Accept: application/json`, and the answer (JSON, or the `AppError` under an error status)
//! comes back as text. A typed `ServerAction` per form would compile its own copy of the request
//! and form-decoding code into the wasm bundle; one untyped path keeps the script budget.
use super::{island::count_alive, push_toast, Feedback, Tone, UrlError};
use crate::{error::AppError, notice::Notice};
use leptos::{ev::SubmitEvent, html, prelude::*, server_fn::ServerFn};
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, Copy)]
pub struct FormPost {
    url: &'static str,
    answer: RwSignal<Option<Result<String, AppError>>>,
    pending: RwSignal<bool>,
    answers: RwSignal<usize>,
}

impl FormPost {
    /// The form of a form island, posting to server function `S`; it starts out showing the
    /// page's rejected plain post when that post was to `S`. Counts the island alive.
    pub fn new<S: ServerFn>(url_error: &UrlError) -> Self {
        count_alive();
        Self {
            url: S::url(),
            answer: RwSignal::new(url_error.for_path(S::PATH).map(Err)),
            pending: RwSignal::new(false),
            answers: RwSignal::new(0),
        }
    }

    pub fn pending(self) -> Signal<bool> {
        self.pending.into()
    }

    /// How many answers came back in this page (a change to react to).
    pub fn answers(self) -> usize {
        self.answers.get()
    }

    pub fn error(self) -> Option<AppError> {
        self.answer
            .with(|a| a.as_ref().and_then(|r| r.as_ref().err().cloned()))
    }

    pub fn succeeded(self) -> bool {
        self.answer.with(|a| matches!(a, Some(Ok(_))))
    }

    /// The server function's output, when it succeeded.
    pub fn output<T: DeserializeOwned>(self) -> Option<T> {
        self.answer.with(|a| match a {
            Some(Ok(json)) => serde_json::from_str(json).ok(),
            _ => None,
        })
    }

    /// Back to the form as it was before any answer.
    pub fn reset(self) {
        self.answer.set(None);
    }

    pub fn feedback(self) -> Feedback {
        Feedback::new(move || self.error())
    }

    /// Shows `notice` when the post succeeds.
    pub fn toast_on_success(self, notice: Notice) {
        Effect::new(move |_| {
            if self.succeeded() {
                push_toast(Tone::Success, notice.text());
            }
        });
    }

    /// A form to empty when the post succeeds, ready for the next entry.
    pub fn clear_on_success(self) -> NodeRef<html::Form> {
        let form = NodeRef::<html::Form>::new();
        Effect::new(move |_| {
            if self.succeeded() {
                if let Some(form) = form.get_untracked() {
                    form.reset();
                }
            }
        });
        form
    }

    /// After an identity change, loads the page the server answered with, in full, so every
    /// part of it starts from the new session.
    pub fn follow_answer(self) {
        Effect::new(move |_| {
            if let Some(path) = self.output::<String>() {
                let _ = window().location().set_href(&path);
            }
        });
    }

    /// For a form whose change shows elsewhere on the page (a list, a count): when the post
    /// succeeds the page loads again, as after a plain form post, with `notice` as its toast.
    pub fn reload_on_success(self, notice: Notice) {
        Effect::new(move |_| {
            if self.succeeded() {
                #[cfg(feature = "hydrate")]
                browser::reload_with(notice);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = notice;
    }

    fn submit(self, ev: SubmitEvent) {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        if !self.pending.get_untracked() {
            let Some(body) = browser::form_body(&ev) else {
                return;
            };
            self.pending.set(true);
            leptos::task::spawn_local(async move {
                let answer = browser::post_form(self.url, body).await;
                self.answer.set(Some(answer));
                self.pending.set(false);
                self.answers.update(|n| *n += 1);
            });
        }
    }
}

/// The `<form>` of a form island: a plain POST to the server function without JavaScript,
/// submitted in place through `post` with it.
#[component]
pub fn PostForm(
    post: FormPost,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] node_ref: NodeRef<html::Form>,
    /// Turns the browser's own checks off (the island checks fields itself).
    #[prop(optional, into)]
    novalidate: Signal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" action=post.url class=class node_ref=node_ref
            novalidate=move || novalidate.get() on:submit=move |ev| post.submit(ev)>
            {children()}
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::{error::AppError, notice::Notice};
    use leptos::{ev::SubmitEvent, prelude::*, wasm_bindgen::JsCast};

    /// The submitted form's fields, URL-encoded as the browser would post them.
    pub fn form_body(ev: &SubmitEvent) -> Option<String> {
        let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(params.to_string().into())
    }

    pub async fn post_form(url: &str, body: String) -> Result<String, AppError> {
        let response = gloo_net::http::Request::post(url)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .map_err(|_| AppError::Unavailable)?
            .send()
            .await
            .map_err(|_| AppError::Unavailable)?;
        let text = response.text().await.map_err(|_| AppError::Unavailable)?;
        if response.ok() {
            Ok(text)
        } else {
            Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
        }
    }

    /// Loads this page again with `notice`, in the one-shot cookie the server leaves after a
    /// plain post, and without an earlier plain post's error (`__err`, `__path`).
    pub fn reload_with(notice: Notice) {
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
            .filter(|p| !p.is_empty() && !p.starts_with("__err=") && !p.starts_with("__path="))
            .collect();
        let path = location.pathname().unwrap_or_else(|_| "/".into());
        let target = if kept.is_empty() {
            path
        } else {
            format!("{path}?{}", kept.join("&"))
        };
        let _ = location.replace(&target);
    }
}
