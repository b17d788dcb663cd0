//! How a `Playable` is read: one flat struct with every field a track or an episode has, then
//! converted by `type`. serde's derive for an internally tagged enum (`#[serde(tag = "type")]`)
//! first buffers the whole object into its private `Content` tree and reads it a second time,
//! which cost the wasm ≈ 12 kB for this one type (#16); the flat struct is read in one pass.

use serde::Deserialize;

use super::catalog::{Album, Episode, ExternalUrls, Playable, ShowRef, SimplifiedArtist, Track};
use super::serde_util::null_as_default;
use super::user::Image;

#[derive(Deserialize)]
pub(super) struct PlayableWire {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    duration_ms: Option<u64>,
    #[serde(default, deserialize_with = "null_as_default")]
    artists: Vec<SimplifiedArtist>,
    #[serde(default)]
    album: Option<Album>,
    #[serde(default)]
    explicit: bool,
    #[serde(default)]
    is_playable: Option<bool>,
    #[serde(default)]
    is_local: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    external_urls: ExternalUrls,
    #[serde(default, deserialize_with = "null_as_default")]
    images: Vec<Image>,
    #[serde(default)]
    show: Option<ShowRef>,
}

/// Why a track or an episode could not be read: the field it lacks, as serde names it.
#[derive(Debug)]
pub(super) struct MissingField(&'static str);

impl std::fmt::Display for MissingField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "missing field `{}`", self.0)
    }
}

fn required<T>(value: Option<T>, field: &'static str) -> Result<T, MissingField> {
    value.ok_or(MissingField(field))
}

impl TryFrom<PlayableWire> for Playable {
    type Error = MissingField;

    fn try_from(wire: PlayableWire) -> Result<Self, MissingField> {
        Ok(match wire.kind.as_str() {
            "track" => Playable::Track(Track {
                id: wire.id,
                name: required(wire.name, "name")?,
                uri: required(wire.uri, "uri")?,
                duration_ms: required(wire.duration_ms, "duration_ms")?,
                artists: wire.artists,
                album: wire.album,
                explicit: wire.explicit,
                is_playable: wire.is_playable,
                is_local: wire.is_local,
                external_urls: wire.external_urls,
            }),
            "episode" => Playable::Episode(Episode {
                id: required(wire.id, "id")?,
                name: required(wire.name, "name")?,
                uri: required(wire.uri, "uri")?,
                duration_ms: required(wire.duration_ms, "duration_ms")?,
                images: wire.images,
                show: wire.show,
            }),
            // An ad, a future type: shown as nothing playable instead of failing the state.
            _ => Playable::Unsupported,
        })
    }
}
