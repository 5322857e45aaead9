//! Components mounted in headless Chromium (`wasm-pack test --headless --chrome portal`): each
//! test mounts a component into a fresh element with the state store in context, drives it with
//! DOM events and checks the DOM.
#![cfg(target_arch = "wasm32")]

use gom_portal::components::{DraftsPage, IssueTable, Message, TextField};
use gom_portal::form::{person_field, Who};
use gom_portal::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into, with local storage emptied so no test sees another's drafts.
fn host() -> web_sys::HtmlElement {
    let doc = document();
    if let Some(s) = window().local_storage().ok().flatten() {
        let _ = s.clear();
    }
    let el = doc.create_element("div").ok().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let el = el.unwrap_or_else(|| panic!("cannot create an element"));
    let _ = doc.body().map(|b| b.append_child(&el));
    el
}

/// Lets the reactive system run its effects.
async fn tick() {
    for _ in 0..3 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    }
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input = query(root, selector).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let input = input.unwrap_or_else(|| panic!("no input {selector}"));
    input.set_value(text);
    let ev = web_sys::Event::new("input").unwrap_or_else(|_| panic!("cannot make an event"));
    let _ = input.dispatch_event(&ev);
}

#[wasm_bindgen_test]
fn message_sets_values_as_code_and_never_as_markup() {
    let root = host();
    let text = "The value `<img src=x onerror=alert(1)>` is not allowed".to_owned();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Message text=text/> });
    let code = query(&root, "code.gom-value").map(|c| c.text_content().unwrap_or_default());
    assert_eq!(code.as_deref(), Some("<img src=x onerror=alert(1)>"));
    assert!(query(&root, "img").is_none());
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_text_field_shows_a_live_error_and_clears_it() {
    let root = host();
    let handle = leptos::mount::mount_to(root.clone(), || {
        provide_context(AppState::new());
        let field = person_field(Who::Patient, "nhsNumber", |p| &p.nhs_number, |p| &mut p.nhs_number);
        view! { <TextField field=field label="NHS number" width=10 numeric=true/> }
    });
    tick().await;
    assert!(query(&root, ".nhsuk-error-message").is_none(), "no error before typing");
    type_into(&root, "#f-patient-nhsNumber", "944 930 1019");
    tick().await;
    let msg = query(&root, "#f-patient-nhsNumber-error").map(|e| e.text_content().unwrap_or_default());
    assert!(msg.is_some_and(|m| m.contains("check digit is 8")));
    assert!(query(&root, ".nhsuk-form-group--error").is_some());
    type_into(&root, "#f-patient-nhsNumber", "944 930 1042");
    tick().await;
    assert!(query(&root, "#f-patient-nhsNumber-error").is_none());
    // Typing is written once it pauses (300 ms, state/saving.rs).
    sleep(400).await;
    let stored =
        window().local_storage().ok().flatten().and_then(|s| s.get_item("gom.open").ok().flatten()).and_then(|id| {
            window().local_storage().ok().flatten()?.get_item(&format!("gom.draft.{id}")).ok().flatten()
        });
    assert!(stored.is_some_and(|s| s.contains("944 930 1042")), "the draft is saved shortly after an edit");
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_drafts_page_starts_and_lists_drafts() {
    let root = host();
    let handle = leptos::mount::mount_to(root.clone(), || {
        provide_context(AppState::new());
        view! { <DraftsPage/> }
    });
    tick().await;
    assert!(query(&root, "#gom-no-drafts").is_some());
    if let Some(b) = query(&root, "#gom-example-draft") {
        b.click();
    }
    tick().await;
    let rows = root.query_selector_all(".gom-draft").map(|l| l.length()).unwrap_or(0);
    assert_eq!(rows, 1);
    let title = query(&root, ".gom-draft-open").map(|e| e.text_content().unwrap_or_default());
    assert_eq!(title.as_deref(), Some("Robin Example, test R98.2"));
    // Undo the navigation the button made, for the next test.
    let _ = window().history().map(|h| h.replace_state_with_url(&JsValue::NULL, "", Some("/")));
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_issue_table_lists_findings_and_follows_its_signal() {
    let root = host();
    let finding = |code: &'static str, severity| {
        let mut d = gom_core::Diagnostic::new(gom_core::rules::draft::REQUIRED, "Enter `<b>x</b>`");
        d.code = code;
        d.severity = severity;
        d
    };
    let diags = RwSignal::new(vec![finding("GOM-TEST-001", gom_core::Severity::Error)]);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new());
        view! { <IssueTable caption="Findings on this entry" hidden_caption=true diags=diags/> }
    });
    tick().await;
    let caption = query(&root, "caption");
    assert_eq!(caption.as_ref().map(|c| c.class_name()).as_deref(), Some("nhsuk-u-visually-hidden"));
    assert_eq!(caption.map(|c| c.text_content().unwrap_or_default()).as_deref(), Some("Findings on this entry"));
    let codes = |root: &web_sys::HtmlElement| {
        let rows = root.query_selector_all("tbody tr.gom-issue").ok();
        (0..rows.as_ref().map_or(0, |r| r.length()))
            .filter_map(|i| rows.as_ref()?.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-code"))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&root), ["GOM-TEST-001"]);
    assert!(query(&root, "b").is_none(), "the message is text, never markup");
    diags.update(|d| d.push(finding("GOM-TEST-002", gom_core::Severity::Warning)));
    tick().await;
    assert_eq!(codes(&root), ["GOM-TEST-001", "GOM-TEST-002"]);
    assert!(query(&root, "strong.nhsuk-tag--orange").is_some());
    drop(handle);
}
