use gom_core::criteria::goms;
use gom_core::subscribe::CriteriaForm;
use leptos::prelude::*;

use super::When;

use super::{criteria_text, CheckboxList};
use crate::state::{handle_criteria_form, AppState};

/// The criteria as a form: resource type, statuses, and for Tasks business status, code and
/// owner; requester and performer for every type.
#[component]
pub fn CriteriaBuilder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ty = criteria_text(state, |c| &c.form.resource_type);
    let statuses = move || {
        let t = ty.get();
        goms::status_filter(&t).and_then(goms::filter).map(|f| f.values.to_vec()).unwrap_or_default()
    };
    let orgs = move |get: fn(&CriteriaForm) -> &Vec<String>| move || state.criteria.with(|c| get(&c.form).join(", "));
    let set_orgs = move |set: fn(&mut CriteriaForm) -> &mut Vec<String>, text: String| {
        handle_criteria_form(state, move |f| {
            *set(f) = text.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        })
    };
    view! {
        <h2 class="nhsuk-heading-m">"Build"</h2>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="gom-crit-type">"Resource type"</label>
            <select class="nhsuk-select" id="gom-crit-type" name="gom-crit-type" on:change=move |ev| {
                let v = event_target_value(&ev);
                handle_criteria_form(state, move |f| {
                    f.resource_type = v;
                    f.statuses.clear();
                });
            }>
                <option value="" selected=move || (ty.get().is_empty()).then(String::new)>"Any"</option>
                {goms::RESOURCE_TYPES.iter().map(|t| view! {
                    <option value=*t selected=move || (ty.get() == *t).then(String::new)>{*t}</option>
                }.into_any()).collect_view()}
            </select>
        </div>
        {move || {
            let values = statuses();
            if values.is_empty() {
                return ().into_any();
            }
            view! {
                <CheckboxList
                    id="gom-crit-status"
                    legend="Statuses"
                    values=values
                    get=|f| &f.statuses
                    set=|f| &mut f.statuses
                />
            }
            .into_any()
        }}
        <When when=move || ty.get() == "Task">
            <details class="nhsuk-details">
                <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Business statuses and Task codes"</span></summary>
                <div class="nhsuk-details__text">
                    <CheckboxList id="gom-crit-business" legend="Business statuses" values=goms::BUSINESS_STATUSES.to_vec() get=|f| &f.business_statuses set=|f| &mut f.business_statuses/>
                    <CheckboxList id="gom-crit-code" legend="Task codes" values=goms::TASK_CODES.to_vec() get=|f| &f.task_codes set=|f| &mut f.task_codes/>
                </div>
            </details>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="gom-crit-owner">"Owner (ODS codes)"</label>
                <div class="nhsuk-hint" id="gom-crit-owner-hint">"The organisations whose Tasks to hear about, separated by commas"</div>
                <input class="nhsuk-input nhsuk-input--width-20" id="gom-crit-owner" name="gom-crit-owner" type="text" spellcheck="false"
                    aria-describedby="gom-crit-owner-hint"
                    prop:value=orgs(|f| &f.owners) on:change=move |ev| set_orgs(|f| &mut f.owners, event_target_value(&ev))/>
            </div>
        </When>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="gom-crit-requester">"Requester (ODS codes)"</label>
            <input class="nhsuk-input nhsuk-input--width-20" id="gom-crit-requester" name="gom-crit-requester" type="text" spellcheck="false"
                prop:value=orgs(|f| &f.requesters) on:change=move |ev| set_orgs(|f| &mut f.requesters, event_target_value(&ev))/>
        </div>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="gom-crit-performer">"Performer (ODS codes)"</label>
            <input class="nhsuk-input nhsuk-input--width-20" id="gom-crit-performer" name="gom-crit-performer" type="text" spellcheck="false"
                prop:value=orgs(|f| &f.performers) on:change=move |ev| set_orgs(|f| &mut f.performers, event_target_value(&ev))/>
        </div>
    }
}
