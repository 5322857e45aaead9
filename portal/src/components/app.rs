use leptos::prelude::*;

use super::{Header, ValidatorPage};
use crate::state::AppState;

/// The whole portal: header, then the page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
        <Header/>
        <div class="nhsuk-width-container">
            <main class="nhsuk-main-wrapper" id="maincontent" role="main">
                <ValidatorPage/>
            </main>
        </div>
        <footer role="contentinfo" class="nhsuk-footer">
            <div class="nhsuk-width-container">
                <p class="nhsuk-body-s">{format!("gom {} · every check runs in this page; nothing is sent anywhere.", gom_core::version())}</p>
            </div>
        </footer>
    }
}
