//! The e-mail outbox: every message Steward sent or will send, readable by platform admins.
//! Without SMTP configured this is where invitation and reset links are picked up.
use super::api::list_outbox;
use crate::{
    error::AppError,
    pages::error::ErrorPanel,
    shell::use_viewer,
    ui::{date, load_error, page_links, page_param, Badge, EmptyState, PageHeader, Paging, Tone},
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Platform admins see the outbox; other staff get the 403 page (the server function refuses
/// them too).
#[component]
pub fn OutboxPage() -> impl IntoView {
    if !use_viewer().is_some_and(|v| v.is_platform_admin()) {
        return view! { <ErrorPanel error=AppError::Forbidden/> }.into_any();
    }
    let page = page_param();
    let messages = Resource::new(page, list_outbox);
    view! {
        <Title text="E-mail outbox"/>
        <PageHeader title="E-mail outbox" description="Messages to users, newest first. Without an SMTP server configured they wait here and are not delivered."/>
        <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
            {move || messages.get().map(|answer| match answer {
                Err(e) => load_error(e),
                Ok(list) if list.items.is_empty() => view! { <EmptyState title="No e-mail yet" description="Invitations, password resets and address confirmations appear here."/> }.into_any(),
                Ok(list) => {
                    let paging = Paging::of(&list);
                    view! {
                        <div class="card p-0">
                            <ul class="divide-y divide-line">
                                {list.items.into_iter().map(|m| view! {
                                    <li class="p-4">
                                        <details>
                                            <summary class="flex cursor-pointer flex-wrap items-center justify-between gap-2">
                                                <span>
                                                    <span class="font-medium text-fg">{m.subject.clone()}</span>
                                                    <span class="block text-sm text-muted">{format!("To {} · {}", m.recipient, date(m.created_at))}</span>
                                                </span>
                                                {match (m.sent_at, m.last_error.clone()) {
                                                    (Some(_), _) => view! { <Badge tone=Tone::Success>"Sent"</Badge> }.into_any(),
                                                    (None, Some(_)) => view! { <Badge tone=Tone::Danger>"Failed"</Badge> }.into_any(),
                                                    (None, None) => view! { <Badge tone=Tone::Info>"In outbox"</Badge> }.into_any(),
                                                }}
                                            </summary>
                                            <pre class="outbox-body mt-3 whitespace-pre-wrap break-words rounded-md bg-page p-3 text-sm text-fg">{m.body_text.clone()}</pre>
                                            {m.last_error.map(|e| view! { <p class="mt-2 text-sm text-danger">{e}</p> })}
                                        </details>
                                    </li>
                                }).collect_view()}
                            </ul>
                            {page_links(paging)}
                        </div>
                    }.into_any()
                }
            })}
        </Transition>
    }
    .into_any()
}
