use leptos::prelude::*;

use super::{CriteriaBuilder, CriteriaEditor, CriteriaTester};

/// MNS subscription criteria: build one from a form, check it as you type, and try it on
/// sample events and on the orders you hold.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <h1 class="nhsuk-heading-l">"Notification criteria"</h1>
        <p class="nhsuk-body">
            "GOMS announces changes to orders as "<code class="gom-value">"genomic-order-event-1"</code>
            " events through MNS. A subscription says which events it wants with criteria; build one here and see what it would receive."
        </p>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half"><CriteriaBuilder/></div>
            <div class="nhsuk-grid-column-one-half"><CriteriaEditor/></div>
        </div>
        <CriteriaTester/>
    }
}
