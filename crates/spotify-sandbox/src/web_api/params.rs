//! Query-parameter parsing with Spotify's validation messages.

use std::collections::HashMap;

use crate::errors::ApiError;

pub type QueryMap = HashMap<String, String>;

/// `limit` within `1..=max` (default `default`).
pub fn limit(query: &QueryMap, default: usize, max: usize) -> Result<usize, ApiError> {
    match query.get("limit") {
        None => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| ApiError::bad_request("Invalid limit")),
    }
}

pub fn offset(query: &QueryMap) -> Result<usize, ApiError> {
    match query.get("offset") {
        None => Ok(0),
        Some(text) => text
            .parse::<usize>()
            .map_err(|_| ApiError::bad_request("Invalid offset")),
    }
}

/// An optional unsigned number.
pub fn number(query: &QueryMap, name: &str) -> Result<Option<u64>, ApiError> {
    query
        .get(name)
        .map(|text| {
            text.parse::<u64>()
                .map_err(|_| ApiError::bad_request(format!("Invalid {name}")))
        })
        .transpose()
}

pub fn device_id(query: &QueryMap) -> Option<&str> {
    query
        .get("device_id")
        .map(String::as_str)
        .filter(|id| !id.is_empty())
}

/// The id of a `spotify:KIND:ID` URI.
pub fn uri_id<'a>(uri: &'a str, kind: &str) -> Option<&'a str> {
    let rest = uri.strip_prefix("spotify:")?;
    let (found, id) = rest.split_once(':')?;
    (found == kind && !id.is_empty()).then_some(id)
}

/// A Spotify id as the Web API checks it: 22 base-62 characters, else 400 `Invalid base62 id`.
pub fn base62_id(id: &str) -> Result<&str, ApiError> {
    if id.len() == 22 && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(id)
    } else {
        Err(ApiError::bad_request("Invalid base62 id"))
    }
}

/// A `spotify:KIND:ID` URI, its id checked as a Spotify id (users: any non-empty id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotifyUri {
    pub kind: String,
    pub id: String,
}

impl SpotifyUri {
    /// Parses `uri`; 400 `Invalid uri: URI` (Spotify words it per endpoint; this is the
    /// sandbox's one wording) when it is not a Spotify URI.
    pub fn parse(uri: &str) -> Result<Self, ApiError> {
        let invalid = || ApiError::bad_request(format!("Invalid uri: {uri}"));
        let rest = uri.trim().strip_prefix("spotify:").ok_or_else(invalid)?;
        let (kind, id) = rest.split_once(':').ok_or_else(invalid)?;
        let id_ok = match kind {
            "user" => !id.is_empty() && !id.contains(':'),
            _ => base62_id(id).is_ok(),
        };
        if !id_ok || kind.is_empty() {
            return Err(invalid());
        }
        Ok(Self {
            kind: kind.to_owned(),
            id: id.to_owned(),
        })
    }

    pub fn uri(&self) -> String {
        format!("spotify:{}:{}", self.kind, self.id)
    }
}

/// A comma-separated `uris` list: at least one, at most `max` (400 `Too many ids requested`).
pub fn uri_list(list: Option<&str>, max: usize) -> Result<Vec<SpotifyUri>, ApiError> {
    let list = list
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .ok_or_else(|| ApiError::bad_request("Missing required parameter: uris"))?;
    let uris: Vec<&str> = list.split(',').collect();
    if uris.len() > max {
        return Err(ApiError::bad_request("Too many ids requested"));
    }
    uris.into_iter().map(SpotifyUri::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spotify_ids_are_22_base62_characters() {
        assert!(base62_id("4iV5W9uYEdYUVa79Axb7Rh").is_ok());
        for bad in [
            "4iV5W9uYEdYUVa79Axb7R",
            "4iV5W9uYEdYUVa79Axb7Rh1",
            "4iV5W9uYEdYUVa79Axb7R-",
            "",
        ] {
            assert_eq!(
                base62_id(bad),
                Err(ApiError::bad_request("Invalid base62 id")),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn uris_name_a_kind_and_a_checked_id() {
        let uri = SpotifyUri::parse("spotify:track:4iV5W9uYEdYUVa79Axb7Rh").ok();
        assert_eq!(uri.map(|u| u.kind), Some("track".to_owned()));
        assert!(SpotifyUri::parse("spotify:user:alice").is_ok());
        for bad in [
            "spotify:track:short",
            "track:4iV5W9uYEdYUVa79Axb7Rh",
            "spotify:track",
            "",
        ] {
            assert!(SpotifyUri::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_uri_list_has_one_to_max_entries() {
        let one = "spotify:album:4aawyAB9vmqN3uQ7FjRGTy";
        assert_eq!(uri_list(Some(one), 40).map(|l| l.len()), Ok(1));
        assert!(uri_list(Some(""), 40).is_err());
        assert!(uri_list(None, 40).is_err());
        let many = vec![one; 41].join(",");
        assert_eq!(
            uri_list(Some(&many), 40),
            Err(ApiError::bad_request("Too many ids requested"))
        );
    }
}
