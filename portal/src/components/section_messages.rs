use leptos::prelude::*;

use super::FieldMessages;
use crate::state::{bind, dom_id, AppState};

/// Findings about a section as a whole (`specimens`, `participants[0]`, `order`), shown at its top.
#[component]
pub fn SectionMessages(path: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = format!("{}-section", dom_id(&path));
    let shown = bind(state, &path, None).shown;
    view! {
        <div id=id.clone() tabindex="-1" class="gom-section-messages" class:nhsuk-form-group--error=move || shown.with(|s| s.iter().any(|d| d.severity.is_error()))>
            <FieldMessages id=id.clone() shown=shown/>
        </div>
    }
}
