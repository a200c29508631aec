//! The "Talk to us" form. Without JavaScript it is a plain POST that redirects back with a
//! notice (or with the errors and what was typed); hydrated, it submits in place, checks each
//! field when it loses focus, and gives way to a thank-you panel with the request's reference.
use super::{
    api::SubmitContactRequest,
    types::{COMPANY_MAX, MESSAGE_MAX, MESSAGE_MIN, NAME_MAX, TEAM_SIZES},
};
use crate::ui::{AfterPost, Button, FormPost, PostForm, SelectField, TextAreaField, TextField};
use leptos::prelude::*;

const SENT: &str = "contact-sent";

#[component]
pub fn ContactForm() -> impl IntoView {
    let post = FormPost::to::<SubmitContactRequest>();
    let feedback = post.feedback();
    view! {
        <div>
        <PostForm post after=AfterPost::Reveal(SENT.into()) class="card space-y-5">
            <div class="grid gap-5 sm:grid-cols-2">
                <TextField name="name" label="Your name" value=feedback.kept("name") error=feedback.field("name")
                    required=true autocomplete="name" maxlength=NAME_MAX/>
                <TextField name="email" label="Work e-mail" input_type="email" value=feedback.kept("email") error=feedback.field("email")
                    required=true autocomplete="email" maxlength=254/>
                <TextField name="company" label="Company" value=feedback.kept("company") error=feedback.field("company")
                    required=true autocomplete="organization" maxlength=COMPANY_MAX/>
                <SelectField name="team_size" label="Team size" options=TEAM_SIZES.to_vec() value=feedback.kept("team_size")
                    error=feedback.field("team_size") required=true placeholder="Choose…"/>
            </div>
            <TextAreaField name="message" label="How can we help?" value=feedback.kept("message") error=feedback.field("message")
                required=true minlength=MESSAGE_MIN maxlength=MESSAGE_MAX hint="At least 10 characters."/>
            <div class="flex items-center justify-end gap-3">
                <Button pending="Sending…">"Send message"</Button>
            </div>
        </PostForm>
        <div id=SENT class="card" role="status" hidden>
            <h3 tabindex="-1" class="text-lg font-semibold text-fg focus:outline-none">
                "Thanks, we have your message"
            </h3>
            <p class="mt-2 text-sm text-muted">
                "Your reference is "<span data-answer="reference"></span>". We reply within one business day."
            </p>
            <button type="button" class="btn btn-secondary mt-4" data-again>"Send another message"</button>
        </div>
        </div>
    }
}
