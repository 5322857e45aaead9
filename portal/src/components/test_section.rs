use gom_core::compose::systems::PRIORITIES;
use gom_core::compose::TestKind;
use leptos::prelude::*;

use super::{RadioField, SectionMessages, SelectField, TestAdd, TextField};
use crate::form::{plain_choices, Choices, Field};
use crate::state::AppState;

fn text(
    path: &'static str,
    get: fn(&gom_core::compose::Draft) -> &String,
    set: fn(&mut gom_core::compose::Draft) -> &mut String,
) -> Field {
    Field::new(path, move |d| Some(get(d).clone()), move |d, v| *set(d) = v)
}

/// The test (from the built-in catalogue), the reason for testing, priority and the order's own
/// number and note.
#[component]
pub fn TestSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let kind =
        Memo::new(move |_| state.draft.with(|r| state.catalogue.with(|c| c.test(&r.form.test.code).map(|t| t.kind))));
    // Redrawn only when the catalogue changes (a test added or removed).
    let tests = move || {
        let choices: Choices = state
            .catalogue
            .with(|c| c.tests.iter().map(|t| (t.code.clone(), format!("{} {}", t.code, t.name))).collect());
        view! {
            <SelectField
                field=Field::new("test.code", |d| Some(d.test.code.clone()), |d, v| d.test.code = v)
                label="Test"
                choices=choices
                hint="From the National Genomic Test Directory"
            />
        }
    };
    let reasons = move || {
        let table = kind.get().unwrap_or(TestKind::RareDisease).reasons();
        let choices: Choices = table.iter().map(|(c, d)| ((*c).to_owned(), (*d).to_owned())).collect();
        view! {
            <SelectField
                field=text("reason", |d| &d.reason, |d| &mut d.reason)
                label="Reason for testing"
                choices=choices
                hint="The choices follow the kind of test: rare disease or cancer"
            />
        }
    };
    view! {
        <SectionMessages path="order".to_owned()/>
        {move || tests()}
        <TestAdd/>
        {move || reasons()}
        <RadioField field=text("priority", |d| &d.priority, |d| &mut d.priority) legend="Priority" choices=plain_choices(PRIORITIES) inline=true/>
        <TextField
            field=text("localOrderId", |d| &d.local_order_id, |d| &mut d.local_order_id)
            label="Your order number (optional)"
            hint="The requesting system's own number for this order"
            width=20
        />
        <TextField
            field=text("note", |d| &d.note, |d| &mut d.note)
            label="Note for the laboratory (optional)"
            hint="Family history, phenotype details, anything not coded"
            multiline=true
        />
    }
}
