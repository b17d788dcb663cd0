//! Who may call the token routes: the app's own origin, and the exact origins given with
//! `--allowed-origin` (answered with CORS headers). A browser request from any other origin is
//! refused before it reaches a handler, so a page elsewhere cannot spend a tab's cookie.

use std::time::Duration;

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower_http::cors::{AllowOrigin, CorsLayer};
use url::Url;

use chorus_core::protocol::SESSION_HEADER;

use crate::{error::ApiError, AppState};

/// `scheme://host[:port]` of a URL, as browsers send it in `Origin`.
pub fn origin_of(url: &Url) -> Option<String> {
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// CORS for the token routes: exactly the allowed origins, with credentials (the cookie).
/// With no allowed origin it answers no preflight positively: same-origin only.
pub fn cors_layer(allowed: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = allowed
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            HeaderName::from_static(SESSION_HEADER),
        ])
        .allow_credentials(true)
        .max_age(Duration::from_secs(600))
}

/// Refuses token requests whose `Origin` is neither this host, the public URL nor allowed.
pub async fn check_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(origin) = request.headers().get(header::ORIGIN) else {
        // Non-browser clients send no Origin; they have no ambient cookie to abuse.
        return next.run(request).await;
    };
    let origin = origin.to_str().unwrap_or_default();
    let same_host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|host| {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        });
    if same_host || state.origin_allowed(origin) {
        next.run(request).await
    } else {
        ApiError::OriginNotAllowed.into_response()
    }
}
