//! `cargo xtask test`: everything CI runs, in order, stopping at the first failing step.

use std::{process::Command, time::Instant};

use anyhow::{Context, Result};

use crate::{
    build, paths, run,
    servers::{free_port, Servers},
    tools,
};

const WASM: &str = "wasm32-unknown-unknown";

pub fn run() -> Result<()> {
    let started = Instant::now();
    let toolchain = tools::ensure(tools::Needs::Browser)?;
    let chromedriver = toolchain
        .chromedriver
        .clone()
        .context("chromedriver was not set up")?;
    let root = paths::root();
    let cargo = |args: &[&str]| {
        let mut command = Command::new("cargo");
        command
            .args(args)
            .current_dir(&root)
            .env("PATH", &toolchain.path);
        command
    };

    run::step("rustfmt", &mut cargo(&["fmt", "--all", "--", "--check"]))?;
    run::step(
        "clippy (host)",
        &mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run::step(
        "clippy (wasm32)",
        &mut cargo(&[
            "clippy",
            "--target",
            WASM,
            "-p",
            "chorus",
            "-p",
            "chorus-core",
            "-p",
            "chorus-sdk",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run::step(
        "clippy (wasm32 tests)",
        &mut cargo(&[
            "clippy",
            "--target",
            WASM,
            "-p",
            "chorus-sdk",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run::step(
        "native tests",
        &mut cargo(&["test", "--workspace", "--exclude", "chorus-browser-tests"]),
    )?;
    // The SDK binding is tested against the sandbox's emulated SDK: a sandbox process runs for
    // the step, and its URL reaches the wasm tests at compile time.
    run::step(
        "build the sandbox",
        &mut cargo(&["build", "-p", "spotify-sandbox"]),
    )?;
    let mut servers = Servers::default();
    let sandbox_port = free_port()?;
    servers.start(
        "spotify-sandbox",
        Command::new(root.join("target").join("debug").join("spotify-sandbox"))
            .arg("--listen")
            .arg(format!("127.0.0.1:{sandbox_port}"))
            .arg("--admin"),
        sandbox_port,
    )?;
    run::step(
        "wasm-bindgen tests (headless Chromium)",
        cargo(&["test", "--target", WASM, "-p", "chorus-sdk"])
            .env("CHROMEDRIVER", &chromedriver)
            .env(
                "CHORUS_SANDBOX_URL",
                format!("http://127.0.0.1:{sandbox_port}"),
            )
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60"),
    )?;
    drop(servers);
    build::release(&toolchain)?;
    run::step(
        "browser tests (sandbox + proxy + app in headless Chromium)",
        cargo(&[
            "test",
            "-p",
            "chorus-browser-tests",
            "--",
            "--test-threads=1",
        ])
        .env("CHROMEDRIVER", &chromedriver)
        .env("CHORUS_DIST", paths::dist()),
    )?;
    println!(
        "\nall checks passed in {:.0}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
