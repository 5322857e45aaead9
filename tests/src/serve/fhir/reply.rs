//! What every FHIR handler returns: a status, a JSON body and headers. Errors are replies too,
//! always with an OperationOutcome whose issues carry a GOM-SRV (or validator) rule code, so a
//! client never meets a bare status or an HTML page from the API.

use std::io::Cursor;

use gom_core::outcome::operation_outcome;
use gom_core::{Diagnostic, Rule};
use serde_json::Value;
use tiny_http::Response;

use crate::serve::header;

pub const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(&'static str, String)>,
    /// FHIR JSON unless the reply is something else (a CloudEvents batch).
    pub content_type: &'static str,
}

/// A handler's result: the error side is a reply with an OperationOutcome.
pub type Res<T = Reply> = Result<T, Reply>;

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply { status, body, headers: Vec::new(), content_type: FHIR_JSON }
    }

    pub fn ok(body: Value) -> Reply {
        Reply::json(200, body)
    }

    /// An OperationOutcome with one issue of `rule`.
    pub fn issue(status: u16, rule: &'static Rule, message: impl Into<String>) -> Reply {
        Reply::diagnostics(status, &[Diagnostic::new(rule, message)])
    }

    pub fn diagnostics(status: u16, diags: &[Diagnostic]) -> Reply {
        Reply::json(status, operation_outcome(diags))
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    /// `ETag`, `Last-Modified` and `Content-Location` of a stored resource version.
    pub fn with_version_headers(self, resource: &Value) -> Reply {
        let (Some(rt), Some(id)) = (resource["resourceType"].as_str(), resource["id"].as_str()) else {
            return self;
        };
        let vid = resource["meta"]["versionId"].as_str().unwrap_or("1");
        let mut r = self
            .with_header("ETag", format!("W/\"{vid}\""))
            .with_header("Content-Location", format!("{rt}/{id}/_history/{vid}"));
        if let Some(d) = resource["meta"]["lastUpdated"].as_str().and_then(super::time::http_date) {
            r = r.with_header("Last-Modified", d);
        }
        r
    }

    pub fn into_response(self) -> Response<Cursor<Vec<u8>>> {
        let body = serde_json::to_vec(&self.body).unwrap_or_default();
        let mut resp = Response::from_data(body)
            .with_status_code(self.status)
            .with_header(header("Content-Type", self.content_type))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("Cache-Control", "no-store"));
        for (name, value) in self.headers {
            // Values are built from ids and numbers the broker checked; skip any that are not.
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                resp = resp.with_header(h);
            }
        }
        resp
    }
}

/// The phrase of the statuses the broker uses, for `Bundle.entry.response.status`.
pub fn status_line(status: u16) -> String {
    let phrase = match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        410 => "Gone",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        _ => "",
    };
    format!("{status} {phrase}").trim_end().to_owned()
}
