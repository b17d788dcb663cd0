//! The browser engines `cargo xtask test` and `bench tabs` run on, and what each needs: Debian
//! packages, a WebDriver server, and the variables that tell the browser-test harness
//! (`tests/src/engine.rs`) which engine to drive and where its driver is.

use std::path::PathBuf;

use anyhow::{bail, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

/// geckodriver is built from crates.io; 0.37.1 drives Debian's firefox-esr.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// Debian packages: the browser and (except for geckodriver) its WebDriver server. WebKit's
    /// MiniBrowser has no headless mode, so it also needs Xvfb.
    pub fn packages(self) -> &'static [&'static str] {
        match self {
            Engine::Chromium => &["chromium", "chromium-driver"],
            Engine::Firefox => &["firefox-esr"],
            Engine::WebKit => &["webkit2gtk-driver", "xvfb"],
        }
    }

    /// Files that exist once the packages are installed.
    pub fn installed_files(self) -> &'static [&'static str] {
        match self {
            Engine::Chromium => &["/usr/bin/chromium", "/usr/bin/chromedriver"],
            Engine::Firefox => &["/usr/bin/firefox-esr"],
            Engine::WebKit => &["/usr/bin/WebKitWebDriver", "/usr/bin/Xvfb"],
        }
    }

    /// The environment variable naming this engine's WebDriver server for the harness (and,
    /// for Chromium and Firefox, for wasm-bindgen-test-runner).
    pub fn driver_var(self) -> &'static str {
        match self {
            Engine::Chromium => "CHROMEDRIVER",
            Engine::Firefox => "GECKODRIVER",
            Engine::WebKit => "WEBKIT_DRIVER",
        }
    }

    /// The Debian-packaged WebDriver server (geckodriver is not packaged: see `tools.rs`).
    pub fn packaged_driver(self) -> Option<PathBuf> {
        match self {
            Engine::Chromium => Some(PathBuf::from("/usr/bin/chromedriver")),
            Engine::Firefox => None,
            Engine::WebKit => Some(PathBuf::from("/usr/bin/WebKitWebDriver")),
        }
    }
}

/// The engines `--browser` names: `chromium`, `firefox`, `webkit` or `all`.
pub fn parse(name: &str) -> Result<Vec<Engine>> {
    if name == "all" {
        return Ok(ALL.to_vec());
    }
    match ALL.into_iter().find(|engine| engine.name() == name) {
        Some(engine) => Ok(vec![engine]),
        None => bail!("--browser takes chromium, firefox, webkit or all, not {name:?}"),
    }
}

/// Takes `--browser NAME` out of `args` (default: all engines) and returns the engines and the
/// remaining arguments.
pub fn take_browser_flag<'a>(args: &[&'a str]) -> Result<(Vec<Engine>, Vec<&'a str>)> {
    let mut engines = None;
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if let Some(name) = arg.strip_prefix("--browser=") {
            engines = Some(parse(name)?);
        } else if *arg == "--browser" {
            match args.next() {
                Some(name) => engines = Some(parse(name)?),
                None => bail!("--browser needs chromium, firefox, webkit or all"),
            }
        } else {
            rest.push(*arg);
        }
    }
    Ok((engines.unwrap_or_else(|| ALL.to_vec()), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_flag_picks_engines_and_leaves_the_rest() -> Result<()> {
        let (engines, rest) = take_browser_flag(&["--users", "3", "--browser", "webkit"])?;
        assert_eq!(engines, vec![Engine::WebKit]);
        assert_eq!(rest, vec!["--users", "3"]);
        let (engines, rest) = take_browser_flag(&[])?;
        assert_eq!(engines, ALL.to_vec());
        assert!(rest.is_empty());
        assert!(take_browser_flag(&["--browser", "safari"]).is_err());
        assert!(take_browser_flag(&["--browser"]).is_err());
        Ok(())
    }
}
