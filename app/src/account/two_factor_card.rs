//! The two-factor card of the account page: set it up (QR code, key, first code), the recovery
//! codes shown once, and turning it off. Plain forms throughout, so it works without JavaScript;
//! with it they submit in place and the page loads again at each step.
use super::two_factor::{
    two_factor_status, BeginTwoFactor, ConfirmTwoFactor, Enrolment, TurnOffTwoFactor, TwoFactorView,
};
use crate::{
    auth::types::PASSWORD_MAX,
    notice::Notice,
    ui::{date, load_error, AfterPost, Button, ButtonKind, Card, FormPost, PostForm, TextField},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A TOTP code with room for a space in the middle, or a recovery code with its dash.
const CODE_MAX: usize = 12;

#[component]
pub fn TwoFactorCard() -> impl IntoView {
    let status = Resource::new(|| (), |_| two_factor_status());
    let asked = use_query_map().with_untracked(|q| q.get("two_factor").is_some());
    view! {
        <Card title="Two-factor sign-in" description="A code from an authenticator app (such as 1Password, Google Authenticator or Aegis) as well as your password.">
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || status.get().map(|answer| match answer {
                    Err(e) => load_error(e),
                    Ok(view) => view! { <Standing view asked/> }.into_any(),
                })}
            </Transition>
        </Card>
    }
}

#[component]
fn Standing(view: TwoFactorView, asked: bool) -> impl IntoView {
    let owed = (view.required || asked) && view.on_since.is_none();
    let codes = (!view.fresh_codes.is_empty())
        .then(|| view! { <FreshCodes codes=view.fresh_codes.clone()/> });
    let body = match (view.on_since, view.setting_up) {
        (Some(since), _) => {
            view! { <TurnOff since left=view.recovery_codes_left/> }.into_any()
        }
        (None, Some(enrolment)) => view! { <Enrol enrolment/> }.into_any(),
        (None, None) => view! {
            <PostForm post={FormPost::to::<BeginTwoFactor>()} after=AfterPost::Reload(None) class="space-y-3">
                <p class="text-sm text-muted">"Off. Anyone with your password can sign in."</p>
                <div class="flex justify-end"><Button pending="Setting up…">"Set up two-factor sign-in"</Button></div>
            </PostForm>
        }.into_any(),
    };
    view! {
        {owed.then(|| view! {
            <p class="alert alert-warning mb-4" role="alert">
                "Your platform requires two-factor sign-in for its staff. Set it up here to reach the console again."
            </p>
        })}
        {codes}
        {body}
    }
}

#[component]
fn Enrol(enrolment: Enrolment) -> impl IntoView {
    let post = FormPost::to::<ConfirmTwoFactor>();
    let feedback = post.feedback();
    view! {
        <div class="space-y-4">
            <ol class="list-decimal space-y-1 pl-5 text-sm text-fg">
                <li>"Scan this code with your authenticator app, or type in the key below it."</li>
                <li>"Enter the 6-digit code the app shows, and your password."</li>
            </ol>
            <div class="w-fit rounded-md bg-white p-2" role="img" aria-label="QR code to add Steward to your authenticator app" inner_html=enrolment.qr_svg></div>
            <p class="text-sm text-muted">"Key: "<code class="break-all font-mono text-fg">{enrolment.secret}</code></p>
            <PostForm post after=AfterPost::Reload(Some(Notice::TwoFactorOn)) class="space-y-4">
                <TextField name="code" label="Code from the app" required=true autocomplete="one-time-code"
                    maxlength=CODE_MAX error=feedback.field("code")/>
                <TextField name="current" id="two-factor-on-current" label="Current password" input_type="password" required=true
                    autocomplete="current-password" maxlength=PASSWORD_MAX error=feedback.field("current")/>
                <div class="flex justify-end"><Button pending="Turning on…">"Turn on"</Button></div>
            </PostForm>
            <PostForm post={FormPost::to::<BeginTwoFactor>()} after=AfterPost::Reload(None) class="flex justify-end">
                <Button kind=ButtonKind::Ghost small=true>"Start again with a new key"</Button>
            </PostForm>
        </div>
    }
}

#[component]
fn FreshCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <div class="alert alert-warning mb-4" role="status">
            <p class="font-semibold">"Your recovery codes"</p>
            <p class="mt-1 text-sm">"Each signs you in once if you lose your phone. Save them somewhere safe now: they are not shown again."</p>
            <ul class="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm">
                {codes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn TurnOff(since: chrono::DateTime<chrono::Utc>, left: i64) -> impl IntoView {
    let post = FormPost::to::<TurnOffTwoFactor>();
    let feedback = post.feedback();
    view! {
        <p class="text-sm text-fg">
            <span class="badge badge-success mr-2">"On"</span>
            {format!("Since {}. {left} of 10 recovery codes left.", date(since))}
        </p>
        <PostForm post after=AfterPost::Reload(Some(Notice::TwoFactorOff)) class="mt-4 space-y-4">
            <TextField name="current" id="two-factor-current" label="Current password" input_type="password" required=true
                autocomplete="current-password" maxlength=PASSWORD_MAX error=feedback.field("current")/>
            <TextField name="code" id="two-factor-off-code" label="Code from the app, or a recovery code" required=true
                autocomplete="one-time-code" maxlength=CODE_MAX error=feedback.field("code")/>
            <div class="flex justify-end"><Button kind=ButtonKind::Danger pending="Turning off…">"Turn off two-factor sign-in"</Button></div>
        </PostForm>
    }
}
