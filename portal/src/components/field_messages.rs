use gom_core::{Diagnostic, Severity};
use leptos::prelude::*;

use super::When;

use super::Message;

/// The findings shown beside one field: NHS.UK error messages, then warnings. Ids
/// `{id}-error` and `{id}-warning` are what the field's `aria-describedby` names.
#[component]
pub fn FieldMessages(id: String, shown: ReadSignal<Vec<Diagnostic>>) -> impl IntoView {
    let errors = move || shown.with(|s| s.iter().filter(|d| d.severity.is_error()).cloned().collect::<Vec<_>>());
    let warnings = move || shown.with(|s| s.iter().filter(|d| !d.severity.is_error()).cloned().collect::<Vec<_>>());
    let error_id = format!("{id}-error");
    let warning_id = format!("{id}-warning");
    view! {
        <When when=move || !errors().is_empty()>
            <span class="nhsuk-error-message" id=error_id.clone()>
                {move || errors().into_iter().map(|d| view! {
                    <span class="gom-message" data-code=d.code>
                        <span class="nhsuk-u-visually-hidden">"Error: "</span><Message text=d.message/>
                    </span>
                }.into_any()).collect_view()}
            </span>
        </When>
        <When when=move || !warnings().is_empty()>
            <span class="gom-warning-message" id=warning_id.clone()>
                {move || warnings().into_iter().map(|d| {
                    let label = if d.severity == Severity::Warning { "Warning: " } else { "Note: " };
                    view! {
                        <span class="gom-message" data-code=d.code>
                            <span class="nhsuk-u-visually-hidden">{label}</span><Message text=d.message/>
                        </span>
                    }.into_any()
                }).collect_view()}
            </span>
        </When>
    }
}

/// The `aria-describedby` of a field: its hint and whichever messages are shown.
pub fn described_by(id: &str, hint: bool, shown: &[Diagnostic]) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if shown.iter().any(|d| d.severity.is_error()) {
        ids.push(format!("{id}-error"));
    }
    if shown.iter().any(|d| !d.severity.is_error()) {
        ids.push(format!("{id}-warning"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}
