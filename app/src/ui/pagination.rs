//! Page links for long lists, carried in the URL (`?page=N`) like sorting.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Which slice of `total` items page `page` (1-based, clamped) shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWindow {
    pub page: usize,
    pub per_page: usize,
    pub total: usize,
}

impl PageWindow {
    pub fn new(requested: Option<String>, per_page: usize, total: usize) -> Self {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let page = requested
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        Self {
            page,
            per_page,
            total,
        }
    }

    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.per_page).max(1)
    }

    pub fn offset(&self) -> usize {
        (self.page - 1) * self.per_page
    }

    /// 1-based index of the first and last item shown (0, 0 when empty).
    pub fn range(&self) -> (usize, usize) {
        if self.total == 0 {
            return (0, 0);
        }
        (
            self.offset() + 1,
            (self.offset() + self.per_page).min(self.total),
        )
    }
}

#[component]
pub fn Pagination(#[prop(into)] window: Signal<PageWindow>) -> impl IntoView {
    let query = use_query_map();
    let link = move |page: usize| {
        let mut params = query.get();
        params.replace("page", page.to_string());
        params.to_query_string()
    };
    view! {
        <nav class="flex flex-col items-center justify-between gap-3 border-t border-line px-4 py-3 sm:flex-row" aria-label="Pagination">
            <p class="text-sm text-muted">
                {move || {
                    let w = window.get();
                    let (first, last) = w.range();
                    format!("Showing {first}–{last} of {}", w.total)
                }}
            </p>
            <div class="flex items-center gap-2">
                {move || {
                    let w = window.get();
                    let prev = (w.page > 1).then(|| link(w.page - 1));
                    let next = (w.page < w.pages()).then(|| link(w.page + 1));
                    view! {
                        {step(prev, "prev", "Previous")}
                        <span class="text-sm text-muted" aria-current="page">{format!("Page {} of {}", w.page, w.pages())}</span>
                        {step(next, "next", "Next")}
                    }
                }}
            </div>
        </nav>
    }
}

/// A link to the previous or next page; at either end a look-alike that is not a link (a link
/// without a place to go would be an anchor crawlers and screen readers cannot use).
fn step(href: Option<String>, rel: &'static str, label: &'static str) -> AnyView {
    match href {
        Some(href) => view! { <a class="btn btn-secondary btn-sm" href=href rel=rel>{label}</a> }.into_any(),
        None => view! { <span class="btn btn-secondary btn-sm" aria-disabled="true" data-rel=rel>{label}</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_pages_and_computes_ranges() {
        let w = PageWindow::new(Some("3".into()), 10, 25);
        assert_eq!(
            (w.page, w.pages(), w.offset(), w.range()),
            (3, 3, 20, (21, 25))
        );
        assert_eq!(PageWindow::new(Some("99".into()), 10, 25).page, 3);
        assert_eq!(PageWindow::new(Some("-1".into()), 10, 25).page, 1);
        assert_eq!(PageWindow::new(Some("abc".into()), 10, 25).page, 1);
        let empty = PageWindow::new(None, 10, 0);
        assert_eq!((empty.page, empty.pages(), empty.range()), (1, 1, (0, 0)));
    }
}
