//! People: everyone (platform) or the members of the partner or organization the viewer acts
//! in, with invitations, role changes and removal for those who manage people there.
use crate::{
    identity::{Role, Scope},
    ids::UserStatus,
    people::{
        api::{list_people, ChangeRole, RemoveMembership, SetUserDisabled},
        components::{status_badge, InviteForm, MembershipActions},
        types::PersonRow,
    },
    shell::{use_acting, use_viewer},
    surfaces::user_path,
    ui::{
        date, load_error, page_param, query_param, Button, ButtonKind, Card, EmptyState, Feedback,
        FilterBar, FilterSelect, FilterText, FormAlert, PageHeader, Paging, TableCard,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let viewer = use_viewer();
    let (scope, role) = use_acting();
    let manages = role.is_some_and(Role::manages_people);
    let is_admin = role.is_some_and(Role::is_platform_admin);
    let (q, status, page) = (query_param("q"), query_param("status"), page_param());
    let change = ServerAction::<ChangeRole>::new();
    let remove = ServerAction::<RemoveMembership>::new();
    let disable = ServerAction::<SetUserDisabled>::new();
    let people = Resource::new(
        move || {
            (
                q(),
                status(),
                page(),
                change.version().get(),
                remove.version().get(),
                disable.version().get(),
            )
        },
        |(q, status, page, ..)| list_people(q, status, page),
    );
    let feedback = Feedback::of(change);
    let remove_feedback = Feedback::of(remove);
    let disable_feedback = Feedback::of(disable);
    let (title, description) = match scope {
        Scope::Platform => (
            "Users",
            "Everyone with an account: staff, partner users and customers.",
        ),
        Scope::Partner(_) => (
            "Team",
            "The people of your partner account and their roles.",
        ),
        Scope::Organization(_) => ("Team", "The people of your organization and their roles."),
    };
    let row = move |person: PersonRow| {
        let membership = person.membership.clone();
        let id = person.id;
        let name = if let (Scope::Platform, Some(id)) = (scope, id) {
            view! { <a href=user_path(id) class="font-medium text-brand-text hover:underline">{person.display_name.clone()}</a> }.into_any()
        } else {
            view! { <span class="font-medium text-fg">{person.display_name.clone()}</span> }
                .into_any()
        };
        let self_row = viewer.as_ref().is_some_and(|v| Some(v.user_id) == id);
        view! {
            <tr>
                <td>{name}<div class="text-xs text-muted">{person.email.clone()}</div></td>
                <td>{status_badge(person.status)}</td>
                <td>{membership.as_ref().map(|m| m.role.label()).unwrap_or("—")}</td>
                <td class="whitespace-nowrap text-sm text-muted">{person.last_login_at.map(date).unwrap_or_else(|| "Never".into())}</td>
                <td><div class="flex flex-wrap items-center gap-2">
                    {(manages && !self_row).then(|| membership.clone().map(|m| view! { <MembershipActions membership=m change remove/> }))}
                    {id.filter(|_| is_admin && !self_row && scope == Scope::Platform).map(|id| {
                        let disabled = person.status == UserStatus::Disabled;
                        view! {
                            <ActionForm action=disable>
                                <input type="hidden" name="user" value=id/>
                                <input type="hidden" name="disabled" value=(!disabled).to_string()/>
                                <Button kind=if disabled { ButtonKind::Secondary } else { ButtonKind::DangerQuiet } small=true>
                                    {if disabled { "Re-enable" } else { "Disable" }}
                                </Button>
                            </ActionForm>
                        }
                    })}
                </div></td>
            </tr>
        }
    };
    view! {
        <Title text=title/>
        <PageHeader title=title description=description/>
        <div class="space-y-6">
            <FormAlert feedback/>
            <FormAlert feedback=remove_feedback/>
            <FormAlert feedback=disable_feedback/>
            {manages.then(|| view! {
                <Card title="Invite someone" description="They get an e-mail with a link to set their password (valid for 72 hours).">
                    <InviteForm kind=scope.kind()/>
                </Card>
            })}
            <FilterBar>
                <FilterText id="people-q" name="q" label="Search" value=q() placeholder="Name or e-mail"/>
                <FilterSelect id="people-status" name="status" label="Status" selected=status()
                    options=UserStatus::ALL.iter().map(|s| (s.code(), s.label())).collect()/>
            </FilterBar>
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || people.get().map(|answer| match answer {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! {
                        <EmptyState title="Nobody here yet" description="No one matches. Invite someone, or change the search."/>
                    }.into_any(),
                    Ok(list) => {
                        let row = row.clone();
                        view! {
                            <TableCard headings=if scope == Scope::Platform { &["Name", "Status", "Platform role", "Last sign-in", ""] } else { &["Name", "Status", "Role", "Last sign-in", ""] } paging=Paging::of(&list)>
                                {list.items.into_iter().map(row).collect_view()}
                            </TableCard>
                        }.into_any()
                    }
                })}
            </Transition>
        </div>
    }
}
