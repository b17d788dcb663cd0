//! `GET /search?q&type&limit(≤10, default 5)&offset`: case-insensitive substring search over
//! track, album, artist and public playlist names. The paging links carry the words as `query=`,
//! as Spotify's do, so the query is read from `q` or `query`.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};

use super::auth::{Caller, Origins};
use super::objects::{paging, Render};
use super::params::{self, QueryMap};
use crate::errors::ApiError;
use crate::state::Sandbox;

const TYPES: &[&str] = &["track", "album", "artist", "playlist"];

pub async fn search(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    _caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    let words = query
        .get("q")
        .or_else(|| query.get("query"))
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty())
        .ok_or_else(|| ApiError::bad_request("No search query"))?;
    let q = words.to_lowercase();
    let types: Vec<&str> = query
        .get("type")
        .ok_or_else(|| ApiError::bad_request("Missing parameter type"))?
        .split(',')
        .map(str::trim)
        .collect();
    if types.iter().any(|t| !TYPES.contains(t)) {
        return Err(ApiError::bad_request("Bad search type field"));
    }
    let limit = params::limit(&query, 5, 10)?;
    let offset = params::offset(&query)?;
    if offset > 1000 {
        return Err(ApiError::bad_request("Invalid offset"));
    }
    let matches = |text: &str| text.to_lowercase().contains(&q);
    Ok(sandbox.read(|world| {
        let render = Render::new(world, &origins);
        let catalogue = &world.catalogue;
        let artist_matches = |ids: &[String]| {
            ids.iter()
                .filter_map(|id| catalogue.artist(id))
                .any(|a| matches(&a.name))
        };
        let mut body = Map::new();
        let query_href = |kind: &str| {
            format!(
                "{}/v1/search?query={}&type={kind}",
                origins.api,
                url_escape(&words)
            )
        };
        for kind in &types {
            let items: Vec<Value> = match *kind {
                "track" => catalogue
                    .tracks
                    .iter()
                    .filter(|t| matches(&t.name) || artist_matches(&t.artist_ids))
                    .map(|t| render.track(t))
                    .collect(),
                "album" => catalogue
                    .albums
                    .iter()
                    .filter(|a| matches(&a.name) || artist_matches(&a.artist_ids))
                    .map(|a| render.simplified_album(a))
                    .collect(),
                "artist" => catalogue
                    .artists
                    .iter()
                    .filter(|a| matches(&a.name))
                    .map(|a| render.artist(a))
                    .collect(),
                _ => world
                    .library
                    .playlists
                    .iter()
                    .filter(|p| p.public && matches(&p.name))
                    .map(|p| render.simplified_playlist(p))
                    .collect(),
            };
            body.insert(
                format!("{kind}s"),
                paging(&query_href(kind), items, limit, offset),
            );
        }
        Json(Value::Object(body)).into_response()
    }))
}

fn url_escape(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
