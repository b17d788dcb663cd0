//! Playlists under the 2026 rules: `POST /me/playlists` (201), `POST /playlists/{id}/items`
//! (201 `{snapshot_id}`), `items`/`item` instead of `tracks`/`track`, and the old `/tracks`
//! paths answering 403.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth::{Caller, Origins};
use super::objects::{paging, Render};
use super::params::{self, base62_id, QueryMap, SpotifyUri};
use crate::catalogue::library::{Playlist, PlaylistEntry};
use crate::errors::ApiError;
use crate::state::Sandbox;

const MODIFY_SCOPES: &[&str] = &["playlist-modify-private", "playlist-modify-public"];

fn may_see_items(playlist: &Playlist, user_id: &str) -> bool {
    playlist.owner_id == user_id || playlist.collaborative
}

/// `GET /me/playlists?limit&offset`.
pub async fn mine(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["playlist-read-private", "playlist-read-collaborative"])?;
    let limit = params::limit(&query, 20, 50)?;
    let offset = params::offset(&query)?;
    Ok(sandbox.read(|world| {
        let render = Render::new(world, &origins);
        let items: Vec<Value> = world
            .library
            .playlists_of(&caller.user_id)
            .into_iter()
            .map(|p| render.simplified_playlist(p))
            .collect();
        Json(paging(
            &format!("{}/v1/me/playlists", origins.api),
            items,
            limit,
            offset,
        ))
        .into_response()
    }))
}

/// `GET /playlists/{id}`: the entries are included only for owned or collaborative playlists
/// (for anyone else's, Spotify leaves `items` out).
pub async fn one(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    base62_id(&id)?;
    sandbox.read(|world| {
        let playlist = world
            .library
            .playlist(&id)
            .ok_or_else(|| ApiError::not_found("Resource not found"))?;
        let render = Render::new(world, &origins);
        let items = may_see_items(playlist, &caller.user_id).then(|| {
            let entries = playlist
                .entries
                .iter()
                .map(|e| render.playlist_entry(e))
                .collect();
            paging(
                &format!("{}/v1/playlists/{id}/items", origins.api),
                entries,
                100,
                0,
            )
        });
        Ok(Json(render.playlist(playlist, items)).into_response())
    })
}

/// `GET /playlists/{id}/items?limit&offset`.
pub async fn items(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    base62_id(&id)?;
    let limit = params::limit(&query, 100, 100)?;
    let offset = params::offset(&query)?;
    sandbox.read(|world| {
        let playlist = world
            .library
            .playlist(&id)
            .ok_or_else(|| ApiError::not_found("Resource not found"))?;
        if !may_see_items(playlist, &caller.user_id) {
            return Err(ApiError::forbidden("Forbidden"));
        }
        let render = Render::new(world, &origins);
        let entries = playlist
            .entries
            .iter()
            .map(|e| render.playlist_entry(e))
            .collect();
        Ok(Json(paging(
            &format!("{}/v1/playlists/{id}/items", origins.api),
            entries,
            limit,
            offset,
        ))
        .into_response())
    })
}

#[derive(Debug, Deserialize)]
struct NewPlaylist {
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    public: Option<bool>,
    #[serde(default)]
    collaborative: Option<bool>,
}

/// `POST /me/playlists {name, description?, public?, collaborative?}` → 201 PlaylistObject.
pub async fn create(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_any_scope(MODIFY_SCOPES)?;
    let body: NewPlaylist =
        serde_json::from_slice(&body).map_err(|_| ApiError::bad_request("Malformed json"))?;
    let name = body
        .name
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("Missing required field: name"))?;
    let public = body.public.unwrap_or(true);
    let collaborative = body.collaborative.unwrap_or(false);
    if public && collaborative {
        return Err(ApiError::bad_request(
            "Collaborative playlists cannot be public",
        ));
    }
    Ok(sandbox.update(|world| {
        let description = body.description.unwrap_or_default();
        let playlist = world
            .library
            .create_playlist(&caller.user_id, &name, &description, public, collaborative)
            .clone();
        let render = Render::new(world, &origins);
        let items = paging(
            &format!("{}/v1/playlists/{}/items", origins.api, playlist.id),
            Vec::new(),
            100,
            0,
        );
        (
            StatusCode::CREATED,
            Json(render.playlist(&playlist, Some(items))),
        )
            .into_response()
    }))
}

/// The body of `POST /playlists/{id}/items`: `{"uris": [...], "position": N}` or, as Spotify
/// also accepts, a bare array of URIs.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum AddItems {
    Object {
        #[serde(default)]
        uris: Option<Vec<String>>,
        #[serde(default)]
        position: Option<usize>,
    },
    Uris(Vec<String>),
    #[default]
    Empty,
}

/// `POST /playlists/{id}/items` → 201 `{snapshot_id}`. The URIs come from the query
/// (`?uris=a,b`) or the body; when both are given the query wins, as Spotify documents ("if the
/// uris parameter is present in the query string, any URIs listed in the body will be ignored").
/// `position` likewise from the query or the body.
pub async fn add(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<QueryMap>,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_any_scope(MODIFY_SCOPES)?;
    base62_id(&id)?;
    let body: AddItems = if body.iter().all(u8::is_ascii_whitespace) {
        AddItems::Empty
    } else {
        serde_json::from_slice(&body).map_err(|_| ApiError::bad_request("Malformed json"))?
    };
    let (body_uris, body_position) = match body {
        AddItems::Object { uris, position } => (uris, position),
        AddItems::Uris(uris) => (Some(uris), None),
        AddItems::Empty => (None, None),
    };
    let uris: Vec<String> = match (query.get("uris"), body_uris) {
        (Some(list), _) => list.split(',').map(str::to_owned).collect(),
        (None, Some(uris)) => uris,
        (None, None) => return Err(ApiError::bad_request("Missing required field: uris")),
    };
    if uris.is_empty() || uris.iter().all(|u| u.trim().is_empty()) {
        return Err(ApiError::bad_request("Missing required field: uris"));
    }
    if uris.len() > 100 {
        return Err(ApiError::bad_request("Too many ids requested"));
    }
    let position = match params::number(&query, "position")? {
        Some(p) => Some(p as usize),
        None => body_position,
    };
    sandbox.update(|world| {
        let now = world.now_ms();
        let track_ids = uris
            .iter()
            .map(|uri| {
                SpotifyUri::parse(uri)
                    .ok()
                    .filter(|u| u.kind == "track" && world.catalogue.track(&u.id).is_some())
                    .map(|u| u.id)
                    .ok_or_else(|| ApiError::bad_request(format!("Invalid track uri: {uri}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let playlist = world
            .library
            .playlist_mut(&id)
            .ok_or_else(|| ApiError::not_found("Resource not found"))?;
        if !may_see_items(playlist, &caller.user_id) {
            return Err(ApiError::forbidden("Forbidden"));
        }
        let at = position
            .unwrap_or(playlist.entries.len())
            .min(playlist.entries.len());
        let entries = track_ids.into_iter().map(|track_id| PlaylistEntry {
            track_id,
            added_at_ms: now,
            added_by: caller.user_id.clone(),
        });
        playlist.entries.splice(at..at, entries);
        playlist.version += 1;
        Ok((
            StatusCode::CREATED,
            Json(json!({"snapshot_id": playlist.snapshot_id()})),
        )
            .into_response())
    })
}

/// The paths Spotify removed for development-mode apps in February 2026
/// (`/playlists/{id}/tracks`, `/users/{id}/playlists`, multi-id gets, an artist's top tracks, …):
/// 403 `Forbidden`, as Spotify answers them.
pub async fn retired(_caller: Caller) -> ApiError {
    ApiError::forbidden("Forbidden")
}
