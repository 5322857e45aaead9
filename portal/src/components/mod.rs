//! One component per file, named after it.
//!
//! A reactive value in `view!` is written as a closure literal (`{move || title()}`,
//! `class:x=move || has_error()`), never as the name of one: with `erase_components`, Leptos
//! wraps a literal closure in one shared type per output type, while a named closure gets the
//! renderer instantiated for its own type (about 1.4 KB gzip of Wasm over the portal).
//!
//! For the same reason views and reactive values keep to a few types (November 2026, portal
//! transfer about 8 KB gzip in all): the items of a list and an optional part are `AnyView`
//! (`.into_any()` inside the `map` or `then`), not a `Vec` or `Option` of one element type each;
//! reactive text is an owned `String`, empty where nothing is shown (not `&str` or
//! `Option<String>`); a reactive attribute value is an `Option<String>` (`None` removes the
//! attribute), booleans too (`disabled`, `selected`: `Some(String::new())` or `None`, as `true`
//! or `false` would); a reactive optional view is an `AnyView` (`().into_any()` for nothing).
//!
//! Repeated structures with dynamic parts (summary rows, table cells, error summaries) are built
//! by the functions at the end of this file, so their element code is compiled once. A wholly
//! static subtree needs none: Leptos compiles it to one HTML string, and moving it into a
//! function made the page larger (a warning-callout helper: +363 B gzip, November 2026).

#![allow(clippy::redundant_closure, reason = "closure literals in view! share Leptos's renderer code (see above)")]

use leptos::prelude::*;

mod app;
mod bundle_input;
mod checkbox_list;
mod compose_page;
mod compose_sections;
mod compose_task_list;
mod condition_fields;
mod consent_fields;
mod criteria_builder;
mod criteria_editor;
mod criteria_tester;
mod date_field;
mod draft_row;
mod drafts_page;
mod field_messages;
mod footer;
mod form_error_summary;
mod graph_links;
mod graph_node_details;
mod graph_node_table;
mod graph_page;
mod header;
mod indication_section;
mod issue_link;
mod issue_list;
mod issue_row;
mod issue_table;
mod json_page;
mod message;
mod nav_link;
mod not_found_page;
mod notifications_page;
mod observation_fields;
mod order_picker;
mod participant_fields;
mod participant_list;
mod patient_banner;
mod performer_section;
mod person_fields;
mod radio_field;
mod report_attachment;
mod report_doc;
mod reports_page;
mod requester_section;
mod section_messages;
mod select_field;
mod server_settings;
mod specimen_fields;
mod specimen_list;
mod status_tag;
mod storage_warning;
mod submit_page;
mod submit_result;
mod table_head;
mod task_card;
mod test_add;
mod test_section;
mod text_field;
mod track_page;
mod trial_row;
mod variants_table;
mod when;

pub use app::App;
pub use bundle_input::BundleInput;
pub use checkbox_list::CheckboxList;
pub use compose_page::ComposePage;
pub use compose_task_list::ComposeTaskList;
pub use condition_fields::ConditionFields;
pub use consent_fields::ConsentFields;
pub use criteria_builder::CriteriaBuilder;
pub use criteria_editor::CriteriaEditor;
pub use criteria_tester::CriteriaTester;
pub use date_field::DateField;
pub use draft_row::DraftRow;
pub use drafts_page::DraftsPage;
pub use field_messages::FieldMessages;
pub use footer::Footer;
pub use form_error_summary::{focus_field, FormErrorSummary};
pub use graph_links::GraphLinks;
pub use graph_node_details::GraphNodeDetails;
pub use graph_node_table::GraphNodeTable;
pub use graph_page::{GraphPage, GraphSelection};
pub use header::Header;
pub use indication_section::IndicationSection;
pub use issue_link::IssueLink;
pub use issue_list::IssueList;
pub use issue_row::IssueRow;
pub use issue_table::IssueTable;
pub use json_page::JsonPage;
pub use message::Message;
pub use nav_link::NavLink;
pub use not_found_page::NotFoundPage;
pub use notifications_page::NotificationsPage;
pub use observation_fields::ObservationFields;
pub use order_picker::OrderPicker;
pub use participant_fields::ParticipantFields;
pub use participant_list::ParticipantList;
pub use patient_banner::PatientBanner;
pub use performer_section::PerformerSection;
pub use person_fields::PersonFields;
pub use radio_field::RadioField;
pub use report_attachment::ReportAttachment;
pub use report_doc::ReportDoc;
pub use reports_page::ReportsPage;
pub use requester_section::RequesterSection;
pub use section_messages::SectionMessages;
pub use select_field::SelectField;
pub use server_settings::ServerSettings;
pub use specimen_fields::SpecimenFields;
pub use specimen_list::SpecimenList;
pub use status_tag::StatusTag;
pub use storage_warning::StorageWarning;
pub use submit_page::SubmitPage;
pub use submit_result::SubmitResult;
pub use table_head::TableHead;
pub use task_card::TaskCard;
pub use test_add::TestAdd;
pub use test_section::TestSection;
pub use text_field::TextField;
pub use track_page::TrackPage;
pub use trial_row::TrialRow;
pub use variants_table::VariantsTable;
pub use when::When;

/// How many items a list of the draft has, memoised, so the list is redrawn only when that
/// changes. One function for every list: a memo's closure type is compiled into Leptos's memo
/// code once per type, and a `fn` pointer makes them all one.
pub(crate) fn draft_count(
    state: crate::state::AppState,
    who: crate::form::Who,
    len: fn(&gom_core::compose::Draft, crate::form::Who) -> usize,
) -> Memo<usize> {
    Memo::new(move |_| state.draft.with(|r| len(&r.form, who)))
}

/// A text of the notifications page's state, memoised (one memo type for all, as above).
pub(crate) fn criteria_text(
    state: crate::state::AppState,
    get: fn(&crate::state::CriteriaState) -> &String,
) -> Memo<String> {
    Memo::new(move |_| state.criteria.with(|c| get(c).clone()))
}

/// A row of an NHS.UK summary list. A function rather than the same `view!` at each use: the
/// code that builds an element (its attributes boxed one by one) is compiled at every place a
/// `view!` names it, once here.
pub fn summary_row(key: &'static str, value: AnyView) -> AnyView {
    view! {
        <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">{key}</dt>
            <dd class="nhsuk-summary-list__value">{value}</dd>
        </div>
    }
    .into_any()
}

/// A cell of an NHS.UK table holding text (one copy of its code, as [`summary_row`]).
pub fn cell(class: &'static str, text: String) -> AnyView {
    view! { <td class=class>{text}</td> }.into_any()
}

/// An NHS.UK error summary: its heading and body, labelled by the heading (one copy of its code,
/// as [`summary_row`]). `focusable`: it can take the focus (`tabindex="-1"`), to be moved to.
pub fn error_summary(
    id: &'static str,
    heading_id: &'static str,
    focusable: bool,
    heading: AnyView,
    body: AnyView,
) -> AnyView {
    view! {
        <div class="nhsuk-error-summary" id=id tabindex=focusable.then_some("-1") aria-labelledby=heading_id>
            <h2 class="nhsuk-error-summary__heading" id=heading_id>{heading}</h2>
            <div class="nhsuk-error-summary__body">{body}</div>
        </div>
    }
    .into_any()
}
