//! The local GOMS broker: a FHIR R4 API under `/FHIR/R4` over an in-memory store, made durable
//! by a write-ahead log under `--data`.
//!
//! Concurrency: one `RwLock` over the store. Reads share it; every write (a transaction, a PUT)
//! takes it exclusively from its checks through the fsync of its log record, so transactions
//! are atomic and serialisable, and a reader never sees half a commit. Validation with
//! gom-core runs before the lock is taken.

mod capability;
mod commit;
mod graph;
pub mod locate;
mod query;
mod read;
pub mod reply;
pub mod seams;
pub mod search;
pub mod store;
pub mod time;
mod txn;
mod update;
mod validate_op;
pub mod wal;

use std::io;
use std::path::Path;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use gom_core::rules::server as r;

pub use commit::version_of;
pub use query::parse as parse_query;
pub use reply::{Reply, Res};
use store::Store;
use wal::Wal;

/// The largest request body the broker reads by default (an order is ~20 KB; a report with an
/// inline PDF rarely exceeds a few MB).
pub const DEFAULT_MAX_BODY: usize = 8 * 1024 * 1024;

/// An HTTP request as the broker sees it, independent of the HTTP library.
#[derive(Debug, Default)]
pub struct Incoming {
    pub method: String,
    /// The path after `/FHIR/R4`, e.g. `/Task/123/_history/2` (empty for the base).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    /// `http://host:port/FHIR/R4` as the client addressed it (from `Host`), for absolute
    /// `fullUrl`s in Bundles; empty when unknown, and then fullUrls are relative.
    pub base: String,
    pub body: Vec<u8>,
}

impl Incoming {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub struct Inner {
    pub store: Store,
    wal: Option<Wal>,
}

pub struct Broker {
    inner: RwLock<Inner>,
    events: seams::Events,
}

impl Broker {
    /// An in-memory broker (`data` = `None`) or one that replays and appends to `data/wal.log`.
    pub fn open(data: Option<&Path>) -> io::Result<Broker> {
        let mut store = Store::default();
        let events = seams::Events::default();
        let wal = match data {
            None => None,
            Some(dir) => {
                let (wal, replay) = Wal::open(dir)?;
                if replay.torn_bytes > 0 {
                    eprintln!(
                        "gom-harness: ignored a torn tail of {} bytes in {} (an unacknowledged commit)",
                        replay.torn_bytes,
                        wal.path().display()
                    );
                }
                // Events are rebuilt, not stored: each commit is published against the store as
                // it stood then, and only the last `capacity` events are built at all.
                let total: usize = replay.commits.iter().map(|c| seams::announced(c)).sum();
                let mut seen = 0;
                for c in &replay.commits {
                    store.apply(c);
                    seen += seams::announced(c);
                    if total - seen < events.capacity() {
                        events.publish(&store, c);
                    }
                }
                Some(wal)
            }
        };
        Ok(Broker { inner: RwLock::new(Inner { store, wal }), events })
    }

    /// Shared access to the store (many readers at once).
    pub fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn events(&self) -> &seams::Events {
        &self.events
    }

    /// Serves one request under `/FHIR/R4`.
    pub fn handle(&self, req: &Incoming) -> Reply {
        let decoded: Vec<String> = req.path.split('/').filter(|s| !s.is_empty()).map(query::decode_path).collect();
        let segs: Vec<&str> = decoded.iter().map(String::as_str).collect();
        let m = req.method.as_str();
        let allow = |methods: &str| -> Reply {
            Reply::issue(
                405,
                r::METHOD_NOT_ALLOWED,
                format!("`{m}` is not allowed on `/FHIR/R4{}`; allowed: {methods}", req.path),
            )
            .with_header("Allow", methods.replace(' ', ""))
        };
        let result = match (segs.as_slice(), m) {
            ([], "POST") => self.transaction(req),
            ([], _) => Ok(allow("POST")),
            (["metadata"], "GET") => Ok(capability::statement()),
            (["metadata"], _) => Ok(allow("GET")),
            ([t, ..], _) if !store::is_type(t) => Err(not_found(req)),
            ([t], "GET") => search::handle(self, t, &req.query, &req.base),
            ([_], _) => Ok(allow("GET")),
            ([t, "$validate"], "POST") => validate_op::handle(t, req),
            ([_, "$validate"], _) => Ok(allow("POST")),
            ([t, id], "GET") => read::read(self, t, id),
            ([t, id], "PUT") if update::PUT_TYPES.contains(t) => self.update(t, id, req),
            ([t, _], _) if update::PUT_TYPES.contains(t) => Ok(allow("GET, PUT")),
            ([_, _], _) => Ok(allow("GET")),
            ([t, id, "_history"], "GET") => read::history(self, t, id, &req.base),
            ([t, id, "_history", v], "GET") => read::vread(self, t, id, v),
            ([t, id, "$graph"], "GET") => graph::handle(self, t, id, &req.query, &req.base),
            ([_, _, "_history" | "$graph"] | [_, _, "_history", _], _) => Ok(allow("GET")),
            _ => Err(not_found(req)),
        };
        result.unwrap_or_else(|e| e)
    }
}

fn not_found(req: &Incoming) -> Reply {
    Reply::issue(404, r::NOT_FOUND, format!("`/FHIR/R4{}` names nothing this broker serves", req.path))
}

/// `Type/id[/…]` under `base`, or relative when the base is unknown.
pub fn full_url(base: &str, tail: &str) -> String {
    if base.is_empty() {
        tail.to_owned()
    } else {
        format!("{base}/{tail}")
    }
}

/// A fresh server id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The commit time, as a FHIR instant: strictly later than any earlier one (see [`time::tick`]).
pub fn now() -> String {
    time::instant(time::tick())
}
