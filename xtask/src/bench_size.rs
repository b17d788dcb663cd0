//! `cargo xtask bench size`: what a visitor downloads, compressed as a server would send it.
//! With `--top N`, twiggy's N largest items of the wasm as rustc left it (names intact, before
//! wasm-bindgen and wasm-opt: sizes are larger than shipped, the order is what to cut first).

use std::path::Path;

use anyhow::{bail, Context, Result};

use std::process::Command;

use crate::{compress, paths, run, tools::Toolchain};

/// The app's wasm before wasm-bindgen and wasm-opt, with its function names.
fn named_wasm() -> std::path::PathBuf {
    paths::root()
        .join("target")
        .join("wasm32-unknown-unknown")
        .join("wasm-release")
        .join("chorus.wasm")
}

/// `twiggy top -n N` and `twiggy dominators -d 2 -r N` of the named wasm.
pub fn top(tools: &Toolchain, n: usize) -> Result<()> {
    let wasm = named_wasm();
    let n = n.to_string();
    run::step(
        "twiggy top",
        Command::new("twiggy")
            .args(["top", "-n", &n])
            .arg(&wasm)
            .env("PATH", &tools.path),
    )?;
    run::step(
        "twiggy dominators",
        Command::new("twiggy")
            .args(["dominators", "-d", "3", "-r", &n])
            .arg(&wasm)
            .env("PATH", &tools.path),
    )
}

#[derive(Debug, Default, Clone, Copy)]
struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

pub fn run() -> Result<()> {
    let dist = paths::dist();
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(&dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "js",
            Some("css") => "css",
            _ => continue,
        };
        rows.push((kind, file_name(&path), measure(&path)?));
    }
    if rows.is_empty() {
        bail!("no wasm, js or css in {}: build first", dist.display());
    }
    rows.sort_by(|a, b| a.0.cmp(b.0).then_with(|| a.1.cmp(&b.1)));
    println!(
        "\n{:<6} {:<44} {:>10} {:>10} {:>10}",
        "kind", "file", "raw", "gzip", "brotli 11"
    );
    let mut total = Sizes::default();
    for (kind, name, sizes) in &rows {
        println!(
            "{kind:<6} {name:<44} {:>10} {:>10} {:>10}",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli)
        );
        total += *sizes;
    }
    println!(
        "{:<6} {:<44} {:>10} {:>10} {:>10}",
        "sum",
        "",
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli)
    );
    let peer = crate::bench_peer::build()?;
    let sizes = measure(&peer)?;
    println!(
        "{:<6} {:<44} {:>10} {:>10} {:>10}",
        "peer",
        "React 19 + react-spotify-web-playback (esbuild)",
        kb(sizes.raw),
        kb(sizes.gzip),
        kb(sizes.brotli)
    );
    Ok(())
}

fn measure(path: &Path) -> Result<Sizes> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(Sizes {
        raw: bytes.len(),
        gzip: compress::gzip(&bytes)?.len(),
        brotli: compress::brotli(&bytes)?.len(),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn kb(bytes: usize) -> String {
    format!("{:.1} kB", bytes as f64 / 1000.0)
}
