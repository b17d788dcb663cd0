//! The calls of a full player (contract §2, "More endpoints for a full player"): an album and
//! its tracks, an artist and their albums, Liked Songs, and the 2026 library endpoints that
//! like and unlike (`PUT`/`DELETE /me/library`) and tell what is liked
//! (`GET /me/library/contains`), at most [`MAX_LIBRARY_URIS`] URIs a call.

use super::{path_segment, ApiCall, MAX_PAGE_LIMIT};

/// The most URIs one `/me/library` call takes (more is a 400 `Too many ids requested`).
pub const MAX_LIBRARY_URIS: usize = 40;

fn paged(limit: u8, offset: u32) -> Vec<(&'static str, String)> {
    vec![
        ("limit", limit.clamp(1, MAX_PAGE_LIMIT).to_string()),
        ("offset", offset.to_string()),
    ]
}

/// `GET /albums/{id}`: the album and its first tracks.
pub fn album(id: &str) -> ApiCall {
    ApiCall::get(&format!("albums/{}", path_segment(id)), &[])
}

/// `GET /albums/{id}/tracks?limit&offset`: the next pages of an album's tracks.
pub fn album_tracks(id: &str, limit: u8, offset: u32) -> ApiCall {
    ApiCall::get(
        &format!("albums/{}/tracks", path_segment(id)),
        &paged(limit, offset),
    )
}

/// `GET /artists/{id}`.
pub fn artist(id: &str) -> ApiCall {
    ApiCall::get(&format!("artists/{}", path_segment(id)), &[])
}

/// `GET /artists/{id}/albums?include_groups=album,single`: the artist's albums and singles
/// (not every album they appear on).
pub fn artist_albums(id: &str, limit: u8, offset: u32) -> ApiCall {
    let mut query = vec![("include_groups", "album,single".to_owned())];
    query.extend(paged(limit, offset));
    ApiCall::get(&format!("artists/{}/albums", path_segment(id)), &query)
}

/// `GET /playlists/{id}`: a playlist's name and details (the context line names it).
pub fn playlist(id: &str) -> ApiCall {
    ApiCall::get(&format!("playlists/{}", path_segment(id)), &[])
}

/// `GET /me/tracks?limit&offset`: Liked Songs, newest first.
pub fn liked_tracks(limit: u8, offset: u32) -> ApiCall {
    ApiCall::get("me/tracks", &paged(limit, offset))
}

fn uris_query(uris: &[String]) -> Vec<(&'static str, String)> {
    vec![("uris", uris.join(","))]
}

/// `PUT /me/library?uris=` (♥): at most [`MAX_LIBRARY_URIS`]; split longer lists with
/// [`library_batches`].
pub fn save_to_library(uris: &[String]) -> ApiCall {
    ApiCall::put("me/library", &uris_query(uris)).with_json(&serde_json::json!({}))
}

/// `DELETE /me/library?uris=` (un-♥).
pub fn remove_from_library(uris: &[String]) -> ApiCall {
    ApiCall::delete("me/library", &uris_query(uris))
}

/// `GET /me/library/contains?uris=` → `[bool, …]` in the order asked.
pub fn library_contains(uris: &[String]) -> ApiCall {
    ApiCall::get("me/library/contains", &uris_query(uris))
}

/// `uris` without repeats, in calls of at most [`MAX_LIBRARY_URIS`], order kept.
pub fn library_batches(uris: &[String]) -> Vec<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<String> = uris
        .iter()
        .filter(|uri| seen.insert(uri.as_str()))
        .cloned()
        .collect();
    unique
        .chunks(MAX_LIBRARY_URIS)
        .map(<[String]>::to_vec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::HttpMethod;
    use super::*;

    #[test]
    fn albums_and_artists_are_read_by_id() {
        assert_eq!(album("4m2").path, "albums/4m2");
        assert_eq!(
            album_tracks("4m2", 80, 50).path,
            "albums/4m2/tracks?limit=50&offset=50"
        );
        assert_eq!(artist("a/b").path, "artists/a%2Fb");
        assert_eq!(
            artist_albums("4tZw", 20, 0).path,
            "artists/4tZw/albums?include_groups=album%2Csingle&limit=20&offset=0"
        );
        assert_eq!(liked_tracks(50, 0).path, "me/tracks?limit=50&offset=0");
        assert_eq!(playlist("3cEY").path, "playlists/3cEY");
    }

    #[test]
    fn liking_uses_the_generic_library_endpoints_with_uris_in_the_query() {
        let uris = vec!["spotify:track:a".to_owned(), "spotify:track:b".to_owned()];
        let save = save_to_library(&uris);
        assert_eq!(save.method, HttpMethod::Put);
        assert_eq!(
            save.path,
            "me/library?uris=spotify%3Atrack%3Aa%2Cspotify%3Atrack%3Ab"
        );
        assert_eq!(save.body.as_deref(), Some("{}"));
        let remove = remove_from_library(&uris[..1]);
        assert_eq!(remove.method, HttpMethod::Delete);
        assert_eq!(remove.path, "me/library?uris=spotify%3Atrack%3Aa");
        assert_eq!(remove.body, None);
        assert_eq!(
            library_contains(&uris).path,
            "me/library/contains?uris=spotify%3Atrack%3Aa%2Cspotify%3Atrack%3Ab"
        );
    }

    #[test]
    fn library_calls_take_at_most_forty_distinct_uris_each() {
        let uris: Vec<String> = (0..95)
            .map(|n| format!("spotify:track:{}", n % 90))
            .collect();
        let batches = library_batches(&uris);
        let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
        assert_eq!(sizes, [40, 40, 10]);
        assert_eq!(batches[0][0], "spotify:track:0");
        assert_eq!(batches[2][9], "spotify:track:89");
        assert!(library_batches(&[]).is_empty());
    }
}
