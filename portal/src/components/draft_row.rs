use leptos::prelude::*;

use super::cell;

use super::When;

use crate::state::{handle_delete_draft, handle_open_draft, AppState, DraftMeta, Route};
use crate::time::local_time;

/// One draft in the list: open it in the form or as JSON, or delete it (asking once more).
#[component]
pub fn DraftRow(meta: DraftMeta) -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(meta.id.clone());
    let is_open = move || state.draft.with(|r| r.id == id.get_value());
    let title = meta.title.clone();
    let title2 = meta.title.clone();
    view! {
        <tr class="nhsuk-table__row gom-draft" data-id=meta.id.clone()>
            <td class="nhsuk-table__cell">
                <a
                    href="/compose"
                    class="gom-draft-open"
                    on:click=move |ev| {
                        ev.prevent_default();
                        handle_open_draft(state, &id.get_value(), Route::Compose);
                    }
                >
                    {title}
                </a>
                <When when=is_open>
                    " "<span class="nhsuk-body-s gom-open-mark">"(open)"</span>
                </When>
            </td>
            {cell("nhsuk-table__cell", local_time(&meta.updated))}
            <td class="nhsuk-table__cell">
                {if meta.submitted {
                    view! { <strong class="nhsuk-tag nhsuk-tag--green">"Submitted"</strong> }
                } else {
                    view! { <strong class="nhsuk-tag nhsuk-tag--grey">"Draft"</strong> }
                }}
            </td>
            <td class="nhsuk-table__cell">
                <When
                    when=move || confirming.get()
                    fallback=move || view! {
                        <a
                            href="/json"
                            on:click=move |ev| {
                                ev.prevent_default();
                                handle_open_draft(state, &id.get_value(), Route::Json);
                            }
                        >
                            "JSON"<span class="nhsuk-u-visually-hidden">{format!(" of {}", title2.clone())}</span>
                        </a>
                        " · "
                        <button type="button" class="gom-link-button gom-draft-delete" on:click=move |_| confirming.set(true)>
                            "Delete"<span class="nhsuk-u-visually-hidden">{format!(" {}", title2.clone())}</span>
                        </button>
                    }
                >
                    <button
                        type="button"
                        class="gom-link-button gom-draft-delete-confirm"
                        on:click=move |_| handle_delete_draft(state, &id.get_value())
                    >
                        "Yes, delete it"
                    </button>
                    " · "
                    <button type="button" class="gom-link-button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                </When>
            </td>
        </tr>
    }
}
