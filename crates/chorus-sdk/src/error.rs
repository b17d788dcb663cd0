//! The one error type of the crate: every JS exception, rejected promise and payload that does
//! not match the contract (docs/spotify-contract.md §3) becomes a variant here, never a `JsValue`.

use wasm_bindgen::{JsCast, JsValue};

/// Why a call into the playback SDK (or loading it) failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SdkError {
    #[error("no browser window is available")]
    NoWindow,
    #[error("the playback SDK script could not be loaded from {url}")]
    ScriptFailed { url: String },
    #[error("the page refused to run the playback SDK script: {0}")]
    Dom(String),
    /// `Spotify.Player` is missing: `load_sdk` has not finished (or failed).
    #[error("the playback SDK is not loaded")]
    NotLoaded,
    /// A call threw or its promise rejected; `message` is the JS error's message.
    #[error("the playback SDK failed in {operation}: {message}")]
    Threw {
        operation: &'static str,
        message: String,
    },
    /// A payload did not have the shape of the contract.
    #[error("the playback SDK sent an undecodable {what}: {reason}")]
    Undecodable { what: &'static str, reason: String },
    /// The volume must be a number in `0.0..=1.0`.
    #[error("a volume must be between 0 and 1")]
    VolumeOutOfRange,
    /// The app's token source could not give a token when the SDK asked for one.
    #[error("no access token for the playback SDK: {reason}")]
    TokenUnavailable { reason: String },
}

impl SdkError {
    pub(crate) fn threw(operation: &'static str, error: &JsValue) -> Self {
        Self::Threw {
            operation,
            message: js_message(error),
        }
    }
}

/// The message of a thrown value: an `Error`'s `message`, a thrown string itself, otherwise a
/// fixed description (never a `Debug` dump of the value).
pub(crate) fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value
        .as_string()
        .unwrap_or_else(|| "a non-Error value was thrown".to_owned())
}
