//! Harness for Chorus's whole-system browser tests: the sandbox, the proxy and the built app
//! (`dist/`) on free loopback ports, driven through WebDriver in Chromium, Firefox or WebKit.
//!
//! Run with `cargo xtask test [--browser chromium|firefox|webkit|all]` (which builds `dist/`,
//! installs the engines and sets their drivers), or by hand for one engine:
//! `CHORUS_BROWSER=firefox cargo test -p chorus-browser-tests` (see DEVELOPERS.md).
//!
//! - [`Stack`] starts sandbox + proxy in process and serves `dist/` with the page hooks.
//! - [`Browser`] is one browser with a fresh profile: open tabs, switch, wait for DOM
//!   conditions (polling, never a fixed sleep), read console errors, take screenshots.
//! - [`run`] wraps a test body so a failure leaves a screenshot in `target/screenshots/`.
//! - [`axe::check`] runs axe-core in the current tab and fails on serious or critical findings.
//! - [`skip_on`] skips a test on an engine that lacks the feature, saying why.
//! - [`flows`] are the steps a person takes; [`inspect`] reads what the browser keeps (token
//!   cookies, IndexedDB, lock names).

pub mod axe;
mod browser;
mod cdp;
mod console;
mod engine;
pub mod flows;
pub mod inspect;
mod page_hooks;
mod processes;
pub mod remote_world;
mod session_post;
mod stack;
mod user_api;
pub mod world;

use futures::FutureExt;

pub use browser::{Browser, Tab};
pub use engine::Engine;
pub use processes::ContentMemory;
pub use stack::{dist_dir, Stack};
pub use user_api::UserApi;

/// Errors of the harness itself (not of the app under test).
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    #[error("{0}")]
    Setup(String),
    #[error("webdriver: {0}")]
    WebDriver(#[from] fantoccini::error::CmdError),
    #[error("timed out after {seconds}s waiting for {what}")]
    Timeout { what: String, seconds: u64 },
    #[error("{0}")]
    Assertion(String),
}

pub type Result<T, E = HarnessError> = std::result::Result<T, E>;

/// What a skipped test prints (and `cargo xtask test` collects): `chorus-skip: <engine>: <why>`.
pub const SKIP_MARKER: &str = "chorus-skip:";

/// Starts a stack and a browser, runs `body`, and on failure (an error or a panicking assert)
/// saves a screenshot of the current tab as `target/screenshots/<engine>/failed-<name>.png` and
/// prints the console errors not yet read.
/// The browser is always closed.
pub async fn run(name: &str, body: impl AsyncFnOnce(&Stack, &Browser) -> Result<()>) -> Result<()> {
    run_with(name, spotify_sandbox::SandboxConfig::default(), body).await
}

/// [`run`] against a sandbox configured by the test.
pub async fn run_with(
    name: &str,
    sandbox: spotify_sandbox::SandboxConfig,
    body: impl AsyncFnOnce(&Stack, &Browser) -> Result<()>,
) -> Result<()> {
    run_configured(name, sandbox, &[], body).await
}

/// [`run_with`] plus extra proxy flags (e.g. `--token-mode=direct`).
pub async fn run_configured(
    name: &str,
    sandbox: spotify_sandbox::SandboxConfig,
    proxy_flags: &[&str],
    body: impl AsyncFnOnce(&Stack, &Browser) -> Result<()>,
) -> Result<()> {
    let stack = Stack::start_configured(sandbox, proxy_flags).await?;
    let browser = Browser::launch(&stack).await?;
    let outcome = std::panic::AssertUnwindSafe(body(&stack, &browser))
        .catch_unwind()
        .await;
    if !matches!(outcome, Ok(Ok(()))) {
        match browser.screenshot(&format!("failed-{name}")).await {
            Ok(path) => eprintln!("screenshot of the failure: {}", path.display()),
            Err(error) => eprintln!("no screenshot of the failure: {error}"),
        }
        if let Ok(errors) = browser.console_errors().await {
            for error in errors {
                eprintln!("console error before the failure: {error}");
            }
        }
    }
    let closed = browser.close().await;
    match outcome {
        Ok(outcome) => outcome.and(closed),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Whether the calling test is skipped on this process's engine: true (after printing
/// `chorus-skip: <engine>: <why>`) when it is one of `engines`. Only for a feature the engine
/// truly lacks; `docs/engines.md` lists every skip.
pub fn skip_on(engines: &[Engine], why: &str) -> Result<bool> {
    let engine = Engine::current()?;
    if !engines.contains(&engine) {
        return Ok(false);
    }
    println!("{SKIP_MARKER} {engine}: {why}");
    Ok(true)
}
