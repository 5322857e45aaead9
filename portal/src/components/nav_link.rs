use leptos::prelude::*;

use crate::state::{handle_navigate, AppState, Route};

/// A link to a page of the portal: a real `href` (so it can be opened in a new tab), followed in
/// the page on a plain click. With `current`, it carries `aria-current="page"` on its own page.
#[component]
pub fn NavLink(
    route: Route,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] current: bool,
    /// An accessible name, when the link's text is not one.
    #[prop(optional)]
    label: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Owned, like the other reactive attributes' values: each value type costs its own copy of
    // Leptos's render-effect code.
    let aria_current = move || (current && state.route.get() == route).then(|| "page".to_owned());
    view! {
        <a
            class=class
            href=route.path()
            aria-label=label
            aria-current=move || aria_current()
            on:click=move |ev: web_sys::MouseEvent| {
                if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
                    ev.prevent_default();
                    handle_navigate(state, route);
                }
            }
        >
            {children()}
        </a>
    }
}
