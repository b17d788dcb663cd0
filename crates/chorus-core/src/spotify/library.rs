//! The listener's library: recently played, playlists and their items, search, and the two
//! request bodies Chorus sends to create and fill its favorites playlist (contract §2:
//! `POST /me/playlists`, `POST /playlists/{id}/items`; objects carry `items`, entries `item`).

use serde::{Deserialize, Serialize};

use super::catalog::{Album, Artist, ExternalUrls, Playable, Track};
use super::paging::Paging;
use super::playback::Context;
use super::serde_util::null_as_default;
use super::user::Image;

/// One entry of `GET /me/player/recently-played` (OpenAPI `PlayHistoryObject`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayHistory {
    pub track: Track,
    /// RFC 3339 time, kept as text: Chorus only displays and compares it.
    pub played_at: String,
    #[serde(default)]
    pub context: Option<Context>,
}

/// The owner of a playlist (OpenAPI `PlaylistOwnerObject`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaylistOwner {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// Where a playlist's entries are and how many there are (OpenAPI `PlaylistTracksRefObject`,
/// found under `items` since 2026).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaylistItemsRef {
    #[serde(default)]
    pub href: String,
    #[serde(default)]
    pub total: u32,
}

/// A playlist as listed by `GET /me/playlists` and returned by `POST /me/playlists`
/// (OpenAPI `SimplifiedPlaylistObject`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playlist {
    pub id: String,
    pub name: String,
    pub uri: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub public: Option<bool>,
    #[serde(default)]
    pub collaborative: bool,
    pub owner: PlaylistOwner,
    #[serde(default, deserialize_with = "null_as_default")]
    pub images: Vec<Image>,
    #[serde(default)]
    pub snapshot_id: Option<String>,
    #[serde(default)]
    pub items: Option<PlaylistItemsRef>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub external_urls: ExternalUrls,
}

impl Playlist {
    /// Entries can be listed only for playlists the user owns or collaborates on (contract §2).
    pub fn items_readable_by(&self, user_id: &str) -> bool {
        self.collaborative || self.owner.id == user_id
    }
}

/// One entry of `GET /playlists/{id}/items`. `item` is null when the track is unavailable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaylistItem {
    #[serde(default)]
    pub added_at: Option<String>,
    #[serde(default)]
    pub item: Option<Playable>,
    #[serde(default)]
    pub is_local: bool,
}

/// One entry of `GET /me/tracks` (Liked Songs; OpenAPI `SavedTrackObject`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedTrack {
    #[serde(default)]
    pub added_at: Option<String>,
    pub track: Track,
}

/// `GET /search`. Playlist results may contain `null` entries, hence `Option<Playlist>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchResponse {
    #[serde(default)]
    pub tracks: Option<Paging<Track>>,
    #[serde(default)]
    pub artists: Option<Paging<Artist>>,
    #[serde(default)]
    pub albums: Option<Paging<Album>>,
    #[serde(default)]
    pub playlists: Option<Paging<Option<Playlist>>>,
}

/// The answer of `POST /playlists/{id}/items` (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotId {
    pub snapshot_id: String,
}

/// Body of `POST /me/playlists` (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlaylist {
    pub name: String,
    pub public: bool,
    pub description: String,
}

/// Body of `POST /playlists/{id}/items`: `{"uris":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrisBody {
    pub uris: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spotify::catalog::tests::TRACK_JSON;
    use crate::spotify::paging::CursorPaging;

    const PLAYLIST_JSON: &str = r#"{
        "collaborative": false,
        "description": "Songs I keep coming back to",
        "external_urls": {"spotify": "https://open.spotify.com/playlist/3cEY"},
        "href": "https://api.spotify.com/v1/playlists/3cEY",
        "id": "3cEY",
        "images": null,
        "name": "Workout",
        "owner": {"display_name": "Alice", "id": "alice.k", "type": "user", "uri": "spotify:user:alice.k"},
        "public": false,
        "snapshot_id": "MTAsZmFi",
        "items": {"href": "https://api.spotify.com/v1/playlists/3cEY/items", "total": 42},
        "type": "playlist",
        "uri": "spotify:playlist:3cEY"
    }"#;

    #[test]
    fn playlist_counts_its_entries_under_items() {
        let playlist: Playlist = serde_json::from_str(PLAYLIST_JSON).expect("playlist parses");
        assert_eq!(playlist.items.map(|items| items.total), Some(42));
        assert!(playlist.images.is_empty());
        assert_eq!(playlist.public, Some(false));
    }

    #[test]
    fn full_playlist_object_with_an_items_page_still_gives_the_total() {
        let body = PLAYLIST_JSON.replace(
            r#""items": {"href": "https://api.spotify.com/v1/playlists/3cEY/items", "total": 42}"#,
            r#""items": {"href": "h", "items": [], "limit": 100, "next": null, "offset": 0,
                         "previous": null, "total": 42}, "followers": {"href": null, "total": 0}"#,
        );
        assert_ne!(body, PLAYLIST_JSON, "the fixture must have been rewritten");
        let playlist: Playlist = serde_json::from_str(&body).expect("full playlist parses");
        assert_eq!(playlist.items.map(|items| items.total), Some(42));
    }

    #[test]
    fn playlist_entries_are_readable_only_by_owner_or_collaborators() {
        let playlist: Playlist = serde_json::from_str(PLAYLIST_JSON).expect("playlist parses");
        assert!(playlist.items_readable_by("alice.k"));
        assert!(!playlist.items_readable_by("bob"));
    }

    #[test]
    fn playlist_item_reads_item_and_tolerates_unavailable_entries() {
        let body = format!(
            r#"{{"href":"h","limit":2,"next":null,"offset":0,"previous":null,"total":2,"items":[
                {{"added_at":"2026-01-02T10:00:00Z","is_local":false,"item":{TRACK_JSON}}},
                {{"added_at":null,"is_local":false,"item":null}}]}}"#
        );
        let page: Paging<PlaylistItem> = serde_json::from_str(&body).expect("items parse");
        assert_eq!(page.items.len(), 2);
        assert!(page.items[0]
            .item
            .as_ref()
            .and_then(Playable::as_track)
            .is_some());
        assert_eq!(page.items[1].item, None);
    }

    #[test]
    fn recently_played_cursor_page_parses() {
        let body = format!(
            r#"{{"href":"h","limit":1,"next":"n","cursors":{{"after":"1763780000000","before":"1763770000000"}},
                "items":[{{"track":{TRACK_JSON},"played_at":"2026-11-22T03:00:00.123Z",
                "context":{{"type":"album","uri":"spotify:album:4m2","href":"h"}}}}]}}"#
        );
        let page: CursorPaging<PlayHistory> = serde_json::from_str(&body).expect("parses");
        assert_eq!(page.items[0].played_at, "2026-11-22T03:00:00.123Z");
        assert_eq!(
            page.cursors.and_then(|c| c.before),
            Some("1763770000000".to_owned())
        );
    }

    #[test]
    fn search_response_tolerates_null_playlists_and_missing_kinds() {
        let body = format!(
            r#"{{"tracks":{{"href":"h","limit":5,"next":null,"offset":0,"previous":null,"total":1,
                "items":[{TRACK_JSON}]}},
               "playlists":{{"href":"h","limit":5,"next":null,"offset":0,"previous":null,"total":2,
                "items":[null,{PLAYLIST_JSON}]}}}}"#
        );
        let search: SearchResponse = serde_json::from_str(&body).expect("search parses");
        assert_eq!(search.tracks.map(|t| t.items.len()), Some(1));
        let playlists = search.playlists.expect("playlists");
        assert_eq!(playlists.items.iter().flatten().count(), 1);
        assert_eq!(search.artists, None);
    }

    #[test]
    fn request_bodies_serialise_as_the_contract_expects() {
        let body = serde_json::to_value(UrisBody {
            uris: vec!["spotify:track:1".into()],
        })
        .expect("serialises");
        assert_eq!(body, serde_json::json!({"uris": ["spotify:track:1"]}));
        let new = serde_json::to_value(NewPlaylist {
            name: "Chorus Favorites".into(),
            public: false,
            description: "d".into(),
        })
        .expect("serialises");
        assert_eq!(new["public"], serde_json::json!(false));
    }
}
