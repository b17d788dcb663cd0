//! One browser with a fresh profile, driven through its own WebDriver server: Chromium, Firefox
//! or WebKit (see [`Engine`]), behind one API.

use std::{
    path::PathBuf,
    sync::Arc,
    time::{Duration, Instant},
};

use fantoccini::{wd::WindowHandle, Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Map, Value};
use tokio::process::Command;

use crate::{
    console,
    page_hooks::PageHooks,
    processes::{self, ContentMemory, Processes},
    Engine, HarnessError, Result, Stack,
};

/// How long a DOM condition may take before the test fails.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(20);
/// How often a condition is re-checked while waiting.
const POLL: Duration = Duration::from_millis(50);
/// How long one WebDriver command may take before the test fails naming it. Normally well
/// under a second; an engine that stops answering (a WebDriver screenshot of a window
/// MiniBrowser does not paint never answers) would otherwise hang the test for good.
const COMMAND_WAIT: Duration = Duration::from_secs(30);
/// Every engine's window, so the layouts (and screenshots) compare.
const WINDOW: (u32, u32) = (1280, 900);

/// A browser tab (in MiniBrowser, a window: see [`Browser::open_tab`]), by its WebDriver handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab(WindowHandle);

/// A browser session. Close it with [`Browser::close`]; dropping it kills the WebDriver server,
/// the browser and (for WebKit) its X server anyway.
#[derive(Debug)]
pub struct Browser {
    engine: Engine,
    client: Client,
    processes: Processes,
    profile: PathBuf,
    hooks: Arc<PageHooks>,
}

impl Browser {
    /// Starts the engine named by `CHORUS_BROWSER` (Chromium by default) with a new, empty
    /// profile, reporting to `stack`'s page hooks.
    pub async fn launch(stack: &Stack) -> Result<Self> {
        let engine = Engine::current()?;
        let profile = crate::page_hooks::tempdir(&format!("chorus-profile-{engine}"))?;
        let mut attempt = 1;
        let (client, processes) = loop {
            match start_driver(engine, &profile).await {
                Ok(started) => break started,
                // The port was free when picked, but something (another test's connection) can
                // take it before the driver binds it; the driver then exits. CI also saw a
                // WebKitWebDriver that ran but never listened. Either way: another port.
                Err(DriverStart::Retry(why)) if attempt < DRIVER_STARTS => {
                    eprintln!("the {engine} WebDriver server did not start ({why}); again on another port");
                    attempt += 1;
                }
                Err(DriverStart::Retry(why)) => {
                    let tries = format!("{DRIVER_STARTS} ports");
                    let message = format!("the {engine} WebDriver server did not start on {tries}");
                    return Err(HarnessError::Setup(format!("{message}: {why}")));
                }
                Err(DriverStart::Failed(why)) => return Err(why),
            }
        };
        client.set_window_size(WINDOW.0, WINDOW.1).await?;
        Ok(Self {
            engine,
            client,
            processes,
            profile,
            hooks: stack.hooks(),
        })
    }

    /// The engine this browser is.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The underlying WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates the current tab.
    pub async fn goto(&self, url: &str) -> Result<()> {
        bounded(&format!("loading {url}"), self.client.goto(url)).await
    }

    /// The tab currently driven.
    pub async fn current_tab(&self) -> Result<Tab> {
        Ok(Tab(bounded("the current tab", self.client.window()).await?))
    }

    /// Opens a new tab at `url` and switches to it. In MiniBrowser a new window instead: a tab
    /// it opens for WebDriver stays hidden, and a screenshot of it never returns.
    pub async fn open_tab(&self, url: &str) -> Result<Tab> {
        let as_tab = self.engine != Engine::WebKit;
        let handle = bounded("a new tab", self.client.new_window(as_tab))
            .await?
            .handle;
        self.switch_to(&Tab(handle.clone())).await?;
        if !as_tab {
            bounded(
                "sizing the new window",
                self.client.set_window_size(WINDOW.0, WINDOW.1),
            )
            .await?;
        }
        self.goto(url).await?;
        Ok(Tab(handle))
    }

    /// Makes `tab` the one driven.
    pub async fn switch_to(&self, tab: &Tab) -> Result<()> {
        bounded(
            "switching tabs",
            self.client.switch_to_window(tab.0.clone()),
        )
        .await
    }

    /// Runs `script` (a function body; `return` a value) in the current tab.
    pub async fn eval(&self, script: &str) -> Result<Value> {
        bounded(
            &format!("the script `{}`", abbreviated(script)),
            self.client.execute(script, Vec::new()),
        )
        .await
    }

    /// Runs `source` in every app document loaded from now on, in any tab, before the app's own
    /// scripts: how a test observes browser APIs the app uses (see `page_hooks`).
    pub async fn add_init_script(&self, source: &str) -> Result<()> {
        self.hooks.add_init_script(source);
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
            // A script error (e.g. the page is navigating) counts as "not yet"; a script
            // that does not answer at all fails the wait when its time is up.
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.client.execute(script, Vec::new())).await {
                Ok(Ok(value)) if truthy(&value) => return Ok(value),
                _ => {}
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

    /// Clicks the first element matching `css`, brought to the middle of the window first as a
    /// person would (WebDriver clicks an element already in the viewport where it is, even
    /// under the app's fixed now-playing bar). When the app re-renders it between finding
    /// and clicking (a stale element), the click goes to the element that replaced it, as a
    /// person's click would. A disabled element is waited for until it is enabled: WebDriver
    /// would "click" it without any effect (a Firefox run once clicked "Resume" a moment
    /// before the device let it play, and waited for playback that was never asked for).
    pub async fn click(&self, css: &str) -> Result<()> {
        let what = format!("clicking `{css}`");
        let deadline = Instant::now() + DEFAULT_WAIT;
        loop {
            let element = bounded(
                &what,
                self.client
                    .wait()
                    .at_most(DEFAULT_WAIT)
                    .for_element(Locator::Css(css)),
            )
            .await?;
            let reference = serde_json::to_value(&element)
                .map_err(|e| HarnessError::Setup(format!("an element reference: {e}")))?;
            let centred = bounded(
                &what,
                self.client.execute(
                    "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                    vec![reference],
                ),
            )
            .await;
            let enabled = match centred {
                Ok(_) => bounded(&what, element.is_enabled()).await,
                Err(error) => Err(error),
            };
            let clicked = match enabled {
                Ok(true) => bounded(&what, element.click()).await,
                Ok(false) if Instant::now() < deadline => {
                    tokio::time::sleep(POLL).await;
                    continue;
                }
                Ok(false) => {
                    return Err(HarnessError::Assertion(format!(
                        "`{css}` stayed disabled for {DEFAULT_WAIT:?}"
                    )))
                }
                Err(error) => Err(error),
            };
            match clicked {
                Err(HarnessError::WebDriver(error))
                    if error.is_stale_element_reference() && Instant::now() < deadline =>
                {
                    tokio::time::sleep(POLL).await;
                }
                clicked => return clicked,
            }
        }
    }

    /// The errors since the last call: what the app's pages reported through the harness's hook
    /// (console.error, uncaught exceptions, unhandled rejections, CSP violations, failed loads),
    /// and on Chromium also its own console log at level SEVERE, which adds failed network
    /// requests (see `docs/engines.md`).
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        let mut errors = self.hooks.drain_errors();
        if self.engine == Engine::Chromium {
            errors.extend(console::severe_entries(&self.client).await?);
        }
        Ok(errors)
    }

    /// Like [`Browser::console_errors`], but only what pages of `origin` logged (a test of the
    /// app ignores what the sandbox's own consent page logs).
    pub async fn console_errors_from(&self, origin: &str) -> Result<Vec<String>> {
        let errors = self.console_errors().await?;
        Ok(errors
            .into_iter()
            .filter(|e| e.starts_with(origin))
            .collect())
    }

    /// Saves a PNG of the current tab as `target/screenshots/<engine>/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = bounded(
            &format!("a screenshot for {name}"),
            self.client.screenshot(),
        )
        .await?;
        let dir = screenshots_dir().join(self.engine.name());
        std::fs::create_dir_all(&dir)
            .map_err(|e| HarnessError::Setup(format!("{}: {e}", dir.display())))?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .map_err(|e| HarnessError::Setup(format!("{}: {e}", path.display())))?;
        Ok(path)
    }

    /// The memory of the engine's content processes (those that run pages): how many there are
    /// and the sum of their proportional set sizes (see `docs/engines.md`).
    pub fn content_memory(&self) -> ContentMemory {
        let pids: Vec<u32> = self
            .processes
            .driver()
            .map(processes::descendants)
            .unwrap_or_default()
            .into_iter()
            .filter(|pid| {
                self.engine
                    .is_content_process(&processes::command_line(*pid))
            })
            .collect();
        ContentMemory {
            processes: pids.len(),
            pss_bytes: pids
                .iter()
                .filter_map(|pid| processes::pss_bytes(*pid))
                .sum(),
        }
    }

    /// Ends the session, stops the WebDriver server (and X server) and removes the profile.
    pub async fn close(self) -> Result<()> {
        let closed = bounded("closing the browser", self.client.clone().close()).await;
        drop(self.processes);
        let _ = std::fs::remove_dir_all(&self.profile);
        closed
    }
}

/// `command`, failing after [`COMMAND_WAIT`] naming `what`.
async fn bounded<T>(
    what: &str,
    command: impl std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
) -> Result<T> {
    match tokio::time::timeout(COMMAND_WAIT, command).await {
        Ok(answer) => Ok(answer?),
        Err(_) => Err(HarnessError::Timeout {
            what: format!("the browser to answer {what}"),
            seconds: COMMAND_WAIT.as_secs(),
        }),
    }
}

/// The start of `script`, for a message.
fn abbreviated(script: &str) -> String {
    let mut short: String = script.chars().take(80).collect();
    if short.len() < script.len() {
        short.push('…');
    }
    short
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

/// How many ports a browser's WebDriver server is given before the test gives up.
const DRIVER_STARTS: u32 = 3;

/// Why a WebDriver server gave no session: it exited or never listened (worth another port),
/// or something else.
enum DriverStart {
    Retry(HarnessError),
    Failed(HarnessError),
}

/// Starts the engine's WebDriver server on a free port (and, for WebKit, an X server) and opens
/// a session with a profile in `profile`.
async fn start_driver(
    engine: Engine,
    profile: &std::path::Path,
) -> std::result::Result<(Client, Processes), DriverStart> {
    let port = free_port().map_err(DriverStart::Failed)?;
    let mut processes = Processes::default();
    let mut driver = Command::new(engine.driver());
    driver.arg(format!("--port={port}"));
    if engine == Engine::WebKit {
        // MiniBrowser has no headless mode: each browser gets its own X server, numbered
        // after the driver's port (free, so no other test's display has that number).
        let display = format!(":{port}");
        processes
            .start(
                "Xvfb",
                Command::new("Xvfb").args([
                    display.as_str(),
                    "-screen",
                    "0",
                    "1280x900x24",
                    "-nolisten",
                    "tcp",
                ]),
            )
            .map_err(DriverStart::Failed)?;
        processes
            .wait_for_display(port)
            .await
            .map_err(DriverStart::Retry)?;
        driver
            .env("DISPLAY", &display)
            // No accessibility bus on these machines: GTK would wait for one.
            .env("NO_AT_BRIDGE", "1");
    }
    processes
        .start("the WebDriver server", &mut driver)
        .map_err(DriverStart::Failed)?;
    let url = format!("http://127.0.0.1:{port}");
    let client =
        connect_when_ready(engine, &url, engine.capabilities(profile), &mut processes).await?;
    Ok((client, processes))
}

/// The WebDriver server takes a moment to listen: retry the session request until it answers.
/// A browser starts slowly on a loaded machine, so this waits longer than a DOM condition; a
/// server that has exited is reported at once, and one that is not listening after
/// [`DEFAULT_WAIT`] is given up on (a session that is merely slow to start gets the full wait).
async fn connect_when_ready(
    engine: Engine,
    url: &str,
    capabilities: Map<String, Value>,
    processes: &mut Processes,
) -> std::result::Result<Client, DriverStart> {
    let limit = DEFAULT_WAIT * 3;
    let deadline = Instant::now() + limit;
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(capabilities);
    let not_listening = Instant::now() + DEFAULT_WAIT;
    let mut last_error = String::from("no answer");
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, builder.connect(url)).await {
            Ok(Ok(client)) => return Ok(client),
            Ok(Err(error)) => last_error = error.to_string(),
            Err(_) => break,
        }
        processes.check_running().map_err(DriverStart::Retry)?;
        if last_error.contains("(Connect)") && Instant::now() >= not_listening {
            return Err(DriverStart::Retry(HarnessError::Setup(format!(
                "nothing listened at {url} for {} s: {last_error}",
                DEFAULT_WAIT.as_secs()
            ))));
        }
        tokio::time::sleep(POLL).await;
    }
    Err(DriverStart::Failed(HarnessError::Setup(format!(
        "the {engine} WebDriver server at {url} did not start a session within {} s: {last_error}",
        limit.as_secs()
    ))))
}

/// `target/screenshots/` of the workspace.
pub fn screenshots_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("screenshots")
}
