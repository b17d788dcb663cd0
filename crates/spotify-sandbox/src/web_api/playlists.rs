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

use super::auth::{BaseUrl, Caller};
use super::objects::{paging, Render};
use super::params::{self, uri_id, QueryMap};
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
    BaseUrl(base): BaseUrl,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["playlist-read-private", "playlist-read-collaborative"])?;
    let limit = params::limit(&query, 20, 50)?;
    let offset = params::offset(&query)?;
    Ok(sandbox.read(|world| {
        let render = Render {
            base: &base,
            catalogue: &world.catalogue,
            library: &world.library,
        };
        let items: Vec<Value> = world
            .library
            .playlists_of(&caller.user_id)
            .into_iter()
            .map(|p| render.simplified_playlist(p))
            .collect();
        Json(paging(
            &format!("{base}/v1/me/playlists"),
            items,
            limit,
            offset,
        ))
        .into_response()
    }))
}

/// `GET /playlists/{id}`: the entries are included only for owned or collaborative playlists.
pub async fn one(
    State(sandbox): State<Sandbox>,
    BaseUrl(base): BaseUrl,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    sandbox.read(|world| {
        let playlist = world
            .library
            .playlist(&id)
            .ok_or_else(|| ApiError::not_found("Resource not found"))?;
        let render = Render {
            base: &base,
            catalogue: &world.catalogue,
            library: &world.library,
        };
        let items = may_see_items(playlist, &caller.user_id).then(|| {
            let entries = playlist
                .entries
                .iter()
                .map(|e| render.playlist_entry(e))
                .collect();
            paging(&format!("{base}/v1/playlists/{id}/items"), entries, 100, 0)
        });
        Ok(Json(render.playlist(playlist, items)).into_response())
    })
}

/// `GET /playlists/{id}/items?limit&offset`.
pub async fn items(
    State(sandbox): State<Sandbox>,
    BaseUrl(base): BaseUrl,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
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
        let render = Render {
            base: &base,
            catalogue: &world.catalogue,
            library: &world.library,
        };
        let entries = playlist
            .entries
            .iter()
            .map(|e| render.playlist_entry(e))
            .collect();
        Ok(Json(paging(
            &format!("{base}/v1/playlists/{id}/items"),
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
    BaseUrl(base): BaseUrl,
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
        let render = Render {
            base: &base,
            catalogue: &world.catalogue,
            library: &world.library,
        };
        let items = paging(
            &format!("{base}/v1/playlists/{}/items", playlist.id),
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

#[derive(Debug, Default, Deserialize)]
struct AddItems {
    #[serde(default)]
    uris: Option<Vec<String>>,
    #[serde(default)]
    position: Option<usize>,
}

/// `POST /playlists/{id}/items` with `{uris, position?}` or `?uris=a,b` → 201 `{snapshot_id}`.
pub async fn add(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<QueryMap>,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_any_scope(MODIFY_SCOPES)?;
    let body: AddItems = if body.iter().all(u8::is_ascii_whitespace) {
        AddItems::default()
    } else {
        serde_json::from_slice(&body).map_err(|_| ApiError::bad_request("Malformed json"))?
    };
    let uris: Vec<String> = match (body.uris, query.get("uris")) {
        (Some(uris), _) => uris,
        (None, Some(list)) => list.split(',').map(str::to_owned).collect(),
        (None, None) => return Err(ApiError::bad_request("Missing required field: uris")),
    };
    if uris.is_empty() {
        return Err(ApiError::bad_request("Missing required field: uris"));
    }
    if uris.len() > 100 {
        return Err(ApiError::bad_request("Too many ids requested"));
    }
    let position = body
        .position
        .or(params::number(&query, "position")?.map(|p| p as usize));
    sandbox.update(|world| {
        let now = world.now_ms();
        let track_ids = uris
            .iter()
            .map(|uri| {
                uri_id(uri, "track")
                    .filter(|id| world.catalogue.track(id).is_some())
                    .map(str::to_owned)
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

/// The pre-2026 paths (`/playlists/{id}/tracks`, `/users/{id}/playlists`): 403 for this app.
pub async fn retired(_caller: Caller) -> ApiError {
    ApiError::forbidden("Forbidden")
}
