//! Customer organizations: every one for platform staff, a partner's own in the partner portal.
//! Create (with an owner, who is invited), rename, change status, archive, and (platform
//! admins) move between partners.
use super::{date, load_error, page_param, param, Paging, TableCard};
use crate::{
    admin::{
        api::{list_organizations, list_partners, CreateOrganization, UpdateOrganization},
        types::{org_status_label, OrgFilter, OrgRow, PartnerRow, ORG_STATUSES},
    },
    identity::{Role, Scope},
    notice::Notice,
    shell::use_acting,
    ui::{
        clear_on_success, toast_on_success, Badge, Button, ButtonKind, Card, EmptyState, Feedback,
        FormAlert, PageHeader, TextField, Tone,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

fn status_tone(status: &str) -> Tone {
    match status {
        "active" => Tone::Success,
        "trial" => Tone::Info,
        "past_due" => Tone::Warning,
        _ => Tone::Danger,
    }
}

/// A partner picker; "" means a direct customer.
#[component]
fn PartnerSelect(
    partners: Vec<PartnerRow>,
    selected: Option<i64>,
    id: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    view! {
        <select id=id name="partner" class="input" aria-label=label>
            <option value="" selected=selected.is_none()>"Direct customer (no partner)"</option>
            {partners.into_iter().map(|p| view! { <option value=p.id selected=selected == Some(p.id)>{p.name}</option> }).collect_view()}
        </select>
    }
}

#[component]
fn EditOrganization(
    org: OrgRow,
    partners: Option<Vec<PartnerRow>>,
    action: ServerAction<UpdateOrganization>,
) -> impl IntoView {
    let prefix = format!("org-{}", org.id);
    view! {
        <details>
            <summary class="btn btn-secondary btn-sm cursor-pointer">"Edit"</summary>
            <ActionForm action attr:class="mt-3 grid gap-3 sm:grid-cols-2">
                <input type="hidden" name="organization" value=org.id/>
                <div class="field">
                    <label class="field-label" for=format!("{prefix}-name")>"Name"</label>
                    <input id=format!("{prefix}-name") name="name" class="input" value=org.name.clone() required maxlength="100"/>
                </div>
                <div class="field">
                    <label class="field-label" for=format!("{prefix}-status")>"Status"</label>
                    <select id=format!("{prefix}-status") name="status" class="input">
                        {ORG_STATUSES.into_iter().map(|s| view! { <option value=s selected=s == org.status>{org_status_label(s)}</option> }).collect_view()}
                    </select>
                </div>
                {match partners {
                    Some(partners) => view! {
                        <div class="field">
                            <label class="field-label" for=format!("{prefix}-partner")>"Partner"</label>
                            <PartnerSelect partners selected=org.partner_id id=format!("{prefix}-partner") label="Partner"/>
                        </div>
                    }.into_any(),
                    None => org.partner_id.map(|p| view! { <input type="hidden" name="partner" value=p/> }).into_any(),
                }}
                <label class="flex items-center gap-2 text-sm text-fg">
                    <input type="checkbox" name="archived" value="true" checked=org.archived/>
                    "Archived (its people can no longer open it)"
                </label>
                <div class="sm:col-span-2 flex justify-end"><Button>"Save"</Button></div>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let (scope, role) = use_acting();
    let can_edit = role.is_some_and(|r| r.can_write() && r.manages_organizations());
    let can_move = scope == Scope::Platform && role == Some(Role::Admin);
    let (q, status, partner, archived, page) = (
        param("q"),
        param("status"),
        param("partner"),
        param("archived"),
        page_param(),
    );
    let create = ServerAction::<CreateOrganization>::new();
    let update = ServerAction::<UpdateOrganization>::new();
    let organizations = Resource::new(
        move || {
            (
                OrgFilter {
                    q: q(),
                    status: status(),
                    partner: partner(),
                    archived: archived() == "true",
                    page: page(),
                },
                create.version().get(),
                update.version().get(),
            )
        },
        |(filter, ..)| list_organizations(filter),
    );
    // Partner names for pickers: platform staff only.
    let partners = Resource::new(
        || (),
        move |_| async move {
            if scope == Scope::Platform {
                list_partners().await.unwrap_or_default()
            } else {
                Vec::new()
            }
        },
    );
    let feedback = Feedback::of(create);
    let update_feedback = Feedback::of(update);
    toast_on_success(create, Notice::Saved);
    toast_on_success(update, Notice::Saved);
    let create_form = clear_on_success(create);
    let (title, description) = if scope == Scope::Platform {
        (
            "Organizations",
            "Every customer organization, direct or through a partner.",
        )
    } else {
        ("Customers", "The organizations you resell to. New customers start on a trial; their owner gets an invitation.")
    };
    view! {
        <Title text=title/>
        <PageHeader title=title description=description/>
        <div class="space-y-6">
            {can_edit.then(|| view! {
                <Card title="Add an organization" description="The owner receives an invitation to set up their account.">
                    <ActionForm action=create node_ref=create_form attr:class="space-y-4">
                        <FormAlert feedback/>
                        <div class="grid gap-4 sm:grid-cols-2">
                            <TextField name="name" label="Organization name" required=true maxlength=100 value=feedback.kept("name") error=feedback.field("name")/>
                            {(scope == Scope::Platform).then(|| view! {
                                <div class="field">
                                    <label class="field-label" for="new-org-partner">"Partner"</label>
                                    <Suspense fallback=|| ()>
                                        {move || partners.get().map(|list| view! { <PartnerSelect partners=list selected=None id="new-org-partner".into() label="Partner"/> })}
                                    </Suspense>
                                </div>
                            })}
                            <TextField name="owner_email" label="Owner's e-mail" input_type="email" required=true maxlength=254
                                value=feedback.kept("owner_email") error=feedback.field("owner_email")/>
                            <TextField name="owner_name" label="Owner's name" required=true maxlength=100
                                value=feedback.kept("owner_name") error=feedback.field("owner_name")/>
                        </div>
                        <p class="field-error">{move || feedback.field("slug").get()}</p>
                        <div class="flex justify-end"><Button disabled=create.pending()>"Add organization"</Button></div>
                    </ActionForm>
                </Card>
            })}
            <form method="get" class="flex flex-wrap items-end gap-3" role="search">
                <div class="field">
                    <label class="field-label" for="org-q">"Search"</label>
                    <input id="org-q" name="q" class="input" value=q() placeholder="Name"/>
                </div>
                <div class="field">
                    <label class="field-label" for="org-status">"Status"</label>
                    <select id="org-status" name="status" class="input">
                        <option value="">"Any"</option>
                        {ORG_STATUSES.into_iter().map(|s| view! { <option value=s selected=status() == s>{org_status_label(s)}</option> }).collect_view()}
                    </select>
                </div>
                <label class="flex items-center gap-2 pb-2 text-sm text-fg">
                    <input type="checkbox" name="archived" value="true" checked=archived() == "true"/>
                    "Archived only"
                </label>
                <Button kind=ButtonKind::Secondary>"Filter"</Button>
            </form>
            <FormAlert feedback=update_feedback/>
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || organizations.get().map(|answer| match answer {
                    Err(e) => load_error(e),
                    Ok(list) if list.organizations.is_empty() => view! {
                        <EmptyState title="No organizations" description="Nothing matches. Add one, or change the filters."/>
                    }.into_any(),
                    Ok(list) => {
                        let pickers = can_move.then(|| partners.get().unwrap_or_default());
                        view! {
                            <TableCard headings=&["Organization", "Partner", "Status", "Created", ""] paging=Paging { page: list.page, page_size: list.page_size, total: list.total }>
                                        {list.organizations.into_iter().map(|org| {
                                            let (tone, label) = (status_tone(&org.status), org_status_label(&org.status));
                                            let (name, slug, archived) = (org.name.clone(), org.slug.clone(), org.archived);
                                            let partner_name = org.partner_name.clone().unwrap_or_else(|| "Direct".into());
                                            let created = date(org.created_at);
                                            let edit = can_edit.then(|| view! { <EditOrganization org partners=pickers.clone() action=update/> });
                                            view! {
                                                <tr>
                                                    <td><span class="font-medium text-fg">{name}</span><div class="text-xs text-muted">{slug}</div></td>
                                                    <td class="text-sm">{partner_name}</td>
                                                    <td>
                                                        <Badge tone>{label}</Badge>
                                                        {archived.then(|| view! { <Badge>"Archived"</Badge> })}
                                                    </td>
                                                    <td class="whitespace-nowrap text-sm text-muted">{created}</td>
                                                    <td>{edit}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                            </TableCard>
                        }.into_any()
                    }
                })}
            </Transition>
        </div>
    }
}
