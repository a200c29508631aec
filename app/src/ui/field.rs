//! Form fields with a visible label, optional hint and an error message tied to the input
//! through `aria-describedby`. `on_check` runs on blur so hydrated forms validate inline.
//!
//! Values are bound as attributes (the control's default), never as DOM properties: a browser
//! shows a changed default only while the user has not typed, so hydration and a rejected
//! submit never wipe what someone typed.
use leptos::prelude::*;

/// The control's id (`field-{name}` unless the page names it, as it must when two forms on one
/// page share a field name), and its `aria-describedby` (hint and error ids, while they show).
fn field_ids(
    name: &str,
    id: Option<String>,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> (String, Signal<Option<String>>) {
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let described = {
        let id = id.clone();
        Signal::derive(move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(format!("{id}-hint"));
            }
            if error.with(Option::is_some) {
                ids.push(format!("{id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    (id, described)
}

/// Label, hint and error around any control.
#[component]
fn FieldFrame(
    id: String,
    label: String,
    hint: Option<String>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id class="field-label">{label}</label>
            {hint.map(|h| view! { <p id=hint_id class="field-hint">{h}</p> })}
            {children()}
            <p id=error_id class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(optional, into)] id: Option<String>,
    #[prop(into)] label: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] minlength: Option<usize>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional, into)] on_check: Option<Callback<String>>,
) -> impl IntoView {
    let (id, described) = field_ids(&name, id, hint.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label hint error>
            <input
                minlength=minlength
                id=id
                name=name
                type=input_type
                class="input"
                value=move || value.get()
                required=required
                autocomplete=autocomplete
                maxlength=maxlength
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:blur=move |ev| {
                    if let Some(check) = on_check {
                        check.run(event_target_value(&ev));
                    }
                }
            />
        </FieldFrame>
    }
}

#[component]
pub fn TextAreaField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] minlength: Option<usize>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = 5)] rows: u32,
    #[prop(optional, into)] on_check: Option<Callback<String>>,
) -> impl IntoView {
    let (id, described) = field_ids(&name, None, hint.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label hint error>
            <textarea
                id=id
                name=name
                rows=rows
                class="input"
                required=required
                minlength=minlength
                maxlength=maxlength
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:blur=move |ev| {
                    if let Some(check) = on_check {
                        check.run(event_target_value(&ev));
                    }
                }
            >
                {move || value.get()}
            </textarea>
        </FieldFrame>
    }
}

/// A `<select>`; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let (id, described) = field_ids(&name, None, hint.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label hint error>
            <select
                id=id
                name=name
                class="input"
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
            >
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {options
                    .into_iter()
                    .map(|(opt, text)| {
                        view! { <option value=opt selected=move || value.with(|v| v == opt)>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </FieldFrame>
    }
}

#[component]
pub fn CheckboxField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] checked: Signal<bool>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let described = hint.is_some().then(|| hint_id.clone());
    view! {
        <div class="flex items-start gap-3">
            <input
                id=id.clone()
                name=name
                type="checkbox"
                value="true"
                class="checkbox mt-0.5"
                checked=move || checked.get()
                aria-describedby=described
            />
            <div>
                <label for=id class="text-sm font-medium text-fg">{label}</label>
                {hint.map(|h| view! { <p id=hint_id class="field-hint">{h}</p> })}
            </div>
        </div>
    }
}
