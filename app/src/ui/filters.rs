//! A list's filters: a GET form, so what is filtered lives in the URL and works without
//! JavaScript, with a text field, selects ("Any" first) and the submit button.
use super::{Button, ButtonKind};
use leptos::prelude::*;

#[component]
pub fn FilterBar(#[prop(optional)] class: &'static str, children: Children) -> impl IntoView {
    view! {
        <form method="get" class=format!("flex flex-wrap items-end gap-3 {class}") role="search">
            {children()}
            <Button kind=ButtonKind::Secondary>"Filter"</Button>
        </form>
    }
}

#[component]
pub fn FilterText(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for=id>{label}</label>
            <input id=id name=name class="input" value=value placeholder=placeholder/>
        </div>
    }
}

/// A select whose first choice, "Any", sends an empty value; `options` are (value, label).
#[component]
pub fn FilterSelect(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for=id>{label}</label>
            <select id=id name=name class="input">
                <option value="">"Any"</option>
                {options
                    .into_iter()
                    .map(|(value, text)| view! { <option value=value selected=selected == value>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
