//! The Spotify sandbox: a faithful, scriptable, in-memory Spotify for tests and the offline demo.
//!
//! One origin serves everything the app talks to (contract: `docs/spotify-contract.md`):
//! the accounts service (`/authorize`, `/api/token`), the Web API (`/v1/…`), the emulated Web
//! Playback SDK (`/spotify-player.js` and its WebSocket), generated artwork (`/images/…`, also
//! served from three image origins of their own, see [`images`]) and, when enabled, the admin API
//! (`/_sandbox/…`).
//!
//! In tests: `let running = spotify_sandbox::spawn(SandboxConfig::for_tests()).await?;` then talk
//! to `running.base_url()` and script the world through `running.sandbox()`.
//! As a binary: `cargo run -p spotify-sandbox -- --help`.

pub mod accounts;
pub mod admin;
pub mod call_log;
pub mod catalogue;
pub mod clock;
pub mod config;
pub mod connect;
pub mod errors;
pub mod faults;
pub mod images;
mod open;
mod rng;
pub mod sdk;
pub mod state;
pub mod web_api;

use std::net::SocketAddr;

use axum::routing::get;
use axum::Router;
use tokio::task::JoinHandle;
use tower::Layer;

pub use admin::IssuedTokens;
pub use config::{ClientConfig, ClockMode, RateLimit, RefreshRegime, SandboxConfig};
pub use errors::SpawnError;
pub use state::Sandbox;

/// Every route of the sandbox on one origin. A trailing slash is forgiven (`/v1/me/` is
/// `/v1/me`), as Spotify's servers forgive it.
pub fn router(sandbox: Sandbox) -> Router {
    let admin = sandbox.read(|world| world.config.admin);
    let mut router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(accounts::routes())
        .merge(web_api::routes(sandbox.clone()))
        .merge(sdk::routes())
        .merge(images::routes())
        .merge(open::routes());
    if admin {
        router = router.merge(admin::routes());
    }
    let routes = router
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(sandbox);
    // Routing happens before a Router's own layers, so the path is trimmed outside it.
    Router::new().fallback_service(
        tower_http::normalize_path::NormalizePathLayer::trim_trailing_slash().layer(routes),
    )
}

/// What an image origin serves: the artwork, nothing else (like a CDN host).
pub fn image_router(sandbox: Sandbox) -> Router {
    images::routes()
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(sandbox)
}

/// A sandbox serving on a local port in a background task; dropped, it stops serving.
#[derive(Debug)]
pub struct RunningSandbox {
    address: SocketAddr,
    sandbox: Sandbox,
    server: JoinHandle<()>,
    image_servers: Vec<JoinHandle<()>>,
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The distinct origins images are served from (`http://127.0.0.2:PORT`, …): what a page's
    /// CSP `img-src` must allow besides the sandbox's origin.
    pub fn image_origins(&self) -> Vec<String> {
        self.sandbox.image_origins(&self.base_url()).distinct()
    }

    /// The handle to script and inspect the world (clock, faults, tokens…).
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.server.abort();
        for server in &self.image_servers {
            server.abort();
        }
    }
}

/// Binds `127.0.0.1:0` (and the image origins) and serves the sandbox in tokio tasks.
pub async fn spawn(config: SandboxConfig) -> Result<RunningSandbox, SpawnError> {
    spawn_on("127.0.0.1:0", config).await
}

/// Binds `address` (e.g. `127.0.0.1:4001`) and the image origins (`config.image_hosts` on the
/// same port when free) and serves the sandbox in tokio tasks.
pub async fn spawn_on(address: &str, config: SandboxConfig) -> Result<RunningSandbox, SpawnError> {
    let bind_error = |source| SpawnError::Bind {
        address: address.to_owned(),
        source,
    };
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(bind_error)?;
    let address = listener.local_addr().map_err(bind_error)?;
    let image_listeners = images::bind(&config.image_hosts, address.port()).await;
    let sandbox = Sandbox::new(config);
    let origins: Vec<String> = image_listeners.iter().map(|(_, o)| o.clone()).collect();
    sandbox.set_image_origins(images::roles(&origins, &format!("http://{address}")));
    let image_servers = image_listeners
        .into_iter()
        .map(|(listener, origin)| {
            let app = image_router(sandbox.clone());
            tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, app).await {
                    tracing::error!(%error, %origin, "spotify-sandbox image server stopped");
                }
            })
        })
        .collect();
    let app = router(sandbox.clone());
    let server = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "spotify-sandbox server stopped");
        }
    });
    Ok(RunningSandbox {
        address,
        sandbox,
        server,
        image_servers,
    })
}
