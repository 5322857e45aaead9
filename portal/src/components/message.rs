use leptos::prelude::*;

/// A finding's message, with its `backticked` values set as code. Text only: a value from the
/// document can never become markup.
#[component]
pub fn Message(text: String) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_owned();
            if i % 2 == 1 {
                view! { <code class="gom-value">{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
