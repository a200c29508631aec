//! One responsive frame for the signed-in surfaces: a sidebar on wide screens, a disclosure
//! menu on phones (a `<details>`, so it opens without JavaScript), and the page beside it.
use super::Logo;
use leptos::{html, prelude::*};
use leptos_router::{components::Outlet, hooks::use_location};

#[derive(Clone, Copy)]
struct NavItem {
    label: &'static str,
    href: &'static str,
}

#[derive(Clone, Copy)]
struct Surface {
    name: &'static str,
    home: &'static str,
    nav: &'static [NavItem],
}

const CONSOLE: Surface = Surface {
    name: "Success console",
    home: "/cs",
    nav: &[
        NavItem {
            label: "Overview",
            href: "/cs",
        },
        NavItem {
            label: "Design system",
            href: "/cs/design",
        },
    ],
};
const PARTNER: Surface = Surface {
    name: "Partner portal",
    home: "/partner",
    nav: &[NavItem {
        label: "Overview",
        href: "/partner",
    }],
};
const PORTAL: Surface = Surface {
    name: "Customer portal",
    home: "/portal",
    nav: &[NavItem {
        label: "Overview",
        href: "/portal",
    }],
};
const SURFACES: [Surface; 3] = [CONSOLE, PARTNER, PORTAL];

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

/// An item is current on its own path, and a section item also on the pages below it.
fn is_current(item: &NavItem, surface: &Surface, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path == item.href || (item.href != surface.home && path.starts_with(&format!("{}/", item.href)))
}

#[component]
fn NavLinks(surface: Surface) -> impl IntoView {
    let location = use_location();
    view! {
        <ul class="flex flex-col gap-1">
            {surface
                .nav
                .iter()
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

#[component]
fn SurfaceSwitcher(surface: Surface) -> impl IntoView {
    view! {
        <div>
            <p class="px-3 text-xs font-semibold uppercase tracking-wide text-muted">"Switch surface"</p>
            <ul class="mt-2 flex flex-col gap-1">
                {SURFACES
                    .iter()
                    .filter(|s| s.home != surface.home)
                    .map(|s| view! { <li><a href=s.home class="side-link">{s.name}</a></li> })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn SurfaceLayout(surface: Surface) -> impl IntoView {
    let menu = NodeRef::<html::Details>::new();
    // Close the phone menu after a client-side navigation.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(details) = menu.get() {
            details.set_open(false);
        }
    });
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
                    <SurfaceSwitcher surface/>
                </div>
            </aside>
            <div class="flex min-w-0 flex-col">
                <header class="sticky top-0 z-30 border-b border-line bg-surface lg:hidden">
                    <details node_ref=menu class="group">
                        <summary class="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3">
                            <span class="flex items-center gap-2 font-semibold text-fg">
                                <Logo/>
                                <span>{surface.name}</span>
                            </span>
                            <span class="btn btn-secondary btn-sm">
                                <span class="group-open:hidden">"Menu"</span>
                                <span class="hidden group-open:inline">"Close"</span>
                            </span>
                        </summary>
                        <div class="flex flex-col gap-4 border-t border-line px-2 py-3">
                            <nav aria-label=format!("{} (menu)", surface.name)>
                                <NavLinks surface/>
                            </nav>
                            <SurfaceSwitcher surface/>
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
        let design = CONSOLE.nav[1];
        assert!(is_current(&overview, &CONSOLE, "/cs"));
        assert!(is_current(&overview, &CONSOLE, "/cs/"));
        assert!(!is_current(&overview, &CONSOLE, "/cs/design"));
        assert!(is_current(&design, &CONSOLE, "/cs/design"));
        assert!(is_current(&design, &CONSOLE, "/cs/design/tables"));
        assert!(!is_current(&design, &CONSOLE, "/cs/designer"));
    }
}
