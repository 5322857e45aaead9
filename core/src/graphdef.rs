//! The GOMS GraphDefinitions as data: which resources an order or a result bundle links, how
//! many of each, and of what type.
//!
//! Hand-written from the tables in domain.md §1.1–1.2 (IG `GraphDefinition/*.json`: Genomics-
//! Test-Order 0.3.0, Genomics-Test-Result 0.2.0, TestOrdersGroup and ResultsGroup examples). The
//! upstream paths are informal (`extension.valueReference` plus a `sliceName`); here each slice
//! carries its extension URL. The validator walks these from each focal resource; the portal's
//! graph preview can label edges with [`Link::name`].

/// How a link finds its neighbours from a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// References at an element of this resource: `ServiceRequest.subject`.
    Forward(&'static str),
    /// References in an extension of this resource with this URL (a GraphDefinition
    /// `extension.valueReference` link with a `sliceName`).
    Extension(&'static str),
    /// Resources that reference this one at an element: `Specimen.request` (`request={ref}`).
    Reverse(&'static str),
    /// Other ServiceRequests with the same `requisition` (`requisition={ServiceRequest.requisition}`).
    Requisition,
}

/// One link of a GraphDefinition.
#[derive(Debug)]
pub struct Link {
    /// A label: the element path, or the slice name for extension links.
    pub name: &'static str,
    pub path: Path,
    pub min: u32,
    /// `None` for `*`.
    pub max: Option<u32>,
    /// Allowed target types, each with its own nested links; `Resource` allows any type.
    pub targets: &'static [Target],
    /// Where the GraphDefinition and the profile disagree on this link's cardinality, what the
    /// profile says. A violation of only the GraphDefinition's bound is then a warning.
    pub disputed: Option<&'static str>,
    /// Open to further types: `supportingInfo` carries "additional information … such as clinical
    /// information" (seed 002), so a type the GraphDefinition does not list is a warning.
    pub open: bool,
}

/// A target type of a link and the links to follow from it.
#[derive(Debug)]
pub struct Target {
    pub ty: &'static str,
    pub links: &'static [Link],
}

/// A GraphDefinition: where it starts and its links.
#[derive(Debug)]
pub struct GraphDefinition {
    pub url: &'static str,
    pub name: &'static str,
    pub version: &'static str,
    pub start: &'static str,
    pub links: &'static [Link],
}

const fn link(name: &'static str, path: Path, min: u32, max: Option<u32>, targets: &'static [Target]) -> Link {
    Link { name, path, min, max, targets, disputed: None, open: false }
}

const fn fwd(element: &'static str, min: u32, max: Option<u32>, targets: &'static [Target]) -> Link {
    link(element, Path::Forward(element), min, max, targets)
}

const fn leaf(ty: &'static str) -> Target {
    Target { ty, links: &[] }
}

const ONE: Option<u32> = Some(1);
const MANY: Option<u32> = None;

pub const EXT_ADDITIONAL_CONTACT: &str =
    "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdditionalContact";
pub const EXT_BODY_SITE: &str = "http://hl7.org/fhir/StructureDefinition/bodySite";
pub const EXT_FMH_OBSERVATION: &str =
    "http://hl7.org/fhir/StructureDefinition/family-member-history-genetics-observation";
pub const EXT_FMH_PATIENT_RECORD: &str = "http://hl7.org/fhir/StructureDefinition/familymemberhistory-patient-record";
pub const EXT_RECOMMENDED_ACTION: &str =
    "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/recommended-action";
pub const EXT_GENOMIC_STUDY: &str =
    "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genomic-study-reference";
pub const EXT_SUPPORTING_INFO: &str = "http://hl7.org/fhir/StructureDefinition/workflow-supportingInfo";
pub const EXT_STUDY_ANALYSIS: &str =
    "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genomic-study-analysis-ext";

const SPECIMEN_LINKS: &[Link] = &[
    fwd("Specimen.subject", 1, ONE, &[leaf("Patient")]),
    fwd("Specimen.parent", 0, ONE, &[leaf("Specimen")]),
    fwd("Specimen.collection.collector", 0, ONE, &[leaf("PractitionerRole")]),
    link("bodySite", Path::Extension(EXT_BODY_SITE), 0, ONE, &[leaf("BodyStructure")]),
];
const SPECIMEN: &[Target] = &[Target { ty: "Specimen", links: SPECIMEN_LINKS }];

const OBSERVATION_LINKS: &[Link] = &[
    fwd("Observation.focus", 0, ONE, &[leaf("Specimen")]),
    fwd("Observation.performer", 0, ONE, &[leaf("Resource")]),
    fwd("Observation.hasMember", 0, MANY, &[leaf("Observation")]),
];

const QUESTIONNAIRE_RESPONSE_LINKS: &[Link] = &[
    fwd("QuestionnaireResponse.author", 1, ONE, &[leaf("PractitionerRole")]),
    fwd("QuestionnaireResponse.source", 1, ONE, &[leaf("Resource")]),
];

const SUPPORTING_INFO: &[Target] = &[
    Target {
        ty: "RelatedPerson",
        links: &[link("link", Path::Reverse("Patient.link.other"), 1, ONE, &[leaf("Patient")])],
    },
    Target { ty: "Observation", links: OBSERVATION_LINKS },
    Target {
        ty: "Condition",
        links: &[
            fwd("Condition.recorder", 0, ONE, &[leaf("Resource")]),
            fwd("Condition.asserter", 0, ONE, &[leaf("Resource")]),
        ],
    },
    leaf("Procedure"),
    Target {
        ty: "FamilyMemberHistory",
        links: &[
            link(
                "family-member-history-genetics-observation",
                Path::Extension(EXT_FMH_OBSERVATION),
                0,
                MANY,
                &[leaf("Observation")],
            ),
            link(
                "familymemberhistory-patient-record",
                Path::Extension(EXT_FMH_PATIENT_RECORD),
                0,
                MANY,
                &[leaf("Patient")],
            ),
        ],
    },
    leaf("DocumentReference"),
    leaf("DiagnosticReport"),
    Target {
        ty: "Consent",
        links: &[
            fwd(
                "Consent.sourceReference",
                0,
                ONE,
                &[
                    Target { ty: "QuestionnaireResponse", links: QUESTIONNAIRE_RESPONSE_LINKS },
                    leaf("DocumentReference"),
                ],
            ),
            fwd("Consent.patient", 1, ONE, &[leaf("Patient")]),
        ],
    },
];

/// The supportingInfo targets of the group GraphDefinition: the order's plus Specimen and
/// QuestionnaireResponse.
const GROUP_SUPPORTING_INFO: &[Target] = &[
    Target {
        ty: "RelatedPerson",
        links: &[link("link", Path::Reverse("Patient.link.other"), 1, ONE, &[leaf("Patient")])],
    },
    Target { ty: "Observation", links: OBSERVATION_LINKS },
    Target {
        ty: "Condition",
        links: &[
            fwd("Condition.recorder", 0, ONE, &[leaf("Resource")]),
            fwd("Condition.asserter", 0, ONE, &[leaf("Resource")]),
        ],
    },
    leaf("Procedure"),
    Target {
        ty: "FamilyMemberHistory",
        links: &[
            link(
                "family-member-history-genetics-observation",
                Path::Extension(EXT_FMH_OBSERVATION),
                0,
                MANY,
                &[leaf("Observation")],
            ),
            link(
                "familymemberhistory-patient-record",
                Path::Extension(EXT_FMH_PATIENT_RECORD),
                0,
                MANY,
                &[leaf("Patient")],
            ),
        ],
    },
    leaf("DocumentReference"),
    leaf("DiagnosticReport"),
    Target {
        ty: "Consent",
        links: &[
            fwd(
                "Consent.sourceReference",
                0,
                ONE,
                &[
                    Target { ty: "QuestionnaireResponse", links: QUESTIONNAIRE_RESPONSE_LINKS },
                    leaf("DocumentReference"),
                ],
            ),
            fwd("Consent.patient", 1, ONE, &[leaf("Patient")]),
        ],
    },
    Target { ty: "Specimen", links: SPECIMEN_LINKS },
    Target { ty: "QuestionnaireResponse", links: QUESTIONNAIRE_RESPONSE_LINKS },
];

/// The links every test order has (Genomics-Test-Order links 1–5, 7 and 8).
macro_rules! order_links {
    ($supporting:expr, $($extra:expr),*) => {
        &[
            link("additionalContact", Path::Extension(EXT_ADDITIONAL_CONTACT), 0, MANY, &[leaf("PractitionerRole")]),
            fwd("ServiceRequest.basedOn", 0, ONE, &[leaf("ServiceRequest")]),
            fwd("ServiceRequest.subject", 1, ONE, &[leaf("Patient")]),
            fwd("ServiceRequest.requester", 1, ONE, &[leaf("PractitionerRole")]),
            fwd("ServiceRequest.reasonReference", 0, ONE, &[leaf("Condition")]),
            Link { open: true, ..fwd("ServiceRequest.supportingInfo", 0, MANY, $supporting) },
            fwd("ServiceRequest.specimen", 0, MANY, SPECIMEN),
            link("request", Path::Reverse("Specimen.request"), 0, MANY, SPECIMEN),
            $($extra),*
        ]
    };
}

pub const TEST_ORDER: GraphDefinition = GraphDefinition {
    url: "https://fhir.nhs.uk/GraphDefinition/genomics-test-order",
    name: "genomics-test-order",
    version: "0.3.0",
    start: "ServiceRequest",
    links: order_links!(SUPPORTING_INFO,),
};

pub const TEST_ORDERS_GROUP: GraphDefinition = GraphDefinition {
    url: "https://fhir.nhs.uk/GraphDefinition/genomics-test-orders-group",
    name: "genomics-test-orders-group",
    version: "0.1.0",
    start: "ServiceRequest",
    links: order_links!(
        GROUP_SUPPORTING_INFO,
        link("requisition", Path::Requisition, 0, MANY, &[leaf("ServiceRequest")])
    ),
};

/// DiagnosticReport links of Genomics-Test-Result; `based_on` is the only difference between
/// the result GraphDefinition (1..1) and the results group (1..*).
macro_rules! report_links {
    ($based_on:expr) => {
        &[
            link("recommended-action", Path::Extension(EXT_RECOMMENDED_ACTION), 0, MANY, &[leaf("Task")]),
            link(
                "genomic-study",
                Path::Extension(EXT_GENOMIC_STUDY),
                0,
                MANY,
                &[Target {
                    ty: "Procedure",
                    links: &[link(
                        "genomic-study-analysis",
                        Path::Extension(EXT_STUDY_ANALYSIS),
                        0,
                        MANY,
                        &[leaf("Procedure")],
                    )],
                }],
            ),
            link(
                "supporting-info",
                Path::Extension(EXT_SUPPORTING_INFO),
                0,
                MANY,
                &[leaf("DocumentReference"), leaf("Resource")],
            ),
            $based_on,
            fwd("DiagnosticReport.subject", 1, ONE, &[leaf("Patient")]),
            fwd("DiagnosticReport.specimen", 0, MANY, SPECIMEN),
            fwd(
                "DiagnosticReport.result",
                0,
                MANY,
                &[Target {
                    ty: "Observation",
                    links: &[
                        fwd("Observation.performer", 0, ONE, &[leaf("Resource")]),
                        fwd("Observation.hasMember", 0, MANY, &[leaf("Observation")]),
                    ],
                }],
            ),
        ]
    };
}

pub const TEST_RESULT: GraphDefinition = GraphDefinition {
    url: "https://fhir.nhs.uk/GraphDefinition/genomics-test-result",
    name: "genomics-test-result",
    version: "0.2.0",
    start: "DiagnosticReport",
    links: report_links!(Link {
        disputed: Some("0..1 (NHSEngland-DiagnosticReport-GenomicReport sets only max 1)"),
        ..fwd("DiagnosticReport.basedOn", 1, ONE, &[leaf("ServiceRequest")])
    }),
};

const GROUP_REPORT_LINKS: &[Link] = report_links!(Link {
    disputed: Some("0..1 (NHSEngland-DiagnosticReport-GenomicReport sets only max 1)"),
    ..fwd("DiagnosticReport.basedOn", 1, MANY, &[leaf("ServiceRequest")])
});

pub const RESULTS_GROUP: GraphDefinition = GraphDefinition {
    url: "https://fhir.nhs.uk/GraphDefinition/genomics-results-group",
    name: "genomics-results-group",
    version: "0.1.0",
    start: "RequestGroup",
    links: &[fwd(
        "RequestGroup.action.resource",
        1,
        MANY,
        &[Target {
            ty: "ServiceRequest",
            links: &[link(
                "basedOn",
                Path::Reverse("DiagnosticReport.basedOn"),
                0,
                MANY,
                &[Target { ty: "DiagnosticReport", links: GROUP_REPORT_LINKS }],
            )],
        }],
    )],
};

/// All four, for listing.
pub const ALL: &[&GraphDefinition] = &[&TEST_ORDER, &TEST_ORDERS_GROUP, &TEST_RESULT, &RESULTS_GROUP];

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(links: &[Link], depth: usize, count: &mut usize) {
        assert!(depth < 5, "GraphDefinitions nest at most four levels");
        for l in links {
            *count += 1;
            assert!(l.max.is_none_or(|m| m >= l.min.max(1)), "{}", l.name);
            assert!(!l.targets.is_empty(), "{}", l.name);
            for t in l.targets {
                assert!(t.ty == "Resource" || crate::fhir::is_resource_type(t.ty), "{}", t.ty);
                walk(t.links, depth + 1, count);
            }
            if let Path::Forward(p) | Path::Reverse(p) = l.path {
                assert!(p.split('.').next().is_some_and(crate::fhir::is_resource_type), "{p}");
            }
        }
    }

    #[test]
    fn graph_definitions_are_well_formed() {
        let mut n = 0;
        for g in ALL {
            walk(g.links, 0, &mut n);
        }
        assert!(n > 60, "{n}");
        assert_eq!(
            TEST_ORDER.links.iter().filter(|l| l.min > 0).map(|l| l.name).collect::<Vec<_>>(),
            ["ServiceRequest.subject", "ServiceRequest.requester"]
        );
        assert!(TEST_RESULT.links.iter().any(|l| l.disputed.is_some()));
    }
}
