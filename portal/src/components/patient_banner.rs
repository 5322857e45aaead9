use gom_core::report::PatientBanner as Banner;
use leptos::prelude::*;

/// The patient banner: who the report is about, as NHS services show it (name, NHS number in
/// 3-3-4 groups, date of birth, sex).
#[component]
pub fn PatientBanner(patient: Banner) -> impl IntoView {
    let nhs = patient.nhs_number.clone().map(|n| group(&n));
    let invalid = patient.nhs_number_valid == Some(false);
    view! {
        <section class="gom-banner" aria-label="Patient">
            <p class="gom-banner-name">{patient.name.clone().unwrap_or_else(|| "Name not given".to_owned())}</p>
            <dl class="gom-banner-facts">
                <div><dt>"NHS number"</dt><dd class="gom-banner-nhs">{nhs.unwrap_or_else(|| "Not given".to_owned())}
                    {invalid.then(|| view! { <strong class="nhsuk-tag nhsuk-tag--red gom-banner-invalid">"Fails its check digit"</strong> }.into_any())}
                </dd></div>
                <div><dt>"Born"</dt><dd>{patient.birth_date.clone().unwrap_or_else(|| "Not given".to_owned())}</dd></div>
                <div><dt>"Sex"</dt><dd>{patient.sex.clone().unwrap_or_else(|| "Not given".to_owned())}</dd></div>
            </dl>
        </section>
    }
}

/// `9434765919` → `943 476 5919`; anything else as it is.
fn group(n: &str) -> String {
    let digits: Vec<char> = n.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 10 || !digits.iter().all(char::is_ascii_digit) {
        return n.to_owned();
    }
    let part = |r: std::ops::Range<usize>| digits.get(r).map(|d| d.iter().collect::<String>()).unwrap_or_default();
    format!("{} {} {}", part(0..3), part(3..6), part(6..10))
}
