use gom_core::subscribe::CriteriaForm;
use leptos::prelude::*;

use crate::state::{handle_criteria_form, AppState};

/// NHS.UK checkboxes over one list of the criteria form.
#[component]
pub fn CheckboxList(
    id: &'static str,
    legend: &'static str,
    values: Vec<&'static str>,
    get: fn(&CriteriaForm) -> &Vec<String>,
    set: fn(&mut CriteriaForm) -> &mut Vec<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="nhsuk-form-group">
            <fieldset class="nhsuk-fieldset">
                <legend class="nhsuk-fieldset__legend nhsuk-label">{legend}</legend>
                <div class="nhsuk-checkboxes nhsuk-checkboxes--small" id=id>
                    {values.into_iter().enumerate().map(|(i, v)| {
                        let box_id = format!("{id}-{i}");
                        view! {
                            <div class="nhsuk-checkboxes__item">
                                <input
                                    class="nhsuk-checkboxes__input"
                                    id=box_id.clone()
                                    name=id
                                    type="checkbox"
                                    value=v
                                    prop:checked=move || state.criteria.with(|c| get(&c.form).iter().any(|x| x == v))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        handle_criteria_form(state, move |f| {
                                            let list = set(f);
                                            list.retain(|x| x != v);
                                            if on {
                                                list.push(v.to_owned());
                                            }
                                        });
                                    }
                                />
                                <label class="nhsuk-label nhsuk-checkboxes__label" for=box_id>{v}</label>
                            </div>
                        }.into_any()
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
