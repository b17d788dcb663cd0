//! A listener's library (contract §2, "More endpoints for a full player"): `GET /me/tracks`
//! (Liked Songs) and the 2026 generic library endpoints `PUT`/`DELETE /me/library` and
//! `GET /me/library/contains`, which take Spotify URIs (at most 40). The type-specific save,
//! remove and contains paths (`PUT /me/tracks`, …) are gone for development-mode apps: 403.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::auth::{Caller, Origins};
use super::objects::{paging, Render};
use super::params::{self, uri_list, QueryMap, SpotifyUri};
use crate::errors::ApiError;
use crate::state::{Sandbox, World};

/// Most URIs one library call takes.
const MAX_URIS: usize = 40;

/// The scopes that allow changing (`modify`) or reading an item of `kind` in the library, and
/// whether `PUT`/`DELETE` take the kind (`contains` also takes artists; following artists moved
/// here from `/me/following`, so the sandbox takes them everywhere).
fn scopes_for(kind: &str, modify: bool) -> Option<&'static [&'static str]> {
    let scopes: &'static [&'static str] = match (kind, modify) {
        ("track" | "album" | "episode" | "show" | "audiobook", true) => &["user-library-modify"],
        ("track" | "album" | "episode" | "show" | "audiobook", false) => &["user-library-read"],
        ("artist" | "user", true) => &["user-follow-modify"],
        ("artist" | "user", false) => &["user-follow-read"],
        ("playlist", true) => &["playlist-modify-public", "playlist-modify-private"],
        ("playlist", false) => &["playlist-read-private"],
        _ => return None,
    };
    Some(scopes)
}

/// Whether the item a URI names exists in the sandbox's world.
fn exists(world: &World, uri: &SpotifyUri) -> bool {
    match uri.kind.as_str() {
        "track" => world.catalogue.track(&uri.id).is_some(),
        "album" => world.catalogue.album(&uri.id).is_some(),
        "artist" => world.catalogue.artist(&uri.id).is_some(),
        "playlist" => world.library.playlist(&uri.id).is_some(),
        "user" => world.library.user(&uri.id).is_some(),
        // The sandbox has no podcasts or audiobooks.
        _ => false,
    }
}

/// The URIs of `?uris=`, each of a kind the endpoint takes and the caller's token allows.
fn checked_uris(
    caller: &Caller,
    query: &QueryMap,
    modify: bool,
) -> Result<Vec<SpotifyUri>, ApiError> {
    let uris = uri_list(query.get("uris").map(String::as_str), MAX_URIS)?;
    for uri in &uris {
        let scopes = scopes_for(&uri.kind, modify)
            .ok_or_else(|| ApiError::bad_request(format!("Unsupported uri type: {}", uri.kind)))?;
        caller.require_any_scope(scopes)?;
    }
    Ok(uris)
}

/// `GET /me/tracks?limit(≤50, default 20)&offset`: Liked Songs, newest first.
pub async fn liked(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["user-library-read"])?;
    let limit = params::limit(&query, 20, 50)?;
    let offset = params::offset(&query)?;
    Ok(sandbox.read(|world| {
        let render = Render::new(world, &origins);
        let items: Vec<Value> = world
            .library
            .liked_tracks(&caller.user_id)
            .into_iter()
            .map(|(id, added_at)| render.saved_track(id, added_at))
            .collect();
        Json(paging(
            &format!("{}/v1/me/tracks", origins.api),
            items,
            limit,
            offset,
        ))
        .into_response()
    }))
}

/// `PUT /me/library?uris=a,b` → 200, empty. The body is ignored (clients send `{}`).
pub async fn save(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    let uris = checked_uris(&caller, &query, true)?;
    sandbox.update(|world| {
        if let Some(missing) = uris.iter().find(|u| !exists(world, u)) {
            return Err(ApiError::not_found(format!(
                "Resource not found: {}",
                missing.uri()
            )));
        }
        let now = world.now_ms();
        let uris: Vec<String> = uris.iter().map(SpotifyUri::uri).collect();
        world.library.save(&caller.user_id, &uris, now);
        Ok(StatusCode::OK.into_response())
    })
}

/// `DELETE /me/library?uris=a,b` → 200, empty. Removing what is not saved changes nothing.
pub async fn remove(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    let uris = checked_uris(&caller, &query, true)?;
    sandbox.update(|world| {
        let uris: Vec<String> = uris.iter().map(SpotifyUri::uri).collect();
        world.library.unsave(&caller.user_id, &uris);
    });
    Ok(StatusCode::OK.into_response())
}

/// `GET /me/library/contains?uris=a,b` → `[bool, …]` in the order asked.
pub async fn contains(
    State(sandbox): State<Sandbox>,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    let uris = checked_uris(&caller, &query, false)?;
    let answers: Vec<bool> = sandbox.read(|world| {
        uris.iter()
            .map(|u| world.library.is_saved(&caller.user_id, &u.uri()))
            .collect()
    });
    Ok(Json(answers).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_kind_has_a_read_and_a_modify_scope() {
        for kind in [
            "track",
            "album",
            "artist",
            "user",
            "playlist",
            "episode",
            "show",
            "audiobook",
        ] {
            assert!(scopes_for(kind, true).is_some(), "{kind}");
            assert!(scopes_for(kind, false).is_some(), "{kind}");
        }
        assert!(scopes_for("genre", true).is_none());
    }
}
