use leptos::prelude::*;

use super::field_messages::described_by;
use super::FieldMessages;
use crate::form::{join_date, pad_date, split_date, Field};
use crate::state::{dom_id, handle_touch, AppState, Bound};

/// The NHS.UK date input (day, month, year) over a `YYYY-MM-DD` draft field. What is typed is
/// kept as typed; leaving the boxes pads `5` to `05`.
#[component]
pub fn DateField(field: Field, legend: &'static str, #[prop(optional)] hint: Option<&'static str>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&field.path);
    let Bound { value, shown } = field.bind(state);
    let path = StoredValue::new(field.path.clone());
    let field = StoredValue::new(field);
    let has_error = move || shown.with(|s| s.iter().any(|d| d.severity.is_error()));
    let hint_text = hint.unwrap_or("For example, 15 3 1984");
    let describedby = {
        let id = id.clone();
        move || shown.with(|s| described_by(&id, true, s))
    };
    // Which part a box edits: 0 day, 1 month, 2 year.
    let part = move |i: usize| {
        value.with(|v| {
            let (y, m, d, _) = split_date(v);
            match i {
                0 => d,
                1 => m,
                _ => y,
            }
        })
    };
    let write = move |i: usize, text: String| {
        let (y, m, d, time) = value.with_untracked(|v| split_date(v));
        let joined = match i {
            0 => join_date(&y, &m, &text, &time),
            1 => join_date(&y, &text, &d, &time),
            _ => join_date(&text, &m, &d, &time),
        };
        field.with_value(|f| f.write(state, joined));
    };
    let leave = move || {
        let padded = value.with_untracked(|v| pad_date(v));
        if value.with_untracked(|v| *v != padded) {
            field.with_value(|f| f.write(state, padded));
        }
        path.with_value(|p| handle_touch(state, p));
    };
    let boxes = [("Day", 2u8, ""), ("Month", 2, "-month"), ("Year", 4, "-year")];
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || has_error()>
            <fieldset class="nhsuk-fieldset" role="group" aria-describedby=move || describedby()>
                <legend class="nhsuk-fieldset__legend nhsuk-label">{legend}</legend>
                <div class="nhsuk-hint" id=format!("{id}-hint")>{hint_text}</div>
                <FieldMessages id=id.clone() shown=shown/>
                <div class="nhsuk-date-input">
                    {boxes
                        .into_iter()
                        .enumerate()
                        .map(|(i, (label, width, suffix))| {
                            let box_id = format!("{id}{suffix}");
                            view! {
                                <div class="nhsuk-date-input__item">
                                    <div class="nhsuk-form-group">
                                        <label class="nhsuk-label nhsuk-date-input__label" for=box_id.clone()>{label}</label>
                                        <input
                                            class=format!("nhsuk-input nhsuk-input--width-{width} nhsuk-date-input__input")
                                            class:nhsuk-input--error=move || has_error()
                                            id=box_id.clone()
                                            name=box_id
                                            type="text"
                                            inputmode="numeric"
                                            autocomplete="off"
                                            prop:value=move || part(i)
                                            on:input=move |ev| write(i, event_target_value(&ev))
                                            on:blur=move |_| leave()
                                        />
                                    </div>
                                </div>
                            }.into_any()
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
