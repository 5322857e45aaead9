use leptos::prelude::*;

use super::field_messages::described_by;
use super::FieldMessages;
use crate::form::{Choices, Field};
use crate::state::{dom_id, handle_touch, AppState, Bound};

/// NHS.UK radios bound to one draft field; the first radio carries the field's id, so an error
/// summary link lands on it.
#[component]
pub fn RadioField(
    field: Field,
    legend: &'static str,
    choices: Choices,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&field.path);
    let Bound { value, shown } = field.bind(state);
    let path = StoredValue::new(field.path.clone());
    let field = StoredValue::new(field);
    let has_error = move || shown.with(|s| s.iter().any(|d| d.severity.is_error()));
    let describedby = {
        let id = id.clone();
        move || shown.with(|s| described_by(&id, hint.is_some(), s))
    };
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(i, (code, text))| {
            let radio_id = if i == 0 { id.clone() } else { format!("{id}-{}", i + 1) };
            let checked_code = code.clone();
            let write_code = code.clone();
            view! {
                <div class="nhsuk-radios__item">
                    <input
                        class="nhsuk-radios__input"
                        id=radio_id.clone()
                        name=id.clone()
                        type="radio"
                        value=code
                        prop:checked=move || value.with(|v| *v == checked_code)
                        on:change=move |_| {
                            field.with_value(|f| f.write(state, write_code.clone()));
                            path.with_value(|p| handle_touch(state, p));
                        }
                    />
                    <label class="nhsuk-label nhsuk-radios__label" for=radio_id>{text}</label>
                </div>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || has_error()>
            <fieldset class="nhsuk-fieldset" aria-describedby=move || describedby()>
                <legend class="nhsuk-fieldset__legend nhsuk-label">{legend}</legend>
                {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> }.into_any())}
                <FieldMessages id=id.clone() shown=shown/>
                <div class=if inline { "nhsuk-radios nhsuk-radios--inline" } else { "nhsuk-radios" }>{radios}</div>
            </fieldset>
        </div>
    }
}
