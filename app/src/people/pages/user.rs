//! One user's account and every membership they hold (platform staff).
use crate::{
    ids::UserId,
    people::{
        api::{get_user_detail, ChangeRole, RemoveMembership},
        components::MembershipActions,
    },
    shell::use_viewer,
    surfaces::USERS_PATH,
    ui::{load_error, Card, Feedback, FormAlert, PageHeader},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One user's account and every membership they hold (platform staff).
#[component]
pub fn UserPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|v| v.parse::<UserId>().ok())
                .unwrap_or(UserId(0))
        })
    };
    let manages = use_viewer().is_some_and(|v| v.is_platform_admin());
    let change = ServerAction::<ChangeRole>::new();
    let remove = ServerAction::<RemoveMembership>::new();
    let detail = Resource::new(
        move || (id(), change.version().get(), remove.version().get()),
        |(id, ..)| get_user_detail(id),
    );
    let feedback = Feedback::of(change);
    let remove_feedback = Feedback::of(remove);
    view! {
        <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
            {move || detail.get().map(|answer| match answer {
                Err(e) => load_error(e),
                Ok(detail) => view! {
                    <Title text=detail.person.display_name.clone()/>
                    <PageHeader title=detail.person.display_name.clone() description=detail.person.email.clone()/>
                    <FormAlert feedback/>
                    <FormAlert feedback=remove_feedback/>
                    <Card title="Memberships">
                        {if detail.memberships.is_empty() {
                            view! { <p class="text-sm text-muted">"No memberships: this person cannot open any workspace."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="divide-y divide-line">
                                    {detail.memberships.into_iter().map(|m| view! {
                                        <li class="flex flex-wrap items-center justify-between gap-3 py-3">
                                            <div>
                                                <p class="font-medium text-fg">{m.scope_name.clone()}</p>
                                                <p class="text-sm text-muted">{m.role.label()}</p>
                                            </div>
                                            {manages.then(|| view! { <div class="flex flex-wrap items-center gap-2"><MembershipActions membership=m.clone() change remove/></div> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </Card>
                    <p class="mt-6"><a href=USERS_PATH class="text-sm font-medium text-brand-text hover:underline">"← All users"</a></p>
                }.into_any(),
            })}
        </Transition>
    }
}
