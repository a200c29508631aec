//! The notification centre page (`/account/notifications`): notifications newest first, each
//! opening its subject (and so marked read), mark one or all read, and which kinds also come
//! by e-mail. Every control is a form, so it all works without JavaScript.
use super::{
    api::{
        list_notifications, notification_preferences, MarkAllNotificationsRead,
        MarkNotificationRead, OpenNotification, SaveNotificationPreferences,
    },
    types::NotificationRow,
};
use crate::{
    notice::Notice,
    ui::{
        date, load_error, page_links, page_param, AfterPost, Button, ButtonKind, Card,
        CheckboxField, EmptyState, Feedback, FormAlert, FormPost, PageHeader, Paging, PostForm,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let page = page_param();
    let open = ServerAction::<OpenNotification>::new();
    let mark = ServerAction::<MarkNotificationRead>::new();
    let mark_all = ServerAction::<MarkAllNotificationsRead>::new();
    let notes = Resource::new(
        move || (page(), mark.version().get(), mark_all.version().get()),
        |(page, ..)| list_notifications(page),
    );
    let (open_fb, mark_fb, mark_all_fb) = (
        Feedback::of(open),
        Feedback::of(mark),
        Feedback::of(mark_all),
    );
    view! {
        <Title text="Notifications"/>
        <PageHeader title="Notifications" description="What Steward told you, newest first. Opening one marks it read."/>
        <FormAlert feedback=open_fb/>
        <FormAlert feedback=mark_fb/>
        <FormAlert feedback=mark_all_fb/>
        <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
            {move || notes.get().map(|answer| match answer {
                Err(e) => load_error(e),
                Ok(list) if list.items.is_empty() => view! {
                    <EmptyState title="No notifications" description="Invitations and changes to how you sign in show up here."/>
                }.into_any(),
                Ok(list) => {
                    let unread = list.items.iter().any(|n| !n.read);
                    let paging = Paging::of(&list);
                    view! {
                        {unread.then(|| view! {
                            <ActionForm action=mark_all attr:class="mb-4 flex justify-end">
                                <Button kind=ButtonKind::Secondary>"Mark all as read"</Button>
                            </ActionForm>
                        })}
                        <ul class="card divide-y divide-line p-0">
                            {list.items.into_iter().map(|note| view! { <Entry note open mark/> }).collect_view()}
                        </ul>
                        {page_links(paging)}
                    }.into_any()
                }
            })}
        </Transition>
        <Preferences/>
    }
}

#[component]
fn Entry(
    note: NotificationRow,
    open: ServerAction<OpenNotification>,
    mark: ServerAction<MarkNotificationRead>,
) -> impl IntoView {
    let id = note.id;
    let title_class = if note.read {
        "text-left text-sm text-fg hover:underline"
    } else {
        "text-left text-sm font-semibold text-fg hover:underline"
    };
    view! {
        <li class="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
            <div class="min-w-0">
                <ActionForm action=open>
                    <input type="hidden" name="notification" value=id/>
                    <button type="submit" class=title_class>
                        {(!note.read).then(|| view! { <span class="badge badge-info mr-2">"New"</span> })}
                        {note.title.clone()}
                    </button>
                </ActionForm>
                <p class="mt-1 text-sm text-muted">{note.body.clone()}</p>
                <p class="mt-1 text-xs text-muted">{date(note.created_at)}</p>
            </div>
            {(!note.read).then(|| view! {
                <ActionForm action=mark attr:class="shrink-0">
                    <input type="hidden" name="notification" value=id/>
                    <Button kind=ButtonKind::Ghost small=true>"Mark read"</Button>
                </ActionForm>
            })}
        </li>
    }
}

/// Which kinds of notification also come by e-mail.
#[component]
fn Preferences() -> impl IntoView {
    let saved = Resource::new(|| (), |_| notification_preferences());
    view! {
        <div class="mt-8">
            <Card title="E-mail" description="Every notification is listed here; tick the kinds you also want by e-mail. Changes to how you sign in always come by e-mail.">
                <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                    {move || saved.get().map(|answer| match answer {
                        Err(e) => load_error(e),
                        Ok(preferences) => view! {
                            <PostForm post={FormPost::to::<SaveNotificationPreferences>()} after=AfterPost::Toast(Notice::Saved) class="space-y-4">
                                <fieldset class="space-y-3">
                                    <legend class="sr-only">"Send me an e-mail for"</legend>
                                    {preferences.into_iter().map(|p| view! {
                                        <CheckboxField name=p.kind.code() label=p.kind.label() checked=p.email/>
                                    }).collect_view()}
                                </fieldset>
                                <div class="flex justify-end"><Button pending="Saving…">"Save e-mail settings"</Button></div>
                            </PostForm>
                        }.into_any(),
                    })}
                </Transition>
            </Card>
        </div>
    }
}
