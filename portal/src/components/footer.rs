use leptos::prelude::*;

use crate::state::AppState;

/// The footer: version, and how long the last check of the open draft took.
#[component]
pub fn Footer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let timing = move || {
        state.checked.track();
        tenths(state.check_ms.get_value())
    };
    view! {
        <footer role="contentinfo" class="nhsuk-footer">
            <div class="nhsuk-width-container">
                <p class="nhsuk-body-s">
                    {format!("gom {} · every check runs in this page. ", gom_core::version())}
                    "Last check: "<span id="gom-check-ms">{move || timing()}</span>" ms."
                </p>
            </div>
        </footer>
    }
}

/// `12.34` → `"12.3"`: one decimal without the float formatter (a few KB of Wasm).
fn tenths(ms: f64) -> String {
    let t = (ms.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenths_round_to_one_decimal() {
        for (ms, want) in [(0.0, "0.0"), (12.34, "12.3"), (4.96, "5.0"), (-1.0, "0.0"), (f64::NAN, "0.0")] {
            assert_eq!(super::tenths(ms), want);
        }
    }
}
