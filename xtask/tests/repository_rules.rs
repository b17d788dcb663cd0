//! The invariants of `docs/architecture.md` that a text search can hold: what a fresh clone needs is
//! inside it, the core does no I/O, foreign bindings have one owner, and no Spotify host is written
//! into the app. Run: `cargo test -p xtask --test repository_rules`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_path_buf()
}

/// Directories that are built, fetched or installed, never written by hand.
const GENERATED: &[&str] = &[
    "target",
    ".git",
    "dist",
    "node_modules",
    "corpus",
    "artifacts",
];

/// Every hand-written text file under `dir` (relative paths from the workspace root).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if !GENERATED.contains(&name.as_ref()) {
                    pending.push(path);
                }
            } else if is_text(&name) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn is_text(name: &str) -> bool {
    const KINDS: &[&str] = &[
        ".rs", ".toml", ".md", ".html", ".css", ".js", ".json", ".yml", ".yaml", ".sh",
    ];
    KINDS.iter().any(|kind| name.ends_with(kind)) || name == "run"
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Lines of `text` before its test module: what ships, not what tests it.
fn shipped_part(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

#[test]
fn nothing_reads_outside_the_repository_or_names_a_machine_path() {
    // Built from parts so this file does not match itself.
    let outside = ["..", "/shared"].concat();
    let machine_paths = [
        ["/wo", "rk/"].concat(),
        ["/ro", "ot/"].concat(),
        ["/ho", "me/"].concat(),
        ["/Us", "ers/"].concat(),
    ];
    let mut offenders = Vec::new();
    for path in files_under(&root()) {
        let text = read(&path);
        if text.contains(&outside) || machine_paths.iter().any(|p| text.contains(p.as_str())) {
            offenders.push(relative(&path));
        }
    }
    assert!(
        offenders.is_empty(),
        "these files read outside the repository or name a machine path \
         (move what they need into docs/ or a fixture): {offenders:?}"
    );
}

#[test]
fn the_contract_and_its_openapi_fixture_are_in_the_repository() {
    for needed in [
        "docs/architecture.md",
        "docs/spotify-contract.md",
        "docs/ux.md",
        "crates/spotify-sandbox/tests/fixtures/spotify-web-api.openapi.yml",
    ] {
        assert!(root().join(needed).is_file(), "{needed} is missing");
    }
}

#[test]
fn chorus_core_does_no_io() {
    let manifest = read(&root().join("crates/chorus-core/Cargo.toml"));
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    for io_crate in [
        "tokio",
        "web-sys",
        "js-sys",
        "wasm-bindgen",
        "reqwest",
        "hyper",
    ] {
        assert!(
            !dependencies
                .lines()
                .any(|line| line.trim_start().starts_with(io_crate)),
            "chorus-core depends on {io_crate}: core must stay free of I/O"
        );
    }
    for path in files_under(&root().join("crates/chorus-core/src")) {
        let text = read(&path);
        for io in ["std::fs", "std::net", "std::process", "SystemTime::now"] {
            assert!(
                !shipped_part(&text).contains(io),
                "{} uses {io}: core takes time and data as arguments",
                relative(&path)
            );
        }
    }
}

#[test]
fn foreign_bindings_have_one_owner() {
    let allowed = [
        root().join("crates/chorus-sdk"),
        root().join("src/services"),
    ];
    let mut offenders = Vec::new();
    for dir in [root().join("src"), root().join("crates")] {
        for path in files_under(&dir) {
            if path.extension().is_some_and(|e| e == "rs")
                && !allowed.iter().any(|a| path.starts_with(a))
                && read(&path).contains(&["extern ", "\"C\""].concat())
            {
                offenders.push(relative(&path));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "extern blocks belong to chorus-sdk (the SDK) or src/services/ (browser APIs): {offenders:?}"
    );
}

#[test]
fn the_app_names_no_spotify_host() {
    let hosts = ["spotify.com", "scdn.co", "spotifycdn.com"];
    let mut offenders = Vec::new();
    for dir in ["src", "crates/chorus-sdk/src", "crates/chorus-core/src"] {
        for path in files_under(&root().join(dir)) {
            let text = read(&path);
            if hosts.iter().any(|h| shipped_part(&text).contains(h)) {
                offenders.push(relative(&path));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "Spotify hosts come from config.json, never from the app's code: {offenders:?}"
    );
}
