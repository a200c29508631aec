//! Customer organizations: every one for platform staff, a partner's own in the partner portal.
//! Create (with an owner, who is invited), rename, change status, archive, and (platform
//! admins) move between partners.
use crate::{
    identity::Scope,
    ids::OrgStatus,
    notice::Notice,
    organizations::{
        api::{list_organizations, list_partners, CreateOrganization},
        components::{status_tone, EditOrganization, PartnerSelect},
        types::{OrgFilter, PartnerRow},
    },
    shell::use_acting,
    ui::{
        date, load_error, page_param, query_param, query_with, AfterPost, Badge, Button, Card,
        EmptyState, FilterBar, FilterSelect, FilterText, FormPost, PageHeader, Paging, PostForm,
        TableCard, TextField,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let (scope, role) = use_acting();
    let can_edit = role.is_some_and(|r| r.can_write() && r.manages_organizations());
    let can_move = scope == Scope::Platform && role.is_some_and(|r| r.is_platform_admin());
    let editing = query_param("edit");
    let (q, status, partner, archived, page) = (
        query_param("q"),
        query_param("status"),
        query_param("partner"),
        query_param("archived"),
        page_param(),
    );
    let organizations = Resource::new(
        move || OrgFilter {
            q: q(),
            status: status(),
            partner: partner(),
            archived: archived() == "true",
            page: page(),
        },
        list_organizations,
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
                    <Suspense fallback=|| ()>
                        {move || partners.get().map(|list| view! {
                            <CreateOrganizationForm
                                partners=(scope == Scope::Platform).then_some(list)/>
                        })}
                    </Suspense>
                </Card>
            })}
            <FilterBar>
                <FilterText id="org-q" name="q" label="Search" value=q() placeholder="Name"/>
                <FilterSelect id="org-status" name="status" label="Status" selected=status()
                    options=OrgStatus::ALL.iter().map(|s| (s.code(), s.label())).collect()/>
                <label class="flex items-center gap-2 pb-2 text-sm text-fg">
                    <input type="checkbox" name="archived" value="true" checked=archived() == "true"/>
                    "Archived only"
                </label>
            </FilterBar>
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || organizations.get().map(|answer| match answer {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! {
                        <EmptyState title="No organizations" description="Nothing matches. Add one, or change the filters."/>
                    }.into_any(),
                    Ok(list) => {
                        let pickers = can_move.then(|| partners.get().unwrap_or_default());
                        let edited = list.items.iter().find(|o| can_edit && o.id.to_string() == editing()).cloned();
                        view! {
                            {edited.map(|org| view! {
                                <EditOrganization org partners=pickers close_href=query_with("edit", None)/>
                            })}
                            <TableCard headings=&["Organization", "Partner", "Status", "Created", ""] paging=Paging::of(&list)>
                                        {list.items.into_iter().map(|org| {
                                            let (tone, label) = (status_tone(org.status), org.status.label());
                                            let (name, slug, archived) = (org.name.clone(), org.slug.clone(), org.archived);
                                            let partner_name = org.partner_name.clone().unwrap_or_else(|| "Direct".into());
                                            let created = date(org.created_at);
                                            let edit = can_edit.then(|| view! {
                                                <a href=query_with("edit", Some(org.id.to_string())) class="btn btn-secondary btn-sm"
                                                    aria-label=format!("Edit {}", org.name)>"Edit"</a>
                                            });
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

/// `partners`: the partner picker's choices, for platform staff (a partner creates its own).
#[component]
fn CreateOrganizationForm(partners: Option<Vec<PartnerRow>>) -> impl IntoView {
    let post = FormPost::to::<CreateOrganization>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Reload(Some(Notice::Saved)) class="space-y-4">
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField name="name" label="Organization name" required=true maxlength=100 value=feedback.kept("name") error=feedback.field("name")/>
                {partners.map(|list| view! {
                    <div class="field">
                        <label class="field-label" for="new-org-partner">"Partner"</label>
                        <PartnerSelect partners=list selected=None id="new-org-partner".into() label="Partner"/>
                    </div>
                })}
                <TextField name="owner_email" label="Owner's e-mail" input_type="email" required=true maxlength=254
                    value=feedback.kept("owner_email") error=feedback.field("owner_email")/>
                <TextField name="owner_name" label="Owner's name" required=true maxlength=100
                    value=feedback.kept("owner_name") error=feedback.field("owner_name")/>
            </div>
            <p class="field-error" data-error-for="slug">{move || feedback.field("slug").get()}</p>
            <div class="flex justify-end"><Button pending="Adding…">"Add organization"</Button></div>
        </PostForm>
    }
}
