//! `cargo xtask bench tabs [--users N]`: N listeners playing at once, one tab each, in one
//! headless Chromium: time until all N play, JS heap per tab and click-to-playing latency,
//! printed beside their goals (asserts nothing).
//!
//! Builds `dist/` in release, then runs `tests/examples/bench_tabs.rs` (the browser-test harness:
//! sandbox + proxy in process, chromedriver) with `CHROMEDRIVER` and `CHORUS_DIST` set. Extra
//! arguments go to the bench: `cargo xtask bench tabs --users 20`.

use std::process::Command;

use anyhow::{Context, Result};

use crate::{build, paths, run, tools};

pub fn run(bench_args: &[&str]) -> Result<()> {
    run_example(
        "bench tabs (sandbox + proxy + app in headless Chromium)",
        "bench_tabs",
        bench_args,
    )
}

/// Builds `dist/` in release and runs the harness example `example` with the browser set up.
pub fn run_example(step: &str, example: &str, bench_args: &[&str]) -> Result<()> {
    let toolchain = tools::ensure(tools::Needs::Browser)?;
    let chromedriver = toolchain
        .chromedriver
        .clone()
        .context("chromedriver was not set up")?;
    build::release(&toolchain)?;
    run::step(
        step,
        Command::new("cargo")
            .args([
                "run",
                "-p",
                "chorus-browser-tests",
                "--example",
                example,
                "--",
            ])
            .args(bench_args)
            .current_dir(paths::root())
            .env("PATH", &toolchain.path)
            .env("CHROMEDRIVER", &chromedriver)
            .env("CHORUS_DIST", paths::dist()),
    )
}
