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

fn explain(e: gloo_net::Error) -> String {
    format!("The server could not be reached ({e}). Check the FHIR base URL and your connection.")
}
