use leptos::prelude::*;

use super::{SectionMessages, TextField};
use crate::form::Field;

/// The genomic laboratory asked to perform the test.
#[component]
pub fn PerformerSection() -> impl IntoView {
    view! {
        <SectionMessages path="performer".to_owned()/>
        <TextField
            field=Field::new("performer.ods", |d| Some(d.performer.ods.clone()), |d, v| d.performer.ods = v)
            label="ODS code of the laboratory"
            hint="For example, R0A"
            width=10
        />
        <TextField
            field=Field::new("performer.name", |d| Some(d.performer.name.clone()), |d, v| d.performer.name = v)
            label="Laboratory name (optional)"
            width=30
        />
    }
}
