use gom_core::{Diagnostic, Severity};
use leptos::prelude::*;

use super::IssueLink;

/// One finding of the validator: severity tag, position and FHIRPath, message and help.
#[component]
pub fn IssueRow(diag: Diagnostic) -> impl IntoView {
    let tag = match diag.severity {
        Severity::Fatal | Severity::Error => "nhsuk-tag nhsuk-tag--red",
        Severity::Warning => "nhsuk-tag nhsuk-tag--orange",
        Severity::Information => "nhsuk-tag nhsuk-tag--blue",
    };
    let where_ = format!("{}:{}", diag.line.unwrap_or(1), diag.column.unwrap_or(1));
    let expr = diag.expression.clone().unwrap_or_default();
    let help = diag.help.to_string();
    let code = diag.code;
    view! {
        <tr class="nhsuk-table__row gom-issue" data-code=code>
            <td class="nhsuk-table__cell"><strong class=tag>{diag.severity.as_str()}</strong></td>
            <td class="nhsuk-table__cell"><span class="gom-pos">{where_}</span><br/><code class="gom-expr">{expr}</code></td>
            <td class="nhsuk-table__cell">
                <IssueLink diag=diag/>
                <p class="nhsuk-body-s gom-help">{help}" "<span class="gom-code">{code}</span></p>
            </td>
        </tr>
    }
}
