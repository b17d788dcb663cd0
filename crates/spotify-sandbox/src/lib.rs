//! The Spotify sandbox: a faithful, scriptable, in-memory Spotify for tests and the offline demo.
//!
//! One origin serves everything the app talks to (contract: `docs/spotify-contract.md`):
//! the accounts service (`/authorize`, `/api/token`), the Web API (`/v1/…`), the emulated Web
//! Playback SDK (`/spotify-player.js` and its WebSocket), generated artwork (`/images/…`) and,
//! when enabled, the admin API (`/_sandbox/…`).
//!
//! In tests: `let running = spotify_sandbox::spawn(SandboxConfig::for_tests()).await?;` then talk
//! to `running.base_url()` and script the world through `running.sandbox()`.
//! As a binary: `cargo run -p spotify-sandbox -- --help`.

pub mod accounts;
pub mod admin;
pub mod catalogue;
pub mod clock;
pub mod config;
pub mod connect;
pub mod errors;
pub mod faults;
mod images;
mod rng;
pub mod sdk;
pub mod state;
pub mod web_api;

use std::net::SocketAddr;

use axum::routing::get;
use axum::Router;
use tokio::task::JoinHandle;

pub use admin::IssuedTokens;
pub use config::{ClientConfig, ClockMode, RateLimit, RefreshRegime, SandboxConfig};
pub use errors::SpawnError;
pub use state::Sandbox;

/// Every route of the sandbox on one origin.
pub fn router(sandbox: Sandbox) -> Router {
    let admin = sandbox.read(|world| world.config.admin);
    let mut router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(accounts::routes())
        .merge(web_api::routes(sandbox.clone()))
        .merge(sdk::routes())
        .merge(images::routes());
    if admin {
        router = router.merge(admin::routes());
    }
    router
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(sandbox)
}

/// A sandbox serving on a local port in a background task; dropped, it stops serving.
#[derive(Debug)]
pub struct RunningSandbox {
    address: SocketAddr,
    sandbox: Sandbox,
    server: JoinHandle<()>,
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The handle to script and inspect the world (clock, faults, tokens…).
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Binds `127.0.0.1:0` and serves the sandbox in a tokio task.
pub async fn spawn(config: SandboxConfig) -> Result<RunningSandbox, SpawnError> {
    spawn_on("127.0.0.1:0", config).await
}

/// Binds `address` (e.g. `127.0.0.1:4001`) and serves the sandbox in a tokio task.
pub async fn spawn_on(address: &str, config: SandboxConfig) -> Result<RunningSandbox, SpawnError> {
    let bind_error = |source| SpawnError::Bind {
        address: address.to_owned(),
        source,
    };
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(bind_error)?;
    let address = listener.local_addr().map_err(bind_error)?;
    let sandbox = Sandbox::new(config);
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
    })
}
