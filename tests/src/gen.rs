//! Generated bundles for the speed benchmark and the scaling tests.

/// An order with `n` Observations, each referenced from `ServiceRequest.supportingInfo` and each
/// referencing the subject: `2n + 2` references, all resolving in the Bundle.
pub fn bundle_with_refs(n: usize) -> String {
    let mut refs = String::with_capacity(n * 60);
    let mut entries = String::with_capacity(n * 300);
    for i in 0..n {
        let u = format!("urn:uuid:00000000-0000-4000-8000-{i:012}");
        refs.push_str(&format!("{{\"reference\":\"{u}\"}},"));
        entries.push_str(&format!(
            ",{{\"fullUrl\":\"{u}\",\"resource\":{{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{{\"text\":\"x\"}},\"subject\":{{\"reference\":\"{SUBJECT}\"}}}},\"request\":{{\"method\":\"POST\",\"url\":\"Observation\"}}}}"
        ));
    }
    refs.pop();
    format!(
        "{{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{{\"fullUrl\":\"urn:uuid:00000000-0000-4000-9000-000000000001\",\"resource\":{{\"resourceType\":\"ServiceRequest\",\"status\":\"active\",\"intent\":\"order\",\"subject\":{{\"reference\":\"{SUBJECT}\"}},\"requester\":{{\"reference\":\"PractitionerRole/pr1\"}},\"supportingInfo\":[{refs}]}},\"request\":{{\"method\":\"POST\",\"url\":\"ServiceRequest\"}}}},{{\"fullUrl\":\"{SUBJECT}\",\"resource\":{{\"resourceType\":\"Patient\",\"identifier\":[{{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9449305552\"}}]}},\"request\":{{\"method\":\"POST\",\"url\":\"Patient\"}}}}{entries}]}}"
    )
}

const SUBJECT: &str = "urn:uuid:00000000-0000-4000-9000-000000000000";
