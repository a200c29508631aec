//! The public site's frame: header with sign-in, content, footer.
use super::Logo;
use crate::surfaces::SURFACES;
use leptos::prelude::*;
use leptos_router::components::Outlet;

#[component]
pub fn PublicLayout() -> impl IntoView {
    view! {
        <div class="flex min-h-dvh flex-col">
            <header class="border-b border-line bg-surface">
                <div class="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
                    <a href="/" class="flex items-center gap-2 rounded-md text-lg font-semibold text-fg">
                        <Logo/>
                        <span>"Steward"</span>
                    </a>
                    <nav aria-label="Site" class="flex items-center gap-1 sm:gap-3">
                        <a href="/#audiences" class="nav-link hidden sm:inline-flex">"Product"</a>
                        <a href="/#contact" class="nav-link hidden sm:inline-flex">"Contact"</a>
                        <a href="/sign-in" class="btn btn-primary btn-sm">"Sign in"</a>
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1" class="flex-1 focus:outline-none">
                <Outlet/>
            </main>
            <footer class="border-t border-line bg-surface">
                <div class="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-muted sm:flex-row sm:justify-between sm:px-6">
                    <p>"Steward — customer operations you host yourself."</p>
                    <nav aria-label="Surfaces" class="flex flex-wrap gap-4">
                        {SURFACES.map(|s| view! { <a href=s.path class="link">{s.name}</a> })}
                    </nav>
                </div>
            </footer>
        </div>
    }
}
