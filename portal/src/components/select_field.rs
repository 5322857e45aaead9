use leptos::prelude::*;

use super::field_messages::described_by;
use super::FieldMessages;
use crate::form::{Choices, Field};
use crate::state::{dom_id, handle_touch, AppState, Bound};

/// An NHS.UK select bound to one draft field. A value not among the choices (from an import)
/// is kept and shown as it is.
#[component]
pub fn SelectField(
    field: Field,
    label: &'static str,
    choices: Choices,
    #[prop(optional)] hint: Option<&'static str>,
    /// The label of the empty choice.
    #[prop(default = "Choose")]
    placeholder: &'static str,
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
    let known = choices.clone();
    let options = move || {
        let v = value.get();
        let mut list = vec![(String::new(), placeholder.to_owned())];
        list.extend(known.iter().cloned());
        if !v.is_empty() && !list.iter().any(|(c, _)| *c == v) {
            list.push((v.clone(), format!("{v} (not in the list)")));
        }
        list.into_iter()
            .map(|(code, text)| {
                let selected = code == v;
                view! { <option value=code selected=selected>{text}</option> }.into_any()
            })
            .collect_view()
    };
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || has_error()>
            <label class="nhsuk-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> }.into_any())}
            <FieldMessages id=id.clone() shown=shown/>
            <select
                class="nhsuk-select"
                class:nhsuk-select--error=move || has_error()
                id=id.clone()
                name=id.clone()
                aria-describedby=move || describedby()
                on:change=move |ev| {
                    field.write(state, event_target_value(&ev));
                    path.with_value(|p| handle_touch(state, p));
                }
            >
                {move || options()}
            </select>
        </div>
    }
}
