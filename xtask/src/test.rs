//! `cargo xtask test [--browser chromium|firefox|webkit|all] [--jobs N]`: everything CI runs,
//! in order, stopping at the first failing step; the browser tests run on every engine named
//! (all three by default) and report per engine (see `browser_tests.rs`).

use std::{process::Command, time::Instant};

use anyhow::{bail, Result};

use crate::{
    browser_tests, build,
    engines::{self, Engine},
    paths, run,
    servers::{free_port, Servers},
    tools,
};

const WASM: &str = "wasm32-unknown-unknown";

/// Browser tests at once when `--jobs` is not given: each is mostly waiting on its browser
/// and the sandbox, so a little more than one per core.
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get() + 1)
}

/// `--browser ENGINE`, `--jobs N` and (for `browser-tests`) words that pick tests.
struct Options {
    engines: Vec<Engine>,
    jobs: usize,
    filters: Vec<String>,
}

fn options(args: &[&str]) -> Result<Options> {
    let (engines, rest) = engines::take_browser_flag(args)?;
    let mut jobs = default_jobs();
    let mut filters = Vec::new();
    let mut rest = rest.into_iter();
    while let Some(arg) = rest.next() {
        if arg == "--jobs" {
            jobs = match rest.next().map(str::parse) {
                Some(Ok(n)) if n > 0 => n,
                _ => bail!("--jobs takes a number ≥ 1"),
            };
        } else if arg.starts_with('-') {
            bail!("unknown option {arg:?}");
        } else {
            filters.push(arg.to_owned());
        }
    }
    Ok(Options {
        engines,
        jobs,
        filters,
    })
}

/// `cargo xtask browser-tests [--browser ENGINE] [--jobs N] [WORD…]`: set-up, the release build
/// and the browser tests only (those whose `file::name` contains a WORD, when any is given).
pub fn browser_only(args: &[&str]) -> Result<()> {
    let options = options(args)?;
    let toolchain = tools::ensure(tools::Needs::Browser(options.engines.clone()))?;
    build::release(&toolchain)?;
    browser_tests(&options, &toolchain)
}

fn browser_tests(options: &Options, toolchain: &tools::Toolchain) -> Result<()> {
    let mut cargo = Command::new("cargo");
    cargo
        .current_dir(paths::root())
        .env("PATH", &toolchain.path);
    let binaries = browser_tests::build_and_list(&mut cargo)?;
    let mut reports = Vec::new();
    for engine in &options.engines {
        reports.push(browser_tests::run_engine(
            *engine,
            &binaries,
            toolchain,
            options.jobs,
            &options.filters,
        )?);
    }
    browser_tests::summarize(&reports)
}

pub fn run(args: &[&str]) -> Result<()> {
    let options = options(args)?;
    if !options.filters.is_empty() {
        bail!(
            "`test` runs everything; `cargo xtask browser-tests {}` runs chosen browser tests",
            options.filters.join(" ")
        );
    }
    let engines = &options.engines;
    let started = Instant::now();
    let toolchain = tools::ensure(tools::Needs::Browser(engines.clone()))?;
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
    // wasm-bindgen-test-runner drives Chromium and Firefox (it knows no WebKitGTK driver). It
    // takes the first driver variable it finds, so only this engine's is set.
    for engine in engines.iter().filter(|e| **e != Engine::WebKit) {
        let mut command = cargo(&["test", "--target", WASM, "-p", "chorus-sdk"]);
        for other in engines::ALL {
            command.env_remove(other.driver_var());
        }
        if *engine == Engine::Firefox {
            // Debian's Firefox is `firefox-esr`; geckodriver looks for `firefox`.
            command.env("GECKODRIVER_ARGS", "--binary=/usr/bin/firefox-esr");
        }
        run::step(
            &format!("wasm-bindgen tests (headless {})", engine.name()),
            command
                .env(engine.driver_var(), toolchain.driver(*engine)?)
                .env(
                    "CHORUS_SANDBOX_URL",
                    format!("http://127.0.0.1:{sandbox_port}"),
                )
                .env("WASM_BINDGEN_TEST_TIMEOUT", "60"),
        )?;
    }
    drop(servers);
    build::release(&toolchain)?;
    run::step(
        "browser-test harness unit tests",
        &mut cargo(&["test", "-p", "chorus-browser-tests", "--lib"]),
    )?;
    browser_tests(&options, &toolchain)?;
    println!(
        "\nall checks passed in {:.0}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
