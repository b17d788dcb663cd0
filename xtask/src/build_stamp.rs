//! Whether `dist/` is already the build of the current sources, so a rerun of `test`, `demo`
//! or `browser-tests` skips trunk, minifying and compressing (about 40 s when nothing changed:
//! trunk re-runs wasm-bindgen and wasm-opt every time, and zopfli takes ≈ 11 s).
//!
//! A stamp in `target/` holds two fingerprints: of the build's inputs, and of what it wrote to
//! `dist/`. The inputs are every source file cargo's dep-info names for the release wasms (the
//! app's and its path dependencies'), by path, size and modification time; the manifests,
//! Cargo.lock, index.html, Trunk.toml, `static/` and `.cargo/`; the toolchain that builds the
//! wasm and the pinned tools; xtask's own sources (a change to how we build rebuilds; not the
//! xtask binary, which `cargo test --workspace` relinks with other features); the environment
//! variables that steer cargo; and the kind of build (release, or the static kit
//! for one config file). Registry dependencies change only through Cargo.lock, the standard
//! library only with the toolchain. `dist/` is fingerprinted by content, so a file edited or
//! deleted there rebuilds too. Anything unreadable counts as "not fresh".

use std::{
    collections::hash_map::DefaultHasher,
    hash::{Hash, Hasher},
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};

use crate::{paths, tools, tools::Toolchain};

fn stamp_file() -> PathBuf {
    paths::root().join("target").join("dist.stamp")
}

/// Cargo's dep-info of both release wasms: the whole app's and the boot app's.
fn dep_infos() -> [PathBuf; 2] {
    let dir = paths::root()
        .join("target")
        .join("wasm32-unknown-unknown")
        .join("wasm-release");
    [dir.join("chorus.d"), dir.join("chorus-boot.d")]
}

/// True when the stamp says `dist/` was built by this kind of build from these inputs and
/// has not changed since.
pub fn fresh(tools: &Toolchain, kind: &str) -> bool {
    let Ok(saved) = std::fs::read_to_string(stamp_file()) else {
        return false;
    };
    let (Some(inputs), Some(dist)) = (inputs(tools, kind), dist_fingerprint()) else {
        return false;
    };
    saved.trim() == format!("{inputs:016x} {dist:016x}")
}

/// Records the stamp after a build; forgets it when the fingerprints cannot be taken.
pub fn record(tools: &Toolchain, kind: &str) -> Result<()> {
    let file = stamp_file();
    match (inputs(tools, kind), dist_fingerprint()) {
        (Some(inputs), Some(dist)) => std::fs::write(&file, format!("{inputs:016x} {dist:016x}\n"))
            .with_context(|| format!("writing {}", file.display())),
        _ => forget(),
    }
}

/// Drops the stamp, so the next build runs in full (before a build starts: a build that fails
/// half-way leaves no stamp that matches).
pub fn forget() -> Result<()> {
    match std::fs::remove_file(stamp_file()) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).context("removing target/dist.stamp")
        }
        _ => Ok(()),
    }
}

fn inputs(tools: &Toolchain, kind: &str) -> Option<u64> {
    let mut hasher = DefaultHasher::new();
    kind.hash(&mut hasher);
    tools.release.describe().hash(&mut hasher);
    (
        tools::TRUNK_VERSION,
        tools::BINARYEN_VERSION,
        tools::ESBUILD_VERSION,
    )
        .hash(&mut hasher);
    let mut files = dep_info_sources()?;
    let root = paths::root();
    files.extend(walk(&root.join("xtask").join("src"))?);
    files.push(root.join("xtask").join("Cargo.toml"));
    for name in ["Cargo.toml", "Cargo.lock", "index.html", "Trunk.toml"] {
        files.push(root.join(name));
    }
    files.extend(walk(&root.join("static"))?);
    files.extend(walk(&root.join(".cargo"))?);
    for entry in std::fs::read_dir(root.join("crates")).ok()? {
        files.push(entry.ok()?.path().join("Cargo.toml"));
    }
    files.sort();
    for file in files {
        let meta = std::fs::metadata(&file).ok()?;
        (&file, meta.len(), meta.modified().ok()?).hash(&mut hasher);
    }
    let mut steering: Vec<(String, String)> = std::env::vars()
        .filter(|(name, _)| {
            name.starts_with("RUST")
                || [
                    "CARGO_BUILD_",
                    "CARGO_PROFILE_",
                    "CARGO_TARGET_",
                    "CARGO_ENCODED_",
                ]
                .iter()
                .any(|prefix| name.starts_with(prefix))
        })
        .collect();
    steering.sort();
    steering.hash(&mut hasher);
    Some(hasher.finish())
}

/// The source files of cargo's dep-info for the release wasms (`target: a.rs b.rs …`, spaces
/// in names escaped with a backslash); None before the first build.
fn dep_info_sources() -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    for dep_info in dep_infos() {
        files.extend(parse_dep_info(&std::fs::read_to_string(dep_info).ok()?)?);
    }
    files.dedup();
    Some(files)
}

fn parse_dep_info(text: &str) -> Option<Vec<PathBuf>> {
    let (_, sources) = text.lines().next()?.split_once(": ")?;
    let mut files = Vec::new();
    let mut current = String::new();
    let mut chars = sources.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.extend(chars.next()),
            ' ' => {
                if !current.is_empty() {
                    files.push(PathBuf::from(std::mem::take(&mut current)));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        files.push(PathBuf::from(current));
    }
    (!files.is_empty()).then_some(files)
}

/// Every file under `dir` (none when it does not exist; `None` when it cannot be read).
fn walk(dir: &Path) -> Option<Vec<PathBuf>> {
    match paths::files_under(dir) {
        Ok(files) => Some(files),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Vec::new()),
        Err(_) => None,
    }
}

/// The names and contents of every file in `dist/`.
fn dist_fingerprint() -> Option<u64> {
    let mut files = walk(&paths::dist())?;
    if files.is_empty() {
        return None;
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.hash(&mut hasher);
        std::fs::read(&file).ok()?.hash(&mut hasher);
    }
    Some(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dep_info_names_every_source_and_keeps_escaped_spaces() {
        let text = "/t/chorus.wasm: /s/a.rs /s/my\\ dir/b.rs  /s/c.rs\n\n/s/a.rs:\n";
        let files = parse_dep_info(text).expect("sources");
        assert_eq!(
            files,
            ["/s/a.rs", "/s/my dir/b.rs", "/s/c.rs"].map(PathBuf::from)
        );
    }

    #[test]
    fn dep_info_without_sources_is_not_a_fingerprint() {
        assert_eq!(parse_dep_info("/t/chorus.wasm: \n"), None);
        assert_eq!(parse_dep_info(""), None);
    }
}
