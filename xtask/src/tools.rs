//! Installs what the build and the tests need, only when it is missing, at pinned versions.
//!
//! - the `wasm32-unknown-unknown` target, clippy and rustfmt (rustup);
//! - trunk 0.21.14 (`cargo install --locked`; 0.22 needs a newer rustc than this machine's);
//! - wasm-bindgen-cli at exactly the `wasm-bindgen` version in Cargo.lock (trunk runs offline
//!   and uses the one on PATH; it also provides `wasm-bindgen-test-runner`);
//! - wasm-opt from the npm `binaryen` package (Debian's binaryen and the `wasm-opt` crate are too
//!   old to parse current rustc output);
//! - esbuild from npm, which minifies the release build's JS and CSS;
//! - the `nightly` toolchain's `rust-src` and wasm32 target, for the release wasm
//!   (`release_rust.rs`; stable builds it when they cannot be had);
//! - with `Needs::Browser(_)`, the npm `axe-core` package, which the browser tests inject into
//!   every page they check for accessibility (`tests/src/axe.rs` finds it in the same place);
//! - with `Needs::Browser(engines)`, each engine's browser and WebDriver server: Debian's
//!   chromium + chromium-driver; Debian's firefox-esr + geckodriver (built from crates.io at a
//!   pinned version, about 2 minutes of a free machine); Debian's webkit2gtk-driver
//!   (WebKitWebDriver and MiniBrowser) + xvfb. Debian stable keeps each package's version fixed
//!   for the release (security fixes only); one `apt-get install` for everything missing.

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context, Result};

use crate::{
    engines::{Engine, GECKODRIVER_VERSION},
    paths,
    release_rust::ReleaseRust,
    run,
};

pub const TRUNK_VERSION: &str = "0.21.14";
/// The wasm size profiler of `cargo xtask bench size --top N`.
pub const TWIGGY_VERSION: &str = "0.7.0";
/// binaryen 132 parses the wasm that rustc 1.95 emits; keep in step with Trunk.toml.
pub const BINARYEN_VERSION: &str = "132.0.0";
/// esbuild minifies the release build's JS and CSS (and bundles the peer of
/// `bench size`); its npm package fetches the platform's binary.
pub const ESBUILD_VERSION: &str = "0.28.2";
/// axe-core for the browser tests' accessibility checks; `tests/src/axe.rs` names the same.
pub const AXE_CORE_VERSION: &str = "4.14.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    Build,
    Browser(Vec<Engine>),
}

/// The result of set-up: the PATH under which trunk and the wasm test runner find their tools,
/// and the WebDriver server of each engine set up.
#[derive(Debug, Clone)]
pub struct Toolchain {
    pub path: OsString,
    /// What builds the release wasm (`release_rust.rs`).
    pub release: ReleaseRust,
    /// The pinned esbuild, which minifies the release build's JS and CSS.
    pub esbuild: PathBuf,
    pub drivers: Vec<(Engine, PathBuf)>,
}

impl Toolchain {
    pub fn driver(&self, engine: Engine) -> Result<&Path> {
        self.drivers
            .iter()
            .find(|(e, _)| *e == engine)
            .map(|(_, path)| path.as_path())
            .with_context(|| format!("the {} driver was not set up", engine.name()))
    }
}

pub fn ensure(needs: Needs) -> Result<Toolchain> {
    println!("==> set-up: checking tools");
    ensure_rustup_parts()?;
    let wasm_opt_dir = ensure_wasm_opt()?;
    let path = prepend_path(&[cargo_bin_dir(), wasm_opt_dir])?;
    ensure_trunk(&path)?;
    ensure_wasm_bindgen(&path)?;
    let esbuild = ensure_esbuild()?;
    let release = ReleaseRust::ensure();
    println!("    release wasm built by {}", release.describe());
    let drivers = match needs {
        Needs::Build => Vec::new(),
        Needs::Browser(engines) => {
            ensure_npm_package("axe-core", AXE_CORE_VERSION, "axe.min.js")?;
            ensure_engines(&engines)?
        }
    };
    Ok(Toolchain {
        path,
        release,
        esbuild,
        drivers,
    })
}

fn ensure_rustup_parts() -> Result<()> {
    let installed = run::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if !installed.lines().any(|line| line.trim() == WASM_TARGET) {
        run::step(
            "install the wasm32 target",
            Command::new("rustup").args(["target", "add", WASM_TARGET]),
        )?;
    }
    for (tool, component) in [("clippy-driver", "clippy"), ("rustfmt", "rustfmt")] {
        if run::output(Command::new(tool).arg("--version")).is_none() {
            run::step(
                &format!("install {component}"),
                Command::new("rustup").args(["component", "add", component]),
            )?;
        }
    }
    Ok(())
}

fn ensure_trunk(path: &OsString) -> Result<()> {
    let found = run::output(Command::new("trunk").arg("--version").env("PATH", path));
    if found.as_deref().is_some_and(|v| v.ends_with(TRUNK_VERSION)) {
        return Ok(());
    }
    println!("    trunk {TRUNK_VERSION} missing (found {found:?}); building it takes about 10 minutes, once");
    run::step(
        "install trunk",
        Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
    )
}

/// twiggy, pinned, for `bench size --top N` only (not part of `setup`).
pub fn ensure_twiggy(tools: &Toolchain) -> Result<()> {
    let found = run::output(
        Command::new("twiggy")
            .arg("--version")
            .env("PATH", &tools.path),
    );
    if found
        .as_deref()
        .is_some_and(|v| v.ends_with(TWIGGY_VERSION))
    {
        return Ok(());
    }
    println!("    twiggy {TWIGGY_VERSION} missing (found {found:?}); building it takes a few minutes, once");
    run::step(
        "install twiggy",
        Command::new("cargo").args(["install", "twiggy", "--version", TWIGGY_VERSION, "--locked"]),
    )
}

fn ensure_wasm_bindgen(path: &OsString) -> Result<()> {
    let wanted = locked_wasm_bindgen_version()?;
    let found = run::output(
        Command::new("wasm-bindgen")
            .arg("--version")
            .env("PATH", path),
    );
    let test_runner = run::output(
        Command::new("wasm-bindgen-test-runner")
            .arg("--version")
            .env("PATH", path),
    );
    let matches = |v: &Option<String>| {
        v.as_deref()
            .is_some_and(|v| v.split(' ').nth(1) == Some(&wanted))
    };
    if matches(&found) && test_runner.is_some() {
        return Ok(());
    }
    println!("    wasm-bindgen-cli {wanted} missing (found {found:?}); building it takes a few minutes, once");
    run::step(
        "install wasm-bindgen-cli",
        Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
            "--force",
        ]),
    )
}

/// The `wasm-bindgen` version pinned in Cargo.lock.
fn locked_wasm_bindgen_version() -> Result<String> {
    let lock =
        std::fs::read_to_string(paths::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_owned());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

/// Installs the npm `binaryen` package into the tools directory; returns its `.bin` dir.
fn ensure_wasm_opt() -> Result<PathBuf> {
    let prefix = paths::tools_dir().join(format!("binaryen-{BINARYEN_VERSION}"));
    let bin = prefix.join("node_modules").join(".bin");
    if run::output(Command::new(bin.join("wasm-opt")).arg("--version")).is_some() {
        return Ok(bin);
    }
    npm_install(&prefix, "binaryen", BINARYEN_VERSION)?;
    Ok(bin)
}

/// Installs the npm `esbuild` package into the tools directory; returns its binary.
fn ensure_esbuild() -> Result<PathBuf> {
    let prefix = paths::tools_dir().join(format!("esbuild-{ESBUILD_VERSION}"));
    let bin = prefix.join("node_modules").join(".bin").join("esbuild");
    if run::output(Command::new(&bin).arg("--version")).as_deref() == Some(ESBUILD_VERSION) {
        return Ok(bin);
    }
    npm_install(&prefix, "esbuild", ESBUILD_VERSION)?;
    Ok(bin)
}

/// Installs the npm package `name@version` into `<tools>/<name>-<version>/` unless its `file`
/// is there already.
fn ensure_npm_package(name: &str, version: &str, file: &str) -> Result<()> {
    let prefix = paths::tools_dir().join(format!("{name}-{version}"));
    if prefix.join("node_modules").join(name).join(file).is_file() {
        return Ok(());
    }
    npm_install(&prefix, name, version)
}

fn npm_install(prefix: &Path, name: &str, version: &str) -> Result<()> {
    std::fs::create_dir_all(prefix).with_context(|| format!("creating {}", prefix.display()))?;
    run::step(
        &format!("install npm {name}@{version}"),
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(prefix)
            .arg(format!("{name}@{version}")),
    )
}

/// Each engine's browser and WebDriver server, installed when missing; returns the drivers.
fn ensure_engines(engines: &[Engine]) -> Result<Vec<(Engine, PathBuf)>> {
    let missing: Vec<&str> = engines
        .iter()
        .filter(|engine| {
            !engine
                .installed_files()
                .iter()
                .all(|f| Path::new(f).exists())
        })
        .flat_map(|engine| engine.packages().iter().copied())
        .collect();
    if !missing.is_empty() {
        apt_install(&missing)?;
    }
    let mut drivers = Vec::new();
    for &engine in engines {
        let driver = match engine.packaged_driver() {
            Some(driver) => driver,
            None => ensure_geckodriver()?,
        };
        if !driver.exists() {
            bail!(
                "{} is missing after installing {:?}",
                driver.display(),
                engine.packages()
            );
        }
        drivers.push((engine, driver));
    }
    Ok(drivers)
}

/// `apt-get update` and `apt-get install` of `packages` (with sudo unless root), waiting for a
/// dpkg lock another install holds instead of failing.
fn apt_install(packages: &[&str]) -> Result<()> {
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.extend_from_slice(&["apt-get", "-o", "DPkg::Lock::Timeout=600"]);
        all.extend_from_slice(args);
        let mut command = Command::new(all[0]);
        command
            .args(&all[1..])
            .env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run::step("apt-get update", &mut apt(&["update", "-q"]))?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(packages);
    run::step(
        &format!("install {}", packages.join(", ")),
        &mut apt(&install),
    )
}

/// geckodriver at exactly [`GECKODRIVER_VERSION`], built from crates.io into cargo's bin dir.
fn ensure_geckodriver() -> Result<PathBuf> {
    let driver = cargo_bin_dir().join("geckodriver");
    let found = run::output(Command::new(&driver).arg("--version"));
    let wanted = format!("geckodriver {GECKODRIVER_VERSION}");
    if found.as_deref().is_some_and(|v| v.starts_with(&wanted)) {
        return Ok(driver);
    }
    println!("    {wanted} missing; building it takes a few minutes, once");
    run::step(
        "install geckodriver",
        Command::new("cargo").args([
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
            "--locked",
            "--force",
        ]),
    )?;
    Ok(driver)
}

fn is_root() -> bool {
    run::output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

fn cargo_bin_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cargo").join("bin")
}

fn prepend_path(dirs: &[PathBuf]) -> Result<OsString> {
    let current = std::env::var_os("PATH").unwrap_or_default();
    let mut all: Vec<PathBuf> = dirs.to_vec();
    all.extend(std::env::split_paths(&current));
    std::env::join_paths(all).context("building PATH")
}
