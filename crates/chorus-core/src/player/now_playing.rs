//! What is playing, reduced from either source (SDK track or Web API item) to what the
//! player screen shows (docs/ux.md "Player"), and which actions are currently not allowed.

use crate::spotify::sdk::{SdkDisallows, SdkTrack};
use crate::spotify::{Disallows, ExternalUrls, Image, Playable, SimplifiedArtist};

/// The item on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NowPlaying {
    pub uri: String,
    pub name: String,
    /// Artist names joined (`"Daft Punk, Pharrell Williams"`), or the show of an episode.
    pub artists: String,
    pub album: Option<String>,
    /// The album's id, for a link to its page.
    pub album_id: Option<String>,
    /// Each artist with their id (links to their pages); empty for an episode.
    pub artist_list: Vec<SimplifiedArtist>,
    pub images: Vec<Image>,
    pub duration_ms: u64,
}

/// The id in a `spotify:<kind>:<id>` URI.
fn id_of(uri: Option<&str>) -> Option<String> {
    uri?.rsplit(':')
        .next()
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

impl NowPlaying {
    pub fn from_sdk(track: &SdkTrack) -> Self {
        Self {
            uri: track.uri.clone(),
            name: track.name.clone(),
            artists: track.artist_names(),
            album: Some(track.album.name.clone()).filter(|name| !name.is_empty()),
            album_id: id_of(track.album.uri.as_deref()),
            artist_list: track
                .artists
                .iter()
                .map(|artist| SimplifiedArtist {
                    id: id_of(artist.uri.as_deref()),
                    name: artist.name.clone(),
                    uri: artist.uri.clone(),
                    external_urls: ExternalUrls::default(),
                })
                .collect(),
            images: track.album.images.clone(),
            duration_ms: track.duration_ms,
        }
    }

    /// `None` for items Chorus cannot show (ads, unknown types).
    pub fn from_playable(item: &Playable) -> Option<Self> {
        match item {
            Playable::Track(track) => Some(Self {
                uri: track.uri.clone(),
                name: track.name.clone(),
                artists: track.artist_names(),
                album: track.album.as_ref().map(|album| album.name.clone()),
                album_id: track.album.as_ref().and_then(|album| album.id.clone()),
                artist_list: track.artists.clone(),
                images: track
                    .album
                    .as_ref()
                    .map(|album| album.images.clone())
                    .unwrap_or_default(),
                duration_ms: track.duration_ms,
            }),
            Playable::Episode(episode) => Some(Self {
                uri: episode.uri.clone(),
                name: episode.name.clone(),
                artists: item.byline(),
                album: None,
                album_id: None,
                artist_list: Vec::new(),
                images: episode.images.clone(),
                duration_ms: episode.duration_ms,
            }),
            Playable::Unsupported => None,
        }
    }
}

/// Actions that are not allowed now (true = disallowed): controls render disabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Restrictions {
    pub pausing: bool,
    pub resuming: bool,
    pub seeking: bool,
    pub skipping_next: bool,
    pub skipping_prev: bool,
    pub toggling_shuffle: bool,
    pub toggling_repeat: bool,
}

impl From<SdkDisallows> for Restrictions {
    fn from(d: SdkDisallows) -> Self {
        Self {
            pausing: d.pausing,
            resuming: d.resuming,
            seeking: d.seeking,
            skipping_next: d.skipping_next,
            skipping_prev: d.skipping_prev,
            toggling_shuffle: false,
            toggling_repeat: false,
        }
    }
}

impl From<Disallows> for Restrictions {
    fn from(d: Disallows) -> Self {
        Self {
            pausing: d.pausing,
            resuming: d.resuming,
            seeking: d.seeking,
            skipping_next: d.skipping_next,
            skipping_prev: d.skipping_prev,
            toggling_shuffle: d.toggling_shuffle,
            toggling_repeat: d.toggling_repeat_context && d.toggling_repeat_track,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spotify::sdk::tests::SDK_STATE_JSON;
    use crate::spotify::sdk::SdkState;

    #[test]
    fn an_sdk_track_keeps_the_ids_its_album_and_artists_link_to() {
        let state: SdkState = serde_json::from_str(SDK_STATE_JSON).expect("sdk state");
        let track = state.track_window.current_track.expect("a track");
        let now = NowPlaying::from_sdk(&track);
        let album_uri = track.album.uri.clone().expect("album uri");
        assert_eq!(now.album_id.as_deref(), album_uri.rsplit(':').next());
        assert_eq!(now.artist_list.len(), track.artists.len());
        for (artist, sdk) in now.artist_list.iter().zip(&track.artists) {
            assert_eq!(artist.name, sdk.name);
            assert_eq!(
                artist.id.as_deref(),
                sdk.uri.as_deref().and_then(|u| u.rsplit(':').next())
            );
        }
        assert_eq!(id_of(Some("spotify:album:")), None);
        assert_eq!(id_of(None), None);
    }
}
