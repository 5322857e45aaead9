use leptos::prelude::*;

use super::{BundleInput, IssueList};

/// Check a bundle: the JSON box beside the live verdict.
#[component]
pub fn ValidatorPage() -> impl IntoView {
    view! {
        <h1 class="nhsuk-heading-l">"Check a genomic order bundle"</h1>
        <p class="nhsuk-body">"Every rule GOMS applies is checked here, in your browser, before anything is sent."</p>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half"><BundleInput/></div>
            <div class="nhsuk-grid-column-one-half"><IssueList/></div>
        </div>
    }
}
