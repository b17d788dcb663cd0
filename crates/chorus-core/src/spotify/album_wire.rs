//! How an `AlbumWithTracks` is read: `Album`'s fields and `tracks` side by side in one struct.
//! `#[serde(flatten)]` would buffer the whole object into serde's private `Content` tree and
//! read it twice, and it was the last user of that machinery in the wasm (#16).

use serde::Deserialize;

use super::catalog::{Album, AlbumWithTracks, ExternalUrls, SimplifiedArtist, Track};
use super::paging::Paging;
use super::serde_util::null_as_default;
use super::user::Image;

/// `Album`'s fields as `Album` reads them, plus `tracks`.
#[derive(Deserialize)]
pub(super) struct AlbumWithTracksWire {
    #[serde(default)]
    id: Option<String>,
    name: String,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    images: Vec<Image>,
    #[serde(default, deserialize_with = "null_as_default")]
    artists: Vec<SimplifiedArtist>,
    #[serde(default)]
    album_type: Option<String>,
    #[serde(default)]
    release_date: Option<String>,
    #[serde(default)]
    total_tracks: Option<u32>,
    #[serde(default, deserialize_with = "null_as_default")]
    external_urls: ExternalUrls,
    tracks: Paging<Track>,
}

impl From<AlbumWithTracksWire> for AlbumWithTracks {
    fn from(wire: AlbumWithTracksWire) -> Self {
        AlbumWithTracks {
            album: Album {
                id: wire.id,
                name: wire.name,
                uri: wire.uri,
                images: wire.images,
                artists: wire.artists,
                album_type: wire.album_type,
                release_date: wire.release_date,
                total_tracks: wire.total_tracks,
                external_urls: wire.external_urls,
            },
            tracks: wire.tracks,
        }
    }
}
