use leptos::prelude::*;

/// An NHS.UK tag for a workflow status: grey before work, blue when taken on, green when done,
/// red when it ended badly, yellow when paused.
#[component]
pub fn StatusTag(status: String) -> impl IntoView {
    let colour = match status.as_str() {
        "completed" | "final" | "amended" | "corrected" | "available" => "green",
        "received" | "accepted" | "ready" | "active" => "blue",
        "in-progress" | "preliminary" | "partial" | "registered" => "aqua-green",
        "on-hold" => "yellow",
        "rejected" | "failed" | "cancelled" | "revoked" | "entered-in-error" | "unsatisfactory" => "red",
        _ => "grey",
    };
    let data = status.clone();
    view! { <strong class=format!("nhsuk-tag nhsuk-tag--{colour} gom-status") data-status=data>{status}</strong> }
}
