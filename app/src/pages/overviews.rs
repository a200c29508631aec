//! The overview page of each signed-in surface. Each says what will appear there and what
//! fills it, rather than showing made-up figures.
use crate::{
    surfaces::DESIGN_PATH,
    ui::{ButtonKind, EmptyState, LinkButton, PageHeader},
};
use leptos::prelude::*;

#[component]
pub fn ConsoleOverview() -> impl IntoView {
    view! {
        <PageHeader
            title="Portfolio health"
            description="Health scores, at-risk accounts, renewals and the support inbox for every customer you look after."
        />
        <EmptyState
            title="No customer accounts yet"
            description="Accounts appear here with their health score and trend as soon as organizations are created or provisioned by a partner."
        >
            <LinkButton href=DESIGN_PATH kind=ButtonKind::Secondary>"Browse the design system"</LinkButton>
        </EmptyState>
    }
}

#[component]
pub fn PartnerOverview() -> impl IntoView {
    view! {
        <PageHeader
            title="Your customers"
            description="The organizations you resell to, their health, trials and your commissions."
        />
        <EmptyState
            title="No customers yet"
            description="Customers you provision, including instant trials with sample data, are listed here with their plan and health."
        />
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
