//! The organization screens' widgets: the status colours, the partner picker and the edit form.
use crate::{
    ids::{OrgStatus, PartnerId},
    notice::Notice,
    organizations::{
        api::UpdateOrganization,
        types::{OrgRow, PartnerRow},
    },
    ui::{AfterPost, Button, Card, FormPost, PostForm, TextField, Tone},
};
use leptos::prelude::*;

pub fn status_tone(status: OrgStatus) -> Tone {
    match status {
        OrgStatus::Active => Tone::Success,
        OrgStatus::Trial => Tone::Info,
        OrgStatus::PastDue => Tone::Warning,
        OrgStatus::Cancelled | OrgStatus::PendingDeletion => Tone::Danger,
    }
}

/// A partner picker; "" means a direct customer.
#[component]
pub fn PartnerSelect(
    partners: Vec<PartnerRow>,
    selected: Option<PartnerId>,
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

/// One organization's edit form, opened from its row (`?edit=`) so the list itself stays
/// light: a page of rows with a form each (and a partner picker in each) was over 1,000 nodes.
#[component]
pub fn EditOrganization(
    org: OrgRow,
    partners: Option<Vec<PartnerRow>>,
    /// The list without the open form.
    close_href: String,
) -> impl IntoView {
    let prefix = format!("org-{}", org.id);
    let post = FormPost::to::<UpdateOrganization>();
    let feedback = post.feedback();
    let kept = feedback.kept("name").get_untracked();
    let name = if kept.is_empty() {
        org.name.clone()
    } else {
        kept
    };
    view! {
        <Card title=format!("Edit {}", org.name)>
            <PostForm post after=AfterPost::Reload(Some(Notice::Saved)) class="grid gap-3 sm:grid-cols-2">
                <input type="hidden" name="organization" value=org.id/>
                <TextField name="name" id=format!("{prefix}-name") label="Name" value=name required=true maxlength=100
                    error=feedback.field("name")/>
                <div class="field">
                    <label class="field-label" for=format!("{prefix}-status")>"Status"</label>
                    <select id=format!("{prefix}-status") name="status" class="input">
                        {OrgStatus::ALL.iter().map(|s| view! { <option value=s.code() selected=*s == org.status>{s.label()}</option> }).collect_view()}
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
                <div class="sm:col-span-2 flex justify-end gap-2">
                    <a href=close_href class="btn btn-secondary">"Close"</a>
                    <Button pending="Saving…">"Save"</Button>
                </div>
            </PostForm>
        </Card>
    }
}
