//! Playback as the Web API reports it: `GET /me/player` (OpenAPI
//! `CurrentlyPlayingContextObject`), devices, context and queue (contract §2).

use serde::{Deserialize, Serialize};

use super::catalog::Playable;
use super::serde_util::null_as_default;

/// `repeat_state` of the Web API and `state` of `PUT /me/player/repeat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RepeatState {
    #[default]
    Off,
    Track,
    Context,
}

impl RepeatState {
    /// The query value of `PUT /me/player/repeat?state=`.
    pub fn as_query(self) -> &'static str {
        match self {
            RepeatState::Off => "off",
            RepeatState::Track => "track",
            RepeatState::Context => "context",
        }
    }

    /// The SDK's `repeat_mode` (0 off, 1 context, 2 track; contract §3). Other values read as off.
    pub fn from_sdk_mode(mode: u8) -> Self {
        match mode {
            1 => RepeatState::Context,
            2 => RepeatState::Track,
            _ => RepeatState::Off,
        }
    }
}

/// A Spotify Connect device (OpenAPI `DeviceObject`). An SDK device has type `Computer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub is_active: bool,
    #[serde(default)]
    pub is_private_session: bool,
    /// When true the device accepts no Web API commands.
    #[serde(default)]
    pub is_restricted: bool,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub volume_percent: Option<u8>,
    #[serde(default)]
    pub supports_volume: bool,
}

/// `GET /me/player/devices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Devices {
    #[serde(default, deserialize_with = "null_as_default")]
    pub devices: Vec<Device>,
}

/// Where playback comes from (OpenAPI `ContextObject`): a playlist, album, artist or show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub uri: String,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub href: Option<String>,
}

/// Which actions are not allowed now (OpenAPI `DisallowsObject`); absent means allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Disallows {
    pub interrupting_playback: bool,
    pub pausing: bool,
    pub resuming: bool,
    pub seeking: bool,
    pub skipping_next: bool,
    pub skipping_prev: bool,
    pub toggling_repeat_context: bool,
    pub toggling_shuffle: bool,
    pub toggling_repeat_track: bool,
    pub transferring_playback: bool,
}

/// `actions` of a playback state: `{"disallows":{…}}` (contract §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Actions {
    #[serde(default)]
    pub disallows: Disallows,
}

/// `GET /me/player` when it answers 200 (204 means nothing is active: the shell maps that to
/// `None`). Also the body of `GET /me/player/currently-playing`, minus `device`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaybackState {
    #[serde(default)]
    pub device: Option<Device>,
    #[serde(default)]
    pub is_playing: bool,
    #[serde(default)]
    pub progress_ms: Option<u64>,
    #[serde(default)]
    pub item: Option<Playable>,
    #[serde(default)]
    pub context: Option<Context>,
    #[serde(default)]
    pub shuffle_state: bool,
    #[serde(default)]
    pub repeat_state: RepeatState,
    #[serde(default)]
    pub actions: Actions,
    /// Unix ms when the playback state last changed on Spotify's side.
    #[serde(default)]
    pub timestamp: u64,
    #[serde(default)]
    pub currently_playing_type: Option<String>,
}

/// `GET /me/player/queue`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    #[serde(default)]
    pub currently_playing: Option<Playable>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub queue: Vec<Playable>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spotify::catalog::tests::TRACK_JSON;

    fn playback_json() -> String {
        format!(
            r#"{{
            "device": {{"id": "dev-1", "is_active": true, "is_private_session": false,
                        "is_restricted": false, "name": "Chorus · Alice", "supports_volume": true,
                        "type": "Computer", "volume_percent": 80}},
            "shuffle_state": true,
            "smart_shuffle": false,
            "repeat_state": "context",
            "timestamp": 1763780000000,
            "context": {{"external_urls": {{"spotify": "https://open.spotify.com/playlist/37i9"}},
                         "href": "https://api.spotify.com/v1/playlists/37i9",
                         "type": "playlist", "uri": "spotify:playlist:37i9"}},
            "progress_ms": 43020,
            "item": {TRACK_JSON},
            "currently_playing_type": "track",
            "actions": {{"disallows": {{"resuming": true, "skipping_prev": true}}}},
            "is_playing": true
        }}"#
        )
    }

    #[test]
    fn playback_state_parses_device_context_and_disallows() {
        let state: PlaybackState = serde_json::from_str(&playback_json()).expect("parses");
        assert!(state.is_playing);
        assert_eq!(state.progress_ms, Some(43_020));
        assert_eq!(state.repeat_state, RepeatState::Context);
        assert!(state.shuffle_state);
        assert!(state.actions.disallows.resuming);
        assert!(state.actions.disallows.skipping_prev);
        assert!(!state.actions.disallows.pausing);
        let device = state.device.expect("device");
        assert_eq!(device.kind, "Computer");
        assert_eq!(device.volume_percent, Some(80));
        assert_eq!(
            state.context.map(|c| c.kind),
            Some(Some("playlist".to_owned()))
        );
    }

    #[test]
    fn playback_state_with_null_item_and_progress_parses() {
        let state: PlaybackState = serde_json::from_str(
            r#"{"device":{"id":null,"is_active":true,"name":"Phone","type":"Smartphone",
                "volume_percent":null},"is_playing":false,"progress_ms":null,"item":null,
                "context":null,"shuffle_state":false,"repeat_state":"off","timestamp":0,
                "currently_playing_type":"unknown","actions":{"disallows":{}}}"#,
        )
        .expect("sparse state parses");
        assert_eq!(state.item, None);
        assert_eq!(state.progress_ms, None);
        assert_eq!(state.device.and_then(|d| d.id), None);
    }

    #[test]
    fn queue_parses_tracks_and_null_current() {
        let body = format!(r#"{{"currently_playing": null, "queue": [{TRACK_JSON}]}}"#);
        let queue: Queue = serde_json::from_str(&body).expect("queue parses");
        assert_eq!(queue.currently_playing, None);
        assert_eq!(queue.queue.len(), 1);
    }

    #[test]
    fn sdk_repeat_modes_map_to_repeat_states() {
        assert_eq!(RepeatState::from_sdk_mode(0), RepeatState::Off);
        assert_eq!(RepeatState::from_sdk_mode(1), RepeatState::Context);
        assert_eq!(RepeatState::from_sdk_mode(2), RepeatState::Track);
        assert_eq!(RepeatState::Track.as_query(), "track");
    }
}
