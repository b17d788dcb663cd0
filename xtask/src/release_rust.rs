//! Which Rust builds the release wasm, and how.
//!
//! The release wasm is built by the machine's `nightly` toolchain with the standard library
//! rebuilt for it (`-Zbuild-std`) at the app's `opt-level = "z"`, and with the `immediate-abort`
//! panic strategy: a panic is a trap, with no message formatting and no file/line strings
//! linked in. Measured on the same tree (gzip -9 after wasm-opt -Oz): 548.8 kB on stable,
//! 502.6 kB this way. What is lost: a release build's panic prints nothing to the console
//! (`console_error_panic_hook` never runs); debug builds and every test keep the messages,
//! and clippy, the native and the wasm tests stay on stable.
//!
//! The machine image carries a `nightly` toolchain beside stable; `rust-src` and its wasm32
//! `rust-std` are added by rustup, as the stable wasm32 target is. When that nightly is
//! missing, or rustup cannot add its parts, the release is built on stable as before, and the
//! build says so (the app is the same, the wasm bigger).

use std::process::Command;

use crate::run;

const NIGHTLY: &str = "nightly";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

#[derive(Debug, Clone)]
pub enum ReleaseRust {
    /// `rustc -V` of the nightly that builds the release.
    Nightly(String),
    /// Why the release falls back to stable.
    Stable(String),
}

impl ReleaseRust {
    /// Finds the nightly and adds what build-std needs; never fails (stable is the fallback).
    pub fn ensure() -> Self {
        let Some(version) = run::output(Command::new("rustc").args([&format!("+{NIGHTLY}"), "-V"]))
        else {
            return Self::Stable(format!("no `{NIGHTLY}` toolchain on this machine"));
        };
        if let Err(why) = ensure_parts() {
            return Self::Stable(why);
        }
        Self::Nightly(version)
    }

    /// A line for build logs and benches: what built the wasm.
    pub fn describe(&self) -> String {
        match self {
            Self::Nightly(version) => {
                format!("{version}, std rebuilt (build-std), panics abort at once")
            }
            Self::Stable(why) => format!(
                "stable, prebuilt std with panic messages ({why}; the wasm is about 46 kB gzip larger)"
            ),
        }
    }

    /// Points a `cargo`/`trunk` command at this toolchain. Cargo reads `-Z` flags from its
    /// config, and every config key from `CARGO_…` variables; the rustflags are the wasm
    /// target's only, so build scripts and proc macros are built as usual.
    pub fn apply(&self, command: &mut Command) {
        if let Self::Nightly(_) = self {
            command
                .env("RUSTUP_TOOLCHAIN", NIGHTLY)
                .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                    "-Zunstable-options -Cpanic=immediate-abort",
                );
        }
    }
}

/// `rust-src` (build-std compiles it) and the wasm32 target (its `rust-std` holds the target
/// spec's pieces) for the nightly; each rustup call is a no-op when the part is there.
fn ensure_parts() -> Result<(), String> {
    let installed = run::output(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        NIGHTLY,
    ]))
    .unwrap_or_default();
    let has = |part: &str| installed.lines().any(|line| line.trim().starts_with(part));
    let wanted = [
        ("rust-src", vec!["component", "add", "rust-src"]),
        (
            "rust-std-wasm32-unknown-unknown",
            vec!["target", "add", WASM_TARGET],
        ),
    ];
    for (part, args) in wanted {
        if has(part) {
            continue;
        }
        let mut command = Command::new("rustup");
        command.args(&args).args(["--toolchain", NIGHTLY]);
        run::step(
            &format!("add {part} to the {NIGHTLY} toolchain"),
            &mut command,
        )
        .map_err(|e| format!("rustup could not add {part} to {NIGHTLY}: {e}"))?;
    }
    Ok(())
}
