use leptos::prelude::*;

use super::NavLink;
use crate::state::Route;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 class="nhsuk-heading-l">"Page not found"</h1>
        <p class="nhsuk-body">"If you typed the web address, check it is correct."</p>
        <p class="nhsuk-body"><NavLink route=Route::Drafts>"Go to your draft orders"</NavLink></p>
    }
}
