use leptos::prelude::*;

/// The header row of an NHS.UK table: one column header (`scope="col"`) per name, so every
/// table of the portal marks up its columns the same way for screen readers.
#[component]
pub fn TableHead(cols: &'static [&'static str]) -> impl IntoView {
    view! {
        <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
                {cols.iter().map(|c| view! { <th scope="col" class="nhsuk-table__header">{*c}</th> }.into_any()).collect_view()}
            </tr>
        </thead>
    }
}
