//! Harness for Chorus's whole-system browser tests: the sandbox, the proxy and the built app
//! (`dist/`) on free loopback ports, driven in headless Chromium through chromedriver.
//!
//! Run with `cargo xtask test` (which builds `dist/` and sets `CHROMEDRIVER`), or by hand:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p chorus-browser-tests`.
//!
//! - [`Stack`] starts sandbox + proxy in process and serves `dist/`.
//! - [`Browser`] is one Chromium with a fresh profile: open tabs, switch, wait for DOM
//!   conditions (polling, never a fixed sleep), read console errors, take screenshots.
//! - [`run`] wraps a test body so a failure leaves a screenshot in `target/screenshots/`.
//! - [`flows`] are the steps a person takes; [`inspect`] reads what the browser keeps (token
//!   cookies, IndexedDB, lock names).

mod browser;
mod cdp;
mod console;
pub mod flows;
pub mod inspect;
pub mod remote_world;
mod stack;
mod user_api;
pub mod world;

pub use browser::{Browser, Tab};
pub use stack::Stack;
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

/// Starts a stack and a browser, runs `body`, and on failure saves a screenshot of the current
/// tab as `target/screenshots/<name>.png` before returning the error. The browser is always
/// closed.
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
    let browser = Browser::launch().await?;
    let outcome = body(&stack, &browser).await;
    if outcome.is_err() {
        match browser.screenshot(&format!("failed-{name}")).await {
            Ok(path) => eprintln!("screenshot of the failure: {}", path.display()),
            Err(error) => eprintln!("no screenshot of the failure: {error}"),
        }
    }
    let closed = browser.close().await;
    outcome.and(closed)
}
