//! Building the app: trunk, release, offline, with the pinned tools on PATH; the boot app
//! beside it (`boot_app.rs`); then the JS and CSS minified and every asset compressed beside itself (`compress.rs`). A release build whose
//! inputs and output have not changed since the last one is skipped (`build_stamp.rs`).

use std::{path::Path, process::Command};

use anyhow::{bail, Context, Result};

use crate::{boot_app, build_stamp, compress, paths, run, tools::Toolchain};

const RELEASE: &str = "release";

pub fn release(tools: &Toolchain) -> Result<()> {
    if build_stamp::fresh(tools, RELEASE) {
        println!("\n==> build the app: dist/ is the build of these sources already (target/dist.stamp); skipped");
        return Ok(());
    }
    build_stamp::forget()?;
    trunk(tools)?;
    boot_app::build(tools)?;
    minify_assets(tools)?;
    compress_dist()?;
    build_stamp::record(tools, RELEASE)
}

/// `build --static --config FILE`: the release build made a static-hosting kit for that
/// config (`chorus_proxy::static_kit`), then compressed, so `.br`/`.gz` cover the kit's files.
/// Always built in full (the kit's own code is not in the stamp); it leaves no stamp.
pub fn static_kit(tools: &Toolchain, config: &Path) -> Result<()> {
    build_stamp::forget()?;
    trunk(tools)?;
    boot_app::build(tools)?;
    minify_assets(tools)?;
    let config = std::fs::canonicalize(config)
        .with_context(|| format!("the config file {}", config.display()))?;
    run::step(
        "make dist/ a static-hosting kit",
        Command::new("cargo")
            .args([
                "run",
                "-q",
                "-p",
                "chorus-proxy",
                "--bin",
                "chorus-static-kit",
                "--",
            ])
            .arg(paths::dist())
            .arg(&config)
            .current_dir(paths::root()),
    )?;
    compress_dist()
}

/// Minifies the JS and CSS trunk wrote, in place, with esbuild: wasm-bindgen's JS is 66 kB
/// (9.9 kB gzip) readable and 29.6 kB (8.2 kB gzip) minified; app.css 35.1 kB (7.5 kB gzip) and
/// 27.6 kB (5.9 kB gzip). Each file keeps trunk's content-hashed name, which changes whenever
/// its source does. The loader imports the JS without an integrity hash; the stylesheet's
/// `integrity` in index.html is replaced by the minified file's. (trunk's own `minify` also
/// rewrites index.html without the `<head>` tag the browser-test harness puts its hook after,
/// and its JS minifier cannot parse wasm-bindgen's `export default`.)
fn minify_assets(tools: &Toolchain) -> Result<()> {
    let dist = paths::dist();
    for entry in std::fs::read_dir(&dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let css = path.extension().is_some_and(|e| e == "css");
        if !(css || path.extension().is_some_and(|e| e == "js")) {
            continue;
        }
        let before = css.then(|| sri(&path)).transpose()?;
        run::step(
            &format!("minify {}", path.display()),
            Command::new(&tools.esbuild)
                .arg(&path)
                .args(["--minify", "--log-level=warning", "--allow-overwrite"])
                .args((!css).then_some("--format=esm"))
                .arg(format!("--outfile={}", path.display())),
        )?;
        if let Some(before) = before {
            replace_integrity(&dist.join("index.html"), &before, &sri(&path)?)?;
        }
    }
    Ok(())
}

/// The `integrity` value trunk writes: `sha384-` and the base64 of the file's SHA-384.
fn sri(path: &Path) -> Result<String> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let digest = sha2::Sha384::digest(&bytes);
    Ok(format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    ))
}

fn replace_integrity(index: &Path, before: &str, after: &str) -> Result<()> {
    let html =
        std::fs::read_to_string(index).with_context(|| format!("reading {}", index.display()))?;
    let quoted = format!("\"{before}\"");
    if html.matches(&quoted).count() != 1 {
        bail!(
            "{} does not name the stylesheet's integrity {before} once",
            index.display()
        );
    }
    std::fs::write(index, html.replace(&quoted, &format!("\"{after}\"")))
        .with_context(|| format!("writing {}", index.display()))
}

fn compress_dist() -> Result<()> {
    println!("\n==> compress dist/ (gzip by zopfli, brotli 11)");
    compress::precompress(&paths::dist())
}

fn trunk(tools: &Toolchain) -> Result<()> {
    let mut trunk = Command::new("trunk");
    trunk
        .args(["build", "--release", "--offline"])
        .current_dir(paths::root())
        .env("PATH", &tools.path)
        // trunk reads NO_COLOR as a boolean; plain logs read better in CI.
        .env("NO_COLOR", "true");
    tools.release.apply(&mut trunk);
    run::step("build the app (trunk, release)", &mut trunk)
}
