//! Catalogue objects: artists, albums, tracks, episodes (OpenAPI `ArtistObject`,
//! `SimplifiedArtistObject`, `SimplifiedAlbumObject`, `TrackObject`, `EpisodeObject`).

use serde::{Deserialize, Serialize};

use super::paging::Paging;
use super::serde_util::null_as_default;
use super::user::Image;

/// `external_urls` of a Spotify object: where the object's page on Spotify is ("Open in
/// Spotify", as Spotify's design guidelines ask of apps that show its content). Read from the
/// answer, never built: the app names no Spotify host.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExternalUrls {
    #[serde(default)]
    pub spotify: Option<String>,
}

/// An artist as embedded in tracks and albums (OpenAPI `SimplifiedArtistObject`).
/// `id` is null for local files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimplifiedArtist {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub uri: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub external_urls: ExternalUrls,
}

/// A full artist (OpenAPI `ArtistObject`), as returned by top artists and search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artist {
    pub id: String,
    pub name: String,
    pub uri: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub images: Vec<Image>,
    /// Deprecated upstream and often empty; shown when present.
    #[serde(default, deserialize_with = "null_as_default")]
    pub genres: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub external_urls: ExternalUrls,
}

/// An album as embedded in a track (OpenAPI `SimplifiedAlbumObject`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Album {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub uri: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub images: Vec<Image>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub artists: Vec<SimplifiedArtist>,
    #[serde(default)]
    pub album_type: Option<String>,
    #[serde(default)]
    pub release_date: Option<String>,
    #[serde(default)]
    pub total_tracks: Option<u32>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub external_urls: ExternalUrls,
}

impl Album {
    /// The year of `release_date` (`2013-05-20`, `2013-05` or `2013`).
    pub fn release_year(&self) -> Option<&str> {
        let date = self.release_date.as_deref()?;
        let year = date.split('-').next()?;
        (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then_some(year)
    }
}

/// `GET /albums/{id}` (OpenAPI `AlbumObject`): the album with its first page of tracks
/// (`SimplifiedTrackObject`s: no `album` of their own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlbumWithTracks {
    #[serde(flatten)]
    pub album: Album,
    pub tracks: Paging<Track>,
}

/// A track (OpenAPI `TrackObject`; `album` is absent in `SimplifiedTrackObject`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    pub uri: String,
    pub duration_ms: u64,
    #[serde(default, deserialize_with = "null_as_default")]
    pub artists: Vec<SimplifiedArtist>,
    #[serde(default)]
    pub album: Option<Album>,
    #[serde(default)]
    pub explicit: bool,
    #[serde(default)]
    pub is_playable: Option<bool>,
    #[serde(default)]
    pub is_local: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    pub external_urls: ExternalUrls,
}

impl Track {
    /// Artist names joined for display: `"Daft Punk, Pharrell Williams"`.
    pub fn artist_names(&self) -> String {
        join_artist_names(&self.artists)
    }
}

/// Joins artist names with `", "`, skipping blank ones.
pub fn join_artist_names(artists: &[SimplifiedArtist]) -> String {
    artists
        .iter()
        .map(|artist| artist.name.trim())
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The show an episode belongs to, as far as Chorus shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowRef {
    pub name: String,
    #[serde(default)]
    pub publisher: Option<String>,
}

/// A podcast episode (OpenAPI `EpisodeObject`), which can be what is playing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    pub id: String,
    pub name: String,
    pub uri: String,
    pub duration_ms: u64,
    #[serde(default, deserialize_with = "null_as_default")]
    pub images: Vec<Image>,
    #[serde(default)]
    pub show: Option<ShowRef>,
}

/// What can be playing or queued: `TrackObject | EpisodeObject`, discriminated by `type`.
/// Anything else (an ad, a future type) parses as `Unsupported` instead of failing the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Playable {
    Track(Track),
    Episode(Episode),
    #[serde(other)]
    Unsupported,
}

impl Playable {
    pub fn as_track(&self) -> Option<&Track> {
        match self {
            Playable::Track(track) => Some(track),
            _ => None,
        }
    }

    pub fn uri(&self) -> Option<&str> {
        match self {
            Playable::Track(track) => Some(&track.uri),
            Playable::Episode(episode) => Some(&episode.uri),
            Playable::Unsupported => None,
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Playable::Track(track) => Some(&track.name),
            Playable::Episode(episode) => Some(&episode.name),
            Playable::Unsupported => None,
        }
    }

    pub fn duration_ms(&self) -> Option<u64> {
        match self {
            Playable::Track(track) => Some(track.duration_ms),
            Playable::Episode(episode) => Some(episode.duration_ms),
            Playable::Unsupported => None,
        }
    }

    /// Who made it: the track's artists, or the episode's show.
    pub fn byline(&self) -> String {
        match self {
            Playable::Track(track) => track.artist_names(),
            Playable::Episode(episode) => episode
                .show
                .as_ref()
                .map(|show| show.name.clone())
                .unwrap_or_default(),
            Playable::Unsupported => String::new(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A realistic `TrackObject` body, shared by the other wire-type tests.
    pub(crate) const TRACK_JSON: &str = r#"{
        "album": {
            "album_type": "album",
            "artists": [{"external_urls": {"spotify": "https://open.spotify.com/artist/4tZw"},
                         "href": "https://api.spotify.com/v1/artists/4tZw", "id": "4tZw",
                         "name": "Daft Punk", "type": "artist", "uri": "spotify:artist:4tZw"}],
            "available_markets": ["SE"],
            "href": "https://api.spotify.com/v1/albums/4m2",
            "id": "4m2",
            "images": [{"height": 640, "url": "https://i.scdn.co/image/ab67616d0000b273", "width": 640}],
            "name": "Random Access Memories",
            "release_date": "2013-05-20",
            "release_date_precision": "day",
            "total_tracks": 13,
            "type": "album",
            "uri": "spotify:album:4m2"
        },
        "artists": [
            {"id": "4tZw", "name": "Daft Punk", "type": "artist", "uri": "spotify:artist:4tZw"},
            {"id": "2RdwBSPQ", "name": "Pharrell Williams", "type": "artist", "uri": "spotify:artist:2RdwBSPQ"}
        ],
        "disc_number": 1,
        "duration_ms": 369626,
        "explicit": false,
        "external_ids": {"isrc": "USQX91300108"},
        "href": "https://api.spotify.com/v1/tracks/69kOkLUCkxIZYexIgSG8rq",
        "id": "69kOkLUCkxIZYexIgSG8rq",
        "is_local": false,
        "name": "Get Lucky (feat. Pharrell Williams & Nile Rodgers)",
        "popularity": 81,
        "preview_url": null,
        "track_number": 8,
        "type": "track",
        "uri": "spotify:track:69kOkLUCkxIZYexIgSG8rq"
    }"#;

    #[test]
    fn track_object_parses_with_album_and_joined_artists() {
        let track: Track = serde_json::from_str(TRACK_JSON).expect("track parses");
        assert_eq!(track.duration_ms, 369_626);
        assert_eq!(track.artist_names(), "Daft Punk, Pharrell Williams");
        let album = track.album.expect("album present");
        assert_eq!(album.name, "Random Access Memories");
        assert_eq!(album.images[0].width, Some(640));
    }

    #[test]
    fn playable_is_discriminated_by_type_and_tolerates_unknown_types() {
        let track: Playable = serde_json::from_str(TRACK_JSON).expect("track playable");
        assert_eq!(track.uri(), Some("spotify:track:69kOkLUCkxIZYexIgSG8rq"));
        assert!(track.as_track().is_some());

        let episode: Playable = serde_json::from_str(
            r#"{"type":"episode","id":"512","name":"Ep. 1","uri":"spotify:episode:512",
                "duration_ms":1800000,"images":[],"show":{"name":"The Show","publisher":"P"}}"#,
        )
        .expect("episode playable");
        assert_eq!(episode.byline(), "The Show");
        assert_eq!(episode.duration_ms(), Some(1_800_000));

        let ad: Playable =
            serde_json::from_str(r#"{"type":"ad","id":"x"}"#).expect("unknown type tolerated");
        assert_eq!(ad, Playable::Unsupported);
        assert_eq!(ad.uri(), None);
    }

    #[test]
    fn open_in_spotify_links_come_from_the_answer() {
        let track: Track = serde_json::from_str(TRACK_JSON).expect("track parses");
        let album = track.album.expect("album present");
        assert_eq!(
            album.artists[0].external_urls.spotify.as_deref(),
            Some("https://open.spotify.com/artist/4tZw")
        );
        assert_eq!(album.release_year(), Some("2013"));
        assert_eq!(album.total_tracks, Some(13));
        // Absent or null: no link, not a failed parse.
        assert_eq!(track.external_urls, ExternalUrls::default());
        let artist: SimplifiedArtist =
            serde_json::from_str(r#"{"name":"X","external_urls":null}"#).expect("null urls");
        assert_eq!(artist.external_urls.spotify, None);
    }

    #[test]
    fn an_album_comes_with_its_first_page_of_tracks() {
        let album: AlbumWithTracks = serde_json::from_str(
            r#"{"album_type":"single","id":"a1","name":"Roads","uri":"spotify:album:a1",
                "release_date":"2019","images":[],"artists":[{"id":"r","name":"The Lamps","uri":"spotify:artist:r"}],
                "external_urls":{"spotify":"https://open.spotify.com/album/a1"},
                "tracks":{"href":"h","limit":50,"offset":0,"next":null,"previous":null,"total":2,
                  "items":[{"id":"t1","name":"One","uri":"spotify:track:t1","duration_ms":200000,"artists":[]},
                           {"id":"t2","name":"Two","uri":"spotify:track:t2","duration_ms":61000,"artists":[]}]}}"#,
        )
        .expect("album parses");
        assert_eq!(album.album.album_type.as_deref(), Some("single"));
        assert_eq!(album.album.release_year(), Some("2019"));
        assert_eq!(album.tracks.items.len(), 2);
        assert_eq!(album.tracks.items[1].album, None);
        assert_eq!(
            album.album.external_urls.spotify.as_deref(),
            Some("https://open.spotify.com/album/a1")
        );
    }

    #[test]
    fn full_artist_with_null_genres_parses() {
        let artist: Artist = serde_json::from_str(
            r#"{"id":"4tZw","name":"Daft Punk","uri":"spotify:artist:4tZw","type":"artist",
                "images":[{"url":"u","height":null,"width":null}],"genres":null,"popularity":77}"#,
        )
        .expect("artist parses");
        assert!(artist.genres.is_empty());
        assert_eq!(artist.images[0].width, None);
    }
}
