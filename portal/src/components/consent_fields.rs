use leptos::prelude::*;

use super::{DateField, RadioField, SectionMessages};
use crate::form::{consent_field, Choices, Field, Who};

/// A record of discussion (the NHS GMS form): whether and when it was held, and the research choice.
#[component]
pub fn ConsentFields(who: Who) -> impl IntoView {
    let path = who.consent_path();
    let statuses: Choices = vec![
        ("active".to_owned(), "Discussion held and form signed".to_owned()),
        ("proposed".to_owned(), "Discussion held, form to follow".to_owned()),
        ("draft".to_owned(), "Not held yet".to_owned()),
    ];
    let research = Field::new(
        format!("{path}.research"),
        move |d| {
            who.consent(d).map(|c| match c.as_ref().and_then(|c| c.research) {
                Some(true) => "yes".to_owned(),
                Some(false) => "no".to_owned(),
                None => String::new(),
            })
        },
        move |d, v| {
            if let Some(c) = who.consent_mut(d) {
                c.get_or_insert_with(Default::default).research = match v.as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                };
            }
        },
    );
    let research_choices: Choices =
        vec![("yes".to_owned(), "Agreed to research".to_owned()), ("no".to_owned(), "Declined research".to_owned())];
    view! {
        <SectionMessages path=path.clone()/>
        <RadioField field=consent_field(who, "status", |c| &c.status, |c| &mut c.status) legend="Record of discussion" choices=statuses/>
        <DateField field=consent_field(who, "date", |c| &c.date, |c| &mut c.date) legend="Date of the discussion"/>
        <RadioField field=research legend="Research" choices=research_choices hint="Leave both unselected if it was not asked" inline=true/>
    }
}
