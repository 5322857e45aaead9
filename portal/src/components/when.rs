use std::sync::Arc;

use leptos::prelude::*;

/// Leptos's `Show`, compiled once: `Show` is generic over its condition's closure type, so each
/// of its ~20 uses instantiated a memo, a renderer and an `Either` of its own. Here the
/// condition is boxed ([`Cond`]) and the children type-erased, so only the boxing is per use.
/// Same behaviour: the condition is memoised, and the children are rebuilt only when it flips.
#[component]
pub fn When(
    /// Whether to show the children.
    #[prop(into)]
    when: Cond,
    children: ChildrenFn,
    /// What to show otherwise (nothing by default).
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView {
    let on = Memo::new(move |_| (when.0)());
    move || if on.get() { children() } else { fallback.run() }
}

/// A boxed condition for [`When`]; any `Fn() -> bool` converts into one.
pub struct Cond(Arc<dyn Fn() -> bool + Send + Sync>);

impl<F: Fn() -> bool + Send + Sync + 'static> From<F> for Cond {
    fn from(f: F) -> Cond {
        Cond(Arc::new(f))
    }
}
