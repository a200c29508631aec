//! The design system: small, accessible building blocks that every page is made of.
//! Colours come from CSS variables (see `style/tailwind.css`), so brand themes and dark mode
//! restyle everything without touching components.
mod badge;
mod button;
mod card;
mod chart_frame;
mod empty_state;
mod feedback;
mod field;
mod filters;
mod form_post;
mod island;
mod modal;
mod page_header;
mod pagination;
mod table;
mod table_card;
mod tabs;
mod toast;

pub use badge::{Badge, Tone};
pub use button::{Button, ButtonKind, LinkButton};
pub use card::{Card, StatCard};
pub use chart_frame::ChartFrame;
pub use empty_state::EmptyState;
pub use feedback::{Feedback, FormAlert};
pub use field::{CheckboxField, SelectField, TextAreaField, TextField};
pub use filters::{FilterBar, FilterSelect, FilterText};
pub use form_post::{AfterPost, FormPost, PostForm};
pub use modal::ConfirmDialog;
pub use page_header::PageHeader;
pub use pagination::{PageWindow, Pagination};
pub use table::{SortDir, SortHeader, SortState};
pub use table_card::{
    date, load_error, page_links, page_param, query_param, query_with, Paging, TableCard,
};
pub use tabs::{TabLink, Tabs};
pub use toast::{push_toast, Toast, Toaster};
