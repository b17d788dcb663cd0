//! What is playing, reduced from either source (SDK track or Web API item) to what the
//! player screen shows (docs/ux.md "Player"), and which actions are currently not allowed.

use crate::spotify::sdk::{SdkDisallows, SdkTrack};
use crate::spotify::{Disallows, Image, Playable};

/// The item on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NowPlaying {
    pub uri: String,
    pub name: String,
    /// Artist names joined (`"Daft Punk, Pharrell Williams"`), or the show of an episode.
    pub artists: String,
    pub album: Option<String>,
    pub images: Vec<Image>,
    pub duration_ms: u64,
}

impl NowPlaying {
    pub fn from_sdk(track: &SdkTrack) -> Self {
        Self {
            uri: track.uri.clone(),
            name: track.name.clone(),
            artists: track.artist_names(),
            album: Some(track.album.name.clone()).filter(|name| !name.is_empty()),
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
