//! The files of a fixture folder by their extension, in a stable order.
//! Shared by `tests/frontends.rs`, `benches/frontends.rs` and
//! `benches/memory.rs`.

use std::path::{Path, PathBuf};

/// The files `tests/fixtures/DIR/*.EXT`, sorted by name; panics when the
/// folder cannot be read or has none.
pub fn paths(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no .{ext} fixtures in {}", dir.display());
    out
}

/// The bytes of the files [`paths`] lists, in its order.
#[allow(dead_code)] // read by the benches; tests/frontends.rs takes the paths
pub fn bytes(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    paths(dir, ext)
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}
