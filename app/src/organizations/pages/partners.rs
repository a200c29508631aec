//! Partners (resellers): create, rename, suspend and reactivate. Platform admins change them;
//! other staff read.
use crate::{
    ids::PartnerStatus,
    notice::Notice,
    organizations::api::{list_partners, CreatePartner, UpdatePartner},
    shell::use_viewer,
    ui::{
        load_error, AfterPost, Badge, Button, ButtonKind, Card, EmptyState, Feedback, FormAlert,
        FormPost, PageHeader, PostForm, TableCard, TextField, Tone,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PartnersPage() -> impl IntoView {
    let is_admin = use_viewer().is_some_and(|v| v.is_platform_admin());
    let update = ServerAction::<UpdatePartner>::new();
    let partners = Resource::new(move || update.version().get(), |_| list_partners());
    let update_feedback = Feedback::of(update);
    view! {
        <Title text="Partners"/>
        <PageHeader title="Partners" description="Resellers and the customers they bring. A suspended partner's users cannot sign in to the partner portal."/>
        <div class="space-y-6">
            {is_admin.then(|| view! {
                <Card title="Add a partner">
                    <CreatePartnerForm/>
                </Card>
            })}
            <FormAlert feedback=update_feedback/>
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || partners.get().map(|answer| match answer {
                    Err(e) => load_error(e),
                    Ok(list) if list.is_empty() => view! { <EmptyState title="No partners yet" description="Partners you add appear here."/> }.into_any(),
                    Ok(list) => view! {
                        <TableCard headings=&["Partner", "Status", "Customers", ""]>
                                    {list.into_iter().map(|p| {
                                        let suspended = p.status == PartnerStatus::Suspended;
                                        let (rename_label, name_kept, status_kept) = (format!("New name for {}", p.name), p.name.clone(), p.status.code());
                                        let name_for_status = p.name.clone();
                                        view! {
                                            <tr>
                                                <td><span class="font-medium text-fg">{p.name.clone()}</span><div class="text-xs text-muted">{p.slug.clone()}</div></td>
                                                <td>{if suspended { view! { <Badge tone=Tone::Danger>"Suspended"</Badge> } } else { view! { <Badge tone=Tone::Success>"Active"</Badge> } }}</td>
                                                <td>{p.organizations}</td>
                                                <td>
                                                    {is_admin.then(|| view! {
                                                        <div class="flex flex-wrap items-center gap-2">
                                                            <ActionForm action=update attr:class="flex items-center gap-2">
                                                                <input type="hidden" name="partner" value=p.id/>
                                                                <input type="hidden" name="status" value=status_kept/>
                                                                <input name="name" class="input w-48" value=name_kept required maxlength="100" aria-label=rename_label/>
                                                                <Button kind=ButtonKind::Secondary small=true>"Rename"</Button>
                                                            </ActionForm>
                                                            <ActionForm action=update>
                                                                <input type="hidden" name="partner" value=p.id/>
                                                                <input type="hidden" name="name" value=name_for_status/>
                                                                <input type="hidden" name="status" value=if suspended { "active" } else { "suspended" }/>
                                                                <Button kind=if suspended { ButtonKind::Secondary } else { ButtonKind::DangerQuiet } small=true>
                                                                    {if suspended { "Reactivate" } else { "Suspend" }}
                                                                </Button>
                                                            </ActionForm>
                                                        </div>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                        </TableCard>
                    }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn CreatePartnerForm() -> impl IntoView {
    let post = FormPost::to::<CreatePartner>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Reload(Some(Notice::Saved)) class="space-y-4">
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField name="name" label="Name" required=true maxlength=100 value=feedback.kept("name") error=feedback.field("name")/>
                <TextField name="slug" label="Short name" maxlength=60 hint="Lowercase letters, digits and dashes. Leave empty to derive it from the name."
                    value=feedback.kept("slug") error=feedback.field("slug")/>
            </div>
            <div class="flex justify-end"><Button pending="Adding…">"Add partner"</Button></div>
        </PostForm>
    }
}
