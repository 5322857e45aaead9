use leptos::prelude::*;

/// The NHS.UK header with the service name.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-logo" href="/" aria-label="gom: genomic test orders homepage">
                        <span class="nhsuk-header__service-name">"Genomic test orders"</span>
                    </a>
                </div>
            </div>
        </header>
    }
}
