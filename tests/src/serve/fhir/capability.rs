//! `GET metadata`: a CapabilityStatement generated from the same tables the router and the
//! search use, so it describes what this broker really does.

use serde_json::{json, Value};

use super::graph::GRAPHS;
use super::reply::Reply;
use super::search::{self, Kind};
use super::update::PUT_TYPES;

pub fn statement() -> Reply {
    let mut types: Vec<&str> = search::SEARCHABLE.to_vec();
    types.push("Bundle");
    let resources: Vec<Value> = types.iter().map(|t| resource(t)).collect();
    Reply::ok(json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": super::now(),
        "kind": "instance",
        "name": "GomLocalBroker",
        "title": "gom local GOMS broker",
        "description": "A local stand-in for the NHS England Genomic Order Management Service, built on gom-core's rules. \
            Not a clinical system. Any resource type may be created in a transaction and read back; the types listed here have search.",
        "software": {"name": "gom-harness", "version": gom_core::version()},
        "implementation": {"description": "gom-harness serve"},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "rest": [{
            "mode": "server",
            "documentation": "Create and update through transactions (POST [base]); direct PUT for Task and ServiceRequest with If-Match. \
                ifNoneExist is honoured; conditional update and delete are not supported. Validation failures answer 422 with a \
                transaction-response holding one OperationOutcome per entry. Updates of Task and ServiceRequest follow the GMS \
                workflow for the caller named by the headers X-Gom-Role (placer or filler) and X-Gom-Actor (ODS code); an \
                unsupported state transition answers 422. An active ServiceRequest gets its Tasks from the broker, which moves \
                them to requested stage by stage and cascades revocation. Every change publishes a genomic-order-event-1, \
                polled at /events?criteria=<MNS criteria>.",
            "interaction": [{"code": "transaction"}],
            "resource": resources
        }]
    }))
}

fn resource(t: &str) -> Value {
    let validate =
        json!({"name": "validate", "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate"});
    if t == "Bundle" {
        return json!({"type": "Bundle", "operation": [validate]});
    }
    let mut interactions = vec![json!({"code": "read"}), json!({"code": "vread"}), json!({"code": "history-instance"})];
    interactions.push(json!({"code": "search-type"}));
    interactions.push(json!({"code": "create", "documentation": "In a transaction only"}));
    if PUT_TYPES.contains(&t) {
        interactions.push(json!({"code": "update", "documentation": "Direct PUT with If-Match, or in a transaction"}));
    } else {
        interactions.push(json!({"code": "update", "documentation": "In a transaction only"}));
    }
    let mut params: Vec<Value> = vec![json!({"name": "_id", "type": "token"})];
    params.extend(search::params(t).iter().map(|p| {
        let ty = match p.kind {
            Kind::Token | Kind::RefIdentifier => "token",
            Kind::Reference => "reference",
        };
        json!({"name": p.name, "type": ty, "documentation": p.doc})
    }));
    let mut ops = vec![validate];
    if let Some((name, _)) = GRAPHS.iter().find(|(_, start)| *start == t) {
        ops.push(json!({
            "name": "graph",
            "definition": "http://hl7.org/fhir/OperationDefinition/Resource-graph",
            "documentation": format!("graph={name} (default): forward references, plus Specimen.request and Task.focus from a ServiceRequest")
        }));
    }
    json!({
        "type": t,
        "versioning": "versioned-update",
        "readHistory": true,
        "updateCreate": false,
        "conditionalCreate": true,
        "conditionalUpdate": false,
        "conditionalDelete": "not-supported",
        "interaction": interactions,
        "searchParam": params,
        "operation": ops
    })
}
