//! `cargo xtask bench load`: cold and warm loads of the app from a release proxy in headless
//! Chromium (CDP network emulation has no equivalent in the other engines' WebDriver), at
//! loopback speed and at 1.6 Mbps / 150 ms RTT, printed beside their goals (asserts nothing).
//!
//! Builds `dist/` in release, then runs `tests/examples/bench_load.rs`.

use std::process::Command;

use anyhow::Result;

use crate::{build, engines::Engine, paths, run, tools};

pub fn run() -> Result<()> {
    let engine = Engine::Chromium;
    let toolchain = tools::ensure(tools::Needs::Browser(vec![engine]))?;
    build::release(&toolchain)?;
    run::step(
        "bench load (proxy + app in headless Chromium, loopback and 1.6 Mbps)",
        Command::new("cargo")
            .args([
                "run",
                "-p",
                "chorus-browser-tests",
                "--example",
                "bench_load",
            ])
            .current_dir(paths::root())
            .env("PATH", &toolchain.path)
            .env("CHORUS_BROWSER", engine.name())
            .env(engine.driver_var(), toolchain.driver(engine)?)
            .env("CHORUS_DIST", paths::dist()),
    )
}
