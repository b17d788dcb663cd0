//! Building the app: trunk, release, offline, with the pinned tools on PATH; then every asset
//! compressed beside itself (`compress.rs`).

use std::process::Command;

use anyhow::Result;

use crate::{compress, paths, run, tools::Toolchain};

pub fn release(tools: &Toolchain) -> Result<()> {
    run::step(
        "build the app (trunk, release)",
        Command::new("trunk")
            .args(["build", "--release", "--offline"])
            .current_dir(paths::root())
            .env("PATH", &tools.path)
            // trunk reads NO_COLOR as a boolean; plain logs read better in CI.
            .env("NO_COLOR", "true"),
    )?;
    println!("\n==> compress dist/ (gzip -9, brotli 11)");
    compress::precompress(&paths::dist())
}
