//! Generated artwork: `GET /images/album/{id}.svg` and `GET /images/user/{id}.svg`.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::catalogue::covers;
use crate::state::Sandbox;

pub fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/images/album/{file}", get(album))
        .route("/images/user/{file}", get(user))
}

fn svg(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
            // The app may draw covers on a canvas (tinted favicon) or run under COEP.
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                "cross-origin",
            ),
        ],
        body,
    )
        .into_response()
}

async fn album(State(sandbox): State<Sandbox>, Path(file): Path<String>) -> Response {
    let id = file.trim_end_matches(".svg");
    sandbox
        .read(|world| {
            world
                .catalogue
                .album(id)
                .map(|a| covers::album_cover(&a.name, a.hues))
        })
        .map_or_else(|| StatusCode::NOT_FOUND.into_response(), svg)
}

async fn user(State(sandbox): State<Sandbox>, Path(file): Path<String>) -> Response {
    let id = file.trim_end_matches(".svg");
    sandbox
        .read(|world| {
            world
                .library
                .user(id)
                .map(|u| covers::avatar(&u.display_name, &u.id))
        })
        .map_or_else(|| StatusCode::NOT_FOUND.into_response(), svg)
}
