//! The JSON messages between `spotify-player.js` and the sandbox, one per WebSocket text frame.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// From the page's player to the sandbox.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// First message: who we are. `device_id` is set when reconnecting.
    Hello {
        token: String,
        name: String,
        #[serde(default = "full_volume")]
        volume: f64,
        #[serde(default)]
        device_id: Option<String>,
        #[serde(default)]
        activated: bool,
    },
    /// A fresh token after `token_expired`.
    Token { token: String },
    /// `activateElement()` was called (inside a user gesture).
    Activate,
    /// A player method; answered by `reply` with the same id.
    Command {
        id: u64,
        op: String,
        #[serde(default)]
        value: Option<Value>,
    },
    /// `disconnect()`: unregister the device, no `not_ready`.
    Bye,
}

fn full_volume() -> f64 {
    1.0
}

/// From the sandbox to the page's player.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    Ready {
        device_id: String,
    },
    /// `player_state_changed`; `state` is null when playback is not on this device.
    State {
        state: Value,
    },
    /// One of `initialization_error`, `authentication_error`, `account_error`, `playback_error`.
    Error {
        kind: String,
        message: String,
    },
    /// The access token expired: call `getOAuthToken` and send `token`.
    TokenExpired,
    AutoplayFailed,
    Reply {
        id: u64,
        value: Value,
    },
}
