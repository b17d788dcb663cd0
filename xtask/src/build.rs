//! Building the app: trunk, release, offline, with the pinned tools on PATH; then every asset
//! compressed beside itself (`compress.rs`).

use std::{path::Path, process::Command};

use anyhow::{Context, Result};

use crate::{compress, paths, run, tools::Toolchain};

pub fn release(tools: &Toolchain) -> Result<()> {
    trunk(tools)?;
    compress_dist()
}

/// `build --static --config FILE`: the release build made a static-hosting kit for that
/// config (`chorus_proxy::static_kit`), then compressed, so `.br`/`.gz` cover the kit's files.
pub fn static_kit(tools: &Toolchain, config: &Path) -> Result<()> {
    trunk(tools)?;
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
