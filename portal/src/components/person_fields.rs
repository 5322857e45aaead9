use gom_core::compose::systems::{ETHNIC_CATEGORIES, GENDERS, RESIDENTIAL_STATUSES};
use leptos::prelude::*;

use super::{DateField, RadioField, SectionMessages, SelectField, TextField};
use crate::form::{coded_choices, person_field, plain_choices, Who};

/// The fields of one person: the patient, or a Duo/Trio participant.
#[component]
pub fn PersonFields(who: Who) -> impl IntoView {
    view! {
        <SectionMessages path=who.person_path()/>
        <TextField
            field=person_field(who, "nhsNumber", |p| &p.nhs_number, |p| &mut p.nhs_number)
            label="NHS number"
            hint="10 digits, for example 485 777 3456"
            width=10
            numeric=true
        />
        <TextField
            field=person_field(who, "localId", |p| &p.local_id, |p| &mut p.local_id)
            label="Hospital number (optional)"
            hint="Needed only when there is no NHS number yet"
            width=20
        />
        <TextField field=person_field(who, "givenName", |p| &p.given_name, |p| &mut p.given_name) label="Given name" width=20/>
        <TextField field=person_field(who, "familyName", |p| &p.family_name, |p| &mut p.family_name) label="Family name" width=20/>
        <DateField field=person_field(who, "birthDate", |p| &p.birth_date, |p| &mut p.birth_date) legend="Date of birth"/>
        <RadioField field=person_field(who, "sex", |p| &p.sex, |p| &mut p.sex) legend="Sex" choices=plain_choices(GENDERS) inline=true/>
        <SelectField
            field=person_field(who, "ethnicCategory", |p| &p.ethnic_category, |p| &mut p.ethnic_category)
            label="Ethnic category"
            choices=coded_choices(ETHNIC_CATEGORIES)
        />
        <RadioField
            field=person_field(who, "residentialStatus", |p| &p.residential_status, |p| &mut p.residential_status)
            legend="Residential status"
            choices=coded_choices(RESIDENTIAL_STATUSES)
            inline=true
        />
    }
}
