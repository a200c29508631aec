//! The invitations waiting on the account page: each offered role with who offered it, to
//! accept or decline. Shown only while there are some.
use super::api::{list_invitations, AcceptInvitation, DeclineInvitation};
use crate::{
    people::types::Offer,
    ui::{Button, ButtonKind, Feedback, FormAlert},
};
use leptos::prelude::*;

#[component]
pub fn Invitations() -> impl IntoView {
    let offers = Resource::new(|| (), |_| list_invitations());
    let (accept, decline) = (
        ServerAction::<AcceptInvitation>::new(),
        ServerAction::<DeclineInvitation>::new(),
    );
    let (accept_fb, decline_fb) = (Feedback::of(accept), Feedback::of(decline));
    view! {
        <Transition fallback=|| ()>
            {move || offers.get().map(|answer| match answer {
                Ok(list) if list.is_empty() => ().into_any(),
                Err(e) => view! { <p class="alert alert-danger mb-6" role="alert">{e.to_string()}</p> }.into_any(),
                Ok(list) => view! {
                    <section class="card mb-6" aria-labelledby="invitations">
                        <h2 id="invitations" class="text-lg font-semibold text-fg">"Invitations"</h2>
                        <p class="mt-1 text-sm text-muted">"Nothing changes until you accept. Declining tells nobody more than that."</p>
                        <FormAlert feedback=accept_fb/>
                        <FormAlert feedback=decline_fb/>
                        <ul class="mt-3 divide-y divide-line">
                            {list.into_iter().map(|offer| view! { <OfferRow offer accept decline/> }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn OfferRow(
    offer: Offer,
    accept: ServerAction<AcceptInvitation>,
    decline: ServerAction<DeclineInvitation>,
) -> impl IntoView {
    let by = offer
        .inviter
        .map(|name| format!("Invited by {name}"))
        .unwrap_or_else(|| "Invited".into());
    let when = offer.offered_at.format("%Y-%m-%d").to_string();
    let label = format!("{} as {}", offer.scope_name, offer.role.label());
    let id = offer.id;
    let (accept_label, decline_label) = (format!("Accept {label}"), format!("Decline {label}"));
    view! {
        <li class="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
            <div class="text-sm">
                <p class="font-medium text-fg">{label}</p>
                <p class="text-muted">{format!("{by} on {when}")}</p>
            </div>
            <div class="flex gap-2">
                <ActionForm action=accept>
                    <input type="hidden" name="membership" value=id/>
                    <Button disabled=accept.pending() attr:aria-label=accept_label>"Accept"</Button>
                </ActionForm>
                <ActionForm action=decline>
                    <input type="hidden" name="membership" value=id/>
                    <Button kind=ButtonKind::Secondary disabled=decline.pending() attr:aria-label=decline_label>"Decline"</Button>
                </ActionForm>
            </div>
        </li>
    }
}
