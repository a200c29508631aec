//! People: everyone (platform) or the members of the partner or organization the viewer acts
//! in, with invitations, role changes and removal for those who manage people there.
use super::{date, load_error, page_param, param, Paging, TableCard};
use crate::{
    admin::{
        api::{
            get_user_detail, list_people, ChangeRole, InvitePerson, RemoveMembership,
            SetUserDisabled,
        },
        types::{MembershipRow, PersonRow},
    },
    identity::{Role, Scope},
    notice::Notice,
    shell::{use_acting, use_viewer},
    ui::{
        clear_on_success, toast_on_success, Badge, Button, ButtonKind, Card, EmptyState, Feedback,
        FormAlert, PageHeader, TextField, Tone,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn status_badge(status: &str) -> impl IntoView {
    let tone = match status {
        "active" => Tone::Success,
        "invited" => Tone::Info,
        _ => Tone::Danger,
    };
    let label = match status {
        "active" => "Active",
        "invited" => "Invited",
        _ => "Disabled",
    };
    view! { <Badge tone>{label}</Badge> }
}

/// The role picker for a scope kind.
#[component]
fn RoleSelect(
    kind: &'static str,
    #[prop(optional)] selected: Option<Role>,
    #[prop(into)] label: String,
) -> impl IntoView {
    view! {
        <select name="role" class="input w-auto" aria-label=label>
            {Role::for_scope_kind(kind)
                .into_iter()
                .map(|r| view! { <option value=r.code() selected=Some(r) == selected>{r.label()}</option> })
                .collect_view()}
        </select>
    }
}

/// Invites someone into the viewer's scope (or into `organization`, for those who manage it).
#[component]
pub fn InviteForm(
    kind: &'static str,
    #[prop(optional)] organization: Option<i64>,
    action: ServerAction<InvitePerson>,
) -> impl IntoView {
    let feedback = Feedback::of(action);
    toast_on_success(action, Notice::InvitationSent);
    let form = clear_on_success(action);
    view! {
        <ActionForm action node_ref=form attr:class="space-y-4">
            <FormAlert feedback/>
            {organization.map(|id| view! { <input type="hidden" name="organization" value=id/> })}
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField name="email" label="E-mail" input_type="email" required=true maxlength=254
                    value=feedback.kept("email") error=feedback.field("email")/>
                <TextField name="display_name" label="Name" required=true maxlength=100
                    value=feedback.kept("display_name") error=feedback.field("display_name")/>
            </div>
            <div class="field">
                <label class="field-label" for="invite-role">"Role"</label>
                // No role is preselected: granting access is a choice to make, not a default.
                <select id="invite-role" name="role" class="input" required
                    aria-invalid=move || feedback.field("role").with(Option::is_some).then_some("true")
                    aria-describedby="invite-role-error">
                    <option value="" disabled selected>"Choose a role"</option>
                    {Role::for_scope_kind(kind).into_iter().map(|r| view! { <option value=r.code()>{r.label()}</option> }).collect_view()}
                </select>
                <p id="invite-role-error" class="field-error" aria-live="polite">{move || feedback.field("role").get()}</p>
            </div>
            <div class="flex justify-end">
                <Button disabled=action.pending()>"Send invitation"</Button>
            </div>
        </ActionForm>
    }
}

#[component]
fn MembershipActions(
    membership: MembershipRow,
    change: ServerAction<ChangeRole>,
    remove: ServerAction<RemoveMembership>,
) -> impl IntoView {
    let label = format!("Role in {}", membership.scope_name);
    view! {
        <ActionForm action=change attr:class="flex flex-wrap items-center gap-2">
            <input type="hidden" name="membership" value=membership.id/>
            <RoleSelect kind=membership.scope.kind() selected=membership.role label/>
            <Button kind=ButtonKind::Secondary small=true>"Change role"</Button>
        </ActionForm>
        <ActionForm action=remove>
            <input type="hidden" name="membership" value=membership.id/>
            <Button kind=ButtonKind::DangerQuiet small=true>"Remove"</Button>
        </ActionForm>
    }
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let viewer = use_viewer();
    let (scope, role) = use_acting();
    let manages = role.is_some_and(Role::manages_people);
    let is_admin = role == Some(Role::Admin);
    let (q, status, page) = (param("q"), param("status"), page_param());
    let invite = ServerAction::<InvitePerson>::new();
    let change = ServerAction::<ChangeRole>::new();
    let remove = ServerAction::<RemoveMembership>::new();
    let disable = ServerAction::<SetUserDisabled>::new();
    let people = Resource::new(
        move || {
            (
                q(),
                status(),
                page(),
                invite.version().get(),
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
    toast_on_success(change, Notice::Saved);
    toast_on_success(remove, Notice::Saved);
    toast_on_success(disable, Notice::Saved);
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
        let name = if scope == Scope::Platform {
            view! { <a href=format!("/cs/admin/users/{id}") class="font-medium text-brand-text hover:underline">{person.display_name.clone()}</a> }.into_any()
        } else {
            view! { <span class="font-medium text-fg">{person.display_name.clone()}</span> }
                .into_any()
        };
        let self_row = viewer.as_ref().is_some_and(|v| v.user_id == id);
        view! {
            <tr>
                <td>{name}<div class="text-xs text-muted">{person.email.clone()}</div></td>
                <td>{status_badge(&person.status)}</td>
                <td>{membership.as_ref().map(|m| m.role.label()).unwrap_or("—")}</td>
                <td class="whitespace-nowrap text-sm text-muted">{person.last_login_at.map(date).unwrap_or_else(|| "Never".into())}</td>
                <td><div class="flex flex-wrap items-center gap-2">
                    {(manages && !self_row).then(|| membership.clone().map(|m| view! { <MembershipActions membership=m change remove/> }))}
                    {(is_admin && !self_row && scope == Scope::Platform).then(|| {
                        let disabled = person.status == "disabled";
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
                    <InviteForm kind=scope.kind() action=invite/>
                </Card>
            })}
            <form method="get" class="flex flex-wrap items-end gap-3" role="search">
                <div class="field">
                    <label class="field-label" for="people-q">"Search"</label>
                    <input id="people-q" name="q" class="input" value=q() placeholder="Name or e-mail"/>
                </div>
                <div class="field">
                    <label class="field-label" for="people-status">"Status"</label>
                    <select id="people-status" name="status" class="input">
                        {[("", "Any"), ("active", "Active"), ("invited", "Invited"), ("disabled", "Disabled")]
                            .into_iter()
                            .map(|(v, l)| view! { <option value=v selected=status() == v>{l}</option> })
                            .collect_view()}
                    </select>
                </div>
                <Button kind=ButtonKind::Secondary>"Filter"</Button>
            </form>
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || people.get().map(|answer| match answer {
                    Err(e) => load_error(e),
                    Ok(list) if list.people.is_empty() => view! {
                        <EmptyState title="Nobody here yet" description="No one matches. Invite someone, or change the search."/>
                    }.into_any(),
                    Ok(list) => {
                        let row = row.clone();
                        view! {
                            <TableCard headings=if scope == Scope::Platform { &["Name", "Status", "Platform role", "Last sign-in", ""] } else { &["Name", "Status", "Role", "Last sign-in", ""] } paging=Paging { page: list.page, page_size: list.page_size, total: list.total }>
                                {list.people.into_iter().map(row).collect_view()}
                            </TableCard>
                        }.into_any()
                    }
                })}
            </Transition>
        </div>
    }
}

/// One user's account and every membership they hold (platform staff).
#[component]
pub fn UserPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let manages = use_viewer().is_some_and(|v| v.role() == Role::Admin);
    let change = ServerAction::<ChangeRole>::new();
    let remove = ServerAction::<RemoveMembership>::new();
    let detail = Resource::new(
        move || (id(), change.version().get(), remove.version().get()),
        |(id, ..)| get_user_detail(id),
    );
    let feedback = Feedback::of(change);
    let remove_feedback = Feedback::of(remove);
    toast_on_success(change, Notice::Saved);
    toast_on_success(remove, Notice::Saved);
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
                    <p class="mt-6"><a href="/cs/admin/users" class="text-sm font-medium text-brand-text hover:underline">"← All users"</a></p>
                }.into_any(),
            })}
        </Transition>
    }
}
