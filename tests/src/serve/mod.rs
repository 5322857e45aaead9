//! `gom-harness serve`: the built portal, `/embed/`, and (as it grows) the local GOMS broker.
//! HTTP through tiny_http, listening on 127.0.0.1 by default.

mod csp;
mod files;

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use tiny_http::{Header, Request, Response, Server};

use crate::cli::arg_err;

/// What the server serves.
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// The Trunk build of the portal (`dist/`).
    pub dist: PathBuf,
    pub workers: usize,
    /// The FHIR server pages may call besides their own origin (`--fhir-base`; CSP `connect-src`).
    pub fhir_base: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist: PathBuf::from("dist"),
            workers: 4,
            fhir_base: None,
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
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    let running = start(cfg.clone()).map_err(|e| format!("cannot listen on {}: {e}", cfg.addr))?;
    eprintln!("gom-harness: serving {} at http://{}/ (Ctrl-C to stop)", cfg.dist.display(), running.addr);
    running.join();
    Ok(0)
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
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
pub fn start(cfg: Config) -> std::io::Result<Running> {
    let server = Arc::new(Server::http(cfg.addr).map_err(std::io::Error::other)?);
    let addr = server.server_addr().to_ip().ok_or_else(|| std::io::Error::other("not an IP listener"))?;
    let cfg = Arc::new(cfg);
    let threads = (0..cfg.workers.max(1))
        .map(|_| {
            let server = Arc::clone(&server);
            let cfg = Arc::clone(&cfg);
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    handle(&cfg, req);
                }
            })
        })
        .collect();
    Ok(Running { addr, server, threads })
}

fn handle(cfg: &Config, req: Request) {
    let url = req.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let resp = files::serve(&cfg.dist, path, cfg.fhir_base.as_deref());
    let _ = req.respond(resp);
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
