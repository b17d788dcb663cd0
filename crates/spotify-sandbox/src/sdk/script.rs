//! Serves `spotify-player.js`: a plain external script (no eval, no inline code) so it runs under
//! a strict CSP.

use axum::http::header;
use axum::response::IntoResponse;

const SCRIPT: &str = include_str!("spotify-player.js");

pub async fn serve() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            // Loaded cross-origin by the app, possibly with `crossorigin` or under COEP.
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                "cross-origin",
            ),
        ],
        SCRIPT,
    )
}
