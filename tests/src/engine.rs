//! The three browser engines the tests run on, and what each needs to start: its WebDriver
//! server, the capabilities that make it headless (or an X server where it cannot be), and the
//! flags these closed machines need. What differs between engines is listed in `docs/engines.md`.

use std::{fmt, path::PathBuf};

use serde_json::{json, Map, Value};

use crate::{HarnessError, Result};

/// A browser engine; [`Engine::current`] is the one this test process drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Debian's `chromium` through `chromedriver`, headless.
    Chromium,
    /// Debian's `firefox-esr` through `geckodriver` (built from crates.io), headless.
    Firefox,
    /// WebKitGTK's MiniBrowser through `WebKitWebDriver`, on its own Xvfb display: MiniBrowser
    /// has no headless mode.
    WebKit,
}

/// Which engine the tests drive: `chromium` (the default), `firefox` or `webkit`.
pub const ENGINE_VAR: &str = "CHORUS_BROWSER";

/// Overrides where MiniBrowser is (it is not on PATH).
pub const MINIBROWSER_VAR: &str = "CHORUS_MINIBROWSER";

/// MiniBrowser: `CHORUS_MINIBROWSER`, else where Debian (`/usr/lib/<multiarch>/webkit2gtk-4.x/`)
/// or Fedora (`/usr/libexec/webkit2gtk-4.x/`) puts it, whatever the machine's architecture.
fn minibrowser() -> String {
    if let Some(path) = std::env::var_os(MINIBROWSER_VAR) {
        return path.to_string_lossy().into_owned();
    }
    let mut roots: Vec<PathBuf> = vec![PathBuf::from("/usr/libexec")];
    if let Ok(entries) = std::fs::read_dir("/usr/lib") {
        let mut arches: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        arches.sort();
        roots.extend(arches);
    }
    for root in roots {
        for api in ["webkit2gtk-4.1", "webkit2gtk-4.0", "webkitgtk-6.0"] {
            let candidate = root.join(api).join("MiniBrowser");
            if candidate.is_file() {
                return candidate.to_string_lossy().into_owned();
            }
        }
    }
    // Not found: the session's error names the path WebKitWebDriver could not start.
    "MiniBrowser".to_owned()
}

/// Chromium's flags (see DEVELOPERS.md): headless, no sandbox as root, and no background
/// traffic to hosts the closed network refuses.
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
];

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

    /// The engine named by `CHORUS_BROWSER`, Chromium when it is unset.
    pub fn current() -> Result<Self> {
        match std::env::var(ENGINE_VAR) {
            Err(std::env::VarError::NotPresent) => Ok(Engine::Chromium),
            Ok(name) => Self::parse(&name),
            Err(error) => Err(HarnessError::Setup(format!("{ENGINE_VAR}: {error}"))),
        }
    }

    pub fn parse(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|engine| engine.name() == name.trim())
            .ok_or_else(|| {
                HarnessError::Setup(format!(
                    "{ENGINE_VAR}={name:?}: expected chromium, firefox or webkit"
                ))
            })
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// The WebDriver server: the path in `var`, else where `cargo xtask setup` puts it.
    pub(crate) fn driver(self) -> PathBuf {
        let (var, default) = match self {
            Engine::Chromium => ("CHROMEDRIVER", PathBuf::from("/usr/bin/chromedriver")),
            Engine::Firefox => ("GECKODRIVER", cargo_bin("geckodriver")),
            Engine::WebKit => ("WEBKIT_DRIVER", PathBuf::from("/usr/bin/WebKitWebDriver")),
        };
        std::env::var_os(var).map_or(default, PathBuf::from)
    }

    /// The new-session capabilities. `profile` is a fresh directory Chromium keeps its profile
    /// in (geckodriver makes a temporary profile itself; MiniBrowser in automation mode keeps
    /// nothing on disk).
    pub(crate) fn capabilities(self, profile: &std::path::Path) -> Map<String, Value> {
        let capabilities = match self {
            Engine::Chromium => {
                let mut args: Vec<String> =
                    CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
                args.push(format!("--user-data-dir={}", profile.display()));
                json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args },
                    "goog:loggingPrefs": { "browser": "ALL" },
                })
            }
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": "/usr/bin/firefox-esr",
                    "args": ["-headless"],
                    // On top of geckodriver's automation defaults: no traffic to hosts the
                    // closed network refuses (each would wait for a time-out), and pages may
                    // open windows from script, as Chromium under chromedriver allows (the
                    // duplicated-tab test needs it).
                    "prefs": {
                        "dom.disable_open_during_load": false,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "browser.safebrowsing.update.enabled": false,
                        "browser.safebrowsing.malware.enabled": false,
                        "browser.safebrowsing.phishing.enabled": false,
                        "extensions.update.enabled": false,
                        "app.normandy.enabled": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                    },
                },
            }),
            Engine::WebKit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": {
                    "binary": minibrowser(),
                    // Scripts may open windows, as Chromium under chromedriver and Firefox
                    // above allow (the duplicated-tab test opens one).
                    "args": ["--automation", "--javascript-can-open-windows-automatically=true"],
                },
            }),
        };
        match capabilities {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

impl Engine {
    /// Whether a process with this command line runs pages: Chromium's renderers, Firefox's
    /// web content processes, WebKit's web processes.
    pub(crate) fn is_content_process(self, command_line: &str) -> bool {
        match self {
            // Not the renderer of Chromium's own WebUI, which runs no page of the app.
            Engine::Chromium => {
                command_line.contains("--type=renderer")
                    && !command_line.contains("--top-chrome-webui")
            }
            Engine::Firefox => {
                command_line.contains("-contentproc") && command_line.ends_with(" tab")
            }
            Engine::WebKit => command_line
                .split(' ')
                .next()
                .is_some_and(|program| program.ends_with("WebKitWebProcess")),
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn cargo_bin(name: &str) -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".cargo")
        });
    cargo_home.join("bin").join(name)
}
