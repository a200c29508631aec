//! The "Talk to us" form. Without JavaScript it is a plain POST that redirects back with a
//! notice (or with the errors and what was typed); hydrated, it submits in place, checks each
//! field when it loses focus and shows the server's answer without a reload.
use super::{
    api::SubmitContactRequest,
    types::{
        check_field, ContactReceipt, COMPANY_MAX, MESSAGE_MAX, MESSAGE_MIN, NAME_MAX, TEAM_SIZES,
    },
};
use crate::{
    error::{AppError, FieldErrors},
    ui::{Button, FormPost, PostForm, SelectField, TextAreaField, TextField, UrlError},
};
use leptos::{html, prelude::*, wasm_bindgen::JsCast, web_sys};
use std::collections::BTreeMap;

/// `url_error`: the page's rejected plain post, if any (`UrlError::of_page()`).
#[island]
pub fn ContactForm(url_error: UrlError) -> impl IntoView {
    let post = FormPost::new::<SubmitContactRequest>(&url_error);
    let form = NodeRef::<html::Form>::new();
    let thanks = NodeRef::<html::H3>::new();
    // Results of on-blur checks: `Some(None)` means "checked and fine", which hides a stale
    // server message for that field.
    let checked = RwSignal::new(BTreeMap::<&'static str, Option<String>>::new());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let rejected = Memo::new(move |_| match post.error() {
        Some(AppError::Validation(fields)) => Some(fields),
        _ => None,
    });
    let failure = move || {
        post.error()
            .filter(|e| e.field_errors().is_none())
            .map(|e| e.to_string())
    };
    let receipt = move || post.output::<ContactReceipt>();

    // After each answer: forget stale blur checks, then move focus to what changed (the
    // thank-you heading, or the first rejected field) once the DOM shows it.
    Effect::new(move |_| {
        if post.answers() == 0 {
            return;
        }
        checked.set(BTreeMap::new());
        request_animation_frame(move || {
            if let Some(heading) = thanks.get_untracked() {
                let _ = heading.focus();
            } else if let Some(field) = form
                .get_untracked()
                .and_then(|f| f.query_selector("[aria-invalid='true']").ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = field.focus();
            }
        });
    });

    let error = move |field: &'static str| {
        Signal::derive(move || match checked.with(|c| c.get(field).cloned()) {
            Some(result) => result,
            None => rejected.with(|r| {
                r.as_ref()
                    .and_then(|f: &FieldErrors| f.get(field))
                    .map(str::to_owned)
            }),
        })
    };
    let kept = move |field: &'static str| {
        Signal::derive(move || {
            rejected.with(|r| {
                r.as_ref()
                    .and_then(|f| f.input(field))
                    .unwrap_or_default()
                    .to_owned()
            })
        })
    };
    let on_check = move |field: &'static str| {
        Callback::new(move |value: String| {
            checked.update(|c| {
                c.insert(field, check_field(field, &value));
            })
        })
    };

    view! {
        <Show
            when=move || receipt().is_none()
            fallback=move || {
                view! {
                    <div class="card" role="status">
                        <h3 node_ref=thanks tabindex="-1" class="text-lg font-semibold text-fg focus:outline-none">
                            "Thanks, we have your message"
                        </h3>
                        <p class="mt-2 text-sm text-muted">
                            {move || receipt().map(|r| format!("Your reference is {}. We reply within one business day.", r.reference))}
                        </p>
                        <button type="button" class="btn btn-secondary mt-4" on:click=move |_| post.reset()>
                            "Send another message"
                        </button>
                    </div>
                }
            }
        >
            <PostForm post node_ref=form class="card space-y-5" novalidate=hydrated>
                {move || failure().map(|msg| view! { <p class="alert alert-danger" role="alert">{msg}</p> })}
                <div class="grid gap-5 sm:grid-cols-2">
                    <TextField name="name" label="Your name" value=kept("name") error=error("name")
                        required=true autocomplete="name" maxlength=NAME_MAX on_check=on_check("name")/>
                    <TextField name="email" label="Work e-mail" input_type="email" value=kept("email") error=error("email")
                        required=true autocomplete="email" maxlength=254 on_check=on_check("email")/>
                    <TextField name="company" label="Company" value=kept("company") error=error("company")
                        required=true autocomplete="organization" maxlength=COMPANY_MAX on_check=on_check("company")/>
                    <SelectField name="team_size" label="Team size" options=TEAM_SIZES.to_vec() value=kept("team_size")
                        error=error("team_size") required=true placeholder="Choose…"/>
                </div>
                <TextAreaField name="message" label="How can we help?" value=kept("message") error=error("message")
                    required=true minlength=MESSAGE_MIN maxlength=MESSAGE_MAX hint="At least 10 characters." on_check=on_check("message")/>
                <div class="flex items-center justify-end gap-3">
                    <Button disabled=post.pending()>
                        {move || if post.pending().get() { "Sending…" } else { "Send message" }}
                    </Button>
                </div>
            </PostForm>
        </Show>
    }
}
