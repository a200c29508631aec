//! One responsive frame for the signed-in surfaces: a sidebar on wide screens, a disclosure
//! menu on phones (a `<details>`, so it opens without JavaScript), and the page beside it.
//! The frame also guards the surface: it renders only for a user acting in the matching scope.
use super::Logo;
use crate::{
    auth::api::{SignOut, SwitchScope},
    error::AppError,
    identity::{AuthView, Membership, Role, Scope, Viewer},
    notifications::api::unread_notifications,
    pages::error::ErrorPanel,
    surfaces::{
        self, NavItem, Surface, ACCOUNT_PATH, CONSOLE, NOTIFICATIONS_PATH, PARTNER, PORTAL,
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::{components::Outlet, hooks::use_location};

#[component]
pub fn ConsoleLayout() -> impl IntoView {
    view! { <SurfaceLayout surface=CONSOLE/> }
}

#[component]
pub fn PartnerLayout() -> impl IntoView {
    view! { <SurfaceLayout surface=PARTNER/> }
}

#[component]
pub fn PortalLayout() -> impl IntoView {
    view! { <SurfaceLayout surface=PORTAL/> }
}

/// Account settings: shown in the frame of whichever surface the user is acting in.
#[component]
pub fn AccountLayout() -> impl IntoView {
    let surface = use_viewer().map_or(PORTAL, |v| *surfaces::for_kind(v.scope().kind()));
    view! { <SurfaceLayout surface/> }
}

/// The signed-in user of this page, if any.
pub fn use_viewer() -> Option<Viewer> {
    use_context::<AuthView>().and_then(|a| a.viewer)
}

/// The scope the viewer acts in (platform when unknown) and their role there.
pub fn use_acting() -> (Scope, Option<Role>) {
    let viewer = use_viewer();
    (
        viewer.as_ref().map_or(Scope::Platform, Viewer::scope),
        viewer.as_ref().map(Viewer::role),
    )
}

/// An item is current on its own path, and a section item also on the pages below it.
fn is_current(item: &NavItem, surface: &Surface, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path == item.href || (item.href != surface.path && surfaces::is_under(path, item.href))
}

#[component]
fn NavLinks(surface: Surface) -> impl IntoView {
    let location = use_location();
    let is_admin = use_viewer().is_some_and(|v| v.is_platform_admin());
    view! {
        <ul class="flex flex-col gap-1">
            {surface
                .nav
                .iter()
                .filter(|item| is_admin || !item.admin_only)
                .map(|item| {
                    let item = *item;
                    let current = move || location.pathname.with(|p| is_current(&item, &surface, p));
                    view! {
                        <li>
                            <a
                                href=item.href
                                class=move || if current() { "side-link side-link-active" } else { "side-link" }
                                aria-current=move || current().then_some("page")
                            >
                                {item.label}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A button that switches to `membership`; a plain form, so the whole page reloads as the
/// new scope.
#[component]
fn SwitchButton(membership: Membership, #[prop(optional)] primary: bool) -> impl IntoView {
    let class = if primary {
        "btn btn-primary"
    } else {
        "side-link w-full text-left"
    };
    view! {
        <form method="post" action=SwitchScope::url()>
            <input type="hidden" name="membership" value=membership.id/>
            <button type="submit" class=class>
                <span class="block">{membership.scope_name.clone()}</span>
                <span class="block text-xs text-muted">{membership.role.label()}</span>
            </button>
        </form>
    }
}

/// How many notifications are unread, asked with every page (marking read posts a form, and
/// the page that follows counts again).
type Unread = Resource<Result<i64, AppError>>;

/// The unread count as a badge, when there are any.
#[component]
fn UnreadBadge(unread: Unread) -> impl IntoView {
    let count = move || unread.get().and_then(Result::ok).unwrap_or(0);
    view! {
        <Transition fallback=|| ()>
            {move || (count() > 0).then(|| view! {
                <span class="badge badge-info">
                    {count()}<span class="sr-only">" unread notifications"</span>
                </span>
            })}
        </Transition>
    }
}

/// Who is signed in, the scopes they can switch to, account settings and sign-out.
#[component]
fn UserMenu(viewer: Viewer, unread: Unread) -> impl IntoView {
    let others: Vec<Membership> = viewer
        .memberships
        .iter()
        .filter(|m| m.id != viewer.active.id)
        .cloned()
        .collect();
    view! {
        <div class="flex flex-col gap-3">
            <div class="px-3">
                <p class="truncate text-sm font-semibold text-fg">{viewer.display_name.clone()}</p>
                <p class="truncate text-xs text-muted">{viewer.email.clone()}</p>
                <p class="mt-1 text-xs text-muted">
                    {viewer.active.role.label()}" · "{viewer.active.scope_name.clone()}
                </p>
            </div>
            {(!others.is_empty()).then(|| view! {
                <div>
                    <p class="px-3 text-xs font-semibold uppercase tracking-wide text-muted">"Switch to"</p>
                    <ul class="mt-1 flex flex-col gap-1">
                        {others.into_iter().map(|m| view! { <li><SwitchButton membership=m/></li> }).collect_view()}
                    </ul>
                </div>
            })}
            <ul class="flex flex-col gap-1">
                <li>
                    <a href=NOTIFICATIONS_PATH class="side-link flex items-center justify-between">
                        "Notifications"<UnreadBadge unread/>
                    </a>
                </li>
                <li><a href=ACCOUNT_PATH class="side-link">"Account settings"</a></li>
                <li>
                    <form method="post" action=SignOut::url()>
                        <button type="submit" class="side-link w-full text-left">"Sign out"</button>
                    </form>
                </li>
            </ul>
        </div>
    }
}

/// Why this surface is not shown, and for a user who could switch, the way to it.
#[component]
fn WrongScope(viewer: Viewer, surface: Surface) -> impl IntoView {
    let fitting: Vec<Membership> = viewer
        .memberships
        .iter()
        .filter(|m| m.scope.kind() == surface.scope_kind)
        .cloned()
        .collect();
    view! {
        <ErrorPanel error=AppError::Forbidden>
            {if fitting.is_empty() {
                view! { <a href=viewer.active.scope.home() class="btn btn-primary">"Go to your workspace"</a> }.into_any()
            } else {
                view! {
                    <div class="flex flex-col items-center gap-3">
                        <p class="text-sm text-muted">{format!("You can open the {} as:", surface.name.to_lowercase())}</p>
                        {fitting.into_iter().map(|m| view! { <SwitchButton membership=m primary=true/> }).collect_view()}
                    </div>
                }.into_any()
            }}
        </ErrorPanel>
    }
}

#[component]
fn SurfaceLayout(surface: Surface) -> impl IntoView {
    let auth = use_context::<AuthView>().unwrap_or_default();
    match auth.viewer {
        None if auth.unavailable => {
            view! { <Bare><ErrorPanel error=AppError::Unavailable/></Bare> }.into_any()
        }
        None => view! { <Bare><ErrorPanel error=AppError::Unauthenticated/></Bare> }.into_any(),
        Some(viewer) if viewer.scope().kind() != surface.scope_kind => {
            view! { <Bare><WrongScope viewer surface/></Bare> }.into_any()
        }
        Some(viewer) => view! { <SurfaceFrame surface viewer/> }.into_any(),
    }
}

/// The page area alone, for answers that show no navigation.
#[component]
fn Bare(children: Children) -> impl IntoView {
    view! { <main id="main" tabindex="-1" class="px-4 py-10 focus:outline-none">{children()}</main> }
}

#[component]
fn SurfaceFrame(surface: Surface, viewer: Viewer) -> impl IntoView {
    let phone_viewer = viewer.clone();
    let unread: Unread = Resource::new(|| (), |_| unread_notifications());
    view! {
        <div class="min-h-dvh lg:grid lg:grid-cols-[16rem_1fr]">
            <aside class="hidden border-r border-line bg-surface lg:flex lg:flex-col">
                <a href="/" class="flex items-center gap-2 px-5 py-4 text-lg font-semibold text-fg">
                    <Logo/>
                    <span>"Steward"</span>
                </a>
                <p class="px-5 text-xs font-semibold uppercase tracking-wide text-brand-text">{surface.name}</p>
                <nav aria-label=surface.name class="mt-3 flex-1 px-2">
                    <NavLinks surface/>
                </nav>
                <div class="border-t border-line px-2 py-4">
                    <UserMenu viewer unread/>
                </div>
            </aside>
            <div class="flex min-w-0 flex-col">
                <header class="sticky top-0 z-30 border-b border-line bg-surface lg:hidden">
                    <details class="group">
                        <summary class="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3">
                            <span class="flex items-center gap-2 font-semibold text-fg">
                                <Logo/>
                                <span>{surface.name}</span>
                            </span>
                            <span class="btn btn-secondary btn-sm">
                                <UnreadBadge unread/>
                                <span class="group-open:hidden">"Menu"</span>
                                <span class="hidden group-open:inline">"Close"</span>
                            </span>
                        </summary>
                        <div class="flex flex-col gap-4 border-t border-line px-2 py-3">
                            <nav aria-label=format!("{} (menu)", surface.name)>
                                <NavLinks surface/>
                            </nav>
                            <UserMenu viewer=phone_viewer unread/>
                        </div>
                    </details>
                </header>
                <main id="main" tabindex="-1" class="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8 lg:py-10">
                    <Outlet/>
                </main>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overview_is_current_only_on_its_own_path() {
        let overview = CONSOLE.nav[0];
        let audit = *CONSOLE.nav.iter().find(|i| i.label == "Audit log").unwrap();
        assert!(is_current(&overview, &CONSOLE, "/cs"));
        assert!(is_current(&overview, &CONSOLE, "/cs/"));
        assert!(!is_current(&overview, &CONSOLE, "/cs/design"));
        assert!(is_current(&audit, &CONSOLE, "/cs/admin/audit"));
        assert!(is_current(&audit, &CONSOLE, "/cs/admin/audit/tables"));
        assert!(!is_current(&audit, &CONSOLE, "/cs/admin/auditor"));
    }
}
