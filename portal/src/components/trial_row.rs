use gom_core::subscribe::Trial;
use leptos::prelude::*;

use super::cell;

/// One resource tried.
#[component]
pub fn TrialRow(trial: Trial) -> impl IntoView {
    let attrs = trial.attributes.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
    view! {
        <tr class="nhsuk-table__row gom-trial" data-matched=trial.matched.to_string()>
            {cell("nhsuk-table__cell", trial.label.clone())}
            <td class="nhsuk-table__cell">
                {if trial.matched {
                    view! { <strong class="nhsuk-tag nhsuk-tag--green">"Yes"</strong> }
                } else {
                    view! { <strong class="nhsuk-tag nhsuk-tag--grey">"No"</strong> }
                }}
            </td>
            <td class="nhsuk-table__cell"><code class="gom-value">{attrs}</code></td>
        </tr>
    }
}
