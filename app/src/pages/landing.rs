//! The public home page: what Steward does for each audience, and a way to reach us.
use crate::{
    contact::ContactForm,
    surfaces::{Surface, CONSOLE, PARTNER, PORTAL},
};
use leptos::prelude::*;
use leptos_meta::Title;

struct Audience {
    surface: Surface,
    summary: &'static str,
    points: [&'static str; 3],
}

const AUDIENCES: [Audience; 3] = [
    Audience {
        surface: CONSOLE,
        summary: "For customer-success managers and operators.",
        points: [
            "Explainable health scores and churn risk",
            "Playbooks, renewals and onboarding milestones",
            "A support inbox with SLA clocks",
        ],
    },
    Audience {
        surface: PARTNER,
        summary: "For resellers who bring you customers.",
        points: [
            "Instant trials with sample data",
            "Commissions and API keys",
            "White-label branding and custom domains",
        ],
    },
    Audience {
        surface: PORTAL,
        summary: "For your customers, under their partner's brand.",
        points: [
            "Plan, usage and exact proration on upgrades",
            "Invoices, data export and support tickets",
            "Account deletion with a grace period",
        ],
    },
];

#[component]
pub fn Landing() -> impl IntoView {
    view! {
        <Title text="Customer operations you host yourself"/>
        <section class="border-b border-line bg-surface">
            <div class="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-24">
                <p class="text-sm font-semibold uppercase tracking-wide text-brand-text">"Self-hosted · white-label · open"</p>
                <h1 class="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-fg sm:text-5xl">
                    "Keep every customer healthy, under your own brand."
                </h1>
                <p class="mt-5 max-w-2xl text-lg text-muted">
                    "Steward brings customer health, support, self-serve billing and partner management into one portal that runs on a single server with an embedded database, and scales out on PostgreSQL."
                </p>
                <div class="mt-8 flex flex-wrap gap-3">
                    <a href="/sign-in" class="btn btn-primary">"Sign in"</a>
                    <a href="#contact" class="btn btn-secondary">"Talk to us"</a>
                </div>
            </div>
        </section>
        <section id="audiences" class="mx-auto max-w-6xl px-4 py-16 sm:px-6" aria-labelledby="audiences-title">
            <h2 id="audiences-title" class="text-2xl font-semibold tracking-tight text-fg">"One product, three surfaces"</h2>
            <p class="mt-2 max-w-2xl text-muted">"Every screen and every API call goes through the same server functions, so what partners and customers see is always what your team sees."</p>
            <ul class="mt-8 grid gap-4 md:grid-cols-3">
                {AUDIENCES
                    .iter()
                    .map(|a| {
                        view! {
                            <li class="card flex flex-col">
                                <h3 class="text-lg font-semibold text-fg">{a.surface.name}</h3>
                                <p class="mt-1 text-sm text-muted">{a.summary}</p>
                                <ul class="mt-4 flex-1 space-y-2 text-sm text-fg">
                                    {a.points.iter().map(|p| view! {
                                        <li class="flex gap-2">
                                            <span aria-hidden="true" class="text-brand-text">"✓"</span>
                                            <span>{*p}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <a href=a.surface.path class="link mt-5 text-sm font-medium">{format!("Open the {}", a.surface.name.to_lowercase())}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section id="contact" class="border-t border-line bg-surface" aria-labelledby="contact-title">
            <div class="mx-auto grid max-w-6xl gap-10 px-4 py-16 sm:px-6 lg:grid-cols-[1fr_1.3fr]">
                <div>
                    <h2 id="contact-title" class="text-2xl font-semibold tracking-tight text-fg">"Talk to us"</h2>
                    <p class="mt-2 text-muted">"Tell us about your customers and your partners. A person on our team reads every message and answers within one business day."</p>
                </div>
                <ContactForm/>
            </div>
        </section>
    }
}
