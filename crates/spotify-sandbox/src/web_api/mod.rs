//! The Web API under `/v1`: Bearer auth, the endpoints of the contract's tables, the paths
//! Spotify removed for development-mode apps answering 403, 405 with the error object, CORS for
//! any origin, and a fault layer (scripted 429/500/latency, rolling-window rate limit).

pub mod auth;
mod catalog;
mod library;
mod me;
pub mod objects;
mod params;
mod player;
mod playlists;
mod search;

use axum::extract::{OriginalUri, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::call_log::{wall_now_ms, RecordedCall};
use crate::errors::ApiError;
use crate::state::Sandbox;

pub fn routes(sandbox: Sandbox) -> Router<Sandbox> {
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([header::RETRY_AFTER]);
    let retired = || {
        get(playlists::retired)
            .post(playlists::retired)
            .put(playlists::retired)
            .delete(playlists::retired)
    };
    let v1 = Router::new()
        .route("/me", get(me::profile))
        .route("/me/top/{kind}", get(me::top))
        .route("/me/player", get(player::state).put(player::transfer))
        .route("/me/player/devices", get(player::devices))
        .route(
            "/me/player/currently-playing",
            get(player::currently_playing),
        )
        .route("/me/player/recently-played", get(me::recently_played))
        .route("/me/player/play", put(player::play))
        .route("/me/player/pause", put(player::pause))
        .route("/me/player/next", post(player::next))
        .route("/me/player/previous", post(player::previous))
        .route("/me/player/seek", put(player::seek))
        .route("/me/player/volume", put(player::volume))
        .route("/me/player/shuffle", put(player::shuffle))
        .route("/me/player/repeat", put(player::repeat))
        .route("/me/player/queue", get(player::queue).post(player::enqueue))
        .route(
            "/me/tracks",
            get(library::liked)
                .put(playlists::retired)
                .delete(playlists::retired),
        )
        .route("/me/tracks/contains", get(playlists::retired))
        .route("/me/library", put(library::save).delete(library::remove))
        .route("/me/library/contains", get(library::contains))
        .route(
            "/me/playlists",
            get(playlists::mine).post(playlists::create),
        )
        .route("/playlists/{id}", get(playlists::one))
        .route(
            "/playlists/{id}/items",
            get(playlists::items).post(playlists::add),
        )
        .route("/playlists/{id}/tracks", retired())
        .route("/users/{id}", retired())
        .route("/users/{id}/playlists", retired())
        .route("/tracks", retired())
        .route("/tracks/{id}", get(catalog::track))
        .route("/albums", retired())
        .route("/albums/{id}", get(catalog::album))
        .route("/albums/{id}/tracks", get(catalog::tracks_of_album))
        .route("/artists", retired())
        .route("/artists/{id}", get(catalog::artist))
        .route("/artists/{id}/albums", get(catalog::albums_of_artist))
        .route("/artists/{id}/top-tracks", retired())
        .route("/search", get(search::search))
        // A known path with another method: the error object, like every other error.
        .method_not_allowed_fallback(|| async {
            ApiError::plain(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed")
        })
        .fallback(|| async { ApiError::not_found("Service not found") })
        .layer(middleware::from_fn_with_state(sandbox, faults));
    Router::new().nest("/v1", v1).layer(cors)
}

/// Applies scripted faults and the rate limit before the real handler runs, and logs the call
/// with its answer's status.
async fn faults(State(sandbox): State<Sandbox>, request: Request, next: Next) -> Response {
    if request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    let at_ms = wall_now_ms();
    let method = request.method().as_str().to_owned();
    let user_id = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|token| {
            sandbox.read(|world| {
                world
                    .tokens
                    .access
                    .get(token.trim())
                    .map(|g| g.user_id.clone())
            })
        });
    // Inside `nest` the URI lost its `/v1`; faults are scripted against the full path (without
    // the trailing slash the router forgives).
    let path = request.extensions().get::<OriginalUri>().map_or_else(
        || request.uri().path().to_owned(),
        |original| original.path().trim_end_matches('/').to_owned(),
    );
    let query = request.uri().query().map(str::to_owned);
    let response = judged(&sandbox, &path, request, next).await;
    let status = response.status().as_u16();
    sandbox.read(|world| {
        world.calls.record(RecordedCall {
            at_ms,
            method,
            path,
            query,
            user_id,
            status,
        })
    });
    response
}

async fn judged(sandbox: &Sandbox, path: &str, request: Request, next: Next) -> Response {
    let verdict = sandbox.read(|world| {
        let now = world.now_ms();
        world.faults.judge(request.method().as_str(), path, now)
    });
    if let Some(latency) = verdict.latency {
        tokio::time::sleep(latency).await;
    }
    match verdict.status {
        Some(429) => ApiError::RateLimited {
            retry_after_secs: verdict.retry_after_secs.unwrap_or(1),
            reason: verdict.reason,
        }
        .into_response(),
        Some(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            ApiError::scripted(status, verdict.reason).into_response()
        }
        None => next.run(request).await,
    }
}
