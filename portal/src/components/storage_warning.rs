use leptos::prelude::*;

use super::When;

use crate::state::AppState;

/// Warns when the browser refused to save: what is on screen is then all there is.
#[component]
pub fn StorageWarning() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <When when=move || !state.storage_ok.get()>
            <div class="nhsuk-warning-callout" id="gom-storage-warning">
                <h2 class="nhsuk-warning-callout__label">
                    <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Not saved"</span>
                </h2>
                <p>"This browser refused to save your work (storage may be full or turned off). Download the JSON before closing this page."</p>
            </div>
        </When>
    }
}
