//! Sortable column headers. Sorting is carried in the URL (`?sort=col&dir=asc`), so it works
//! without JavaScript, survives reloads and can be shared as a link.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDir {
    Asc,
    Desc,
}

impl SortDir {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// The sort column and direction read from the query string, falling back to a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortState {
    pub column: String,
    pub dir: SortDir,
}

impl SortState {
    /// Reads `sort`/`dir`, accepting only columns in `allowed`.
    pub fn from_query(
        sort: Option<String>,
        dir: Option<String>,
        allowed: &[&str],
        default: (&str, SortDir),
    ) -> Self {
        let column = sort
            .filter(|s| allowed.contains(&s.as_str()))
            .unwrap_or_else(|| default.0.to_owned());
        let dir = match dir.as_deref() {
            Some("asc") => SortDir::Asc,
            Some("desc") => SortDir::Desc,
            _ => default.1,
        };
        Self { column, dir }
    }
}

/// A `<th>` whose label links to the same page sorted by this column; the current sort is
/// announced with `aria-sort`.
#[component]
pub fn SortHeader(
    #[prop(into)] column: String,
    #[prop(into)] label: String,
    #[prop(into)] sort: Signal<SortState>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let query = use_query_map();
    let col = StoredValue::new(column.clone());
    let active_dir = move || sort.with(|s| col.with_value(|c| (&s.column == c).then_some(s.dir)));
    let href = {
        let column = column.clone();
        move || {
            let next = match active_dir() {
                Some(SortDir::Asc) => SortDir::Desc,
                _ => SortDir::Asc,
            };
            let mut params = query.get();
            params.replace("sort", column.clone());
            params.replace("dir", next.as_str().to_owned());
            params.remove("page");
            params.to_query_string()
        }
    };
    let aria_sort = move || match active_dir() {
        Some(SortDir::Asc) => "ascending",
        Some(SortDir::Desc) => "descending",
        None => "none",
    };
    let arrow = move || match active_dir() {
        Some(SortDir::Asc) => "↑",
        Some(SortDir::Desc) => "↓",
        None => "↕",
    };
    view! {
        <th scope="col" aria-sort=aria_sort class=if numeric { "th text-right" } else { "th" }>
            <a href=href class="inline-flex items-center gap-1 hover:text-fg">
                {label}
                <span aria-hidden="true" class="text-xs">{arrow}</span>
            </a>
        </th>
    }
}
