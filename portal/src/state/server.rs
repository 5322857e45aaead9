//! Talking to the FHIR server: one place that adds the headers and the optional bearer token,
//! and turns network failures into text the page can show.

use gloo_net::http::{Request, RequestBuilder};

use super::AppState;
use leptos::prelude::*;

/// A response as the page needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub status: u16,
    pub body: String,
}

fn with_headers(state: AppState, req: RequestBuilder) -> RequestBuilder {
    let token = state.token.get_untracked();
    let req = req.header("Accept", "application/fhir+json");
    if token.trim().is_empty() {
        req
    } else {
        req.header("Authorization", &format!("Bearer {}", token.trim()))
    }
}

/// `GET base/tail`.
pub async fn get(state: AppState, tail: &str) -> Result<Fetched, String> {
    let url = state.settings.with_untracked(|s| s.url(tail));
    let resp = with_headers(state, Request::get(&url)).send().await.map_err(explain)?;
    let status = resp.status();
    let body = resp.text().await.unwrap_or_default();
    Ok(Fetched { status, body })
}

/// `POST base` with a FHIR JSON body (a transaction).
pub async fn post_transaction(state: AppState, body: String) -> Result<Fetched, String> {
    let url = state.settings.with_untracked(|s| s.base());
    let req = with_headers(state, Request::post(&url)).header("Content-Type", "application/fhir+json");
    let resp = req.body(body).map_err(explain)?.send().await.map_err(explain)?;
    let status = resp.status();
    let body = resp.text().await.unwrap_or_default();
    Ok(Fetched { status, body })
}

/// The browser's own words (`TypeError: Failed to fetch`), as the error's `Display` gives them, but
/// read field by field: its `Display` also covers serde_json's errors (server_fn turns gloo-net's
/// `json` feature on; the portal never parses through gloo), and formatting one links every
/// serde_json and `std::io` error message into the page (about 2 KB gzip).
fn explain(e: gloo_net::Error) -> String {
    let why = match e {
        gloo_net::Error::JsError(js) if js.message.is_empty() => js.name,
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(text) => text,
        _ => "no answer".to_owned(),
    };
    format!("The server could not be reached ({why}). Check the FHIR base URL and your connection.")
}
