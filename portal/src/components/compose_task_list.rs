use leptos::prelude::*;

use super::compose_sections::{covers, SECTIONS};
use crate::state::AppState;

/// The NHS.UK task list of the form's sections, with how many errors each still has.
#[component]
pub fn ComposeTaskList() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <nav aria-label="Sections of the order">
            <ul class="nhsuk-task-list gom-task-list">
                {SECTIONS
                    .iter()
                    .enumerate()
                    .map(|(i, (anchor, heading, prefixes))| {
                        // Memoised, so a keystroke that changes no count redraws nothing here.
                        let errors = Memo::new(move |_| {
                            state.checked.with(|c| {
                                c.all().filter(|(f, d, _)| d.severity.is_error() && f.is_some_and(|f| covers(prefixes, f))).count()
                            })
                        });
                        let status = move || {
                            let started = state.ui.with(|u| prefixes.iter().any(|p| u.touched(p)));
                            match (errors.get(), started) {
                                (0, _) => view! { <span class="gom-status-done">"Completed"</span> }.into_any(),
                                (n, true) => view! {
                                    <strong class="nhsuk-tag nhsuk-tag--red">{format!("{n} to fix")}</strong>
                                }.into_any(),
                                (_, false) => view! { <strong class="nhsuk-tag nhsuk-tag--blue">"Not started"</strong> }.into_any(),
                            }
                        };
                        let status_id = format!("task-list-{i}-status");
                        view! {
                            <li class="nhsuk-task-list__item nhsuk-task-list__item--with-link">
                                <div class="nhsuk-task-list__name-and-hint">
                                    <a class="nhsuk-link nhsuk-task-list__link" href=format!("#section-{anchor}") aria-describedby=status_id.clone()>
                                        {*heading}
                                    </a>
                                </div>
                                <div class="nhsuk-task-list__status" id=status_id>{move || status()}</div>
                            </li>
                        }.into_any()
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
