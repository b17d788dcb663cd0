//! Who may call the token routes: the app's public origin (`--public-url`, by default the origin
//! of `--redirect-uri`), and the exact origins given with `--allowed-origin` (answered with CORS
//! headers). A browser request from any other origin is refused before it reaches a handler, so a
//! page elsewhere cannot spend a tab's cookie.
//!
//! An `Origin` equal to the `Host` header is not enough on its own: with DNS rebinding a page of
//! `evil.example` reaches a proxy on 127.0.0.1 with `Origin` and `Host` both `evil.example`. Only
//! in development, when the public URL itself is on loopback, a loopback origin equal to the
//! `Host` passes too (the app opened on another loopback port or as `localhost`).

use std::{net::IpAddr, time::Duration};

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

/// What a browser request's `Origin` is checked against.
#[derive(Debug, Clone, Copy)]
pub struct OriginRule<'a> {
    pub public_origin: Option<&'a str>,
    pub allowed: &'a [String],
    pub public_on_loopback: bool,
}

impl OriginRule<'_> {
    /// True when a request with this `Origin` (and `Host`) may use the token routes.
    pub fn passes(&self, origin: &str, host: Option<&str>) -> bool {
        if self.public_origin == Some(origin) || self.allowed.iter().any(|o| o == origin) {
            return true;
        }
        let same_host = host.is_some_and(|host| {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        });
        self.public_on_loopback && same_host && host.is_some_and(is_loopback_authority)
    }
}

/// True when the URL's host is a loopback address or `localhost`.
pub fn is_loopback_url(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// `host[:port]` as in a `Host` header, on loopback.
fn is_loopback_authority(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Refuses token requests whose `Origin` does not pass the `OriginRule`.
pub async fn check_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(origin) = request.headers().get(header::ORIGIN) else {
        // Non-browser clients send no Origin; they have no ambient cookie to abuse.
        return next.run(request).await;
    };
    let origin = origin.to_str().unwrap_or_default();
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if state.origin_rule().passes(origin, host) {
        next.run(request).await
    } else {
        ApiError::OriginNotAllowed.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule<'a>(public: &'a str, allowed: &'a [String], loopback: bool) -> OriginRule<'a> {
        OriginRule {
            public_origin: Some(public),
            allowed,
            public_on_loopback: loopback,
        }
    }

    #[test]
    fn a_rebound_host_name_equal_to_its_origin_is_refused() {
        let dev = rule("http://127.0.0.1:8080", &[], true);
        assert!(!dev.passes("http://rebind.example:8080", Some("rebind.example:8080")));
        let public = rule("https://chorus.example", &[], false);
        assert!(!public.passes("http://127.0.0.1:8080", Some("127.0.0.1:8080")));
        assert!(!public.passes("https://other.example", Some("other.example")));
    }

    #[test]
    fn the_public_origin_allowed_origins_and_loopback_in_development_pass() {
        let allowed = ["https://app.example".to_owned()];
        let public = rule("https://chorus.example", &allowed, false);
        assert!(public.passes("https://chorus.example", Some("10.0.0.5:8080")));
        assert!(public.passes("https://app.example", None));
        let dev = rule("http://127.0.0.1:8080", &[], true);
        assert!(dev.passes("http://127.0.0.1:5555", Some("127.0.0.1:5555")));
        assert!(dev.passes("http://localhost:5555", Some("localhost:5555")));
        assert!(dev.passes("http://[::1]:5555", Some("[::1]:5555")));
        assert!(!dev.passes("http://127.0.0.1:5555", Some("127.0.0.1:5556")));
    }
}
