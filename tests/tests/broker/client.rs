//! A broker on an ephemeral loopback port and a small FHIR client for it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use gom_harness::serve::{start, Config, Running};
use serde_json::Value;

pub struct Server {
    running: Option<Running>,
    pub base: String,
    agent: ureq::Agent,
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub body: Value,
    pub etag: Option<String>,
    pub headers: Vec<(String, String)>,
}

fn code_of(issue: &Value) -> String {
    issue["details"]["coding"][0]["code"].as_str().unwrap_or_default().to_owned()
}

impl Resp {
    /// The GOM rule codes of an OperationOutcome body (or of every entry's outcome).
    pub fn codes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut outcomes = vec![&self.body];
        if let Some(es) = self.body["entry"].as_array() {
            outcomes.extend(es.iter().map(|e| &e["response"]["outcome"]));
        }
        for oo in outcomes {
            for i in oo["issue"].as_array().into_iter().flatten() {
                if let Some(c) = i["details"]["coding"][0]["code"].as_str() {
                    out.push(c.to_owned());
                }
            }
        }
        out
    }

    /// The codes of the error (and fatal) issues only: the validator adds information and
    /// warnings (e.g. GOM-REF-003 for every reference resolved on the server) that a test of a
    /// refusal should not have to list.
    pub fn error_codes(&self) -> Vec<String> {
        self.issues().filter(|i| matches!(i["severity"].as_str(), Some("error" | "fatal"))).map(code_of).collect()
    }

    /// Every issue of an OperationOutcome body (or of every entry's outcome).
    pub fn issues(&self) -> impl Iterator<Item = &Value> {
        let entries = self.body["entry"].as_array().into_iter().flatten().map(|e| &e["response"]["outcome"]);
        std::iter::once(&self.body).chain(entries).flat_map(|oo| oo["issue"].as_array().into_iter().flatten())
    }

    /// The first error issue of entry `i` of a transaction-response.
    pub fn entry_error(&self, i: usize) -> &Value {
        let issues = self.body["entry"][i]["response"]["outcome"]["issue"].as_array();
        issues.into_iter().flatten().find(|i| i["severity"] == "error").unwrap_or(&Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// `Type/id` from each transaction-response entry's location.
    pub fn locations(&self) -> Vec<String> {
        self.body["entry"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                let loc = e["response"]["location"].as_str().unwrap_or_default();
                loc.split("/_history/").next().unwrap_or_default().to_owned()
            })
            .collect()
    }

    /// The location of the first entry whose location starts with `rtype/`.
    pub fn location_of(&self, rtype: &str) -> String {
        self.locations().into_iter().find(|l| l.starts_with(&format!("{rtype}/"))).unwrap_or_default()
    }

    pub fn total(&self) -> u64 {
        self.body["total"].as_u64().unwrap_or(u64::MAX)
    }

    /// The resources of a Bundle body.
    pub fn resources(&self) -> Vec<Value> {
        self.body["entry"].as_array().into_iter().flatten().map(|e| e["resource"].clone()).collect()
    }
}

pub fn config(data: Option<&Path>) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().expect("loopback"),
        dist: PathBuf::from("/nonexistent-dist"),
        workers: 8,
        data: data.map(Path::to_path_buf),
        ..Config::default()
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// An in-memory broker.
pub fn serve() -> Server {
    serve_with(config(None))
}

pub fn serve_with(cfg: Config) -> Server {
    let running = start(cfg).expect("server starts");
    let base = format!("http://{}", running.addr);
    Server { running: Some(running), base, agent: agent() }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop();
        }
    }
}

impl Server {
    pub fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop();
        }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.request("GET", path, &[], None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        let bytes = serde_json::to_vec(body).expect("json");
        self.request("POST", path, &[("Content-Type", "application/fhir+json")], Some(&bytes))
    }

    pub fn put(&self, path: &str, body: &Value, if_match: Option<&str>) -> Resp {
        let bytes = serde_json::to_vec(body).expect("json");
        let mut h = vec![("Content-Type", "application/fhir+json")];
        if let Some(m) = if_match {
            h.push(("If-Match", m));
        }
        self.request("PUT", path, &h, Some(&bytes))
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Resp {
        request(&self.agent, &self.base, method, path, headers, body).expect("the server answers")
    }
}

pub fn url(base: &str, path: &str) -> String {
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/FHIR/R4/{path}")
    }
}

/// One request; paths without a leading `/` are relative to `/FHIR/R4/`.
pub fn request(
    agent: &ureq::Agent,
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Result<Resp, ureq::Error> {
    let mut b = ureq::http::Request::builder().method(method).uri(url(base, path));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let req = b.body(body.unwrap_or_default().to_vec()).expect("request");
    let resp = agent.run(req)?;
    let status = resp.status().as_u16();
    let headers: Vec<(String, String)> = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let etag = resp.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let text = resp.into_body().with_config().limit(64 * 1024 * 1024).read_to_string()?;
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Ok(Resp { status, body, etag, headers })
}

/// A fresh, empty temporary directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gom-broker-{name}-{}-{}", std::process::id(), uuid()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn uuid() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let n = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{n:x}")
}
