//! What the album and artist pages show, kept by id so going back to one is instant, and the
//! names of the contexts the player plays from ("Playing from Workout"). Plain data; the
//! effects live in `use_catalog.rs`.

use std::{collections::HashMap, rc::Rc};

use chorus_core::spotify::{Album, Artist, Track};
use yew::Reducible;

use crate::services::web_api::Remote;

/// An album's page: the album and its tracks so far.
#[derive(Debug, Clone, PartialEq)]
pub struct AlbumPage {
    pub album: Album,
    pub tracks: Vec<Track>,
    /// The offset of the next page of tracks ("More").
    pub next_offset: Option<u32>,
}

impl AlbumPage {
    /// The tracks' total length.
    pub fn duration_ms(&self) -> u64 {
        self.tracks.iter().map(|t| t.duration_ms).sum()
    }
}

/// An artist's page: the artist and their albums and singles.
#[derive(Debug, Clone, PartialEq)]
pub struct ArtistPage {
    pub artist: Artist,
    pub albums: Vec<Album>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogModel {
    pub albums: HashMap<String, Remote<AlbumPage>>,
    pub artists: HashMap<String, Remote<ArtistPage>>,
    /// Context URI → its name (a playlist, album or artist the player plays from).
    pub names: HashMap<String, Remote<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CatalogAction {
    Reset,
    Album(String, Remote<AlbumPage>),
    /// More tracks of an album (appended), and the next page's offset.
    MoreAlbumTracks {
        id: String,
        tracks: Vec<Track>,
        next_offset: Option<u32>,
    },
    Artist(String, Remote<ArtistPage>),
    Name(String, Remote<String>),
}

impl Reducible for CatalogModel {
    type Action = CatalogAction;

    fn reduce(self: Rc<Self>, action: CatalogAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CatalogAction::Reset => return Rc::new(Self::default()),
            CatalogAction::Album(id, page) => {
                next.albums.insert(id, page);
            }
            CatalogAction::MoreAlbumTracks {
                id,
                tracks,
                next_offset,
            } => match next.albums.get_mut(&id) {
                Some(Remote::Loaded(page)) => {
                    page.tracks.extend(tracks);
                    page.next_offset = next_offset;
                }
                _ => return self,
            },
            CatalogAction::Artist(id, page) => {
                next.artists.insert(id, page);
            }
            CatalogAction::Name(uri, name) => {
                next.names.insert(uri, name);
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(n: u32, ms: u64) -> Track {
        serde_json::from_value(serde_json::json!({
            "name": format!("T{n}"), "uri": format!("spotify:track:t{n}"), "duration_ms": ms
        }))
        .expect("track")
    }

    fn album() -> Album {
        serde_json::from_value(serde_json::json!({"name": "Roads", "id": "a"})).expect("album")
    }

    #[test]
    fn more_tracks_append_to_a_loaded_album_only() {
        let loaded = AlbumPage {
            album: album(),
            tracks: vec![track(1, 60_000)],
            next_offset: Some(1),
        };
        let mut model = Rc::new(CatalogModel::default())
            .reduce(CatalogAction::Album("a".into(), Remote::Loaded(loaded)));
        model = model.reduce(CatalogAction::MoreAlbumTracks {
            id: "a".into(),
            tracks: vec![track(2, 90_000)],
            next_offset: None,
        });
        let Some(Remote::Loaded(page)) = model.albums.get("a") else {
            panic!("loaded")
        };
        assert_eq!(page.tracks.len(), 2);
        assert_eq!(page.next_offset, None);
        assert_eq!(page.duration_ms(), 150_000);
        let unchanged = model.clone().reduce(CatalogAction::MoreAlbumTracks {
            id: "gone".into(),
            tracks: vec![track(3, 1)],
            next_offset: None,
        });
        assert!(Rc::ptr_eq(&unchanged, &model));
    }
}
