//! `GET /me`, top items and recently played.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::auth::{Caller, Origins};
use super::objects::{iso8601, paging, Render};
use super::params::{self, QueryMap};
use crate::catalogue::library::TimeRange;
use crate::errors::ApiError;
use crate::state::Sandbox;

pub async fn profile(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
) -> Result<Response, ApiError> {
    sandbox.read(|world| {
        let user = world
            .library
            .user(&caller.user_id)
            .ok_or_else(|| ApiError::not_found("User not found"))?;
        let render = Render::new(world, &origins);
        Ok(Json(render.private_user(user)).into_response())
    })
}

/// `GET /me/top/{tracks|artists}?time_range&limit&offset`.
pub async fn top(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
    Path(kind): Path<String>,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["user-top-read"])?;
    let range = match query.get("time_range") {
        None => TimeRange::MediumTerm,
        Some(text) => {
            TimeRange::parse(text).ok_or_else(|| ApiError::bad_request("Invalid time range"))?
        }
    };
    let limit = params::limit(&query, 20, 50)?;
    let offset = params::offset(&query)?;
    sandbox.read(|world| {
        let render = Render::new(world, &origins);
        let top = world
            .library
            .top
            .get(&(caller.user_id.clone(), range))
            .cloned()
            .unwrap_or_default();
        let items: Vec<Value> = match kind.as_str() {
            "tracks" => top
                .track_ids
                .iter()
                .map(|id| render.track_by_id(id))
                .collect(),
            "artists" => top
                .artist_ids
                .iter()
                .filter_map(|id| world.catalogue.artist(id))
                .map(|a| render.artist(a))
                .collect(),
            _ => return Err(ApiError::bad_request("Unsupported type")),
        };
        let href = format!(
            "{}/v1/me/top/{kind}?time_range={}",
            origins.api,
            query
                .get("time_range")
                .map_or("medium_term", String::as_str)
        );
        Ok(Json(paging(&href, items, limit, offset)).into_response())
    })
}

/// How much history Spotify serves: "Returns the most recent 50 tracks played by a user"; a
/// `before` cursor does not reach further back (spotify/web-api#627).
const HISTORY_SERVED: usize = 50;

/// `GET /me/player/recently-played?limit&after|before`: newest first; `after` and `before` are
/// exclusive Unix-millisecond cursors over the 50 most recent plays.
pub async fn recently_played(
    State(sandbox): State<Sandbox>,
    origins: Origins,
    caller: Caller,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    caller.require_any_scope(&["user-read-recently-played"])?;
    let limit = params::limit(&query, 20, 50)?;
    let after = params::number(&query, "after")?;
    let before = params::number(&query, "before")?;
    if after.is_some() && before.is_some() {
        return Err(ApiError::bad_request(
            "Only one of after or before may be specified",
        ));
    }
    sandbox.read(|world| {
        let now = world.now_ms();
        let history = world
            .connect
            .account(&caller.user_id, now)
            .history()
            .to_vec();
        let render = Render::new(world, &origins);
        let mut plays: Vec<_> = history.iter().collect();
        plays.sort_by_key(|p| std::cmp::Reverse(p.played_at_ms));
        // Only the most recent plays are served, whatever the cursors ask for.
        plays.truncate(HISTORY_SERVED);
        plays.retain(|p| {
            after.is_none_or(|a| p.played_at_ms > a) && before.is_none_or(|b| p.played_at_ms < b)
        });
        // With `after`, the page closest to the cursor is the oldest ones after it.
        let page: Vec<_> = if after.is_some() {
            let skip = plays.len().saturating_sub(limit);
            plays.into_iter().skip(skip).collect()
        } else {
            plays.into_iter().take(limit).collect()
        };
        let items: Vec<Value> = page
            .iter()
            .map(|p| {
                json!({
                    "track": render.track_by_id(&p.track_id),
                    "played_at": iso8601(p.played_at_ms),
                    // `null` when the track was not played from a context, as Spotify sends it.
                    "context": render.context(p.context_uri.as_deref()),
                })
            })
            .collect();
        let newest = page.first().map(|p| p.played_at_ms.to_string());
        let oldest = page.last().map(|p| p.played_at_ms.to_string());
        let base = &origins.api;
        let href = format!("{base}/v1/me/player/recently-played?limit={limit}");
        let next = oldest
            .as_ref()
            .map(|b| format!("{base}/v1/me/player/recently-played?before={b}&limit={limit}"));
        Ok(Json(json!({
            "href": href,
            "limit": limit,
            "next": next,
            "cursors": {"after": newest, "before": oldest},
            "total": items.len(),
            "items": items,
        }))
        .into_response())
    })
}
