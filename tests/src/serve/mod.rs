//! `gom-harness serve`: the built portal, `/embed/`, and the local GOMS broker (`/FHIR/R4`,
//! `/events`, `/lab/step`). HTTP through tiny_http, listening on 127.0.0.1 by default.

mod csp;
pub mod fhir;
mod files;
pub mod lab;

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use std::io::Read;

use gom_core::rules::server as r;
use tiny_http::{Header, Request, Response, Server};

use crate::cli::arg_err;
use fhir::{Broker, Incoming, Reply};

/// What the server serves.
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// The Trunk build of the portal (`dist/`).
    pub dist: PathBuf,
    pub workers: usize,
    /// The FHIR server pages may call besides their own origin (`--fhir-base`; CSP `connect-src`).
    pub fhir_base: Option<String>,
    /// Where the write-ahead log lives; `None` keeps everything in memory.
    pub data: Option<PathBuf>,
    /// Seed an order with a final report and an order in progress into an empty store.
    pub demo: bool,
    /// The largest request body accepted (413 beyond).
    pub max_body: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist: PathBuf::from("dist"),
            workers: 8,
            fhir_base: None,
            data: None,
            demo: false,
            max_body: fhir::DEFAULT_MAX_BODY,
        }
    }
}

pub fn run_cli(args: Vec<OsString>) -> Result<i32, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let mut cfg = Config::default();
    while let Some(arg) = p.next().map_err(arg_err)? {
        match arg {
            Long("port") => {
                let v = p.value().map_err(arg_err)?;
                let port: u16 = v
                    .to_string_lossy()
                    .parse()
                    .map_err(|_| format!("--port takes a number, not `{}`", v.to_string_lossy()))?;
                cfg.addr.set_port(port);
            }
            Long("dist") => cfg.dist = PathBuf::from(p.value().map_err(arg_err)?),
            Long("fhir-base") => {
                let v = p.value().map_err(arg_err)?;
                cfg.fhir_base = Some(csp::check_fhir_base(&v.to_string_lossy())?);
            }
            Long("data") => cfg.data = Some(PathBuf::from(p.value().map_err(arg_err)?)),
            Long("demo") => cfg.demo = true,
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let running = start(cfg.clone()).map_err(|e| format!("cannot start on {}: {e}", cfg.addr))?;
    let held = running.broker.read().store.len();
    let data = cfg.data.as_ref().map_or_else(|| "in memory".to_owned(), |d| format!("data in {}", d.display()));
    eprintln!("gom-harness: broker holds {held} resources ({data}); FHIR API at http://{}/FHIR/R4", running.addr);
    eprintln!("gom-harness: serving {} at http://{}/ (Ctrl-C to stop)", cfg.dist.display(), running.addr);
    running.join();
    Ok(0)
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub broker: Arc<Broker>,
    server: Arc<Server>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Blocks until the server stops.
    pub fn join(self) {
        for t in self.threads {
            let _ = t.join();
        }
    }

    /// Stops accepting requests and waits for the workers.
    pub fn stop(self) {
        self.server.unblock();
        for _ in 1..self.threads.len() {
            self.server.unblock();
        }
        self.join();
    }
}

/// Starts the server on `cfg.addr` (port 0 picks a free port) with a pool of worker threads.
/// The store is replayed from `cfg.data` (and seeded with `cfg.demo`) before it listens.
pub fn start(cfg: Config) -> std::io::Result<Running> {
    let broker = Arc::new(Broker::open(cfg.data.as_deref())?);
    if cfg.demo {
        lab::demo::seed(&broker).map_err(std::io::Error::other)?;
    }
    let server = Arc::new(Server::from_listener(listener(cfg.addr)?, None).map_err(std::io::Error::other)?);
    let addr = server.server_addr().to_ip().ok_or_else(|| std::io::Error::other("not an IP listener"))?;
    let cfg = Arc::new(cfg);
    let threads = (0..cfg.workers.max(1))
        .map(|_| {
            let server = Arc::clone(&server);
            let cfg = Arc::clone(&cfg);
            let broker = Arc::clone(&broker);
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    handle(&cfg, &broker, req);
                }
            })
        })
        .collect();
    Ok(Running { addr, broker, server, threads })
}

/// A listening socket whose connections send small writes at once. tiny_http writes a
/// response's headers and body separately; with Nagle's algorithm on, the body then waits for
/// the client's delayed ACK, adding ~40 ms to every request. Linux hands `TCP_NODELAY` on
/// from the listener to each accepted connection.
fn listener(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(addr)?;
    socket2::SockRef::from(&listener).set_nodelay(true)?;
    Ok(listener)
}

fn handle(cfg: &Config, broker: &Broker, mut req: Request) {
    let url = req.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let path = path.split('#').next().unwrap_or("/");
    let api = path == "/FHIR/R4" || path.starts_with("/FHIR/R4/");
    if !(api || path == "/events" || path == "/lab/step") {
        let _ = req.respond(files::serve(&cfg.dist, path, cfg.fhir_base.as_deref()));
        return;
    }
    let reply = match read_incoming(&mut req, path, query, cfg.max_body) {
        Err(reply) => reply,
        Ok(incoming) => {
            // Handlers never panic on input by design; this is the belt to those braces, so a
            // bug costs one request a 500, never a worker thread.
            let run = || match path {
                "/events" => serve_events(broker, &incoming),
                "/lab/step" => lab::serve(broker, &incoming),
                _ => broker.handle(&incoming),
            };
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
                Reply::issue(500, r::INTERNAL_ERROR, "The broker failed on this request; nothing was stored")
            })
        }
    };
    let _ = req.respond(reply.into_response());
}

fn serve_events(broker: &Broker, req: &Incoming) -> Reply {
    if req.method != "GET" {
        return Reply::issue(405, r::METHOD_NOT_ALLOWED, "`/events` takes GET").with_header("Allow", "GET");
    }
    match fhir::parse_query(&req.query) {
        Ok(pairs) => broker.events().query(&pairs, &req.base),
        Err(reply) => reply,
    }
}

/// The request as the broker sees it, with its body read up to `max_body` bytes (413 beyond).
fn read_incoming(req: &mut Request, path: &str, query: &str, max_body: usize) -> Result<Incoming, Reply> {
    let too_large = || {
        Reply::issue(413, r::BODY_TOO_LARGE, format!("The request body is larger than the limit of {max_body} bytes"))
    };
    if req.body_length().is_some_and(|n| n > max_body) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    if matches!(req.method(), tiny_http::Method::Post | tiny_http::Method::Put | tiny_http::Method::Patch) {
        req.as_reader()
            .take(max_body as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| Reply::issue(400, r::BODY_INVALID, format!("The request body could not be read: {e}")))?;
        if body.len() > max_body {
            return Err(too_large());
        }
    }
    // A Host header that could break out of a URL is ignored (fullUrls are then relative).
    let host = req.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_owned());
    let host = host.filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)));
    Ok(Incoming {
        base: host.map(|h| format!("http://{h}/FHIR/R4")).unwrap_or_default(),
        method: req.method().as_str().to_ascii_uppercase(),
        path: path.strip_prefix("/FHIR/R4").unwrap_or(path).to_owned(),
        query: query.to_owned(),
        headers: req
            .headers()
            .iter()
            .map(|h| (h.field.as_str().as_str().to_ascii_lowercase(), h.value.as_str().to_owned()))
            .collect(),
        body,
    })
}

/// A header from two strings known to be valid.
pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header is valid")
}

/// A plain-text response.
pub fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}
