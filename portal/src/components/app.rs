use leptos::prelude::*;

use super::{
    ComposePage, DraftsPage, Footer, GraphPage, Header, JsonPage, NotFoundPage, NotificationsPage, ReportsPage,
    StorageWarning, SubmitPage, TrackPage,
};
use crate::state::{handle_popstate, handle_title, AppState, Route};

/// The whole portal: header with navigation, the page of the current route, footer.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let popstate = window_event_listener(leptos::ev::popstate, move |_| handle_popstate(state));
    on_cleanup(move || popstate.remove());
    Effect::new(move |prev: Option<()>| handle_title(state.route.get(), prev.is_none()));
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
        <Header/>
        <div class="nhsuk-width-container">
            <StorageWarning/>
            <main class="nhsuk-main-wrapper" id="maincontent" role="main">
                {move || match state.route.get() {
                    Route::Drafts => view! { <DraftsPage/> }.into_any(),
                    Route::Compose => view! { <ComposePage/> }.into_any(),
                    Route::Json => view! { <JsonPage/> }.into_any(),
                    Route::Graph => view! { <GraphPage/> }.into_any(),
                    Route::Submit => view! { <SubmitPage/> }.into_any(),
                    Route::Track => view! { <TrackPage/> }.into_any(),
                    Route::Reports => view! { <ReportsPage/> }.into_any(),
                    Route::Notifications => view! { <NotificationsPage/> }.into_any(),
                    _ => view! { <NotFoundPage/> }.into_any(),
                }}
            </main>
        </div>
        <Footer/>
    }
}
