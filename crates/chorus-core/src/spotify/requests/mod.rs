//! Web API requests as data (style principle 1; endpoints of contract §2 "Endpoints the app
//! uses"): method, path relative to the runtime config's `api_base_url` (query included and
//! encoded) and JSON body. The app's client only adds the bearer token and sends them.
//! The catalogue and library calls of a full player (albums, artists, Liked Songs, ♥) are in
//! `full_player.rs`.

mod full_player;

use serde::Serialize;

pub use full_player::{
    album, album_tracks, artist, artist_albums, library_batches, library_contains, liked_tracks,
    playlist, remove_from_library, save_to_library, MAX_LIBRARY_URIS,
};

use super::library::{NewPlaylist, UrisBody};
use super::playback::RepeatState;

/// The HTTP method of a Web API call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// One Web API call. `path` is relative to `api_base_url` (`me/player/volume?volume_percent=40`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCall {
    pub method: HttpMethod,
    pub path: String,
    /// A JSON body; sent with `Content-Type: application/json`.
    pub body: Option<String>,
}

impl ApiCall {
    fn get(path: &str, query: &[(&str, String)]) -> Self {
        Self {
            method: HttpMethod::Get,
            path: with_query(path, query),
            body: None,
        }
    }

    fn put(path: &str, query: &[(&str, String)]) -> Self {
        Self {
            method: HttpMethod::Put,
            path: with_query(path, query),
            body: None,
        }
    }

    fn post(path: &str, query: &[(&str, String)]) -> Self {
        Self {
            method: HttpMethod::Post,
            path: with_query(path, query),
            body: None,
        }
    }

    fn delete(path: &str, query: &[(&str, String)]) -> Self {
        Self {
            method: HttpMethod::Delete,
            path: with_query(path, query),
            body: None,
        }
    }

    fn with_json(mut self, body: &impl Serialize) -> Self {
        // Plain structs of strings, numbers and options always serialise.
        self.body = serde_json::to_string(body).ok();
        self
    }
}

fn with_query(path: &str, query: &[(&str, String)]) -> String {
    if query.is_empty() {
        return path.to_owned();
    }
    let encoded = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(query.iter().map(|(key, value)| (*key, value.as_str())))
        .finish();
    format!("{path}?{encoded}")
}

fn device(device_id: Option<&str>) -> Vec<(&'static str, String)> {
    device_id
        .map(|id| vec![("device_id", id.to_owned())])
        .unwrap_or_default()
}

/// Where `PUT /me/player/play` starts within a context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PlayOffset {
    Position { position: u32 },
    Uri { uri: String },
}

/// Body of `PUT /me/player/play`: a context, or a list of track URIs, or nothing (resume).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PlayBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uris: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<PlayOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position_ms: Option<u64>,
}

impl PlayBody {
    pub fn context(uri: &str) -> Self {
        Self {
            context_uri: Some(uri.to_owned()),
            ..Self::default()
        }
    }

    pub fn tracks(uris: Vec<String>) -> Self {
        Self {
            uris: Some(uris),
            ..Self::default()
        }
    }
}

#[derive(Serialize)]
struct TransferBody<'a> {
    device_ids: [&'a str; 1],
    play: bool,
}

/// `time_range` of `GET /me/top/{type}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeRange {
    /// About 4 weeks.
    ShortTerm,
    /// About 6 months.
    #[default]
    MediumTerm,
    /// Years.
    LongTerm,
}

impl TimeRange {
    pub fn as_query(self) -> &'static str {
        match self {
            TimeRange::ShortTerm => "short_term",
            TimeRange::MediumTerm => "medium_term",
            TimeRange::LongTerm => "long_term",
        }
    }
}

/// What `GET /search` looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchType {
    Track,
    Artist,
    Album,
    Playlist,
}

impl SearchType {
    pub fn as_query(self) -> &'static str {
        match self {
            SearchType::Track => "track",
            SearchType::Artist => "artist",
            SearchType::Album => "album",
            SearchType::Playlist => "playlist",
        }
    }
}

/// Search `limit` is at most 10 (contract §2).
pub const MAX_SEARCH_LIMIT: u8 = 10;
/// Paging `limit` is at most 50 elsewhere.
pub const MAX_PAGE_LIMIT: u8 = 50;

/// `GET /me`.
pub fn me() -> ApiCall {
    ApiCall::get("me", &[])
}

/// `GET /me/player` (204 when nothing is active).
pub fn playback_state() -> ApiCall {
    ApiCall::get("me/player", &[])
}

/// `GET /me/player/devices`.
pub fn devices() -> ApiCall {
    ApiCall::get("me/player/devices", &[])
}

/// `PUT /me/player` with exactly one device id (more is a 400).
pub fn transfer(device_id: &str, play: bool) -> ApiCall {
    ApiCall::put("me/player", &[]).with_json(&TransferBody {
        device_ids: [device_id],
        play,
    })
}

/// `PUT /me/player/play`.
pub fn play(device_id: Option<&str>, body: &PlayBody) -> ApiCall {
    ApiCall::put("me/player/play", &device(device_id)).with_json(body)
}

/// `PUT /me/player/play` without a body: resume where the device stopped.
pub fn resume(device_id: Option<&str>) -> ApiCall {
    ApiCall::put("me/player/play", &device(device_id))
}

/// `PUT /me/player/pause`.
pub fn pause(device_id: Option<&str>) -> ApiCall {
    ApiCall::put("me/player/pause", &device(device_id))
}

/// `POST /me/player/next`.
pub fn next(device_id: Option<&str>) -> ApiCall {
    ApiCall::post("me/player/next", &device(device_id))
}

/// `POST /me/player/previous`.
pub fn previous(device_id: Option<&str>) -> ApiCall {
    ApiCall::post("me/player/previous", &device(device_id))
}

/// `PUT /me/player/seek?position_ms=`.
pub fn seek(position_ms: u64, device_id: Option<&str>) -> ApiCall {
    let mut query = vec![("position_ms", position_ms.to_string())];
    query.extend(device(device_id));
    ApiCall::put("me/player/seek", &query)
}

/// `PUT /me/player/volume?volume_percent=0..100` (clamped).
pub fn volume(percent: u8, device_id: Option<&str>) -> ApiCall {
    let mut query = vec![("volume_percent", percent.min(100).to_string())];
    query.extend(device(device_id));
    ApiCall::put("me/player/volume", &query)
}

/// `PUT /me/player/shuffle?state=true|false`.
pub fn shuffle(on: bool, device_id: Option<&str>) -> ApiCall {
    let mut query = vec![("state", on.to_string())];
    query.extend(device(device_id));
    ApiCall::put("me/player/shuffle", &query)
}

/// `PUT /me/player/repeat?state=track|context|off`.
pub fn repeat(mode: RepeatState, device_id: Option<&str>) -> ApiCall {
    let mut query = vec![("state", mode.as_query().to_owned())];
    query.extend(device(device_id));
    ApiCall::put("me/player/repeat", &query)
}

/// `GET /me/player/queue`.
pub fn queue() -> ApiCall {
    ApiCall::get("me/player/queue", &[])
}

/// `POST /me/player/queue?uri=`.
pub fn add_to_queue(uri: &str, device_id: Option<&str>) -> ApiCall {
    let mut query = vec![("uri", uri.to_owned())];
    query.extend(device(device_id));
    ApiCall::post("me/player/queue", &query)
}

/// `GET /me/player/recently-played?limit&before` (`before` is exclusive, Unix ms).
pub fn recently_played(limit: u8, before_ms: Option<u64>) -> ApiCall {
    let mut query = vec![("limit", limit.clamp(1, MAX_PAGE_LIMIT).to_string())];
    if let Some(before) = before_ms {
        query.push(("before", before.to_string()));
    }
    ApiCall::get("me/player/recently-played", &query)
}

/// `GET /me/player/recently-played?limit&after` (`after` is exclusive, Unix ms): the plays
/// since a cursor, for counting plays made while no Chorus tab was open.
pub fn recently_played_after(limit: u8, after_ms: u64) -> ApiCall {
    let query = [
        ("limit", limit.clamp(1, MAX_PAGE_LIMIT).to_string()),
        ("after", after_ms.to_string()),
    ];
    ApiCall::get("me/player/recently-played", &query)
}

/// `GET /me/top/tracks`.
pub fn top_tracks(range: TimeRange, limit: u8, offset: u32) -> ApiCall {
    top("tracks", range, limit, offset)
}

/// `GET /me/top/artists`.
pub fn top_artists(range: TimeRange, limit: u8, offset: u32) -> ApiCall {
    top("artists", range, limit, offset)
}

fn top(kind: &str, range: TimeRange, limit: u8, offset: u32) -> ApiCall {
    ApiCall::get(
        &format!("me/top/{kind}"),
        &[
            ("time_range", range.as_query().to_owned()),
            ("limit", limit.clamp(1, MAX_PAGE_LIMIT).to_string()),
            ("offset", offset.to_string()),
        ],
    )
}

/// `GET /me/playlists`.
pub fn my_playlists(limit: u8, offset: u32) -> ApiCall {
    ApiCall::get(
        "me/playlists",
        &[
            ("limit", limit.clamp(1, MAX_PAGE_LIMIT).to_string()),
            ("offset", offset.to_string()),
        ],
    )
}

/// `GET /playlists/{id}/items` (only for owned or collaborative playlists).
pub fn playlist_items(playlist_id: &str, limit: u8, offset: u32) -> ApiCall {
    ApiCall::get(
        &format!("playlists/{}/items", path_segment(playlist_id)),
        &[
            ("limit", limit.clamp(1, MAX_PAGE_LIMIT).to_string()),
            ("offset", offset.to_string()),
        ],
    )
}

/// `POST /me/playlists` (201): not the older `/users/{id}/playlists`.
pub fn create_playlist(playlist: &NewPlaylist) -> ApiCall {
    ApiCall::post("me/playlists", &[]).with_json(playlist)
}

/// `POST /playlists/{id}/items` (201): not the older `/tracks`, which answers 403.
pub fn add_playlist_items(playlist_id: &str, uris: Vec<String>) -> ApiCall {
    ApiCall::post(
        &format!("playlists/{}/items", path_segment(playlist_id)),
        &[],
    )
    .with_json(&UrisBody { uris })
}

/// `GET /search?q&type&limit(≤10)&offset`.
pub fn search(q: &str, types: &[SearchType], limit: u8, offset: u32) -> ApiCall {
    let types: Vec<&str> = types.iter().map(|t| t.as_query()).collect();
    ApiCall::get(
        "search",
        &[
            ("q", q.to_owned()),
            ("type", types.join(",")),
            ("limit", limit.clamp(1, MAX_SEARCH_LIMIT).to_string()),
            ("offset", offset.to_string()),
        ],
    )
}

/// An id placed in a path: ids are base62, but encode anyway so nothing can add a segment.
fn path_segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn player_commands_carry_device_and_values_in_the_query() {
        assert_eq!(
            volume(140, Some("dev 1")).path,
            "me/player/volume?volume_percent=100&device_id=dev+1"
        );
        assert_eq!(seek(42_000, None).path, "me/player/seek?position_ms=42000");
        assert_eq!(shuffle(true, None).path, "me/player/shuffle?state=true");
        assert_eq!(
            repeat(RepeatState::Context, None).path,
            "me/player/repeat?state=context"
        );
        assert_eq!(pause(Some("d")).method, HttpMethod::Put);
        assert_eq!(next(None).method, HttpMethod::Post);
        assert_eq!(previous(None).path, "me/player/previous");
        assert_eq!(
            add_to_queue("spotify:track:1", None).path,
            "me/player/queue?uri=spotify%3Atrack%3A1"
        );
    }

    #[test]
    fn transfer_sends_exactly_one_device_id() {
        let call = transfer("abc", true);
        assert_eq!(call.method, HttpMethod::Put);
        assert_eq!(call.path, "me/player");
        assert_eq!(
            call.body.as_deref(),
            Some(r#"{"device_ids":["abc"],"play":true}"#)
        );
    }

    #[test]
    fn play_body_omits_what_is_not_set() {
        let context = play(Some("d"), &PlayBody::context("spotify:playlist:p"));
        assert_eq!(context.path, "me/player/play?device_id=d");
        assert_eq!(
            context.body.as_deref(),
            Some(r#"{"context_uri":"spotify:playlist:p"}"#)
        );
        let with_offset = PlayBody {
            offset: Some(PlayOffset::Uri {
                uri: "spotify:track:t".into(),
            }),
            position_ms: Some(5),
            ..PlayBody::context("spotify:album:a")
        };
        assert_eq!(
            serde_json::to_value(&with_offset).expect("serialises"),
            serde_json::json!({"context_uri":"spotify:album:a","offset":{"uri":"spotify:track:t"},"position_ms":5})
        );
        let tracks = play(None, &PlayBody::tracks(vec!["spotify:track:t".into()]));
        assert_eq!(
            tracks.body.as_deref(),
            Some(r#"{"uris":["spotify:track:t"]}"#)
        );
    }

    #[test]
    fn search_limit_never_exceeds_ten() {
        let call = search(
            "get lucky",
            &[SearchType::Track, SearchType::Playlist],
            50,
            0,
        );
        assert_eq!(
            call.path,
            "search?q=get+lucky&type=track%2Cplaylist&limit=10&offset=0"
        );
    }

    #[test]
    fn playlists_use_the_2026_paths() {
        let create = create_playlist(&NewPlaylist {
            name: "Chorus Favorites".into(),
            public: false,
            description: "Played to the end, again and again".into(),
        });
        assert_eq!(
            (create.method, create.path.as_str()),
            (HttpMethod::Post, "me/playlists")
        );
        let add = add_playlist_items("3cEY", vec!["spotify:track:1".into()]);
        assert_eq!(add.path, "playlists/3cEY/items");
        assert_eq!(add.body.as_deref(), Some(r#"{"uris":["spotify:track:1"]}"#));
        assert_eq!(
            playlist_items("a/b", 100, 0).path,
            "playlists/a%2Fb/items?limit=50&offset=0"
        );
    }

    #[test]
    fn library_reads_have_their_paging_parameters() {
        assert_eq!(
            top_tracks(TimeRange::ShortTerm, 20, 40).path,
            "me/top/tracks?time_range=short_term&limit=20&offset=40"
        );
        assert_eq!(
            top_artists(TimeRange::default(), 0, 0).path,
            "me/top/artists?time_range=medium_term&limit=1&offset=0"
        );
        assert_eq!(
            recently_played(50, Some(1_763_780_000_000)).path,
            "me/player/recently-played?limit=50&before=1763780000000"
        );
        assert_eq!(resume(Some("d1")).path, "me/player/play?device_id=d1");
        assert_eq!(resume(None).body, None);
        assert_eq!(
            recently_played_after(50, 1_763_780_000_000).path,
            "me/player/recently-played?limit=50&after=1763780000000"
        );
        assert_eq!(my_playlists(50, 0).path, "me/playlists?limit=50&offset=0");
        assert_eq!(me().path, "me");
        assert_eq!(playback_state().path, "me/player");
        assert_eq!(devices().path, "me/player/devices");
        assert_eq!(queue().path, "me/player/queue");
    }
}
