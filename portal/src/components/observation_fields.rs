use gom_core::compose::systems as sys;
use gom_core::compose::Coded;
use leptos::prelude::*;

use super::{DateField, RadioField, SectionMessages, TextField};
use crate::form::{Choices, Field};
use crate::state::{dom_id, handle_edit, AppState};

const PRESENT: &str = "52101004";
const ABSENT: &str = "2667000";

fn code(i: usize, part: &'static str) -> Field {
    Field::new(
        format!("indication.observations[{i}].code.{part}"),
        move |d| {
            d.indication.observations.get(i).map(|o| {
                if part == "code" {
                    o.code.code.clone()
                } else {
                    o.code.display.clone()
                }
            })
        },
        move |d, v| {
            if let Some(o) = d.indication.observations.get_mut(i) {
                if o.code.system.is_empty() {
                    o.code.system = sys::HPO.to_owned();
                }
                if part == "code" {
                    o.code.code = v;
                } else {
                    o.code.display = v;
                }
            }
        },
    )
}

/// One observation: an HPO term, present or absent.
#[component]
pub fn ObservationFields(index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = format!("indication.observations[{index}]");
    let presence = Field::new(
        format!("{path}.value"),
        move |d| d.indication.observations.get(index).map(|o| o.value.code.clone()),
        move |d, v| {
            if let Some(o) = d.indication.observations.get_mut(index) {
                let display = if v == PRESENT { "Present" } else { "Absent" };
                o.value = Coded::new(sys::SNOMED, &v, display);
            }
        },
    );
    let effective = Field::new(
        format!("{path}.effective"),
        move |d| d.indication.observations.get(index).map(|o| o.effective.clone()),
        move |d, v| {
            if let Some(o) = d.indication.observations.get_mut(index) {
                o.effective = v;
            }
        },
    );
    let choices: Choices = vec![(PRESENT.to_owned(), "Present".to_owned()), (ABSENT.to_owned(), "Absent".to_owned())];
    view! {
        <fieldset class="nhsuk-fieldset gom-item" id=dom_id(&path) tabindex="-1">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{format!("Observation {}", index + 1)}</legend>
            <SectionMessages path=path.clone()/>
            <SectionMessages path=format!("{path}.code")/>
            <TextField field=code(index, "code") label="HPO term" hint="For example, HP:0000750" width=20/>
            <TextField field=code(index, "display") label="Description" width=30/>
            <RadioField field=presence legend="Present or absent" choices=choices inline=true/>
            <DateField field=effective legend="When observed (optional)"/>
            <button
                type="button"
                class="gom-link-button"
                on:click=move |_| handle_edit(state, "indication.observations", move |d| {
                    if index < d.indication.observations.len() {
                        d.indication.observations.remove(index);
                    }
                })
            >
                {format!("Remove observation {}", index + 1)}
            </button>
        </fieldset>
    }
}
