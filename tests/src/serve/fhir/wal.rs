//! The write-ahead log under `--data`: one record per commit, appended and fsynced before the
//! commit is applied in memory or acknowledged, so an acknowledged transaction survives `kill -9`
//! and a power cut, and a half-written one is never seen.
//!
//! File: the magic `GOMWAL1\n`, then records `[len: u32 LE][crc32(payload): u32 LE][payload]`,
//! where the payload is the commit's resources as a JSON array. On open, records are replayed
//! until the first that is incomplete or fails its checksum (a torn tail); the tail is copied
//! aside for inspection and cut off, so later appends follow the last good record.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

const MAGIC: &[u8; 8] = b"GOMWAL1\n";
/// No single commit is larger than this; a longer length field is a torn or corrupt header.
const MAX_RECORD: u32 = 256 * 1024 * 1024;

pub struct Wal {
    file: File,
    path: PathBuf,
    len: u64,
}

/// What opening the log found.
#[derive(Debug, Default)]
pub struct Replay {
    pub commits: Vec<Vec<Arc<Value>>>,
    /// Bytes cut off the end (0 when the log ended cleanly).
    pub torn_bytes: u64,
}

impl Wal {
    /// Opens (or creates) `dir/wal.log` and reads back every complete commit.
    pub fn open(dir: &Path) -> io::Result<(Wal, Replay)> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("wal.log");
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let mut replay = Replay::default();
        let good = if bytes.len() < MAGIC.len() {
            // New, or torn while its header was written: start afresh.
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(MAGIC)?;
            file.sync_all()?;
            sync_dir(dir)?;
            MAGIC.len()
        } else if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
            return Err(io::Error::other(format!("{} is not a gom write-ahead log", path.display())));
        } else {
            let (commits, good) = read_records(&bytes);
            replay.commits = commits;
            good
        };
        if good < bytes.len() {
            replay.torn_bytes = (bytes.len() - good) as u64;
            let aside = dir.join(format!("wal.torn-{}-{}.bin", good, super::time::now_millis()));
            std::fs::write(&aside, bytes.get(good..).unwrap_or_default())?;
            file.set_len(good as u64)?;
            file.sync_all()?;
        }
        let len = good.max(MAGIC.len()) as u64;
        file.seek(SeekFrom::Start(len))?;
        Ok((Wal { file, path, len }, replay))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one commit and waits until it is on disk. On failure the log is cut back to
    /// where it was, so a failed append leaves no partial record behind later ones.
    pub fn append(&mut self, resources: &[Arc<Value>]) -> io::Result<()> {
        let plain: Vec<&Value> = resources.iter().map(Arc::as_ref).collect();
        let payload = serde_json::to_vec(&plain).map_err(io::Error::other)?;
        let len = u32::try_from(payload.len()).ok().filter(|l| *l <= MAX_RECORD);
        let len = len.ok_or_else(|| io::Error::other("commit too large for one log record"))?;
        let mut rec = Vec::with_capacity(payload.len() + 8);
        rec.extend_from_slice(&len.to_le_bytes());
        rec.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        rec.extend_from_slice(&payload);
        let written = self.file.write_all(&rec).and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.len += rec.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                let _ = self.file.seek(SeekFrom::Start(self.len));
                Err(e)
            }
        }
    }
}

/// Complete, checksummed records from the start of `bytes` (after the magic), and the offset
/// just after the last good one.
fn read_records(bytes: &[u8]) -> (Vec<Vec<Arc<Value>>>, usize) {
    let mut out = Vec::new();
    let mut at = MAGIC.len();
    // Each record is at least 8 bytes, so this bound is never reached by a valid log.
    for _ in 0..=bytes.len() / 8 {
        let Some(head) = bytes.get(at..at + 8) else { break };
        let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        let crc = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        if len > MAX_RECORD {
            break;
        }
        let Some(payload) = bytes.get(at + 8..at + 8 + len as usize) else { break };
        if crc32fast::hash(payload) != crc {
            break;
        }
        let Ok(resources) = serde_json::from_slice::<Vec<Value>>(payload) else { break };
        out.push(resources.into_iter().map(Arc::new).collect());
        at += 8 + len as usize;
    }
    (out, at)
}

/// Makes a new file's directory entry durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("gom-wal-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn commit(n: u64) -> Vec<Arc<Value>> {
        vec![Arc::new(json!({"resourceType": "Task", "id": format!("t{n}"), "meta": {"versionId": "1"}}))]
    }

    #[test]
    fn replays_every_commit_and_cuts_a_torn_tail() {
        let dir = tmp("torn");
        {
            let (mut wal, replay) = Wal::open(&dir).unwrap();
            assert!(replay.commits.is_empty());
            for n in 0..3 {
                wal.append(&commit(n)).unwrap();
            }
        }
        let full = std::fs::read(dir.join("wal.log")).unwrap();
        // Every possible tear inside the last record loses that record only.
        let last_start = {
            let (c, _) = read_records(&full);
            assert_eq!(c.len(), 3);
            let (_, two) = read_records(&full[..full.len() - 1]);
            two
        };
        for cut in [last_start + 1, last_start + 7, last_start + 9, full.len() - 1] {
            std::fs::write(dir.join("wal.log"), &full[..cut]).unwrap();
            let (mut wal, replay) = Wal::open(&dir).unwrap();
            assert_eq!(replay.commits.len(), 2, "cut at {cut}");
            assert_eq!(replay.torn_bytes, (cut - last_start) as u64);
            wal.append(&commit(9)).unwrap();
            drop(wal);
            let (_, replay) = Wal::open(&dir).unwrap();
            assert_eq!(replay.commits.len(), 3);
            assert_eq!(replay.commits[2][0]["id"], "t9");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_flipped_byte_ends_the_replay_there() {
        let dir = tmp("flip");
        {
            let (mut wal, _) = Wal::open(&dir).unwrap();
            wal.append(&commit(0)).unwrap();
            wal.append(&commit(1)).unwrap();
        }
        let mut bytes = std::fs::read(dir.join("wal.log")).unwrap();
        let n = bytes.len();
        bytes[n - 3] ^= 0x20;
        std::fs::write(dir.join("wal.log"), &bytes).unwrap();
        let (_, replay) = Wal::open(&dir).unwrap();
        assert_eq!(replay.commits.len(), 1);
        std::fs::write(dir.join("wal.log"), b"not a log at all").unwrap();
        assert!(Wal::open(&dir).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
