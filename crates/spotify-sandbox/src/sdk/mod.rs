//! The emulated Web Playback SDK: `GET /spotify-player.js` and the WebSocket it talks to.

use axum::Router;

use crate::state::Sandbox;

pub fn routes() -> Router<Sandbox> {
    Router::new()
}
