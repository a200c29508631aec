//! The audit log: who did what, to which target, when and from where; filtered by action
//! and actor, paged, newest first.
use super::{api::list_audit, types::AuditFilter};
use crate::ui::{
    date, load_error, page_param, query_param, EmptyState, FilterBar, FilterText, PageHeader,
    Paging, TableCard,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AuditPage() -> impl IntoView {
    let (action, actor, page) = (query_param("action"), query_param("actor"), page_param());
    let entries = Resource::new(
        move || AuditFilter {
            action: action(),
            actor: actor(),
            page: page(),
            ..AuditFilter::default()
        },
        list_audit,
    );
    view! {
        <Title text="Audit log"/>
        <PageHeader title="Audit log" description="Every sign-in, failed sign-in, invitation, role change and other write, with who did it and from which address."/>
        <FilterBar class="mb-6">
            <FilterText id="audit-action" name="action" label="Action starts with" value=action() placeholder="e.g. auth. or user.role"/>
            <FilterText id="audit-actor" name="actor" label="Actor" value=actor() placeholder="Part of an e-mail"/>
        </FilterBar>
        <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
            {move || entries.get().map(|answer| match answer {
                Err(e) => load_error(e),
                Ok(list) if list.items.is_empty() => view! { <EmptyState title="No entries" description="Nothing matches these filters."/> }.into_any(),
                Ok(list) => {
                    view! {
                        <TableCard headings=&["When", "Who", "What", "Target", "From"] paging=Paging::of(&list)>
                            {list.items.into_iter().map(|r| { let target = r.target().unwrap_or_default(); view! {
                                        <tr>
                                            <td class="whitespace-nowrap text-sm">{date(r.at)}</td>
                                            <td class="text-sm">{r.actor}</td>
                                            <td class="text-sm"><code>{r.action}</code>{r.detail.map(|d| view! { <div class="text-xs text-muted">{d}</div> })}</td>
                                            <td class="text-sm">{target}</td>
                                            <td class="text-sm text-muted">{r.ip.unwrap_or_default()}</td>
                                        </tr>
                                    }}).collect_view()}
                        </TableCard>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
