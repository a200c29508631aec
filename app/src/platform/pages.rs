//! Platform settings (`/cs/admin/settings`, platform admins).
use super::api::{two_factor_required, RequireTwoFactor};
use crate::{
    error::AppError,
    notice::Notice,
    pages::error::ErrorPanel,
    shell::use_viewer,
    ui::{load_error, AfterPost, Button, Card, CheckboxField, FormPost, PageHeader, PostForm},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PlatformSettingsPage() -> impl IntoView {
    if !use_viewer().is_some_and(|v| v.is_platform_admin()) {
        return view! { <ErrorPanel error=AppError::Forbidden/> }.into_any();
    }
    let required = Resource::new(|| (), |_| two_factor_required());
    view! {
        <Title text="Platform settings"/>
        <PageHeader title="Platform settings" description="Switches that apply to the whole deployment."/>
        <Card title="Sign-in security">
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || required.get().map(|answer| match answer {
                    Err(e) => load_error(e),
                    Ok(on) => view! {
                        <PostForm post={FormPost::to::<RequireTwoFactor>()} after=AfterPost::Toast(Notice::Saved) class="space-y-4">
                            <CheckboxField name="required" label="Require two-factor sign-in for platform staff" checked=on
                                hint="Admins, customer-success managers and analysts then reach the console only with two-factor sign-in on; until they turn it on, only their account settings open."/>
                            <div class="flex justify-end"><Button pending="Saving…">"Save"</Button></div>
                        </PostForm>
                    }.into_any(),
                })}
            </Transition>
        </Card>
    }
    .into_any()
}
