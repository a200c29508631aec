//! The HTML shell and the route table.
use crate::{
    notice::Notice,
    pages::{
        design::DesignSystem,
        error::NotFound,
        landing::Landing,
        sign_in::SignIn,
        surfaces::{ConsoleOverview, PartnerOverview, PortalOverview},
    },
    shell::{ConsoleLayout, PartnerLayout, PortalLayout, PublicLayout},
    ui::{provide_toasts, Toast, Toaster, Tone},
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// The document around every server-rendered page. Runs on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::security::provide_csp_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone()/>
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body class="min-h-dvh bg-page text-fg antialiased">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // A notice left by a plain form POST: read (and cleared) on the server, handed to the
    // browser with the page so hydration starts from the same list.
    let notices = SharedValue::new(take_notices).into_inner();
    provide_toasts(
        notices
            .into_iter()
            .enumerate()
            .map(|(i, n)| Toast {
                id: i as u64 + 1,
                tone: Tone::Success,
                text: n.text().to_owned(),
            })
            .collect(),
    );
    view! {
        <Title formatter=|page: String| format!("{page} · Steward")/>
        <Meta name="description" content="Steward: customer health, support, self-serve billing and partner management in one place."/>
        <a href="#main" class="skip-link">"Skip to content"</a>
        <Toaster/>
        <Router>
            <Routes fallback=NotFound>
                <ParentRoute path=path!("") view=PublicLayout>
                    <Route path=path!("") view=Landing/>
                    <Route path=path!("sign-in") view=SignIn/>
                </ParentRoute>
                <ParentRoute path=path!("cs") view=ConsoleLayout>
                    <Route path=path!("") view=ConsoleOverview/>
                    <Route path=path!("design") view=DesignSystem/>
                </ParentRoute>
                <ParentRoute path=path!("partner") view=PartnerLayout>
                    <Route path=path!("") view=PartnerOverview/>
                </ParentRoute>
                <ParentRoute path=path!("portal") view=PortalLayout>
                    <Route path=path!("") view=PortalOverview/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

fn take_notices() -> Vec<Notice> {
    #[cfg(feature = "ssr")]
    {
        crate::server::flash::take()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Vec::new()
    }
}
