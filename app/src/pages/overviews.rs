//! The overview page of each signed-in surface. Until customer health arrives they show what is
//! real today: the organizations in reach by status and by partner. Never made-up figures.
use crate::{
    organizations::{api::count_organizations, types::OrgCounts},
    surfaces::DESIGN_PATH,
    ui::{load_error, EmptyState, PageHeader, StatCard},
};
use leptos::prelude::*;

#[component]
pub fn ConsoleOverview() -> impl IntoView {
    view! {
        <PageHeader
            title="Portfolio health"
            description="Health scores, at-risk accounts, renewals and the support inbox for every customer you look after. Health scores arrive with usage data; until then, the organizations you look after."
        />
        <Counts empty_title="No customer accounts yet" empty_text="Accounts appear here as soon as organizations are created or provisioned by a partner." by_partner=true/>
        <p class="mt-8 text-sm text-muted">
            "Building a page? The "<a href=DESIGN_PATH class="link underline">"design system"</a>" shows every component."
        </p>
    }
}

#[component]
pub fn PartnerOverview() -> impl IntoView {
    view! {
        <PageHeader
            title="Your customers"
            description="The organizations you resell to, their health, trials and your commissions."
        />
        <Counts empty_title="No customers yet" empty_text="Customers you provision, including instant trials with sample data, are listed here with their plan and health." by_partner=false/>
    }
}

#[component]
pub fn PortalOverview() -> impl IntoView {
    view! {
        <PageHeader
            title="Your account"
            description="Plan and usage, invoices, data export and support, in one place."
        />
        <EmptyState
            title="Nothing to show yet"
            description="Your plan, usage against your quota and your latest invoices show up here once your organization is set up."
        />
    }
}

/// The organizations in reach by status (and, for the console, by partner).
#[component]
fn Counts(empty_title: &'static str, empty_text: &'static str, by_partner: bool) -> impl IntoView {
    let counts = Resource::new(|| (), |_| count_organizations());
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
            {move || counts.get().map(|answer| match answer {
                Err(e) => load_error(e),
                Ok(counts) if counts.total == 0 => view! { <EmptyState title=empty_title description=empty_text/> }.into_any(),
                Ok(counts) => view! { <Figures counts by_partner/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Figures(counts: OrgCounts, by_partner: bool) -> impl IntoView {
    let partners = by_partner.then(|| {
        view! {
            <section class="mt-8" aria-labelledby="by-partner">
                <h2 id="by-partner" class="text-lg font-semibold text-fg">"By partner"</h2>
                <ul class="card mt-3 divide-y divide-line p-0">
                    {counts.by_partner.into_iter().map(|(partner, n)| view! {
                        <li class="flex justify-between px-4 py-3 text-sm">
                            <span class="text-fg">{partner.unwrap_or_else(|| "Direct customers".into())}</span>
                            <span class="font-medium text-fg">{n}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <section aria-labelledby="by-status">
            <h2 id="by-status" class="text-lg font-semibold text-fg">{format!("{} organizations", counts.total)}</h2>
            <div class="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
                {counts.by_status.into_iter().map(|(status, n)| view! { <StatCard label=status.label() value=n.to_string()/> }).collect_view()}
            </div>
        </section>
        {partners}
    }
}
