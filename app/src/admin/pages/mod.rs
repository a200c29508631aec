//! The administration screens. Lists live in the URL (search, filters, page), so they work
//! without JavaScript; every change is a form posting to a server function, which redirects
//! back without JavaScript and refreshes the list in place with it.
mod audit;
mod organizations;
mod outbox;
mod partners;
mod people;

pub use audit::AuditPage;
pub use organizations::OrganizationsPage;
pub use outbox::OutboxPage;
pub use partners::PartnersPage;
pub use people::{PeoplePage, UserPage};

use crate::{
    error::AppError,
    ui::{PageWindow, Pagination},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A query parameter of the current URL ("" when absent).
fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get(name).unwrap_or_default())
}

fn page_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let page = param("page");
    move || page().parse().unwrap_or(1).max(1)
}

/// Shows `error` where a list would be.
fn load_error(error: AppError) -> AnyView {
    view! { <p class="alert alert-danger" role="alert">{error.to_string()}</p> }.into_any()
}

fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The page links for page `page` of a server-paged list.
fn page_links(page: i64, page_size: i64, total: i64) -> impl IntoView {
    let window = PageWindow::new(Some(page.to_string()), page_size as usize, total as usize);
    view! { <Pagination window=Signal::stored(window)/> }
}

/// Which page of a server-paged list is shown.
#[derive(Clone, Copy)]
struct Paging {
    page: i64,
    page_size: i64,
    total: i64,
}

/// A table in a card that scrolls sideways on narrow screens: column headings (an empty one is
/// the actions column, named for screen readers only), the rows, and page links when paged.
#[component]
fn TableCard(
    headings: &'static [&'static str],
    #[prop(optional)] paging: Option<Paging>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-card">
            <table class="table">
                <thead>
                    <tr>
                        {headings
                            .iter()
                            .map(|h| match *h {
                                "" => view! { <th scope="col"><span class="sr-only">"Actions"</span></th> }.into_any(),
                                h => view! { <th scope="col">{h}</th> }.into_any(),
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
            {paging.map(|p| page_links(p.page, p.page_size, p.total))}
        </div>
    }
}
