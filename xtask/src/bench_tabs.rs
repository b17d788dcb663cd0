//! `cargo xtask bench tabs [--browser chromium|firefox|webkit|all] [--users N]`: N listeners
//! playing at once, one tab each, in one browser: time until all N play, memory per tab and
//! click-to-playing latency, printed beside their goals (asserts nothing).
//!
//! Builds `dist/` in release, then runs `tests/examples/bench_tabs.rs` (the browser-test harness:
//! sandbox + proxy in process, the engine's WebDriver server) once per engine named (Chromium
//! when none is), with `CHORUS_BROWSER`, its driver and `CHORUS_DIST` set. Other arguments go
//! to the bench: `cargo xtask bench tabs --browser webkit --users 20`.

use std::process::Command;

use anyhow::Result;

use crate::{
    build,
    engines::{self, Engine},
    paths, run, tools,
};

pub fn run(args: &[&str]) -> Result<()> {
    let names_an_engine = args
        .iter()
        .any(|a| *a == "--browser" || a.starts_with("--browser="));
    let (engines, bench_args) = engines::take_browser_flag(args)?;
    let engines = if names_an_engine {
        engines
    } else {
        vec![Engine::Chromium]
    };
    let toolchain = tools::ensure(tools::Needs::Browser(engines.clone()))?;
    build::release(&toolchain)?;
    for engine in engines {
        run::step(
            &format!("bench tabs (sandbox + proxy + app in {})", engine.name()),
            Command::new("cargo")
                .args([
                    "run",
                    "-p",
                    "chorus-browser-tests",
                    "--example",
                    "bench_tabs",
                    "--",
                ])
                .args(&bench_args)
                .current_dir(paths::root())
                .env("PATH", &toolchain.path)
                .env("CHORUS_BROWSER", engine.name())
                .env(engine.driver_var(), toolchain.driver(engine)?)
                .env("CHORUS_DIST", paths::dist()),
        )?;
    }
    Ok(())
}
