//! What a FHIR server answered: a `transaction-response` Bundle, an `OperationOutcome`, or
//! something else, read into plain data the portal shows (server ids, per-entry status and
//! issues) and the order to track next.
//!
//! Reading never fails: an answer that is not JSON, or not FHIR, is [`AnswerKind::Unreadable`]
//! or [`AnswerKind::Other`] with the HTTP status kept.

mod issue;

#[cfg(test)]
mod tests;

use serde::Serialize;
use serde_json::Value as J;

pub use issue::IssueView;

/// What kind of document the server sent back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerKind {
    TransactionResponse,
    OperationOutcome,
    /// A FHIR resource of another type (its `resourceType`).
    Other(String),
    /// No body, or not JSON.
    Unreadable,
}

/// One entry of a transaction-response: the answer to the request entry at the same index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryAnswer {
    pub index: u32,
    /// `response.status`, e.g. `201 Created`.
    pub status: String,
    /// Its HTTP code, when it starts with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    /// `response.location`, e.g. `ServiceRequest/9f1…/_history/1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The resource type, from the location (or the returned resource).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// `response.outcome` issues.
    pub issues: Vec<IssueView>,
}

impl EntryAnswer {
    pub fn ok(&self) -> bool {
        self.code.is_some_and(|c| (200..300).contains(&c))
    }

    /// `Type/id` of the location, without its version (`…/_history/2`, or a bare `…/_history`);
    /// `None` unless the two segments are a resource type (ASCII letters and digits, upper-case
    /// first) and a FHIR id (1–64 of `A-Z a-z 0-9 - .`), so `Patient/_historyx` is not a reference.
    pub fn reference(&self) -> Option<String> {
        let loc = self.location.as_deref()?;
        let loc = loc.split(['?', '#']).next().unwrap_or(loc);
        let mut segments: Vec<&str> = loc.split('/').collect();
        if let Some(at) = segments.iter().position(|s| *s == "_history") {
            segments.truncate(at);
        }
        let [.., ty, id] = segments.as_slice() else { return None };
        let is_type =
            ty.bytes().next().is_some_and(|c| c.is_ascii_uppercase()) && ty.bytes().all(|c| c.is_ascii_alphanumeric());
        let is_id =
            (1..=64).contains(&id.len()) && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.');
        (is_type && is_id).then(|| format!("{ty}/{id}"))
    }
}

/// The whole answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// The HTTP status of the response.
    pub http_status: u16,
    pub kind: AnswerKind,
    pub entries: Vec<EntryAnswer>,
    /// Issues of a top-level OperationOutcome.
    pub issues: Vec<IssueView>,
}

impl Answer {
    /// Accepted: a 2xx transaction-response whose entries are all 2xx.
    pub fn accepted(&self) -> bool {
        (200..300).contains(&self.http_status)
            && self.kind == AnswerKind::TransactionResponse
            && !self.entries.is_empty()
            && self.entries.iter().all(EntryAnswer::ok)
    }

    /// `ServiceRequest/<id>` of the first ServiceRequest created or updated.
    pub fn order(&self) -> Option<String> {
        self.entries
            .iter()
            .filter(|e| e.ok())
            .filter_map(EntryAnswer::reference)
            .find(|r| r.starts_with("ServiceRequest/"))
    }

    /// Every issue, entry issues first, with the entry index.
    pub fn all_issues(&self) -> impl Iterator<Item = (Option<u32>, &IssueView)> {
        self.entries
            .iter()
            .flat_map(|e| e.issues.iter().map(move |i| (Some(e.index), i)))
            .chain(self.issues.iter().map(|i| (None, i)))
    }
}

/// Reads a server's answer to a transaction.
pub fn read_answer(http_status: u16, body: &str) -> Answer {
    let mut answer = Answer { http_status, kind: AnswerKind::Unreadable, entries: Vec::new(), issues: Vec::new() };
    let Some(v) = crate::jsonvalue::parse(body) else { return answer };
    match v.get("resourceType").and_then(J::as_str) {
        Some("Bundle") if v.get("type").and_then(J::as_str) == Some("transaction-response") => {
            answer.kind = AnswerKind::TransactionResponse;
            answer.entries = v
                .get("entry")
                .and_then(J::as_array)
                .map(|list| list.iter().enumerate().map(|(i, e)| entry(i as u32, e)).collect())
                .unwrap_or_default();
        }
        Some("OperationOutcome") => {
            answer.kind = AnswerKind::OperationOutcome;
            answer.issues = issue::issues(&v);
        }
        Some(other) => answer.kind = AnswerKind::Other(other.to_owned()),
        None => {}
    }
    answer
}

fn entry(index: u32, e: &J) -> EntryAnswer {
    let r = e.get("response");
    let s = |k: &str| r.and_then(|r| r.get(k)).and_then(J::as_str).map(str::to_owned);
    let status = s("status").unwrap_or_default();
    let code = status.split_whitespace().next().and_then(|c| c.parse().ok());
    let location = s("location");
    let mut a = EntryAnswer {
        index,
        status,
        code,
        location,
        etag: s("etag"),
        last_modified: s("lastModified"),
        resource_type: None,
        issues: r.and_then(|r| r.get("outcome")).map(issue::issues).unwrap_or_default(),
    };
    a.resource_type = a
        .reference()
        .and_then(|r| r.split('/').next().map(str::to_owned))
        .or_else(|| e.get("resource").and_then(|r| r.get("resourceType")).and_then(J::as_str).map(str::to_owned));
    a
}
