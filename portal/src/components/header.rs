use leptos::prelude::*;

use super::When;

use super::NavLink;
use crate::state::{AppState, Route};

/// The NHS.UK header: service name and the portal's pages. No NHS.UK script: with the menu
/// toggle left out, every link stays visible and wraps on narrow screens.
#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <NavLink route=Route::Drafts class="nhsuk-header__service-logo" label="Genomic test orders: your drafts">
                        <span class="nhsuk-header__service-name">"Genomic test orders"</span>
                    </NavLink>
                </div>
            </div>
            <nav class="nhsuk-header__navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list">
                        {Route::NAV
                            .into_iter()
                            .map(|r| {
                                let current = move || state.route.get() == r;
                                view! {
                                    <li
                                        class="nhsuk-header__navigation-item"
                                        class:nhsuk-header__navigation-item--current=move || current()
                                    >
                                        <NavLink route=r class="nhsuk-header__navigation-link" current=true>
                                            <When when=current fallback=move || r.label()>
                                                <strong class="nhsuk-header__navigation-item-current-fallback">{r.label()}</strong>
                                            </When>
                                        </NavLink>
                                    </li>
                                }.into_any()
                            })
                            .collect_view()}
                    </ul>
                </div>
            </nav>
        </header>
    }
}
