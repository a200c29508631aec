//! Account settings: name, e-mail address (confirmed through the new address), password, and
//! the browsers signed in to this account.
use super::api::{
    list_sessions, ChangePassword, ConfirmEmailChange, RequestEmailChange, SignOutOtherSessions,
    UpdateProfile,
};
use crate::{
    auth::types::{PASSWORD_MAX, PASSWORD_MIN},
    notice::Notice,
    shell::use_viewer,
    ui::{
        AfterPost, Button, ButtonKind, Card, Feedback, FormAlert, FormPost, PageHeader, PostForm,
        TextField,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let viewer = use_viewer();
    let name = viewer
        .as_ref()
        .map(|v| v.display_name.clone())
        .unwrap_or_default();
    let email = viewer.as_ref().map(|v| v.email.clone()).unwrap_or_default();
    let others = ServerAction::<SignOutOtherSessions>::new();
    let sessions = Resource::new(|| (), |_| list_sessions());
    view! {
        <Title text="Account settings"/>
        <PageHeader title="Account settings" description="Your name, sign-in address, password, two-factor sign-in, invitations and signed-in browsers."/>
        <super::invitations::Invitations/>
        <div class="grid gap-6 lg:grid-cols-2">
            <Card title="Profile">
                <ProfileForm name/>
            </Card>
            <Card title="E-mail address" description=format!("You sign in as {email}. A new address takes effect when you open the link we send to it.")>
                <EmailChangeForm/>
            </Card>
            <Card title="Password" description="Changing it signs out every other browser.">
                <PasswordForm/>
            </Card>
            <super::two_factor_card::TwoFactorCard/>
            <Card title="Signed-in browsers">
                <FormAlert feedback=Feedback::of(others)/>
                <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                    {move || sessions.get().map(|answer| match answer {
                        Err(e) => view! { <p class="alert alert-danger" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(list) => {
                            let count = list.len();
                            view! {
                                <ul class="divide-y divide-line">
                                    {list.into_iter().map(|s| view! {
                                        <li class="py-3 text-sm">
                                            <p class="font-medium text-fg">
                                                <span title=s.user_agent.clone()>{super::browser::describe(s.user_agent.as_deref().unwrap_or_default())}</span>
                                                {s.current.then(|| view! { <span class="badge badge-info ml-2">"This browser"</span> })}
                                            </p>
                                            <p class="text-muted">
                                                {format!("Signed in {} from {} · last active {}",
                                                    s.created_at.format("%Y-%m-%d %H:%M UTC"),
                                                    s.ip.clone().unwrap_or_else(|| "an unknown address".into()),
                                                    s.last_seen_at.format("%Y-%m-%d %H:%M UTC"))}
                                            </p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                {(count > 1).then(|| view! {
                                    <ActionForm action=others attr:class="mt-4 flex justify-end">
                                        <Button kind=ButtonKind::Danger>"Sign out other browsers"</Button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    })}
                </Transition>
            </Card>
        </div>
    }
}

/// The name; `name` is the current one, shown until a rejected post brings back what was typed.
#[component]
fn ProfileForm(name: String) -> impl IntoView {
    let post = FormPost::to::<UpdateProfile>();
    let feedback = post.feedback();
    let kept = feedback.kept("display_name").get_untracked();
    let shown = if kept.is_empty() { name } else { kept };
    view! {
        <PostForm post after=AfterPost::Toast(Notice::ProfileSaved) class="space-y-4">
            <TextField name="display_name" label="Name" required=true maxlength=100 autocomplete="name"
                value=shown error=feedback.field("display_name")/>
            <div class="flex justify-end"><Button pending="Saving…">"Save name"</Button></div>
        </PostForm>
    }
}

#[component]
fn EmailChangeForm() -> impl IntoView {
    let post = FormPost::to::<RequestEmailChange>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::ToastAndClear(Notice::EmailChangeSent) class="space-y-4">
            <TextField name="email" label="New e-mail address" input_type="email" required=true maxlength=254
                autocomplete="email" value=feedback.kept("email") error=feedback.field("email")/>
            <TextField name="current" id="email-current" label="Current password" input_type="password" required=true
                autocomplete="current-password" maxlength=PASSWORD_MAX error=feedback.field("current")/>
            <div class="flex justify-end"><Button pending="Sending…">"Send confirmation link"</Button></div>
        </PostForm>
    }
}

/// Changing the password ends the other sessions, so the page loads again to list what is left.
#[component]
fn PasswordForm() -> impl IntoView {
    let post = FormPost::to::<ChangePassword>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Reload(Some(Notice::PasswordChanged)) class="space-y-4">
            <TextField name="current" id="password-current" label="Current password" input_type="password" required=true
                autocomplete="current-password" maxlength=PASSWORD_MAX error=feedback.field("current")/>
            <TextField name="password" label="New password" input_type="password" required=true
                autocomplete="new-password" minlength=PASSWORD_MIN maxlength=PASSWORD_MAX
                hint="At least 12 characters." error=feedback.field("password")/>
            <TextField name="confirm" label="Repeat the new password" input_type="password" required=true
                autocomplete="new-password" maxlength=PASSWORD_MAX error=feedback.field("confirm")/>
            <div class="flex justify-end"><Button pending="Changing…">"Change password"</Button></div>
        </PostForm>
    }
}

/// Reached from the link in the confirmation e-mail; the change happens on the button press
/// (a POST), never on the GET an e-mail scanner may make.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    view! {
        <Title text="Confirm your new e-mail address"/>
        <div class="mx-auto max-w-md px-4 py-12 sm:py-20">
            <h1 class="text-2xl font-semibold tracking-tight text-fg">"Confirm your new e-mail address"</h1>
            <ConfirmEmailForm token/>
        </div>
    }
}

#[component]
fn ConfirmEmailForm(token: String) -> impl IntoView {
    let post = FormPost::to::<ConfirmEmailChange>();
    view! {
        <PostForm post after=AfterPost::Follow class="card mt-8 space-y-4">
            <input type="hidden" name="token" value=token/>
            <p class="text-sm text-muted">"You will sign in with this address from now on."</p>
            <div class="flex justify-end"><Button pending="Confirming…">"Confirm the change"</Button></div>
        </PostForm>
    }
}
