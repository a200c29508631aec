//! Sign-in. Accounts arrive with the identity work; until then this page says so plainly.
use crate::ui::Card;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignIn() -> impl IntoView {
    view! {
        <Title text="Sign in"/>
        <div class="mx-auto flex max-w-md flex-col px-4 py-16 sm:py-24">
            <h1 class="text-2xl font-semibold tracking-tight text-fg">"Sign in to Steward"</h1>
            <p class="mt-2 text-sm text-muted">"One account for the success console, the partner portal and the customer portal."</p>
            <div class="mt-8">
                <Card title="Sign-in is not open yet">
                    <p class="text-sm text-muted">
                        "This installation has no user accounts yet. Accounts, invitations and password sign-in are being set up; until then the surfaces can be explored from the links below."
                    </p>
                    <div class="mt-4 flex flex-wrap gap-2">
                        <a href="/cs" class="btn btn-secondary btn-sm">"Success console"</a>
                        <a href="/partner" class="btn btn-secondary btn-sm">"Partner portal"</a>
                        <a href="/portal" class="btn btn-secondary btn-sm">"Customer portal"</a>
                    </div>
                </Card>
            </div>
        </div>
    }
}
