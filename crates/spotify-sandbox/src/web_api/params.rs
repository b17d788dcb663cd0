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
