//! `/v1/me/player…`: playback state, devices, transfer, play/pause/seek/skip, shuffle, repeat,
//! volume and queue, all acting on the caller's Connect account.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth::{Caller, Origins};
use super::objects::Render;
use super::params::{self, uri_id, QueryMap};
use crate::connect::{AccountPlayer, ConnectError, NewPlayback, PlayItem, RepeatMode};
use crate::errors::ApiError;
use crate::state::{Sandbox, World};

fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// Runs a command on the caller's account and answers 204.
fn command(
    sandbox: &Sandbox,
    caller: &Caller,
    run: impl FnOnce(&mut AccountPlayer, u64) -> Result<(), ConnectError>,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    sandbox.update(|world| {
        let now = world.now_ms();
        run(world.connect.account(&caller.user_id, now), now)
    })?;
    Ok(no_content())
}

/// `GET /me/player`: 200 with the state, 204 when nothing is active.
pub async fn state(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["user-read-playback-state"])?;
    Ok(render_state(&sandbox, &origins, &caller, true))
}

/// `GET /me/player/currently-playing`: like the state, without the device; 204 when idle.
pub async fn currently_playing(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["user-read-currently-playing", "user-read-playback-state"])?;
    Ok(render_state(&sandbox, &origins, &caller, false))
}

fn render_state(
    sandbox: &Sandbox,
    origins: &Origins,
    caller: &Caller,
    with_device: bool,
) -> Response {
    sandbox.read(|world| {
        let now = world.now_ms();
        let snapshot = world.connect.account(&caller.user_id, now).snapshot(now);
        match snapshot {
            None => no_content(),
            Some(snapshot) => {
                let render = Render::new(world, origins);
                Json(render.playback_state(&snapshot, now, with_device)).into_response()
            }
        }
    })
}

pub async fn devices(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["user-read-playback-state"])?;
    Ok(sandbox.read(|world| {
        let now = world.now_ms();
        let player = world.connect.account(&caller.user_id, now);
        let active = player.active_device_id().map(str::to_owned);
        let listed = player.devices().to_vec();
        let render = Render::new(world, &origins);
        let devices: Vec<Value> = listed
            .iter()
            .map(|d| render.device(d, active.as_deref() == Some(d.id.as_str())))
            .collect();
        Json(json!({ "devices": devices })).into_response()
    }))
}

#[derive(Debug, Deserialize)]
struct TransferBody {
    device_ids: Vec<String>,
    #[serde(default)]
    play: Option<bool>,
}

fn json_body<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|_| ApiError::bad_request("Malformed json"))
}

/// `PUT /me/player {"device_ids":[ONE_ID],"play":bool}`.
pub async fn transfer(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    let body: TransferBody = json_body(&body)?;
    let device_id = match body.device_ids.as_slice() {
        [one] => one.clone(),
        [] => return Err(ApiError::bad_request("Missing required field: device_ids")),
        _ => return Err(ApiError::bad_request("Only one device_id is supported")),
    };
    command(&sandbox, &caller, |player, now| {
        player.transfer(&device_id, body.play, now)
    })
}

#[derive(Debug, Default, Deserialize)]
struct PlayBody {
    context_uri: Option<String>,
    uris: Option<Vec<String>>,
    offset: Option<Offset>,
    position_ms: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct Offset {
    position: Option<usize>,
    uri: Option<String>,
}

fn play_item(world: &World, track_id: &str) -> Option<PlayItem> {
    world.catalogue.track(track_id).map(|t| PlayItem {
        track_id: t.id.clone(),
        duration_ms: t.duration_ms,
    })
}

/// The items of a context URI (album, playlist or artist).
fn context_items(world: &World, uri: &str) -> Result<Vec<PlayItem>, ApiError> {
    let ids: Vec<String> = if let Some(id) = uri_id(uri, "album") {
        world
            .catalogue
            .album(id)
            .map(|a| a.track_ids.clone())
            .unwrap_or_default()
    } else if let Some(id) = uri_id(uri, "playlist") {
        world
            .library
            .playlist(id)
            .map(|p| p.entries.iter().map(|e| e.track_id.clone()).collect())
            .unwrap_or_default()
    } else if let Some(id) = uri_id(uri, "artist") {
        world
            .catalogue
            .artist_tracks(id)
            .into_iter()
            .take(10)
            .map(|t| t.id.clone())
            .collect()
    } else {
        return Err(ApiError::bad_request("Unsupported context uri"));
    };
    if ids.is_empty() {
        return Err(ApiError::not_found("Not found."));
    }
    Ok(ids.iter().filter_map(|id| play_item(world, id)).collect())
}

fn new_playback(world: &World, body: PlayBody) -> Result<Option<NewPlayback>, ApiError> {
    let (context_uri, items) = match (body.context_uri, body.uris) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "Only one of context_uri and uris may be given",
            ))
        }
        (Some(uri), None) => {
            let items = context_items(world, &uri)?;
            (Some(uri), items)
        }
        (None, Some(uris)) => {
            let items = uris
                .iter()
                .map(|uri| {
                    uri_id(uri, "track")
                        .and_then(|id| play_item(world, id))
                        .ok_or_else(|| ApiError::bad_request(format!("Invalid track uri: {uri}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if items.is_empty() {
                return Err(ApiError::bad_request("No tracks to play"));
            }
            (None, items)
        }
        // A resume; `position_ms` alone resumes there (rspotify's `resume_playback` sends it).
        (None, None) => {
            return match body.offset {
                None => Ok(None),
                Some(_) => Err(ApiError::bad_request("Missing context_uri or uris")),
            }
        }
    };
    let start_index = match body.offset {
        None => 0,
        Some(Offset {
            position: Some(position),
            ..
        }) if position < items.len() => position,
        Some(Offset { uri: Some(uri), .. }) => {
            let id = uri_id(&uri, "track").unwrap_or_default();
            items
                .iter()
                .position(|i| i.track_id == id)
                .ok_or_else(|| ApiError::bad_request("Invalid offset"))?
        }
        Some(_) => return Err(ApiError::bad_request("Invalid offset")),
    };
    Ok(Some(NewPlayback {
        context_uri,
        items,
        start_index,
        position_ms: body.position_ms.unwrap_or(0),
    }))
}

/// `PUT /me/player/play?device_id`: start a context/uris, or resume with no body.
pub async fn play(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    let body: PlayBody = if body.iter().all(u8::is_ascii_whitespace) {
        PlayBody::default()
    } else {
        json_body(&body)?
    };
    let device_id = params::device_id(&query).map(str::to_owned);
    let resume_at = match (&body.context_uri, &body.uris) {
        (None, None) => body.position_ms,
        _ => None,
    };
    sandbox.update(|world| {
        let new = new_playback(world, body)?;
        let now = world.now_ms();
        let player = world.connect.account(&caller.user_id, now);
        player.play(device_id.as_deref(), new, now)?;
        if let Some(position) = resume_at {
            player.seek(device_id.as_deref(), position, now)?;
        }
        Ok::<_, ApiError>(())
    })?;
    Ok(no_content())
}

pub async fn pause(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    command(&sandbox, &caller, |player, now| {
        player.pause(params::device_id(&query), now)
    })
}

pub async fn next(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    command(&sandbox, &caller, |player, now| {
        player.next(params::device_id(&query), now)
    })
}

pub async fn previous(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    command(&sandbox, &caller, |player, now| {
        player.previous(params::device_id(&query), now)
    })
}

pub async fn seek(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    let position = params::number(&query, "position_ms")?
        .ok_or_else(|| ApiError::bad_request("Missing required parameter: position_ms"))?;
    command(&sandbox, &caller, |player, now| {
        player.seek(params::device_id(&query), position, now)
    })
}

pub async fn volume(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    let volume = params::number(&query, "volume_percent")?
        .filter(|v| *v <= 100)
        .ok_or_else(|| ApiError::bad_request("volume_percent must be between 0 and 100"))?;
    command(&sandbox, &caller, |player, _| {
        player.set_volume(params::device_id(&query), volume as u8)
    })
}

pub async fn shuffle(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    let state = match query.get("state").map(String::as_str) {
        Some("true") => true,
        Some("false") => false,
        _ => return Err(ApiError::bad_request("state must be true or false")),
    };
    command(&sandbox, &caller, |player, now| {
        player.set_shuffle(params::device_id(&query), state, now)
    })
}

pub async fn repeat(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    let mode = query
        .get("state")
        .and_then(|s| RepeatMode::parse(s))
        .ok_or_else(|| ApiError::bad_request("state must be track, context or off"))?;
    command(&sandbox, &caller, |player, _| {
        player.set_repeat(params::device_id(&query), mode)
    })
}

/// `GET /me/player/queue`: `{currently_playing, queue}`.
pub async fn queue(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["user-read-playback-state"])?;
    Ok(sandbox.read(|world| {
        let now = world.now_ms();
        let (current, upcoming) = world.connect.account(&caller.user_id, now).upcoming(20);
        let render = Render::new(world, &origins);
        let queue: Vec<Value> = upcoming
            .iter()
            .map(|i| render.track_by_id(&i.track_id))
            .collect();
        let current = current
            .map(|i| render.track_by_id(&i.track_id))
            .unwrap_or(Value::Null);
        Json(json!({"currently_playing": current, "queue": queue})).into_response()
    }))
}

/// `POST /me/player/queue?uri=spotify:track:ID`.
pub async fn enqueue(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_player_control()?;
    let uri = query
        .get("uri")
        .ok_or_else(|| ApiError::bad_request("Missing required parameter: uri"))?;
    let item = sandbox
        .read(|world| uri_id(uri, "track").and_then(|id| play_item(world, id)))
        .ok_or_else(|| ApiError::bad_request("Invalid track uri"))?;
    command(&sandbox, &caller, |player, _| {
        player.add_to_queue(params::device_id(&query), item)
    })
}
