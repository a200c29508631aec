//! Lists in cards: a table that scrolls sideways on narrow screens, with page links for
//! server-paged lists, and the small helpers list pages share (URL parameters, dates, errors).
//! Search, filters and the page live in the URL, so lists work without JavaScript.
use super::{PageWindow, Pagination};
use crate::{error::AppError, paging::Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A query parameter of the current URL ("" when absent).
pub fn query_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get(name).unwrap_or_default())
}

/// This page's URL (its query string) with parameter `name` set to `value`, or removed, and
/// without a rejected plain post's error (`__err`, `__path`), which belongs to this view only.
pub fn query_with(name: &'static str, value: Option<String>) -> String {
    let mut params = use_query_map().get_untracked();
    params.remove("__err");
    params.remove("__path");
    match value {
        Some(value) => params.replace(name, value),
        None => {
            params.remove(name);
        }
    }
    let query = params.to_query_string();
    if query.is_empty() {
        "?".to_owned()
    } else {
        query
    }
}

/// The `?page=` of the current URL (1 when absent or malformed; the server clamps it).
pub fn page_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let page = query_param("page");
    move || page().parse().unwrap_or(1)
}

/// Shows `error` where a list would be.
pub fn load_error(error: AppError) -> AnyView {
    view! { <p class="alert alert-danger" role="alert">{error.to_string()}</p> }.into_any()
}

pub fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Which page of a server-paged list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    page: i64,
    page_size: i64,
    total: i64,
}

impl Paging {
    pub fn of<T>(page: &Page<T>) -> Self {
        Self {
            page: page.page,
            page_size: page.page_size,
            total: page.total,
        }
    }
}

/// The page links of a server-paged list.
pub fn page_links(paging: Paging) -> impl IntoView {
    let window = PageWindow::new(
        Some(paging.page.to_string()),
        paging.page_size as usize,
        paging.total as usize,
    );
    view! { <Pagination window=Signal::stored(window)/> }
}

/// A table in a card that scrolls sideways on narrow screens: column headings (an empty one is
/// the actions column, named for screen readers only), the rows, and page links when paged.
#[component]
pub fn TableCard(
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
            {paging.map(page_links)}
        </div>
    }
}
