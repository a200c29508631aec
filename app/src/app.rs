//! The HTML shell and the route table.
use crate::{
    account::pages::{AccountPage, ConfirmEmailPage},
    audit::pages::AuditPage,
    auth::pages::{
        AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage, SecondFactorPage, SignInPage,
    },
    identity::AuthView,
    jobs::pages::JobsPage,
    notice::Notice,
    notifications::pages::NotificationsPage,
    organizations::pages::{OrganizationsPage, PartnersPage},
    outbox::pages::OutboxPage,
    pages::{
        design::DesignSystem,
        error::NotFound,
        landing::Landing,
        overviews::{ConsoleOverview, PartnerOverview, PortalOverview},
    },
    people::pages::{PeoplePage, UserPage},
    platform::pages::PlatformSettingsPage,
    shell::{AccountLayout, ConsoleLayout, PartnerLayout, PortalLayout, PublicLayout},
    surfaces::{ACCOUNT_SEGMENT, ADMIN_SEGMENT, CONSOLE, NOTIFICATIONS_SEGMENT, PARTNER, PORTAL},
    ui::{Toast, Toaster, Tone},
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, ParamSegment, SsrMode, StaticSegment,
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
                <HydrationScripts options=options.clone() islands=true/>
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
    // Who is asking. The page renders on the server only; islands get what they need as props.
    provide_context(current_auth());
    // Notices left by a form post: read (and cleared) here, handed to the toaster island.
    let notices: Vec<Toast> = take_notices()
        .into_iter()
        .enumerate()
        .map(|(i, n)| Toast {
            id: i as u64 + 1,
            tone: Tone::Success,
            text: n.text().to_owned(),
        })
        .collect();
    view! {
        <Title formatter=|page: String| format!("{page} · Steward")/>
        <Meta name="description" content="Steward: customer health, support, self-serve billing and partner management in one place."/>
        <a href="#main" class="skip-link">"Skip to content"</a>
        <Toaster initial=notices/>
        <Router>
            // Pages with data render completely before they are sent (SsrMode::Async): streamed
            // out-of-order chunks need a script to move them into place, and every page must
            // work without JavaScript.
            <Routes fallback=NotFound>
                <ParentRoute path=path!("") view=PublicLayout>
                    <Route path=path!("") view=Landing/>
                    <Route path=path!("sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("sign-in/two-factor") view=SecondFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("accept-invitation") view=AcceptInvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                </ParentRoute>
                <ParentRoute path=StaticSegment(CONSOLE.segment) view=ConsoleLayout>
                    <Route path=path!("") view=ConsoleOverview ssr=SsrMode::Async/>
                    <Route path=path!("design") view=DesignSystem ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("users")) view=PeoplePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("users"), ParamSegment("id")) view=UserPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("partners")) view=PartnersPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("organizations")) view=OrganizationsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("outbox")) view=OutboxPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("jobs")) view=JobsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("audit")) view=AuditPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(ADMIN_SEGMENT), StaticSegment("settings")) view=PlatformSettingsPage ssr=SsrMode::Async/>
                </ParentRoute>
                <ParentRoute path=StaticSegment(PARTNER.segment) view=PartnerLayout>
                    <Route path=path!("") view=PartnerOverview ssr=SsrMode::Async/>
                    <Route path=path!("customers") view=OrganizationsPage ssr=SsrMode::Async/>
                    <Route path=path!("team") view=PeoplePage ssr=SsrMode::Async/>
                </ParentRoute>
                <ParentRoute path=StaticSegment(PORTAL.segment) view=PortalLayout>
                    <Route path=path!("") view=PortalOverview ssr=SsrMode::Async/>
                    <Route path=path!("team") view=PeoplePage ssr=SsrMode::Async/>
                </ParentRoute>
                <ParentRoute path=StaticSegment(ACCOUNT_SEGMENT) view=AccountLayout>
                    <Route path=path!("") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment(NOTIFICATIONS_SEGMENT) view=NotificationsPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

fn current_auth() -> AuthView {
    #[cfg(feature = "ssr")]
    {
        use crate::server::tenancy::{authentication, Authentication};
        match authentication() {
            Authentication::SignedIn(actor) => AuthView {
                viewer: Some(actor.viewer()),
                unavailable: false,
            },
            Authentication::Anonymous => AuthView::default(),
            Authentication::Unavailable => AuthView {
                viewer: None,
                unavailable: true,
            },
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        AuthView::default()
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
