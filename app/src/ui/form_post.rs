//! Forms that post to a server function. Without JavaScript a form is a plain POST: the server
//! redirects back, with a notice or with the errors and what was typed. With JavaScript one island,
//! `FormIsland`, submits it in place, whichever form it is: the fields are server-rendered HTML
//! inside it, which it only reads (their data and validity) and marks (errors, busy). A typed
//! island per form would compile its own copy of its fields into the wasm bundle; one generic
//! island keeps the script budget however many forms the product grows.
//!
//! The answer is the server function's JSON, or the `AppError` under an error status.
use super::{
    island::{count_alive, UrlError},
    Feedback,
};
use crate::{error::AppError, notice::Notice};
use leptos::{ev, prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

/// What a form submitted in place does once its server function succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterPost {
    /// Goes to the path the server function answered with (after signing in, say), in full, so
    /// every part of the page starts from the new session.
    Follow,
    /// Loads the page again, with the notice if any, as after a plain post: for a change that
    /// shows elsewhere on the page (a list, a count, the next step of a setup).
    Reload(Option<Notice>),
    /// Stays, keeps what was typed, and shows the notice.
    Toast(Notice),
    /// Stays, shows the notice and empties the form for the next entry.
    ToastAndClear(Notice),
    /// Hides the form and shows the page's hidden element with this id, its `[data-answer=key]`
    /// elements filled from the answer's fields; a `[data-again]` button in it brings the
    /// form back, empty.
    Reveal(String),
}

/// A form's server function, and the page's rejected plain post to it, if there was one.
#[derive(Debug, Clone)]
pub struct FormPost {
    url: &'static str,
    rejected: Option<AppError>,
}

impl FormPost {
    /// The form of server function `S` on this page (read on the server, which renders it).
    pub fn to<S: ServerFn>() -> Self {
        Self {
            url: S::url(),
            rejected: UrlError::of_page().for_path(S::PATH),
        }
    }

    /// What the rejected post shows at the fields, and what it keeps of the input.
    pub fn feedback(&self) -> Feedback {
        let rejected = self.rejected.clone();
        Feedback::new(move || rejected.clone())
    }
}

/// The `<form>`: a plain POST to the server function without JavaScript, submitted in place by
/// `FormIsland` with it. Put an `id="{control id}-error"` element beside each control for its
/// message (the `ui` fields do), a `data-error-for="{field}"` one for a field the form has no
/// control for, and a `pending` label on the submit `Button`.
#[component]
pub fn PostForm(
    post: FormPost,
    after: AfterPost,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    // The form-level message: a rejected plain post's, or (filled in by the island) an answer's.
    let failure = post.feedback().failure().get_untracked();
    let no_failure = failure.is_none();
    // The island's own markup is only the <form>: what is inside is the page's, styled by `class`
    // on a box of its own because the island's children sit in a <leptos-children> element.
    view! {
        <FormIsland url=post.url.to_owned() after>
            <div class=class>
                <p class="alert alert-danger" role="alert" tabindex="-1" data-form-alert hidden=no_failure>
                    {failure}
                </p>
                {children()}
            </div>
        </FormIsland>
    }
}

#[island]
fn FormIsland(url: String, after: AfterPost, children: Children) -> impl IntoView {
    count_alive();
    // Once alive, the island checks the fields itself and shows the messages at them.
    let alive = RwSignal::new(false);
    Effect::new(move |_| alive.set(true));
    // The server renders the form; only the browser submits it.
    #[cfg(not(feature = "hydrate"))]
    let _ = after;
    let on_submit = {
        #[cfg(feature = "hydrate")]
        let (url, after) = (url.clone(), after);
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            #[cfg(feature = "hydrate")]
            browser::submit(&ev, url.clone(), after.clone());
        }
    };
    // A field is checked when the person leaves it, and its message goes as soon as what they
    // type is right: never on leaving, when the page moving under a click on the submit button
    // would swallow the click.
    let on_focusout = move |ev: ev::FocusEvent| {
        #[cfg(feature = "hydrate")]
        browser::check_field(&ev, false);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_input = move |ev: ev::Event| {
        #[cfg(feature = "hydrate")]
        browser::check_field(&ev, true);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <form method="post" action=url novalidate=move || alive.get()
            on:submit=on_submit on:focusout=on_focusout on:input=on_input>
            {children()}
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::AfterPost;
    use crate::{
        error::AppError,
        notice::Notice,
        ui::{push_toast, Tone},
        values::EmailAddress,
    };
    use leptos::{ev, prelude::*, wasm_bindgen::JsCast};
    use std::collections::BTreeMap;
    use web_sys::{Element, HtmlElement, HtmlFormElement};

    pub fn submit(ev: &ev::SubmitEvent, url: String, after: AfterPost) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if form.get_attribute("aria-busy").is_some() {
            return;
        }
        // The browser's own checks (required, lengths, types), shown at the fields.
        let mut valid = true;
        for control in controls(&form) {
            let message = validity_message(&control);
            valid &= message.is_none();
            show_field_error(&control, message.as_deref());
        }
        if !valid {
            show_alert(&form, None);
            focus_first_invalid(&form);
            return;
        }
        let Some(body) = form_body(&form) else {
            return;
        };
        set_busy(&form, true);
        leptos::task::spawn_local(async move {
            let answer = post_form(&url, body).await;
            answered(&form, answer, after);
        });
    }

    fn answered(form: &HtmlFormElement, answer: Result<String, AppError>, after: AfterPost) {
        let no_errors = BTreeMap::new();
        match answer {
            Ok(json) => {
                show_alert(form, None);
                show_field_errors(form, &no_errors);
                match after {
                    // The page is being replaced: the form stays busy until it is.
                    AfterPost::Follow => {
                        let _ = window().location().set_href(&local_path(&json));
                        return;
                    }
                    AfterPost::Reload(notice) => {
                        reload_with(notice);
                        return;
                    }
                    AfterPost::Toast(notice) => push_toast(Tone::Success, notice.text()),
                    AfterPost::ToastAndClear(notice) => {
                        form.reset();
                        push_toast(Tone::Success, notice.text());
                    }
                    AfterPost::Reveal(id) => reveal(form, &id, &json),
                }
            }
            Err(AppError::Validation(fields)) => {
                let unplaced = show_field_errors(form, &fields.messages);
                show_alert(
                    form,
                    (!unplaced.is_empty())
                        .then(|| unplaced.join(" "))
                        .as_deref(),
                );
                focus_first_invalid(form);
            }
            Err(error) => {
                show_field_errors(form, &no_errors);
                show_alert(form, Some(&error.to_string()));
                focus(form.query_selector("[data-form-alert]").ok().flatten());
            }
        }
        set_busy(form, false);
    }

    /// The path in a server function's answer, if it is one of this site's (else the home page):
    /// the server only answers such paths, and the browser does not take that on trust.
    fn local_path(json: &str) -> String {
        serde_json::from_str::<String>(json)
            .ok()
            .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\"))
            .unwrap_or_else(|| "/".into())
    }

    /// Shows `message` in the form's alert, or hides it.
    fn show_alert(form: &HtmlFormElement, message: Option<&str>) {
        if let Some(alert) = form.query_selector("[data-form-alert]").ok().flatten() {
            alert.set_text_content(message);
            let _ = if message.is_some() {
                alert.remove_attribute("hidden")
            } else {
                alert.set_attribute("hidden", "")
            };
        }
    }

    /// The elements under `root` that match `selector`.
    fn all(root: &Element, selector: &str) -> Vec<Element> {
        let Ok(list) = root.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    /// Whether `el` is a named control that a person fills in.
    fn is_control(el: &Element) -> bool {
        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
            && el.get_attribute("name").is_some()
            && el.get_attribute("type").as_deref() != Some("hidden")
    }

    /// The form's controls that a person fills in.
    fn controls(form: &HtmlFormElement) -> Vec<Element> {
        all(form, "input[name], select[name], textarea[name]")
            .into_iter()
            .filter(is_control)
            .collect()
    }

    /// The message for a control that fails a check: our e-mail rule (the server's own),
    /// else the browser's constraint validation.
    fn validity_message(control: &Element) -> Option<String> {
        if let Some(input) = control.dyn_ref::<web_sys::HtmlInputElement>() {
            if input.type_() == "email" && !input.value().is_empty() {
                if let Err(message) = EmailAddress::parse(&input.value()) {
                    return Some(message.to_owned());
                }
            }
            return (!input.check_validity())
                .then(|| input.validation_message().unwrap_or_default());
        }
        if let Some(area) = control.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            return (!area.check_validity()).then(|| area.validation_message().unwrap_or_default());
        }
        if let Some(select) = control.dyn_ref::<web_sys::HtmlSelectElement>() {
            return (!select.check_validity())
                .then(|| select.validation_message().unwrap_or_default());
        }
        None
    }

    /// Checks the field the event came from: `typing`, only to take away a message that no
    /// longer holds (the server's included); else, on leaving it, only to show one.
    pub fn check_field(ev: &web_sys::Event, typing: bool) {
        let Some(control) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if !is_control(&control) {
            return;
        }
        match validity_message(&control) {
            None if typing && control.get_attribute("aria-invalid").is_some() => {
                show_field_error(&control, None);
            }
            Some(message) if !typing => {
                show_field_error(&control, Some(&message));
            }
            _ => {}
        }
    }

    /// Shows `messages` at their controls (or `[data-error-for]` slots) and clears the others;
    /// returns the messages for fields this form has no place for.
    fn show_field_errors(
        form: &HtmlFormElement,
        messages: &BTreeMap<String, String>,
    ) -> Vec<String> {
        let mut placed = Vec::new();
        for control in controls(form) {
            let name = control.get_attribute("name").unwrap_or_default();
            if show_field_error(&control, messages.get(&name).map(String::as_str)) {
                placed.push(name);
            }
        }
        for slot in all(form, "[data-error-for]") {
            let name = slot.get_attribute("data-error-for").unwrap_or_default();
            slot.set_text_content(messages.get(&name).map(String::as_str));
            placed.push(name);
        }
        messages
            .iter()
            .filter(|(field, _)| !placed.contains(field))
            .map(|(_, message)| message.clone())
            .collect()
    }

    /// Writes `message` into the control's `{id}-error` element and ties it to the control;
    /// false when the control has no such element.
    fn show_field_error(control: &Element, message: Option<&str>) -> bool {
        let error_id = format!("{}-error", control.id());
        let Some(slot) = document().get_element_by_id(&error_id) else {
            return false;
        };
        slot.set_text_content(message);
        let described = control
            .get_attribute("aria-describedby")
            .unwrap_or_default();
        let mut ids: Vec<&str> = described
            .split_whitespace()
            .filter(|id| *id != error_id)
            .collect();
        if message.is_some() {
            ids.push(&error_id);
            let _ = control.set_attribute("aria-invalid", "true");
        } else {
            let _ = control.remove_attribute("aria-invalid");
        }
        let _ = if ids.is_empty() {
            control.remove_attribute("aria-describedby")
        } else {
            control.set_attribute("aria-describedby", &ids.join(" "))
        };
        true
    }

    fn focus_first_invalid(form: &HtmlFormElement) {
        focus(form.query_selector("[aria-invalid='true']").ok().flatten());
    }

    fn focus(el: Option<Element>) {
        if let Some(el) = el.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }

    /// Marks the form busy and its submit buttons disabled, showing their `data-pending` label.
    fn set_busy(form: &HtmlFormElement, busy: bool) {
        let _ = if busy {
            form.set_attribute("aria-busy", "true")
        } else {
            form.remove_attribute("aria-busy")
        };
        for button in all(form, "button[type=submit]") {
            let _ = if busy {
                button.set_attribute("disabled", "")
            } else {
                button.remove_attribute("disabled")
            };
            if let Some(pending) = button.get_attribute("data-pending") {
                if busy {
                    let _ = button
                        .set_attribute("data-idle", &button.text_content().unwrap_or_default());
                    button.set_text_content(Some(&pending));
                } else if let Some(idle) = button.get_attribute("data-idle") {
                    button.set_text_content(Some(&idle));
                }
            }
        }
    }

    /// Swaps the form for the page's "done" panel `id`, filled from the answer's fields.
    fn reveal(form: &HtmlFormElement, id: &str, json: &str) {
        let Some(panel) = document().get_element_by_id(id) else {
            return;
        };
        let fields: BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
        for slot in all(&panel, "[data-answer]") {
            let key = slot.get_attribute("data-answer").unwrap_or_default();
            slot.set_text_content(fields.get(&key).map(String::as_str));
        }
        if let Some(again) = panel
            .query_selector("[data-again]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<HtmlElement>().ok())
        {
            let (form, panel) = (form.clone(), panel.clone());
            again.set_onclick(Some(
                leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                    form.reset();
                    let _ = panel.set_attribute("hidden", "");
                    form.set_hidden(false);
                    focus(
                        form.query_selector("input:not([type=hidden]), textarea, select")
                            .ok()
                            .flatten(),
                    );
                })
                .into_js_value()
                .unchecked_ref(),
            ));
        }
        form.set_hidden(true);
        let _ = panel.remove_attribute("hidden");
        focus(
            panel
                .query_selector("[tabindex='-1']")
                .ok()
                .flatten()
                .or(Some(panel)),
        );
    }

    /// The form's fields, URL-encoded as the browser would post them.
    fn form_body(form: &HtmlFormElement) -> Option<String> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(params.to_string().into())
    }

    async fn post_form(url: &str, body: String) -> Result<String, AppError> {
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
            return Ok(text);
        }
        // Server functions answer an `AppError`; layers before them (the cross-site check, the
        // body limit, the timeout) answer a bare status.
        Err(
            serde_json::from_str(&text).unwrap_or(match response.status() {
                401 => AppError::Unauthenticated,
                403 => AppError::Forbidden,
                404 => AppError::NotFound,
                413 => AppError::BadRequest("the form is too large".into()),
                503 | 504 => AppError::Unavailable,
                _ => AppError::Internal,
            }),
        )
    }

    /// Loads this page again with `notice`, in the one-shot cookie the server leaves after a
    /// plain post, and without an earlier plain post's error (`__err`, `__path`).
    fn reload_with(notice: Option<Notice>) {
        let location = window().location();
        let secure = location.protocol().is_ok_and(|p| p == "https:");
        if let (Some(notice), Ok(doc)) = (notice, document().dyn_into::<web_sys::HtmlDocument>()) {
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
