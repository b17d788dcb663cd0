//! The Web API under `/v1`: Bearer auth, the endpoints of the contract's table, CORS for any
//! origin, and a fault layer (scripted 429/500/latency, rolling-window rate limit).

pub mod auth;
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
            "/me/playlists",
            get(playlists::mine).post(playlists::create),
        )
        .route("/playlists/{id}", get(playlists::one))
        .route(
            "/playlists/{id}/items",
            get(playlists::items).post(playlists::add),
        )
        .route(
            "/playlists/{id}/tracks",
            get(playlists::retired)
                .post(playlists::retired)
                .put(playlists::retired)
                .delete(playlists::retired),
        )
        .route("/users/{id}/playlists", post(playlists::retired))
        .route("/search", get(search::search))
        .fallback(|| async { ApiError::not_found("Service not found") })
        .layer(middleware::from_fn_with_state(sandbox, faults));
    Router::new().nest("/v1", v1).layer(cors)
}

/// Applies scripted faults and the rate limit before the real handler runs.
async fn faults(State(sandbox): State<Sandbox>, request: Request, next: Next) -> Response {
    if request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    // Inside `nest` the URI lost its `/v1`; faults are scripted against the full path.
    let path = request.extensions().get::<OriginalUri>().map_or_else(
        || request.uri().path().to_owned(),
        |original| original.path().to_owned(),
    );
    let verdict = sandbox.read(|world| {
        let now = world.now_ms();
        world.faults.judge(request.method().as_str(), &path, now)
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
