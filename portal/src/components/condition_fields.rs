use gom_core::compose::systems as sys;
use leptos::prelude::*;

use super::{SectionMessages, SelectField, TextField};
use crate::form::{Choices, Field};
use crate::state::{dom_id, handle_edit, AppState};

fn coded(i: usize, part: &'static str) -> Field {
    Field::new(
        format!("indication.conditions[{i}].code.{part}"),
        move |d| {
            d.indication.conditions.get(i).map(|c| match part {
                "system" => c.code.system.clone(),
                "code" => c.code.code.clone(),
                _ => c.code.display.clone(),
            })
        },
        move |d, v| {
            if let Some(c) = d.indication.conditions.get_mut(i) {
                match part {
                    "system" => c.code.system = v,
                    "code" => c.code.code = v,
                    _ => c.code.display = v,
                }
            }
        },
    )
}

/// One coded condition.
#[component]
pub fn ConditionFields(index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = format!("indication.conditions[{index}]");
    let systems: Choices = vec![
        (sys::DGTS.to_owned(), "Test Directory clinical indication (DGTS)".to_owned()),
        (sys::SNOMED.to_owned(), "SNOMED CT".to_owned()),
        (sys::HPO.to_owned(), "Human Phenotype Ontology".to_owned()),
    ];
    view! {
        <fieldset class="nhsuk-fieldset gom-item" id=dom_id(&path) tabindex="-1">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                {if index == 0 { "Main condition".to_owned() } else { format!("Condition {}", index + 1) }}
            </legend>
            <SectionMessages path=path.clone()/>
            <SectionMessages path=format!("{path}.code")/>
            <SelectField field=coded(index, "system") label="Code system" choices=systems/>
            <TextField field=coded(index, "code") label="Code" width=20/>
            <TextField field=coded(index, "display") label="Description" width=30/>
            <button
                type="button"
                class="gom-link-button"
                on:click=move |_| handle_edit(state, "indication.conditions", move |d| {
                    if index < d.indication.conditions.len() {
                        d.indication.conditions.remove(index);
                    }
                })
            >
                {format!("Remove condition {}", index + 1)}
            </button>
        </fieldset>
    }
}
