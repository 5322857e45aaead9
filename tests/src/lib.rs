//! gom-harness: the native side of gom. The CLI (`gom-harness validate …`) and the local GOMS
//! broker (`gom-harness serve`) are thin shells over gom-core; all rules live there.

pub mod cli;
pub mod gen;
pub mod serve;

/// Locates `../shared` (the research fixtures, the CESQL TCK, the bench inputs) from the
/// workspace root. Suites that need it print a notice and skip where it is absent.
pub fn shared_dir() -> Option<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    let dir = root.parent()?.join("shared");
    dir.is_dir().then_some(dir)
}
