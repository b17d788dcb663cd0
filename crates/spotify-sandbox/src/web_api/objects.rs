//! Web API JSON objects (TrackObject, AlbumObject, PlaylistObject, …) shaped after the OpenAPI
//! description, as Spotify sends them in 2026 (contract §2):
//! - playlists carry `items` (never `tracks`) and playlist entries `item` (never `track`);
//! - development mode (the default) leaves out what Spotify removed for such apps in February
//!   2026 ([`DEV_MODE_REMOVED`]); an extended-quota app gets those fields back;
//! - the fields Spotify sends that older descriptions lack are there (`primary_color`,
//!   `video_thumbnail`, `smart_shuffle`, `is_local`, …), and `context` is `null`, not absent,
//!   when nothing was played from a context.

use serde_json::{json, Map, Value};

use super::auth::Origins;
use crate::catalogue::library::{Library, Playlist, PlaylistEntry, User};
use crate::catalogue::{Album, Artist, Catalogue, Track};
use crate::connect::{Device, PlayerSnapshot};
use crate::state::World;

/// Fields Spotify stopped sending to development-mode apps in February 2026 (its changelog; the
/// March 2026 changelog restored `external_ids`), by object. The sandbox sends them only with
/// `extended_quota`. Tests drop them from the OpenAPI `required` lists in development mode.
pub const DEV_MODE_REMOVED: &[(&str, &[&str])] = &[
    ("track", &["available_markets", "linked_from", "popularity"]),
    (
        "album",
        &["album_group", "available_markets", "label", "popularity"],
    ),
    ("artist", &["followers", "popularity"]),
    (
        "user",
        &[
            "country",
            "email",
            "explicit_content",
            "followers",
            "product",
        ],
    ),
    ("show", &["available_markets", "publisher"]),
    ("audiobook", &["available_markets", "publisher"]),
];

/// The markets an extended-quota app is told a track or album is available in.
const MARKETS: [&str; 7] = ["SE", "FR", "DE", "US", "GB", "BR", "JP"];

/// Renders objects with absolute URLs on the origins the caller reaches.
#[derive(Debug, Clone, Copy)]
pub struct Render<'a> {
    pub origins: &'a Origins,
    pub catalogue: &'a Catalogue,
    pub library: &'a Library,
    /// An extended-quota app: the fields removed for development mode are sent.
    pub extended: bool,
}

/// ISO 8601 UTC with milliseconds, as Spotify writes `played_at` and `added_at`.
pub fn iso8601(unix_ms: u64) -> String {
    let secs = unix_ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        unix_ms % 1000
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

impl<'a> Render<'a> {
    pub fn new(world: &'a World, origins: &'a Origins) -> Self {
        Self {
            origins,
            catalogue: &world.catalogue,
            library: &world.library,
            extended: world.config.extended_quota,
        }
    }

    fn api(&self) -> &str {
        &self.origins.api
    }

    /// `external_urls`: the sandbox's stand-in for `open.spotify.com` (a page that names it).
    fn external(&self, kind: &str, id: &str) -> Value {
        json!({"spotify": format!("{}/open/{kind}/{id}", self.api())})
    }

    /// Adds `fields` to `value` only for an extended-quota app.
    fn extended_fields(&self, value: &mut Value, fields: Value) {
        if let (true, Value::Object(target), Value::Object(extra)) = (self.extended, value, fields)
        {
            target.extend(extra);
        }
    }

    pub fn album_images(&self, album: &Album) -> Value {
        let url = self.origins.images.album_cover(&album.id);
        json!([
            {"url": url, "height": 640, "width": 640},
            {"url": url, "height": 300, "width": 300},
            {"url": url, "height": 64, "width": 64}
        ])
    }

    pub fn simplified_artist(&self, artist: &Artist) -> Value {
        json!({
            "external_urls": self.external("artist", &artist.id),
            "href": format!("{}/v1/artists/{}", self.api(), artist.id),
            "id": artist.id,
            "name": artist.name,
            "type": "artist",
            "uri": format!("spotify:artist:{}", artist.id),
        })
    }

    /// ArtistObject (search, top artists, `GET /artists/{id}`).
    pub fn artist(&self, artist: &Artist) -> Value {
        let mut value = self.simplified_artist(artist);
        let first_album = self
            .catalogue
            .albums
            .iter()
            .find(|a| a.artist_ids.contains(&artist.id));
        value["genres"] = json!(artist.genres);
        value["images"] = first_album
            .map(|a| self.album_images(a))
            .unwrap_or_else(|| json!([]));
        self.extended_fields(
            &mut value,
            json!({
                "followers": {"href": null, "total": artist.followers},
                "popularity": artist.popularity,
            }),
        );
        value
    }

    fn artists_of(&self, ids: &[String]) -> Value {
        Value::Array(
            ids.iter()
                .filter_map(|id| self.catalogue.artist(id))
                .map(|a| self.simplified_artist(a))
                .collect(),
        )
    }

    /// SimplifiedAlbumObject.
    pub fn simplified_album(&self, album: &Album) -> Value {
        let mut value = json!({
            "album_type": "album",
            "total_tracks": album.track_ids.len(),
            "external_urls": self.external("album", &album.id),
            "href": format!("{}/v1/albums/{}", self.api(), album.id),
            "id": album.id,
            "images": self.album_images(album),
            "name": album.name,
            "release_date": album.release_date,
            "release_date_precision": "day",
            "type": "album",
            "uri": format!("spotify:album:{}", album.id),
            "artists": self.artists_of(&album.artist_ids),
            "is_playable": true,
        });
        self.extended_fields(&mut value, json!({"available_markets": MARKETS}));
        value
    }

    /// An album in an artist's discography (`album_group` only for extended-quota apps).
    pub fn discography_album(&self, album: &Album) -> Value {
        let mut value = self.simplified_album(album);
        self.extended_fields(&mut value, json!({"album_group": "album"}));
        value
    }

    /// AlbumObject: the simplified album with its first page of tracks.
    pub fn album(&self, album: &Album, tracks_page: Value) -> Value {
        let mut value = self.simplified_album(album);
        let year = album.release_date.get(..4).unwrap_or("2026");
        value["tracks"] = tracks_page;
        value["copyrights"] = json!([
            {"text": format!("© {year} Sandbox Records"), "type": "C"},
            {"text": format!("℗ {year} Sandbox Records"), "type": "P"},
        ]);
        value["external_ids"] = json!({"upc": upc(&album.id)});
        value["genres"] = json!([]);
        self.extended_fields(
            &mut value,
            json!({"label": "Sandbox Records", "popularity": album_popularity(self.catalogue, album)}),
        );
        value
    }

    /// SimplifiedTrackObject (an album's tracks).
    pub fn simplified_track(&self, track: &Track) -> Value {
        let mut value = json!({
            "artists": self.artists_of(&track.artist_ids),
            "disc_number": 1,
            "duration_ms": track.duration_ms,
            "explicit": track.explicit,
            "external_urls": self.external("track", &track.id),
            "href": format!("{}/v1/tracks/{}", self.api(), track.id),
            "id": track.id,
            "is_playable": true,
            "name": track.name,
            "preview_url": null,
            "track_number": track.track_number,
            "type": "track",
            "uri": format!("spotify:track:{}", track.id),
            "is_local": false,
        });
        self.extended_fields(&mut value, json!({"available_markets": MARKETS}));
        value
    }

    /// TrackObject.
    pub fn track(&self, track: &Track) -> Value {
        let mut value = self.simplified_track(track);
        let album = self.catalogue.album(&track.album_id);
        value["album"] = json!(album.map(|a| self.simplified_album(a)));
        // Removed in February 2026, restored in March 2026 for every app.
        value["external_ids"] = json!({"isrc": isrc(&track.id)});
        self.extended_fields(&mut value, json!({"popularity": track.popularity}));
        value
    }

    pub fn track_by_id(&self, id: &str) -> Value {
        self.catalogue
            .track(id)
            .map(|t| self.track(t))
            .unwrap_or(Value::Null)
    }

    fn avatar(&self, user: &User) -> Value {
        let url = self.origins.images.avatar(&user.id);
        json!([
            {"url": url, "height": 300, "width": 300},
            {"url": url, "height": 64, "width": 64}
        ])
    }

    /// PublicUserObject (`GET /users/{id}`, extended quota only).
    pub fn public_user(&self, user: &User) -> Value {
        let mut value = json!({
            "display_name": user.display_name,
            "external_urls": self.external("user", &user.id),
            "href": format!("{}/v1/users/{}", self.api(), user.id),
            "id": user.id,
            "images": self.avatar(user),
            "type": "user",
            "uri": format!("spotify:user:{}", user.id),
        });
        self.extended_fields(
            &mut value,
            json!({"followers": {"href": null, "total": user.followers}}),
        );
        value
    }

    /// `GET /me`: `account_id` for every app (May 2026); `product`, `email`, `country` and
    /// `explicit_content` only for extended-quota apps.
    pub fn private_user(&self, user: &User) -> Value {
        let mut value = self.public_user(user);
        value["account_id"] = json!(user.account_id);
        self.extended_fields(
            &mut value,
            json!({
                "product": user.product.as_str(),
                "email": user.email,
                "country": user.country,
                "explicit_content": {"filter_enabled": false, "filter_locked": false},
            }),
        );
        value
    }

    fn owner(&self, user_id: &str) -> Value {
        let name = self.library.user(user_id).map(|u| u.display_name.clone());
        json!({
            "external_urls": self.external("user", user_id),
            "href": format!("{}/v1/users/{user_id}", self.api()),
            "id": user_id,
            "type": "user",
            "uri": format!("spotify:user:{user_id}"),
            "display_name": name,
        })
    }

    /// Spotify's rule: four or more distinct albums make a mosaic (three sizes, from
    /// `mosaic.scdn.co`); fewer, the first album's cover; none, no image.
    fn playlist_images(&self, playlist: &Playlist) -> Value {
        let mut album_ids: Vec<&str> = Vec::new();
        for entry in &playlist.entries {
            let album = self
                .catalogue
                .track(&entry.track_id)
                .map(|t| t.album_id.as_str());
            if let Some(id) = album.filter(|id| !album_ids.contains(id)) {
                album_ids.push(id);
            }
        }
        match album_ids.len() {
            0 => json!([]),
            1..=3 => {
                json!([{"url": self.origins.images.album_cover(album_ids[0]), "height": null, "width": null}])
            }
            _ => {
                let url = self.origins.images.mosaic(&album_ids[..4]);
                json!([
                    {"url": url, "height": 640, "width": 640},
                    {"url": url, "height": 300, "width": 300},
                    {"url": url, "height": 60, "width": 60}
                ])
            }
        }
    }

    fn playlist_common(&self, playlist: &Playlist) -> Value {
        json!({
            "collaborative": playlist.collaborative,
            "description": playlist.description,
            "external_urls": self.external("playlist", &playlist.id),
            "href": format!("{}/v1/playlists/{}", self.api(), playlist.id),
            "id": playlist.id,
            "images": self.playlist_images(playlist),
            "name": playlist.name,
            "owner": self.owner(&playlist.owner_id),
            "primary_color": null,
            "public": playlist.public,
            "snapshot_id": playlist.snapshot_id(),
            "type": "playlist",
            "uri": format!("spotify:playlist:{}", playlist.id),
        })
    }

    fn items_reference(&self, playlist: &Playlist) -> Value {
        json!({
            "href": format!("{}/v1/playlists/{}/items", self.api(), playlist.id),
            "total": playlist.entries.len(),
        })
    }

    /// SimplifiedPlaylistObject: `items` is a reference `{href, total}`.
    pub fn simplified_playlist(&self, playlist: &Playlist) -> Value {
        let mut value = self.playlist_common(playlist);
        value["items"] = self.items_reference(playlist);
        value
    }

    /// PlaylistObject: `items` is a page of entries when the caller may see them (owner or
    /// collaborator); for anyone else Spotify leaves `items` out.
    pub fn playlist(&self, playlist: &Playlist, items_page: Option<Value>) -> Value {
        let mut value = self.playlist_common(playlist);
        value["followers"] = json!({"href": null, "total": 0});
        if let Some(items) = items_page {
            value["items"] = items;
        }
        value
    }

    pub fn playlist_entry(&self, entry: &PlaylistEntry) -> Value {
        json!({
            "added_at": iso8601(entry.added_at_ms),
            "added_by": self.owner(&entry.added_by),
            "is_local": false,
            "primary_color": null,
            "item": self.track_by_id(&entry.track_id),
            "video_thumbnail": {"url": null},
        })
    }

    /// SavedTrackObject (Liked Songs).
    pub fn saved_track(&self, track_id: &str, added_at_ms: u64) -> Value {
        json!({"added_at": iso8601(added_at_ms), "track": self.track_by_id(track_id)})
    }

    pub fn device(&self, device: &Device, active: bool) -> Value {
        json!({
            "id": device.id,
            "is_active": active,
            "is_private_session": false,
            "is_restricted": false,
            "name": device.name,
            "type": device.kind.as_str(),
            "volume_percent": device.volume_percent,
            "supports_volume": device.supports_volume,
        })
    }

    /// ContextObject, or `null` when nothing was played from a context (bare `uris`).
    pub fn context(&self, uri: Option<&str>) -> Value {
        let Some(uri) = uri else {
            return Value::Null;
        };
        let mut parts = uri.split(':');
        let kind = parts.nth(1).unwrap_or("album");
        let id = parts.next().unwrap_or_default();
        json!({
            "type": kind,
            "href": format!("{}/v1/{kind}s/{id}", self.api()),
            "external_urls": self.external(kind, id),
            "uri": uri,
        })
    }

    /// `GET /me/player` (`with_device`) or `GET /me/player/currently-playing`;
    /// `actions.disallows` lists only what is disallowed, as Spotify does.
    pub fn playback_state(
        &self,
        snapshot: &PlayerSnapshot,
        now_ms: u64,
        with_device: bool,
    ) -> Value {
        let mut disallows = Map::new();
        if snapshot.is_playing {
            disallows.insert("resuming".to_owned(), json!(true));
        } else {
            disallows.insert("pausing".to_owned(), json!(true));
        }
        if !snapshot.can_skip_next {
            disallows.insert("skipping_next".to_owned(), json!(true));
        }
        let mut value = json!({
            "timestamp": now_ms,
            "context": self.context(snapshot.context_uri.as_deref()),
            "progress_ms": snapshot.progress_ms,
            "item": self.track_by_id(&snapshot.current.track_id),
            "currently_playing_type": "track",
            "actions": {"disallows": disallows},
            "is_playing": snapshot.is_playing,
        });
        if with_device {
            value["device"] = self.device(&snapshot.device, true);
            value["repeat_state"] = json!(snapshot.repeat.as_str());
            value["shuffle_state"] = json!(snapshot.shuffle);
            value["smart_shuffle"] = json!(false);
        }
        value
    }
}

/// A made-up ISRC from a track id (stable, 12 characters like real ones).
fn isrc(track_id: &str) -> String {
    format!("SBX{:0<9}", &track_id[..9.min(track_id.len())])
}

/// A made-up UPC from an album id: 12 digits.
fn upc(album_id: &str) -> String {
    let n = album_id.bytes().fold(17u64, |acc, b| {
        acc.wrapping_mul(131).wrapping_add(u64::from(b))
    });
    format!("{:012}", n % 1_000_000_000_000)
}

/// An album's popularity: its most popular track's.
fn album_popularity(catalogue: &Catalogue, album: &Album) -> u8 {
    album
        .track_ids
        .iter()
        .filter_map(|id| catalogue.track(id))
        .map(|t| t.popularity)
        .max()
        .unwrap_or_default()
}

/// A PagingObject over already-rendered items. `href` is the request without `offset`/`limit`;
/// `next` and `previous` are it with theirs, so any client can follow them.
pub fn paging(href: &str, all: Vec<Value>, limit: usize, offset: usize) -> Value {
    let total = all.len();
    let items: Vec<Value> = all.into_iter().skip(offset).take(limit).collect();
    let page = |offset: usize| {
        format!(
            "{href}{}offset={offset}&limit={limit}",
            if href.contains('?') { "&" } else { "?" }
        )
    };
    json!({
        "href": page(offset),
        "items": items,
        "limit": limit,
        "next": (offset + limit < total).then(|| page(offset + limit)),
        "offset": offset,
        "previous": (offset > 0).then(|| page(offset.saturating_sub(limit))),
        "total": total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_renders_utc_with_milliseconds() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_767_225_600_123), "2026-01-01T00:00:00.123Z");
    }

    #[test]
    fn paging_links_the_next_and_previous_pages() {
        let items: Vec<Value> = (0..7).map(|n| json!(n)).collect();
        let page = paging("http://x/v1/me/playlists", items, 3, 3);
        assert_eq!(page["items"], json!([3, 4, 5]));
        assert_eq!(
            page["next"],
            json!("http://x/v1/me/playlists?offset=6&limit=3")
        );
        assert_eq!(
            page["previous"],
            json!("http://x/v1/me/playlists?offset=0&limit=3")
        );
    }

    #[test]
    fn made_up_codes_have_real_lengths() {
        assert_eq!(isrc("abcdefghijklmnop").len(), 12);
        assert_eq!(isrc("ab").len(), 12);
        assert_eq!(upc("4aawyAB9vmqN3uQ7FjRGTy").len(), 12);
    }
}
