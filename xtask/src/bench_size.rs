//! `cargo xtask bench size`: what a visitor downloads, compressed as a server would send it:
//! a signed-out first visit (the boot app), and the whole app.
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

/// Which download a file belongs to: the boot app's files come only with a signed-out first
/// visit, the whole app's after sign-in (or prefetched while Welcome shows), the rest with both.
fn belongs_to(name: &str) -> (bool, bool) {
    let boot = name.starts_with("chorus-boot-");
    let whole = !boot && name.starts_with("chorus-");
    (!whole, !boot)
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
    let (mut first, mut whole) = (Sizes::default(), Sizes::default());
    for (kind, name, sizes) in &rows {
        println!(
            "{kind:<6} {name:<44} {:>10} {:>10} {:>10}",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli)
        );
        let (in_first, in_whole) = belongs_to(name);
        if in_first {
            first += *sizes;
        }
        if in_whole {
            whole += *sizes;
        }
    }
    let sum = |label: &str, sizes: Sizes| {
        println!(
            "{:<6} {label:<44} {:>10} {:>10} {:>10}",
            "sum",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli)
        )
    };
    sum("signed out, first visit (boot app + CSS)", first);
    sum("the whole app (its wasm + JS + CSS)", whole);
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
    println!(
        "\ngoals: the whole app ≤ 380 kB gzip; the first load ≤ 300 kB brotli on the wire \
         (bench load measures it)"
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

#[cfg(test)]
mod tests {
    use super::belongs_to;

    #[test]
    fn each_file_counts_for_the_download_it_comes_with() {
        assert_eq!(
            belongs_to("chorus-boot-0123456789abcdef_bg.wasm"),
            (true, false)
        );
        assert_eq!(belongs_to("chorus-boot-0123456789abcdef.js"), (true, false));
        assert_eq!(belongs_to("chorus-0123456789abcdef_bg.wasm"), (false, true));
        assert_eq!(belongs_to("app-0123456789abcdef.css"), (true, true));
    }
}
