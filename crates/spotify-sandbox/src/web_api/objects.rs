//! Web API JSON objects (TrackObject, AlbumObject, PlaylistObject, …) shaped after the OpenAPI
//! description. Deliberate divergence, per the contract (§2 "Current-platform facts"): playlists
//! carry `items` (never `tracks`) and playlist entries `item` (never `track`).

use serde_json::{json, Value};

use crate::catalogue::library::{Library, Playlist, PlaylistEntry, User};
use crate::catalogue::{Album, Artist, Catalogue, Track};
use crate::connect::{Device, PlayerSnapshot};

/// Renders objects with absolute URLs on the sandbox origin the caller used.
#[derive(Debug, Clone, Copy)]
pub struct Render<'a> {
    pub base: &'a str,
    pub catalogue: &'a Catalogue,
    pub library: &'a Library,
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

impl Render<'_> {
    fn external(&self, kind: &str, id: &str) -> Value {
        json!({"spotify": format!("{}/open/{kind}/{id}", self.base)})
    }

    pub fn album_images(&self, album: &Album) -> Value {
        let url = format!("{}/images/album/{}.svg", self.base, album.id);
        json!([
            {"url": url, "height": 640, "width": 640},
            {"url": url, "height": 300, "width": 300},
            {"url": url, "height": 64, "width": 64}
        ])
    }

    pub fn simplified_artist(&self, artist: &Artist) -> Value {
        json!({
            "external_urls": self.external("artist", &artist.id),
            "href": format!("{}/v1/artists/{}", self.base, artist.id),
            "id": artist.id,
            "name": artist.name,
            "type": "artist",
            "uri": format!("spotify:artist:{}", artist.id),
        })
    }

    pub fn artist(&self, artist: &Artist) -> Value {
        let mut value = self.simplified_artist(artist);
        let first_album = self
            .catalogue
            .albums
            .iter()
            .find(|a| a.artist_ids.contains(&artist.id));
        value["followers"] = json!({"href": null, "total": artist.followers});
        value["genres"] = json!(artist.genres);
        value["images"] = first_album
            .map(|a| self.album_images(a))
            .unwrap_or_else(|| json!([]));
        value["popularity"] = json!(artist.popularity);
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

    pub fn simplified_album(&self, album: &Album) -> Value {
        json!({
            "album_type": "album",
            "total_tracks": album.track_ids.len(),
            "available_markets": ["SE", "FR", "DE", "US", "GB", "BR", "JP"],
            "external_urls": self.external("album", &album.id),
            "href": format!("{}/v1/albums/{}", self.base, album.id),
            "id": album.id,
            "images": self.album_images(album),
            "name": album.name,
            "release_date": album.release_date,
            "release_date_precision": "day",
            "type": "album",
            "uri": format!("spotify:album:{}", album.id),
            "artists": self.artists_of(&album.artist_ids),
        })
    }

    pub fn track(&self, track: &Track) -> Value {
        let album = self.catalogue.album(&track.album_id);
        json!({
            "album": album.map(|a| self.simplified_album(a)),
            "artists": self.artists_of(&track.artist_ids),
            "available_markets": ["SE", "FR", "DE", "US", "GB", "BR", "JP"],
            "disc_number": 1,
            "duration_ms": track.duration_ms,
            "explicit": track.explicit,
            "external_ids": {"isrc": format!("SBX{}", &track.id[..9.min(track.id.len())])},
            "external_urls": self.external("track", &track.id),
            "href": format!("{}/v1/tracks/{}", self.base, track.id),
            "id": track.id,
            "is_playable": true,
            "name": track.name,
            "popularity": track.popularity,
            "preview_url": null,
            "track_number": track.track_number,
            "type": "track",
            "uri": format!("spotify:track:{}", track.id),
            "is_local": false,
        })
    }

    pub fn track_by_id(&self, id: &str) -> Value {
        self.catalogue
            .track(id)
            .map(|t| self.track(t))
            .unwrap_or(Value::Null)
    }

    fn avatar(&self, user: &User) -> Value {
        json!([{"url": format!("{}/images/user/{}.svg", self.base, user.id), "height": 300, "width": 300}])
    }

    /// `GET /me`. `product`, `email` and `country` only for extended-quota apps (2026 platform).
    pub fn private_user(&self, user: &User, include_product: bool) -> Value {
        let mut value = json!({
            "account_id": user.account_id,
            "display_name": user.display_name,
            "external_urls": self.external("user", &user.id),
            "followers": {"href": null, "total": user.followers},
            "href": format!("{}/v1/users/{}", self.base, user.id),
            "id": user.id,
            "images": self.avatar(user),
            "type": "user",
            "uri": format!("spotify:user:{}", user.id),
        });
        if include_product {
            value["product"] = json!(user.product.as_str());
            value["email"] = json!(user.email);
            value["country"] = json!(user.country);
            value["explicit_content"] = json!({"filter_enabled": false, "filter_locked": false});
        }
        value
    }

    fn owner(&self, user_id: &str) -> Value {
        let name = self.library.user(user_id).map(|u| u.display_name.clone());
        json!({
            "external_urls": self.external("user", user_id),
            "href": format!("{}/v1/users/{user_id}", self.base),
            "id": user_id,
            "type": "user",
            "uri": format!("spotify:user:{user_id}"),
            "display_name": name,
        })
    }

    fn playlist_images(&self, playlist: &Playlist) -> Value {
        let album = playlist
            .entries
            .first()
            .and_then(|e| self.catalogue.track(&e.track_id))
            .and_then(|t| self.catalogue.album(&t.album_id));
        album
            .map(|a| self.album_images(a))
            .unwrap_or_else(|| json!([]))
    }

    fn playlist_common(&self, playlist: &Playlist) -> Value {
        json!({
            "collaborative": playlist.collaborative,
            "description": playlist.description,
            "external_urls": self.external("playlist", &playlist.id),
            "href": format!("{}/v1/playlists/{}", self.base, playlist.id),
            "id": playlist.id,
            "images": self.playlist_images(playlist),
            "name": playlist.name,
            "owner": self.owner(&playlist.owner_id),
            "public": playlist.public,
            "snapshot_id": playlist.snapshot_id(),
            "type": "playlist",
            "uri": format!("spotify:playlist:{}", playlist.id),
        })
    }

    /// SimplifiedPlaylistObject: `items` is a reference `{href, total}`.
    pub fn simplified_playlist(&self, playlist: &Playlist) -> Value {
        let mut value = self.playlist_common(playlist);
        value["items"] = json!({
            "href": format!("{}/v1/playlists/{}/items", self.base, playlist.id),
            "total": playlist.entries.len(),
        });
        value
    }

    /// PlaylistObject: `items` is a page of entries (when the caller may see them).
    pub fn playlist(&self, playlist: &Playlist, items_page: Option<Value>) -> Value {
        let mut value = self.playlist_common(playlist);
        value["followers"] = json!({"href": null, "total": 0});
        value["items"] = items_page.unwrap_or_else(|| {
            json!({"href": format!("{}/v1/playlists/{}/items", self.base, playlist.id), "total": playlist.entries.len()})
        });
        value
    }

    pub fn playlist_entry(&self, entry: &PlaylistEntry) -> Value {
        json!({
            "added_at": iso8601(entry.added_at_ms),
            "added_by": self.owner(&entry.added_by),
            "is_local": false,
            "item": self.track_by_id(&entry.track_id),
        })
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
            "supports_volume": true,
        })
    }

    pub fn context(&self, uri: &str) -> Value {
        let mut parts = uri.split(':');
        let kind = parts.nth(1).unwrap_or("album");
        let id = parts.next().unwrap_or_default();
        json!({
            "type": kind,
            "href": format!("{}/v1/{kind}s/{id}", self.base),
            "external_urls": self.external(kind, id),
            "uri": uri,
        })
    }

    /// CurrentlyPlayingContextObject; `actions.disallows` lists only what is disallowed, as
    /// Spotify does.
    pub fn playback_state(
        &self,
        snapshot: &PlayerSnapshot,
        now_ms: u64,
        with_device: bool,
    ) -> Value {
        let mut disallows = serde_json::Map::new();
        if snapshot.is_playing {
            disallows.insert("resuming".to_owned(), json!(true));
        } else {
            disallows.insert("pausing".to_owned(), json!(true));
        }
        if !snapshot.can_skip_next {
            disallows.insert("skipping_next".to_owned(), json!(true));
        }
        let mut value = json!({
            "repeat_state": snapshot.repeat.as_str(),
            "shuffle_state": snapshot.shuffle,
            "timestamp": now_ms,
            "progress_ms": snapshot.progress_ms,
            "is_playing": snapshot.is_playing,
            "item": self.track_by_id(&snapshot.current.track_id),
            "currently_playing_type": "track",
            "actions": {"disallows": disallows},
        });
        // Left out rather than `null` when playing bare uris: the OpenAPI shape has no null here.
        if let Some(uri) = snapshot.context_uri.as_deref() {
            value["context"] = self.context(uri);
        }
        if with_device {
            value["device"] = self.device(&snapshot.device, true);
        }
        value
    }
}

/// A PagingObject over already-rendered items.
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
}
