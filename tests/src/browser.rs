//! One headless Chromium with a fresh profile, driven through its own chromedriver.

use std::{
    path::PathBuf,
    process::Stdio,
    time::{Duration, Instant},
};

use fantoccini::{wd::WindowHandle, Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::process::{Child, Command};

use crate::{console, HarnessError, Result};

/// How long a DOM condition may take before the test fails.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(20);
/// How often a condition is re-checked while waiting.
const POLL: Duration = Duration::from_millis(50);

/// The flags these machines need (see DEVELOPERS.md): headless, no sandbox as root, and no
/// background traffic to hosts the closed network refuses.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// A browser tab, by its WebDriver window handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab(WindowHandle);

/// A Chromium session. Close it with [`Browser::close`]; dropping it kills chromedriver (and
/// so the browser) anyway.
#[derive(Debug)]
pub struct Browser {
    client: Client,
    driver: Child,
    profile: PathBuf,
}

impl Browser {
    /// Starts chromedriver on a free port and a Chromium with a new, empty profile.
    pub async fn launch() -> Result<Self> {
        let driver_path =
            std::env::var_os("CHROMEDRIVER").unwrap_or_else(|| "/usr/bin/chromedriver".into());
        let port = free_port()?;
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| HarnessError::Setup(format!("starting {driver_path:?}: {e}")))?;
        let profile =
            std::env::temp_dir().join(format!("chorus-profile-{}-{port}", std::process::id()));
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => return Err(HarnessError::Setup("capabilities must be an object".into())),
        };
        let url = format!("http://127.0.0.1:{port}");
        let client = connect_when_ready(&url, capabilities).await?;
        Ok(Self {
            client,
            driver,
            profile,
        })
    }

    /// The underlying WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates the current tab.
    pub async fn goto(&self, url: &str) -> Result<()> {
        Ok(self.client.goto(url).await?)
    }

    /// The tab currently driven.
    pub async fn current_tab(&self) -> Result<Tab> {
        Ok(Tab(self.client.window().await?))
    }

    /// Opens a new tab at `url` and switches to it.
    pub async fn open_tab(&self, url: &str) -> Result<Tab> {
        let handle = self.client.new_window(true).await?.handle;
        self.client.switch_to_window(handle.clone()).await?;
        self.client.goto(url).await?;
        Ok(Tab(handle))
    }

    /// Makes `tab` the one driven.
    pub async fn switch_to(&self, tab: &Tab) -> Result<()> {
        Ok(self.client.switch_to_window(tab.0.clone()).await?)
    }

    /// Runs `script` (a function body; `return` a value) in the current tab.
    pub async fn eval(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, Vec::new()).await?)
    }

    /// Runs `source` first in every document this tab loads from now on (before the app).
    pub async fn add_init_script(&self, source: &str) -> Result<()> {
        crate::cdp::add_init_script(&self.client, source).await?;
        Ok(())
    }

    /// Sends a Chrome DevTools Protocol command to the current tab (Chromium only).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        crate::cdp::command(&self.client, cmd, params).await
    }

    /// Polls `script` (a function body returning a value) until it returns something truthy,
    /// and returns that value. Fails after [`DEFAULT_WAIT`], naming `what`.
    pub async fn wait_for(&self, what: &str, script: &str) -> Result<Value> {
        self.wait_for_within(what, script, DEFAULT_WAIT).await
    }

    /// [`Browser::wait_for`] with its own time limit.
    pub async fn wait_for_within(
        &self,
        what: &str,
        script: &str,
        limit: Duration,
    ) -> Result<Value> {
        let deadline = Instant::now() + limit;
        loop {
            // A script error (e.g. the page is navigating) counts as "not yet".
            if let Ok(value) = self.client.execute(script, Vec::new()).await {
                if truthy(&value) {
                    return Ok(value);
                }
            }
            if Instant::now() >= deadline {
                return Err(HarnessError::Timeout {
                    what: what.to_owned(),
                    seconds: limit.as_secs(),
                });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until an element matching `css` exists and returns its text.
    pub async fn wait_for_text(&self, css: &str) -> Result<String> {
        let script = format!(
            "const e = document.querySelector({}); return e ? e.textContent : null;",
            Value::String(css.to_owned())
        );
        let value = self
            .wait_for(&format!("an element matching `{css}`"), &script)
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) -> Result<()> {
        let element = self
            .client
            .wait()
            .at_most(DEFAULT_WAIT)
            .for_element(Locator::Css(css))
            .await?;
        Ok(element.click().await?)
    }

    /// The console messages at level SEVERE since the last call (errors, uncaught exceptions,
    /// CSP violations, failed loads).
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        console::severe_entries(&self.client).await
    }

    /// Like [`Browser::console_errors`], but only what pages of `origin` logged (a test of the
    /// app ignores what the sandbox's own consent page logs).
    pub async fn console_errors_from(&self, origin: &str) -> Result<Vec<String>> {
        let errors = console::severe_entries(&self.client).await?;
        Ok(errors
            .into_iter()
            .filter(|e| e.starts_with(origin))
            .collect())
    }

    /// Saves a PNG of the current tab as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let dir = screenshots_dir();
        std::fs::create_dir_all(&dir)
            .map_err(|e| HarnessError::Setup(format!("{}: {e}", dir.display())))?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .map_err(|e| HarnessError::Setup(format!("{}: {e}", path.display())))?;
        Ok(path)
    }

    /// Ends the session, stops chromedriver and removes the profile.
    pub async fn close(mut self) -> Result<()> {
        let closed = self.client.clone().close().await;
        let _ = self.driver.kill().await;
        let _ = std::fs::remove_dir_all(&self.profile);
        closed.map_err(HarnessError::from)
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

fn free_port() -> Result<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| HarnessError::Setup(format!("finding a free port: {e}")))
}

/// chromedriver takes a moment to listen: retry the session request until it answers.
async fn connect_when_ready(
    url: &str,
    capabilities: serde_json::Map<String, Value>,
) -> Result<Client> {
    let deadline = Instant::now() + DEFAULT_WAIT;
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(capabilities);
    loop {
        match builder.connect(url).await {
            Ok(client) => return Ok(client),
            Err(error) if Instant::now() >= deadline => {
                return Err(HarnessError::Setup(format!(
                    "chromedriver at {url} did not start a session: {error}"
                )))
            }
            Err(_) => tokio::time::sleep(POLL).await,
        }
    }
}

/// `target/screenshots/` of the workspace.
pub fn screenshots_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("screenshots")
}
