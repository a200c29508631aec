//! The people screens' widgets: status badges, the role picker, the invitation form and a
//! membership's actions.
use crate::{
    identity::Role,
    ids::{ScopeKind, UserStatus},
    notice::Notice,
    people::{
        api::{ChangeRole, InvitePerson, RemoveMembership},
        types::MembershipRow,
    },
    ui::{AfterPost, Badge, Button, ButtonKind, FormPost, PostForm, TextField, Tone},
};
use leptos::prelude::*;

pub fn status_badge(status: UserStatus) -> impl IntoView {
    let tone = match status {
        UserStatus::Active => Tone::Success,
        UserStatus::Invited => Tone::Info,
        UserStatus::Disabled => Tone::Danger,
    };
    view! { <Badge tone>{status.label()}</Badge> }
}

/// The role picker for a scope kind.
#[component]
fn RoleSelect(
    kind: ScopeKind,
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

/// Invites someone into the viewer's scope; the page loads again to list them.
#[component]
pub fn InviteForm(kind: ScopeKind) -> impl IntoView {
    let post = FormPost::to::<InvitePerson>();
    let feedback = post.feedback();
    view! {
        <PostForm post after=AfterPost::Reload(Some(Notice::InvitationSent)) class="space-y-4">
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
                <Button pending="Sending…">"Send invitation"</Button>
            </div>
        </PostForm>
    }
}

#[component]
pub fn MembershipActions(
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
