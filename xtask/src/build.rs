//! Building the app: trunk, release, offline, with the pinned tools on PATH.

use std::process::Command;

use anyhow::Result;

use crate::{paths, run, tools::Toolchain};

pub fn release(tools: &Toolchain) -> Result<()> {
    run::step(
        "build the app (trunk, release)",
        Command::new("trunk")
            .args(["build", "--release", "--offline"])
            .current_dir(paths::root())
            .env("PATH", &tools.path)
            // trunk reads NO_COLOR as a boolean; plain logs read better in CI.
            .env("NO_COLOR", "true"),
    )
}
