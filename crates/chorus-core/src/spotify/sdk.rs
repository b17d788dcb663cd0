//! The Web Playback SDK's payloads (contract §3), as plain serde types so that `chorus-sdk`
//! decodes each JS object into core types at the boundary and no `JsValue` escapes it.

use serde::{Deserialize, Deserializer, Serialize};

use super::serde_util::null_as_default;
use super::user::Image;

/// JS numbers may arrive as floats (`position: 1234.5`); milliseconds are whole and never
/// negative, so round and clamp instead of failing the whole state.
fn millis<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let value = Option::<f64>::deserialize(deserializer)?.unwrap_or(0.0);
    // `as` saturates for floats: NaN becomes 0 and huge values u64::MAX, which is what we want.
    Ok(value.max(0.0).round() as u64)
}

/// An artist in an SDK track: `{uri, name}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdkArtist {
    pub name: String,
    #[serde(default)]
    pub uri: Option<String>,
}

/// An album in an SDK track: `{uri, name, images}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdkAlbum {
    pub name: String,
    #[serde(default)]
    pub uri: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub images: Vec<Image>,
}

/// A track of the SDK's `track_window`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdkTrack {
    pub uri: String,
    #[serde(default)]
    pub id: Option<String>,
    /// Unique per position in the context: tells two plays of one track apart in a window.
    #[serde(default)]
    pub uid: Option<String>,
    pub name: String,
    #[serde(default, deserialize_with = "millis")]
    pub duration_ms: u64,
    #[serde(default)]
    pub is_playable: Option<bool>,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub media_type: Option<String>,
    pub album: SdkAlbum,
    #[serde(default, deserialize_with = "null_as_default")]
    pub artists: Vec<SdkArtist>,
}

impl SdkTrack {
    /// Artist names joined for display.
    pub fn artist_names(&self) -> String {
        self.artists
            .iter()
            .map(|artist| artist.name.trim())
            .filter(|name| !name.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `track_window`: the current track and its neighbours.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SdkTrackWindow {
    #[serde(default)]
    pub current_track: Option<SdkTrack>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub previous_tracks: Vec<SdkTrack>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub next_tracks: Vec<SdkTrack>,
}

/// `context`: `{uri, metadata}`; `uri` is null when playing loose tracks. `metadata` (free-form
/// JSON) is skipped: nothing reads it, and keeping it as a `serde_json::Value` linked Value's
/// reader, map and number handling into the wasm (#16).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SdkContext {
    #[serde(default)]
    pub uri: Option<String>,
}

/// `disallows` of an SDK state; absent means allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SdkDisallows {
    pub pausing: bool,
    pub peeking_next: bool,
    pub peeking_prev: bool,
    pub resuming: bool,
    pub seeking: bool,
    pub skipping_next: bool,
    pub skipping_prev: bool,
}

/// The payload of `player_state_changed` and `getCurrentState()` when not null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdkState {
    #[serde(default)]
    pub context: SdkContext,
    #[serde(default)]
    pub disallows: SdkDisallows,
    pub paused: bool,
    #[serde(default, deserialize_with = "millis")]
    pub position: u64,
    #[serde(default, deserialize_with = "millis")]
    pub duration: u64,
    /// 0 off, 1 context, 2 track.
    #[serde(default)]
    pub repeat_mode: u8,
    #[serde(default)]
    pub shuffle: bool,
    /// Unix ms at which `position` was measured.
    #[serde(default, deserialize_with = "millis")]
    pub timestamp: u64,
    #[serde(default)]
    pub loading: bool,
    #[serde(default)]
    pub playback_id: Option<String>,
    #[serde(default)]
    pub track_window: SdkTrackWindow,
}

/// `ready` / `not_ready`: `{device_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdkDeviceEvent {
    pub device_id: String,
}

/// `initialization_error`, `authentication_error`, `account_error`, `playback_error`: `{message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdkErrorEvent {
    #[serde(default)]
    pub message: String,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A `player_state_changed` payload as the SDK sends it.
    pub(crate) const SDK_STATE_JSON: &str = r#"{
        "context": {"uri": "spotify:playlist:3cEY", "metadata": {"name": "Workout"}},
        "disallows": {"resuming": true, "skipping_prev": true},
        "paused": false,
        "position": 43020.4,
        "duration": 369626,
        "repeat_mode": 1,
        "shuffle": true,
        "timestamp": 1763780000000,
        "loading": false,
        "playback_id": "pb-1",
        "track_window": {
            "current_track": {
                "uri": "spotify:track:69kOkLUCkxIZYexIgSG8rq", "id": "69kOkLUCkxIZYexIgSG8rq",
                "uid": "u-1", "type": "track", "media_type": "audio",
                "name": "Get Lucky", "duration_ms": 369626, "is_playable": true,
                "album": {"uri": "spotify:album:4m2", "name": "Random Access Memories",
                          "images": [{"url": "https://i.scdn.co/image/a", "height": 300, "width": 300}]},
                "artists": [{"uri": "spotify:artist:4tZw", "name": "Daft Punk"},
                            {"uri": "spotify:artist:2Rdw", "name": "Pharrell Williams"}]
            },
            "previous_tracks": [],
            "next_tracks": []
        }
    }"#;

    #[test]
    fn sdk_state_parses_with_fractional_position() {
        let state: SdkState = serde_json::from_str(SDK_STATE_JSON).expect("state parses");
        assert_eq!(state.position, 43_020);
        assert_eq!(state.repeat_mode, 1);
        assert!(state.disallows.resuming);
        let track = state.track_window.current_track.expect("current track");
        assert_eq!(track.artist_names(), "Daft Punk, Pharrell Williams");
        assert_eq!(track.album.images.len(), 1);
    }

    #[test]
    fn sdk_error_and_device_events_parse() {
        let ready: SdkDeviceEvent =
            serde_json::from_str(r#"{"device_id":"abc"}"#).expect("ready parses");
        assert_eq!(ready.device_id, "abc");
        let error: SdkErrorEvent = serde_json::from_str(
            r#"{"message":"This functionality is restricted to premium users only"}"#,
        )
        .expect("error parses");
        assert!(error.message.contains("premium"));
    }
}
