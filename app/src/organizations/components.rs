//! The organization screens' widgets: the status colours, the partner picker and the edit form.
use crate::{
    ids::{OrgStatus, PartnerId},
    organizations::{
        api::UpdateOrganization,
        types::{OrgRow, PartnerRow},
    },
    ui::{Button, Tone},
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

#[component]
pub fn EditOrganization(
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
                <div class="sm:col-span-2 flex justify-end"><Button>"Save"</Button></div>
            </ActionForm>
        </details>
    }
}
