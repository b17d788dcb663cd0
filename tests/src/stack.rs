//! The system under test: the sandbox and the proxy (serving `dist/`) on free loopback ports.

use std::{path::PathBuf, sync::Arc};

use chorus_proxy::Options;

use crate::{
    page_hooks::{self, InstrumentedDist, PageHooks},
    HarnessError, Result,
};

/// A running sandbox + proxy. Their tasks stop when the test's runtime ends.
#[derive(Debug)]
pub struct Stack {
    sandbox: spotify_sandbox::RunningSandbox,
    app_url: String,
    http: reqwest::Client,
    hooks: Arc<PageHooks>,
    /// The hooked copy of `dist/` it serves; `None` when it serves `dist/` as built.
    _dist: Option<InstrumentedDist>,
}

impl Stack {
    /// Starts the sandbox (admin API on) and a proxy whose config points the app at it, with a
    /// sandbox configured by the test (token lifetimes, refresh regime, clock…) and extra proxy
    /// flags (e.g. `--token-mode=direct`). The admin API is always on: tests inspect through it.
    pub async fn start_configured(
        sandbox_config: spotify_sandbox::SandboxConfig,
        proxy_flags: &[&str],
    ) -> Result<Self> {
        Self::start(sandbox_config, proxy_flags, true).await
    }

    /// [`Stack::start_configured`] serving `dist/` exactly as built, without the page hook
    /// (init scripts and error reports do not work): for the load bench, which measures what a
    /// visitor gets, and where the hook's parser-blocking `<script>` would cost a round trip
    /// before anything else. Chromium's CDP init scripts still work.
    pub async fn start_as_built(
        sandbox_config: spotify_sandbox::SandboxConfig,
        proxy_flags: &[&str],
    ) -> Result<Self> {
        Self::start(sandbox_config, proxy_flags, false).await
    }

    async fn start(
        sandbox_config: spotify_sandbox::SandboxConfig,
        proxy_flags: &[&str],
        hooked: bool,
    ) -> Result<Self> {
        let built = dist_dir()?;
        let dist = if hooked {
            Some(InstrumentedDist::of(&built)?)
        } else {
            None
        };
        let static_dir = dist
            .as_ref()
            .map_or(built.as_path(), InstrumentedDist::path);
        let sandbox_config = spotify_sandbox::SandboxConfig {
            admin: true,
            ..sandbox_config
        };
        let sandbox = spotify_sandbox::spawn(sandbox_config)
            .await
            .map_err(|e| HarnessError::Setup(format!("starting the sandbox: {e}")))?;
        let sandbox_url = sandbox.base_url();

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| HarnessError::Setup(format!("binding the proxy: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| HarnessError::Setup(format!("proxy address: {e}")))?
            .port();
        let app_url = format!("http://127.0.0.1:{port}");
        let mut flags = vec![
            "--client-id=chorus-demo".into(),
            format!("--redirect-uri={app_url}/callback"),
            format!("--accounts-base-url={sandbox_url}"),
            format!("--api-base-url={sandbox_url}/v1"),
            format!("--sdk-url={sandbox_url}/spotify-player.js"),
            format!("--static-dir={}", static_dir.display()),
            "--sandbox".into(),
        ];
        // The sandbox's artwork comes from image origins of their own, as Spotify's comes from
        // its image CDNs: the page's CSP must allow them.
        flags.extend(
            sandbox
                .image_origins()
                .into_iter()
                .map(|origin| format!("--img-origin={origin}")),
        );
        flags.extend(proxy_flags.iter().map(|flag| (*flag).to_owned()));
        let hooks = Arc::new(PageHooks::default());
        let options = proxy_options(&flags)?;
        let harness_routes = page_hooks::routes(hooks.clone());
        tokio::spawn(async move {
            if let Err(error) =
                chorus_proxy::serve_listener_with(listener, options, harness_routes).await
            {
                eprintln!("chorus-proxy stopped: {error}");
            }
        });
        Ok(Self {
            sandbox,
            app_url,
            http: reqwest::Client::new(),
            hooks,
            _dist: dist,
        })
    }

    /// What the app's pages report to the harness (see `page_hooks`).
    pub(crate) fn hooks(&self) -> Arc<PageHooks> {
        self.hooks.clone()
    }

    /// Where the app is served, e.g. `http://127.0.0.1:PORT`.
    pub fn app_url(&self) -> &str {
        &self.app_url
    }

    /// A same-origin page with one line of text and no script (served on every stack).
    pub fn blank_url(&self) -> String {
        format!("{}{}", self.app_url, page_hooks::BLANK_PATH)
    }

    /// The sandbox's base URL.
    pub fn sandbox_url(&self) -> String {
        self.sandbox.base_url()
    }

    /// The origins the sandbox serves artwork from (covers, mosaics, avatars), which the proxy's
    /// CSP allows.
    pub fn image_origins(&self) -> Vec<String> {
        self.sandbox.image_origins()
    }

    /// `POST` to the sandbox's admin API (`path` below `/_sandbox/`), failing on a non-2xx.
    pub async fn sandbox_admin(
        &self,
        path: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value> {
        let url = format!(
            "{}/_sandbox/{}",
            self.sandbox.base_url(),
            path.trim_start_matches('/')
        );
        let response = self
            .http
            .post(&url)
            .json(&body)
            .send()
            .await
            .map_err(|e| HarnessError::Setup(format!("POST {url}: {e}")))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| HarnessError::Setup(format!("POST {url}: {e}")))?;
        if !status.is_success() {
            return Err(HarnessError::Setup(format!(
                "POST {url} answered {status}: {text}"
            )));
        }
        Ok(serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    }

    /// The sandbox's whole inspection state (`GET /_sandbox/state`).
    pub async fn sandbox_state(&self) -> Result<serde_json::Value> {
        let url = format!("{}/_sandbox/state", self.sandbox.base_url());
        let response = self
            .http
            .get(&url)
            .send()
            .await
            .map_err(|e| HarnessError::Setup(format!("GET {url}: {e}")))?;
        response
            .json()
            .await
            .map_err(|e| HarnessError::Setup(format!("GET {url}: {e}")))
    }
}

/// `CHORUS_DIST`, else `<workspace>/dist`; it must hold a built app.
pub fn dist_dir() -> Result<PathBuf> {
    let dir = std::env::var_os("CHORUS_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("dist")
        });
    if dir.join("index.html").is_file() {
        Ok(dir)
    } else {
        Err(HarnessError::Setup(format!(
            "no built app in {}: run `cargo xtask build` (or `cargo xtask test`) first",
            dir.display()
        )))
    }
}

/// The proxy's options, parsed exactly as its command line would be, and checked here so a bad
/// flag fails the test's start instead of the spawned server.
fn proxy_options(flags: &[String]) -> Result<Options> {
    let argv = std::iter::once("chorus-proxy".to_owned()).chain(flags.iter().cloned());
    let options = <Options as clap::Parser>::try_parse_from(argv)
        .map_err(|e| HarnessError::Setup(format!("proxy options: {e}")))?;
    let config = options
        .runtime_config()
        .map_err(|e| HarnessError::Setup(format!("proxy config: {e}")))?;
    options
        .settings(&config)
        .map_err(|e| HarnessError::Setup(format!("proxy settings: {e}")))?;
    Ok(options)
}
