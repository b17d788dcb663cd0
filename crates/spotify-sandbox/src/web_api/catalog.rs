//! The catalogue by id (contract §2, "More endpoints for a full player"): `GET /tracks/{id}`,
//! `/albums/{id}`, `/albums/{id}/tracks`, `/artists/{id}`, `/artists/{id}/albums`. Ids are
//! checked as Spotify checks them (400 `Invalid base62 id`), unknown ones are 404
//! `Resource not found`. The multi-id gets, an artist's top tracks and other users' profiles are
//! gone for development-mode apps (routed to [`super::playlists::retired`]).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::auth::{Caller, Origins};
use super::objects::{paging, Render};
use super::params::{self, base62_id, QueryMap};
use crate::catalogue::{Album, Catalogue};
use crate::errors::ApiError;
use crate::state::{Sandbox, World};

fn not_found() -> ApiError {
    ApiError::not_found("Resource not found")
}

/// The `include_groups` an artist's albums may be filtered by.
const GROUPS: [&str; 4] = ["album", "single", "appears_on", "compilation"];

/// The object `id` names, rendered: 400 for a malformed id, 404 when `find` finds nothing.
fn one(
    sandbox: &Sandbox,
    origins: &Origins,
    id: &str,
    find: impl FnOnce(&Render<'_>, &World) -> Option<Value>,
) -> Result<Response, ApiError> {
    base62_id(id)?;
    sandbox.read(|world| {
        find(&Render::new(world, origins), world)
            .map(|object| Json(object).into_response())
            .ok_or_else(not_found)
    })
}

/// `GET /tracks/{id}` → TrackObject.
pub async fn track(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    one(&sandbox, &origins, &id, |render, world| {
        world.catalogue.track(&id).map(|t| render.track(t))
    })
}

fn album_tracks(
    render: &Render<'_>,
    catalogue: &Catalogue,
    album: &Album,
    limit: usize,
    offset: usize,
) -> Value {
    let tracks: Vec<Value> = album
        .track_ids
        .iter()
        .filter_map(|id| catalogue.track(id))
        .map(|t| render.simplified_track(t))
        .collect();
    paging(
        &format!("{}/v1/albums/{}/tracks", render.origins.api, album.id),
        tracks,
        limit,
        offset,
    )
}

/// `GET /albums/{id}` → AlbumObject with its first 50 tracks.
pub async fn album(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    one(&sandbox, &origins, &id, |render, world| {
        let album = world.catalogue.album(&id)?;
        Some(render.album(album, album_tracks(render, &world.catalogue, album, 50, 0)))
    })
}

/// `GET /albums/{id}/tracks?limit(≤50, default 20)&offset`.
pub async fn tracks_of_album(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    _caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    let limit = params::limit(&query, 20, 50)?;
    let offset = params::offset(&query)?;
    one(&sandbox, &origins, &id, |render, world| {
        let album = world.catalogue.album(&id)?;
        Some(album_tracks(render, &world.catalogue, album, limit, offset))
    })
}

/// `GET /artists/{id}` → ArtistObject.
pub async fn artist(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    one(&sandbox, &origins, &id, |render, world| {
        world.catalogue.artist(&id).map(|a| render.artist(a))
    })
}

/// `GET /artists/{id}/albums?include_groups&limit(≤50, default 20)&offset`: every sandbox album
/// is of the `album` group.
pub async fn albums_of_artist(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    _caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    base62_id(&id)?;
    let limit = params::limit(&query, 20, 50)?;
    let offset = params::offset(&query)?;
    let groups: Option<Vec<&str>> = query
        .get("include_groups")
        .map(|g| g.split(',').map(str::trim).collect());
    if groups
        .as_ref()
        .is_some_and(|g| g.iter().any(|group| !GROUPS.contains(group)))
    {
        return Err(ApiError::bad_request("Invalid include_groups"));
    }
    let wants_albums = groups.as_ref().is_none_or(|g| g.contains(&"album"));
    sandbox.read(|world| {
        world.catalogue.artist(&id).ok_or_else(not_found)?;
        let render = Render::new(world, &origins);
        let albums: Vec<Value> = world
            .catalogue
            .albums
            .iter()
            .filter(|a| wants_albums && a.artist_ids.contains(&id))
            .map(|a| render.discography_album(a))
            .collect();
        let mut href = format!("{}/v1/artists/{id}/albums", origins.api);
        if let Some(groups) = query.get("include_groups") {
            href.push_str(&format!("?include_groups={groups}"));
        }
        Ok(Json(paging(&href, albums, limit, offset)).into_response())
    })
}
