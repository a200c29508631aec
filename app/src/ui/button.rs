//! Buttons, and links that look like buttons.
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonKind {
    #[default]
    Primary,
    Secondary,
    Danger,
    /// A destructive action among many (a column of table rows): outlined, not filled.
    DangerQuiet,
    Ghost,
}

impl ButtonKind {
    fn classes(self) -> &'static str {
        match self {
            Self::Primary => "btn btn-primary",
            Self::Secondary => "btn btn-secondary",
            Self::Danger => "btn btn-danger",
            Self::DangerQuiet => "btn btn-danger-quiet",
            Self::Ghost => "btn btn-ghost",
        }
    }
}

/// A `<button>`; `button_type` is "submit" by default so it works in plain forms.
#[component]
pub fn Button(
    #[prop(optional)] kind: ButtonKind,
    #[prop(default = "submit")] button_type: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// The compact size, for actions inside tables and lists.
    #[prop(optional)]
    small: bool,
    /// What the button says while its form is being submitted in place (`PostForm`).
    #[prop(optional)]
    pending: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let class = if small {
        format!("{} btn-sm", kind.classes())
    } else {
        kind.classes().to_owned()
    };
    view! {
        <button
            type=button_type
            class=class
            disabled=move || disabled.get()
            aria-disabled=move || disabled.get().then_some("true")
            data-pending=pending
        >
            {children()}
        </button>
    }
}

/// An `<a>` styled as a button, for navigation that looks like an action.
#[component]
pub fn LinkButton(
    #[prop(into)] href: String,
    #[prop(optional)] kind: ButtonKind,
    children: Children,
) -> impl IntoView {
    view! { <a href=href class=kind.classes()>{children()}</a> }
}
