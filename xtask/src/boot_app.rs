//! The boot app's wasm (`src/bin/chorus-boot.rs`, the signed-out screens; src/boot.rs says
//! why): trunk 0.21 builds one main wasm per page, so this builds the second one the way trunk
//! builds the first (cargo with the same profile, target and toolchain, so the library is
//! compiled once for both; wasm-bindgen `--target web`; wasm-opt -Oz), names its files
//! `chorus-boot-HASH.js` / `chorus-boot-HASH_bg.wasm` like trunk's (the proxy and the static
//! kit's `_headers` make such names immutable), and writes those names over `BOOT_JS` and
//! `BOOT_WASM` in the loader of `dist/index.html` (Trunk.toml). Runs after trunk, before the
//! JS is minified and the CSP hashed, so both cover it.

use std::{path::Path, process::Command};

use anyhow::{bail, Context, Result};

use crate::{paths, run, tools::Toolchain};

const BIN: &str = "chorus-boot";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The loader's placeholders (Trunk.toml `pattern_script`).
const JS_PLACEHOLDER: &str = "BOOT_JS";
const WASM_PLACEHOLDER: &str = "BOOT_WASM";

pub fn build(tools: &Toolchain) -> Result<()> {
    let root = paths::root();
    let mut cargo = Command::new("cargo");
    cargo
        .args(["build", "--target", WASM_TARGET, "--profile", PROFILE])
        .args(["--bin", BIN, "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .current_dir(&root)
        .env("PATH", &tools.path);
    tools.release.apply(&mut cargo);
    run::step("build the boot app (cargo, wasm-release)", &mut cargo)?;

    let built = root
        .join("target")
        .join(WASM_TARGET)
        .join(PROFILE)
        .join(format!("{BIN}.wasm"));
    let staging = root.join("target").join("boot-app");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("clearing {}", staging.display()))?;
    }
    run::step(
        "wasm-bindgen the boot app",
        Command::new("wasm-bindgen")
            .args(["--target=web", "--no-typescript"])
            .arg(format!("--out-name={BIN}"))
            .arg(format!("--out-dir={}", staging.display()))
            .arg(&built)
            .env("PATH", &tools.path),
    )?;
    let bindgen_wasm = staging.join(format!("{BIN}_bg.wasm"));
    let optimized = staging.join(format!("{BIN}_opt.wasm"));
    run::step(
        "wasm-opt -Oz the boot app",
        Command::new("wasm-opt")
            .arg(format!("--output={}", optimized.display()))
            .arg("-Oz")
            .arg(&bindgen_wasm)
            .env("PATH", &tools.path),
    )?;

    let js = read(&staging.join(format!("{BIN}.js")))?;
    let wasm = read(&optimized)?;
    let hash = content_hash(&js, &wasm);
    let (js_name, wasm_name) = (format!("{BIN}-{hash}.js"), format!("{BIN}-{hash}_bg.wasm"));
    let dist = paths::dist();
    write(&dist.join(&js_name), &js)?;
    write(&dist.join(&wasm_name), &wasm)?;
    let index = dist.join("index.html");
    let html = String::from_utf8(read(&index)?)
        .with_context(|| format!("{} is not UTF-8", index.display()))?;
    let html = name_boot_files(&html, &js_name, &wasm_name)
        .with_context(|| format!("writing the boot app's names into {}", index.display()))?;
    write(&index, html.as_bytes())?;
    println!(
        "    boot app: {js_name} ({} bytes), {wasm_name} ({} bytes)",
        js.len(),
        wasm.len()
    );
    Ok(())
}

/// The loader with the boot app's file names in place of its placeholders (each must be there
/// once: anything else means the loader is not the one this was written for).
fn name_boot_files(html: &str, js_name: &str, wasm_name: &str) -> Result<String> {
    let mut html = html.to_owned();
    for (placeholder, name) in [(JS_PLACEHOLDER, js_name), (WASM_PLACEHOLDER, wasm_name)] {
        let quoted_end = format!("{placeholder}'");
        let found = html.matches(&quoted_end).count();
        if found != 1 {
            bail!("the loader names {placeholder} {found} times, not once");
        }
        html = html.replace(&quoted_end, &format!("{name}'"));
    }
    Ok(html)
}

/// 16 hex digits of the SHA-256 of both files: trunk's name shape (`is_hashed_asset`).
fn content_hash(js: &[u8], wasm: &[u8]) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    hasher.update(js);
    hasher.update(wasm);
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = "const whole = { js: '/chorus-1.js' };\n\
                          const boot = { js: '/BOOT_JS', wasm: '/BOOT_WASM' };\n\
                          boot.wasm.endsWith('_bg.wasm')";

    #[test]
    fn the_names_replace_the_quoted_placeholders() {
        let html = name_boot_files(LOADER, "b-1.js", "b-1_bg.wasm").expect("named");
        assert!(
            html.contains("js: '/b-1.js', wasm: '/b-1_bg.wasm'"),
            "{html}"
        );
        assert!(!html.contains("BOOT_"), "{html}");
    }

    #[test]
    fn a_placeholder_named_twice_is_an_error() {
        let twice = format!("{LOADER} 'BOOT_WASM'");
        let err = name_boot_files(&twice, "b.js", "b_bg.wasm").expect_err("refused");
        assert!(err.to_string().contains("BOOT_WASM 2 times"), "{err}");
    }

    #[test]
    fn a_loader_without_the_placeholders_is_an_error() {
        let err = name_boot_files("<script></script>", "b.js", "b.wasm").expect_err("refused");
        assert!(err.to_string().contains("BOOT_JS 0 times"), "{err}");
    }

    #[test]
    fn the_hash_has_trunks_shape_and_follows_the_content() {
        let hash = content_hash(b"js", b"wasm");
        assert_eq!(hash.len(), 16);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(hash, content_hash(b"js", b"wasm2"));
    }
}
