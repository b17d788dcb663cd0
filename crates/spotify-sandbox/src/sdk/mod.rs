//! The emulated Web Playback SDK (contract §3): `GET /spotify-player.js` defines
//! `window.Spotify.Player`; each player opens a WebSocket to `/sdk/ws`, registers a `Computer`
//! device for its account and receives state pushes. Playback is silent.

mod commands;
mod connection;
mod protocol;
mod script;
mod state_json;

use axum::routing::get;
use axum::Router;

use crate::state::Sandbox;

pub use protocol::{ClientMessage, ServerMessage};

/// Path of the SDK's WebSocket, relative to the sandbox origin.
pub const WEBSOCKET_PATH: &str = "/sdk/ws";

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/spotify-player.js", get(script::serve))
        .route(WEBSOCKET_PATH, get(connection::upgrade))
}
