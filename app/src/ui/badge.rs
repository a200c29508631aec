//! Small status labels. Colour is never the only signal: the text says the state.
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Tone {
    #[default]
    Neutral,
    Info,
    Success,
    Warning,
    Danger,
}

impl Tone {
    pub fn badge_class(self) -> &'static str {
        match self {
            Self::Neutral => "badge badge-neutral",
            Self::Info => "badge badge-info",
            Self::Success => "badge badge-success",
            Self::Warning => "badge badge-warning",
            Self::Danger => "badge badge-danger",
        }
    }
}

#[component]
pub fn Badge(#[prop(optional)] tone: Tone, children: Children) -> impl IntoView {
    view! { <span class=tone.badge_class()>{children()}</span> }
}
