use leptos::prelude::*;

use super::field_messages::described_by;
use super::FieldMessages;
use crate::form::Field;
use crate::state::{dom_id, handle_touch, AppState, Bound};

/// An NHS.UK text input (or textarea) bound to one draft field, with its findings beside it.
#[component]
pub fn TextField(
    field: Field,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// NHS.UK fixed width in characters (2, 3, 4, 5, 10, 20 or 30).
    #[prop(optional)]
    width: Option<u8>,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&field.path);
    let Bound { value, shown } = field.bind(state);
    let path = StoredValue::new(field.path.clone());
    let has_error = move || shown.with(|s| s.iter().any(|d| d.severity.is_error()));
    let describedby = {
        let id = id.clone();
        move || shown.with(|s| described_by(&id, hint.is_some(), s))
    };
    let on_input = {
        let field = field.clone();
        move |ev: web_sys::Event| field.write(state, event_target_value(&ev))
    };
    let on_blur = move |_| path.with_value(|p| handle_touch(state, p));
    let class = match width {
        Some(w) => format!("nhsuk-input nhsuk-input--width-{w}"),
        None => "nhsuk-input".to_owned(),
    };
    let control = if multiline {
        view! {
            <textarea
                class="nhsuk-textarea"
                class:nhsuk-textarea--error=move || has_error()
                id=id.clone()
                name=id.clone()
                rows="4"
                aria-describedby=move || describedby()
                prop:value=move || value.get()
                on:input=on_input
                on:blur=on_blur
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class=class
                class:nhsuk-input--error=move || has_error()
                id=id.clone()
                name=id.clone()
                type="text"
                spellcheck="false"
                inputmode=numeric.then_some("numeric")
                autocomplete=autocomplete.unwrap_or("off")
                aria-describedby=move || describedby()
                prop:value=move || value.get()
                on:input=on_input
                on:blur=on_blur
            />
        }
        .into_any()
    };
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || has_error()>
            <label class="nhsuk-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> }.into_any())}
            <FieldMessages id=id.clone() shown=shown/>
            {control}
        </div>
    }
}
