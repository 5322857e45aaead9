use leptos::prelude::*;

use super::{SectionMessages, TextField};
use crate::form::Field;

fn requester(
    name: &str,
    get: fn(&gom_core::compose::Requester) -> &String,
    set: fn(&mut gom_core::compose::Requester) -> &mut String,
) -> Field {
    Field::new(
        format!("requester.{name}"),
        move |d| Some(get(&d.requester).clone()),
        move |d, v| *set(&mut d.requester) = v,
    )
}

/// The requesting clinician: a PractitionerRole by SDS user and role profile, at an ODS organisation.
#[component]
pub fn RequesterSection() -> impl IntoView {
    view! {
        <SectionMessages path="requester".to_owned()/>
        <TextField field=requester("name", |r| &r.name, |r| &mut r.name) label="Clinician's name" width=30/>
        <TextField
            field=requester("sdsUserId", |r| &r.sds_user_id, |r| &mut r.sds_user_id)
            label="SDS user ID"
            hint="The clinician's Spine Directory Service user ID, 12 digits"
            width=20
            numeric=true
        />
        <TextField
            field=requester("sdsRoleProfileId", |r| &r.sds_role_profile_id, |r| &mut r.sds_role_profile_id)
            label="SDS role profile ID"
            width=20
            numeric=true
        />
        <TextField
            field=requester("ods", |r| &r.ods, |r| &mut r.ods)
            label="ODS code of the requesting organisation"
            hint="For example, RR8"
            width=10
        />
        <TextField field=requester("organisationName", |r| &r.organisation_name, |r| &mut r.organisation_name) label="Organisation name" width=30/>
        <TextField field=requester("phone", |r| &r.phone, |r| &mut r.phone) label="Phone number" width=20 autocomplete="off"/>
        <TextField field=requester("email", |r| &r.email, |r| &mut r.email) label="Email address" width=30/>
    }
}
