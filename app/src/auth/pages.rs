//! The public identity pages: sign in (and its second step for accounts with two-factor
//! sign-in), forgot password, choose a new password, accept an invitation. Each is a plain form
//! that works without JavaScript and is submitted in place with it (`PostForm`).
use super::api::{
    AcceptInvitation, RequestPasswordReset, ResetPassword, SignIn, VerifySecondFactor,
};
use crate::{
    auth::types::{PASSWORD_MAX, PASSWORD_MIN},
    ui::{AfterPost, Button, Card, Feedback, FormPost, PostForm, TextField},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The narrow centred column the identity pages share.
#[component]
fn AuthFrame(title: &'static str, intro: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=title/>
        <div class="mx-auto flex max-w-md flex-col px-4 py-12 sm:py-20">
            <h1 class="text-2xl font-semibold tracking-tight text-fg">{title}</h1>
            <p class="mt-2 text-sm text-muted">{intro}</p>
            <div class="mt-8">{children()}</div>
        </div>
    }
}

/// A query parameter of the page (pages render once, on the server).
fn query(name: &'static str) -> String {
    use_query_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

#[component]
fn NewPasswordFields(feedback: Feedback) -> impl IntoView {
    view! {
        <TextField name="password" label="New password" input_type="password" required=true
            autocomplete="new-password" minlength=PASSWORD_MIN maxlength=PASSWORD_MAX
            hint="At least 12 characters. A few unrelated words make a strong one."
            error=feedback.field("password")/>
        <TextField name="confirm" label="Repeat the new password" input_type="password" required=true
            autocomplete="new-password" maxlength=PASSWORD_MAX error=feedback.field("confirm")/>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <AuthFrame title="Sign in to Steward" intro="One account for the success console, the partner portal and the customer portal.">
            <SignInForm next=query("next")/>
        </AuthFrame>
    }
}

#[component]
fn SignInForm(next: String) -> impl IntoView {
    let post = FormPost::to::<SignIn>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Follow class="card space-y-5">
            <input type="hidden" name="next" value=next/>
            <TextField name="email" label="E-mail" input_type="email" required=true autocomplete="username"
                maxlength=254 value=feedback.kept("email") error=feedback.field("email")/>
            <TextField name="password" label="Password" input_type="password" required=true
                autocomplete="current-password" maxlength=PASSWORD_MAX error=feedback.field("password")/>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <a href="/forgot-password" class="text-sm font-medium text-brand-text underline-offset-4 hover:underline">
                    "Forgot your password?"
                </a>
                <Button pending="Signing in…">"Sign in"</Button>
            </div>
        </PostForm>
    }
}

/// The second step of signing in, for accounts with two-factor sign-in: the password was right.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    view! {
        <AuthFrame title="Enter your sign-in code" intro="Open your authenticator app and enter the 6-digit code it shows for Steward. Lost your phone? Enter one of your recovery codes instead.">
            <SecondFactorForm/>
        </AuthFrame>
    }
}

#[component]
fn SecondFactorForm() -> impl IntoView {
    let post = FormPost::to::<VerifySecondFactor>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Follow class="card space-y-5">
            <TextField name="code" label="Code" required=true autocomplete="one-time-code"
                maxlength=12 error=feedback.field("code")/>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <a href="/sign-in" class="text-sm font-medium text-brand-text underline-offset-4 hover:underline">"Start over"</a>
                <Button pending="Verifying…">"Verify and sign in"</Button>
            </div>
        </PostForm>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <AuthFrame title="Reset your password" intro="Enter the address you sign in with. We will e-mail you a link to choose a new password.">
            <ForgotPasswordForm/>
        </AuthFrame>
    }
}

/// Hydrated, the form gives way to the "check your e-mail" panel; without JavaScript the page
/// loads again with that notice.
#[component]
fn ForgotPasswordForm() -> impl IntoView {
    let post = FormPost::to::<RequestPasswordReset>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Reveal(LINK_SENT.into()) class="card space-y-5">
            <TextField name="email" label="E-mail" input_type="email" required=true autocomplete="username"
                maxlength=254 value=feedback.kept("email") error=feedback.field("email")/>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <a href="/sign-in" class="text-sm font-medium text-brand-text underline-offset-4 hover:underline">"Back to sign in"</a>
                <Button pending="Sending…">"Send the link"</Button>
            </div>
        </PostForm>
        <div id=LINK_SENT hidden>
            <Card title="Check your e-mail">
                <p class="text-sm text-muted" role="status" tabindex="-1">
                    "If an account uses that address, a link to choose a new password is on its way. It works for one hour."
                </p>
            </Card>
        </div>
    }
}

const LINK_SENT: &str = "reset-link-sent";

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <AuthFrame title="Choose a new password" intro="Signing in with the new password signs out every other browser.">
            <ResetPasswordForm token=query("token")/>
        </AuthFrame>
    }
}

#[component]
fn ResetPasswordForm(token: String) -> impl IntoView {
    let post = FormPost::to::<ResetPassword>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Follow class="card space-y-5">
            <input type="hidden" name="token" value=token/>
            <NewPasswordFields feedback/>
            <div class="flex justify-end">
                <Button pending="Saving…">"Save the new password"</Button>
            </div>
        </PostForm>
    }
}

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let token = query("token");
    let invited = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        super::api::invitation_email,
    );
    view! {
        <AuthFrame title="Accept your invitation" intro="Choose your name and a password to finish setting up your account.">
            <Suspense fallback=|| view! { <p class="text-sm text-muted">"Checking your invitation…"</p> }>
                {move || invited.get().map(|answer| match answer {
                    Err(error) => view! {
                        <Card title="This invitation cannot be used">
                            <p class="text-sm text-muted" role="alert">{error.to_string()}</p>
                            <p class="mt-4 text-sm"><a href="/sign-in" class="font-medium text-brand-text underline">"Go to sign in"</a></p>
                        </Card>
                    }.into_any(),
                    Ok(email) => view! {
                        <AcceptInvitationForm token=token.clone() email/>
                    }.into_any(),
                })}
            </Suspense>
        </AuthFrame>
    }
}

#[component]
fn AcceptInvitationForm(token: String, email: String) -> impl IntoView {
    let post = FormPost::to::<AcceptInvitation>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Follow class="card space-y-5">
            <p class="text-sm text-muted">"You will sign in as "<strong class="text-fg">{email}</strong>"."</p>
            <input type="hidden" name="token" value=token/>
            <TextField name="display_name" label="Your name" required=true autocomplete="name" maxlength=100
                value=feedback.kept("display_name") error=feedback.field("display_name")/>
            <NewPasswordFields feedback/>
            <div class="flex justify-end">
                <Button pending="Creating your account…">"Create my account"</Button>
            </div>
        </PostForm>
    }
}
