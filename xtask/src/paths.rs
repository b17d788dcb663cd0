//! Where things are: the workspace root and the per-user tools directory; the files under a
//! directory.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Tools that are not cargo binaries (the npm `binaryen` package) live outside the clone, so
/// a fresh clone on the same machine reuses them: `$CHORUS_TOOLS_DIR`, else
/// `~/.cache/chorus-tools`.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CHORUS_TOOLS_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    home.join(".cache").join("chorus-tools")
}

pub fn dist() -> PathBuf {
    root().join("dist")
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}
