//! The SDK's events (docs/spotify-contract.md §3) as one Rust enum, decoded at the boundary.
//!
//! A payload goes through `JSON.stringify` and then `serde_json` into the `chorus-core` types.
//! That is the same decoder, on the same text, that core's native tests exercise, so a payload
//! decodes in the browser exactly as it does in `cargo test -p chorus-core`; and it needs no
//! second serde backend (serde-wasm-bindgen) in the wasm binary. Events are rare (a few per
//! second at most), so the string round trip costs nothing that matters.
//!
//! [`decode`] is pure and tested natively below; only [`payload_json`] touches JS.

use chorus_core::spotify::sdk::{SdkDeviceEvent, SdkErrorEvent, SdkState};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use crate::error::SdkError;

/// What the player reports. Everything but `BindingError` is an SDK event as the contract names
/// it; `BindingError` is this crate's own report of something that went wrong at the boundary
/// (an undecodable payload, a token the app could not supply) — never a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayerEvent {
    /// `ready`: the device is registered with Spotify Connect under `device_id`.
    Ready { device_id: String },
    /// `not_ready`: the device went offline (connection lost); it may come back with `Ready`.
    NotReady { device_id: String },
    /// `player_state_changed`: `None` when playback is not on this device. Boxed: a state is
    /// large and most events are not states.
    StateChanged(Option<Box<SdkState>>),
    /// `autoplay_failed`: the browser blocked playback; call `activate_element` in a click.
    AutoplayFailed,
    /// `initialization_error`: e.g. no EME (Widevine) in this browser.
    InitializationError { message: String },
    /// `authentication_error`: the token was refused.
    AuthenticationError { message: String },
    /// `account_error`: the account is not Premium.
    AccountError { message: String },
    /// `playback_error`: a track could not be played.
    PlaybackError { message: String },
    /// Something failed at the boundary rather than in the SDK.
    BindingError(SdkError),
}

/// The SDK's event names, one listener each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EventKind {
    Ready,
    NotReady,
    PlayerStateChanged,
    AutoplayFailed,
    InitializationError,
    AuthenticationError,
    AccountError,
    PlaybackError,
}

impl EventKind {
    pub(crate) const ALL: [EventKind; 8] = [
        EventKind::Ready,
        EventKind::NotReady,
        EventKind::PlayerStateChanged,
        EventKind::AutoplayFailed,
        EventKind::InitializationError,
        EventKind::AuthenticationError,
        EventKind::AccountError,
        EventKind::PlaybackError,
    ];

    /// The name given to `addListener`.
    pub(crate) fn js_name(self) -> &'static str {
        match self {
            EventKind::Ready => "ready",
            EventKind::NotReady => "not_ready",
            EventKind::PlayerStateChanged => "player_state_changed",
            EventKind::AutoplayFailed => "autoplay_failed",
            EventKind::InitializationError => "initialization_error",
            EventKind::AuthenticationError => "authentication_error",
            EventKind::AccountError => "account_error",
            EventKind::PlaybackError => "playback_error",
        }
    }
}

/// Decodes one event from its payload as JSON text (`None`: the payload was `undefined`).
pub(crate) fn decode(kind: EventKind, payload: Option<&str>) -> PlayerEvent {
    match decode_payload(kind, payload) {
        Ok(event) => event,
        Err(error) => PlayerEvent::BindingError(error),
    }
}

fn decode_payload(kind: EventKind, payload: Option<&str>) -> Result<PlayerEvent, SdkError> {
    let what = kind.js_name();
    let message = || parse::<SdkErrorEvent>(what, payload).map(|event| event.message);
    Ok(match kind {
        EventKind::Ready => PlayerEvent::Ready {
            device_id: parse::<SdkDeviceEvent>(what, payload)?.device_id,
        },
        EventKind::NotReady => PlayerEvent::NotReady {
            device_id: parse::<SdkDeviceEvent>(what, payload)?.device_id,
        },
        EventKind::PlayerStateChanged => PlayerEvent::StateChanged(decode_state(what, payload)?),
        // No payload in the contract: whatever comes is ignored.
        EventKind::AutoplayFailed => PlayerEvent::AutoplayFailed,
        EventKind::InitializationError => PlayerEvent::InitializationError {
            message: message()?,
        },
        EventKind::AuthenticationError => PlayerEvent::AuthenticationError {
            message: message()?,
        },
        EventKind::AccountError => PlayerEvent::AccountError {
            message: message()?,
        },
        EventKind::PlaybackError => PlayerEvent::PlaybackError {
            message: message()?,
        },
    })
}

/// A state or `null`/`undefined` (playback is elsewhere), as from `player_state_changed` and
/// `getCurrentState()`.
pub(crate) fn decode_state(
    what: &'static str,
    payload: Option<&str>,
) -> Result<Option<Box<SdkState>>, SdkError> {
    match payload {
        None => Ok(None),
        Some(json) => parse::<Option<SdkState>>(what, Some(json)).map(|state| state.map(Box::new)),
    }
}

fn parse<T: DeserializeOwned>(what: &'static str, payload: Option<&str>) -> Result<T, SdkError> {
    let json = payload.ok_or_else(|| SdkError::Undecodable {
        what,
        reason: "no payload".to_owned(),
    })?;
    serde_json::from_str(json).map_err(|error| SdkError::Undecodable {
        what,
        reason: error.to_string(),
    })
}

/// The payload as JSON text; `None` for `undefined`. `JSON.stringify` throws on cycles and
/// BigInts: that is an undecodable payload too.
pub(crate) fn payload_json(
    what: &'static str,
    value: &JsValue,
) -> Result<Option<String>, SdkError> {
    if value.is_undefined() {
        return Ok(None);
    }
    js_sys::JSON::stringify(value)
        .map(|text| text.as_string())
        .map_err(|error| SdkError::Undecodable {
            what,
            reason: crate::error::js_message(&error),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `player_state_changed` payload as the emulated and the real SDK send it.
    const STATE: &str = r#"{
        "context": {"uri": "spotify:album:1", "metadata": {}},
        "disallows": {"resuming": true},
        "paused": false, "position": 1200.6, "duration": 200000, "repeat_mode": 0,
        "shuffle": false, "timestamp": 1763780000000, "loading": false,
        "track_window": {
            "current_track": {
                "uri": "spotify:track:abc", "id": "abc", "name": "Night Drive", "duration_ms": 200000,
                "album": {"uri": "spotify:album:1", "name": "Roads", "images": []},
                "artists": [{"uri": "spotify:artist:9", "name": "The Lamps"}]
            },
            "previous_tracks": [], "next_tracks": []
        }
    }"#;

    #[test]
    fn ready_carries_the_device_id() {
        let event = decode(EventKind::Ready, Some(r#"{"device_id":"dev-1"}"#));
        assert_eq!(
            event,
            PlayerEvent::Ready {
                device_id: "dev-1".into()
            }
        );
    }

    #[test]
    fn a_state_decodes_into_the_core_state_with_its_current_track() {
        let PlayerEvent::StateChanged(Some(state)) =
            decode(EventKind::PlayerStateChanged, Some(STATE))
        else {
            panic!("expected a state");
        };
        assert_eq!(state.position, 1201);
        let track = state.track_window.current_track.expect("a current track");
        assert_eq!(
            (track.uri.as_str(), track.name.as_str()),
            ("spotify:track:abc", "Night Drive")
        );
    }

    #[test]
    fn a_null_or_missing_state_means_playback_is_elsewhere() {
        assert_eq!(
            decode(EventKind::PlayerStateChanged, Some("null")),
            PlayerEvent::StateChanged(None)
        );
        assert_eq!(
            decode(EventKind::PlayerStateChanged, None),
            PlayerEvent::StateChanged(None)
        );
    }

    #[test]
    fn each_error_event_keeps_its_message() {
        let payload = Some(r#"{"message":"restricted to premium users"}"#);
        let message = || "restricted to premium users".to_owned();
        assert_eq!(
            decode(EventKind::AccountError, payload),
            PlayerEvent::AccountError { message: message() }
        );
        assert_eq!(
            decode(EventKind::AuthenticationError, payload),
            PlayerEvent::AuthenticationError { message: message() }
        );
        assert_eq!(
            decode(EventKind::InitializationError, payload),
            PlayerEvent::InitializationError { message: message() }
        );
        assert_eq!(
            decode(EventKind::PlaybackError, payload),
            PlayerEvent::PlaybackError { message: message() }
        );
    }

    #[test]
    fn autoplay_failed_needs_no_payload() {
        assert_eq!(
            decode(EventKind::AutoplayFailed, None),
            PlayerEvent::AutoplayFailed
        );
    }

    #[test]
    fn a_malformed_state_becomes_a_binding_error_naming_the_event() {
        let event = decode(EventKind::PlayerStateChanged, Some(r#"{"paused":"maybe"}"#));
        assert!(
            matches!(
                &event,
                PlayerEvent::BindingError(SdkError::Undecodable {
                    what: "player_state_changed",
                    ..
                })
            ),
            "{event:?}"
        );
    }

    #[test]
    fn a_ready_without_payload_becomes_a_binding_error() {
        assert_eq!(
            decode(EventKind::Ready, None),
            PlayerEvent::BindingError(SdkError::Undecodable {
                what: "ready",
                reason: "no payload".into()
            })
        );
    }

    #[test]
    fn every_event_kind_has_its_own_listener_name() {
        let mut names: Vec<_> = EventKind::ALL.iter().map(|kind| kind.js_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EventKind::ALL.len());
    }
}
