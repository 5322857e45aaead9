use gom_core::compose::{TestEntry, TestKind};
use leptos::prelude::*;

use super::When;

use crate::state::{handle_add_test, handle_remove_test, AppState};

/// Adding a test that is not in the built-in list (newer, or local to the requester's trust):
/// kept with the settings in this browser and offered from then on. gom-core builds the entry;
/// the draft checks and the validator judge it like any other.
#[component]
pub fn TestAdd() -> impl IntoView {
    let state = expect_context::<AppState>();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let cancer = RwSignal::new(false);
    // The select's value as it is ("1", "2" or "3"): a `String` signal like the boxes' (a signal
    // type of its own costs its own copy of Leptos's signal code).
    let people = RwSignal::new("1".to_owned());
    let gt = RwSignal::new(String::new());
    let tp = RwSignal::new(String::new());
    let ready = move || !code.with(|c| c.trim().is_empty()) && !name.with(|n| n.trim().is_empty());
    let add = move |_| {
        if !ready() {
            return;
        }
        let kind = if cancer.get_untracked() { TestKind::Cancer } else { TestKind::RareDisease };
        let entry = TestEntry::local(
            &code.get_untracked(),
            &name.get_untracked(),
            kind,
            &gt.get_untracked(),
            &tp.get_untracked(),
            people.with_untracked(|p| p.parse().unwrap_or(1)),
        );
        handle_add_test(state, entry);
        for s in [code, name, gt, tp] {
            s.set(String::new());
        }
    };
    let text = |id: &'static str, label: &'static str, hint: Option<&'static str>, value: RwSignal<String>| {
        view! {
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for=id>{label}</label>
                {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> }.into_any())}
                <input class="nhsuk-input nhsuk-input--width-20" id=id name=id type="text" spellcheck="false"
                    aria-describedby=hint.map(|_| format!("{id}-hint"))
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let own =
        move || state.settings.with(|s| s.tests.iter().map(|t| (t.code.clone(), t.name.clone())).collect::<Vec<_>>());
    view! {
        <details class="nhsuk-details" id="gom-test-add">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Add a test that is not in the list"</span></summary>
            <div class="nhsuk-details__text">
                {text("gom-newtest-code", "Test Directory code", Some("For example, R67.2 or M215"), code)}
                {text("gom-newtest-name", "Name", None, name)}
                <div class="nhsuk-form-group">
                    <fieldset class="nhsuk-fieldset">
                        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Kind of test"</legend>
                        <div class="nhsuk-radios nhsuk-radios--inline">
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id="gom-newtest-kind" name="gom-newtest-kind" type="radio"
                                    prop:checked=move || !cancer.get() on:change=move |_| cancer.set(false)/>
                                <label class="nhsuk-label nhsuk-radios__label" for="gom-newtest-kind">"Rare disease"</label>
                            </div>
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id="gom-newtest-kind-2" name="gom-newtest-kind" type="radio"
                                    prop:checked=move || cancer.get() on:change=move |_| cancer.set(true)/>
                                <label class="nhsuk-label nhsuk-radios__label" for="gom-newtest-kind-2">"Cancer"</label>
                            </div>
                        </div>
                    </fieldset>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="gom-newtest-people">"People tested together, at most"</label>
                    <select class="nhsuk-select" id="gom-newtest-people" name="gom-newtest-people"
                        on:change=move |ev| people.set(event_target_value(&ev))>
                        <option value="1" selected=move || people.with(|p| p == "1").then(String::new)>"1 (singleton)"</option>
                        <option value="2" selected=move || people.with(|p| p == "2").then(String::new)>"2 (Duo)"</option>
                        <option value="3" selected=move || people.with(|p| p == "3").then(String::new)>"3 (Trio)"</option>
                    </select>
                </div>
                {text("gom-newtest-gt", "DGTS genomic test code (optional)", Some("GT followed by digits"), gt)}
                {text("gom-newtest-tp", "DGTS test package code (optional)", Some("TP followed by digits"), tp)}
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="gom-newtest-add"
                    aria-disabled=move || (!ready()).then(|| "true".to_owned()) on:click=add>
                    "Add the test and choose it"
                </button>
                <When when=move || !own().is_empty()>
                    <h3 class="nhsuk-heading-xs">"Tests you added"</h3>
                    <ul class="nhsuk-list" id="gom-own-tests">
                        {move || own().into_iter().map(|(c, n)| {
                            let remove = c.clone();
                            view! {
                                <li>
                                    {format!("{c} {n} ")}
                                    <button type="button" class="gom-link-button" on:click=move |_| handle_remove_test(state, &remove)>
                                        "Remove"<span class="nhsuk-u-visually-hidden">{format!(" {c}")}</span>
                                    </button>
                                </li>
                            }.into_any()
                        }).collect_view()}
                    </ul>
                </When>
            </div>
        </details>
    }
}
