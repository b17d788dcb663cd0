//! Serving the built app: files from `dist/`, and `index.html` (status 200) for every other
//! path so the app's own router handles `/callback`, `/library` and the rest.
//!
//! Never a 5xx from a path: a path longer than `MAX_PATH_BYTES` is answered 414 before the file
//! system sees it (a long path of short segments made it answer ENAMETOOLONG, a 500), a segment
//! longer than a file name goes straight to `index.html`, and any other file-system error while
//! looking a path up (ENOTDIR, EACCES, …) is answered with `index.html` too, or 404 if even that
//! cannot be read. The fuzz target under `fuzz/` and `tests/router_fuzz.rs` hold this.
//!
//! Compressed and cached: `cargo xtask build` writes `NAME.br` and `NAME.gz` beside each asset,
//! and a request whose `Accept-Encoding` allows one gets it (brotli first) with
//! `Content-Encoding` set; every answer says `Vary: Accept-Encoding`. Files whose name carries
//! trunk's content hash (`app-0123456789abcdef.css`) never change under that name, so they are
//! `immutable` for a year; everything else (`index.html`, the SPA fallback) is `no-cache`, so a
//! deploy is seen on the next visit.

use std::{
    convert::Infallible,
    future::Future,
    path::Path,
    pin::Pin,
    task::{Context, Poll},
};

use axum::{
    body::Body,
    http::{header, HeaderValue, Request, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use tower::Service;
use tower_http::services::{ServeDir, ServeFile};

/// The longest path (raw, before percent-decoding) the proxy looks up; longer ones are 414.
pub const MAX_PATH_BYTES: usize = 2048;
/// The longest path segment handed to the file system (NAME_MAX).
const MAX_SEGMENT_BYTES: usize = 255;

/// `dist/` with `index.html` as the answer for everything else.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    dir: ServeDir<ServeFile>,
    index: ServeFile,
}

impl StaticFiles {
    pub fn new(static_dir: &Path) -> Self {
        let index = ServeFile::new(static_dir.join("index.html"))
            .precompressed_br()
            .precompressed_gzip();
        Self {
            dir: ServeDir::new(static_dir)
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(true)
                .fallback(index.clone()),
            index,
        }
    }
}

impl Service<Request<Body>> for StaticFiles {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: Request<Body>) -> Self::Future {
        let path = request.uri().path();
        if path.len() > MAX_PATH_BYTES {
            return Box::pin(async { Ok(StatusCode::URI_TOO_LONG.into_response()) });
        }
        if path
            .split('/')
            .any(|segment| segment.len() > MAX_SEGMENT_BYTES)
        {
            *request.uri_mut() = Uri::from_static("/");
        }
        let hashed = is_hashed_asset(request.uri().path());
        let mut index_request = Request::new(Body::empty());
        *index_request.method_mut() = request.method().clone();
        *index_request.headers_mut() = request.headers().clone();
        let mut dir = self.dir.clone();
        let mut index = self.index.clone();
        Box::pin(async move {
            let response = match dir.try_call(request).await {
                Ok(response) => response.map(Body::new),
                Err(error) => {
                    tracing::debug!(%error, "file-system error; answering with index.html");
                    match index.try_call(index_request).await {
                        Ok(response) => response.map(Body::new),
                        Err(_) => StatusCode::NOT_FOUND.into_response(),
                    }
                }
            };
            Ok(with_caching_headers(response, hashed))
        })
    }
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Vary` on every answer; `immutable` only for a hashed asset that was found (a missing
/// hashed name falls back to `index.html`, which must never be cached under that name).
fn with_caching_headers(mut response: Response, hashed: bool) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let cache = if hashed && found && !is_html {
        IMMUTABLE
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether the last path segment is `stem-HASH.ext` with trunk's hash: a u64 in hex without
/// leading zeros, so up to 16 digits (fewer than 12 has odds of 1 in 65,536; not counted).
pub(crate) fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    // `chorus-HASH_bg.wasm`: wasm-bindgen appends `_bg` after trunk's hash.
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && (12..=16).contains(&hash.len())
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn trunk_hashed_names_are_recognised_and_others_are_not() {
        for hashed in [
            "/app-2cbac6eb55886708.css",
            "/chorus-1c4d39e0e092bd63.js",
            "/chorus-1c4d39e0e092bd63_bg.wasm",
            "/favicon-4e25ff4b6a08c764.svg",
            "/app-ed193b5d7b59eef.css",
        ] {
            assert!(is_hashed_asset(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/config.json",
            "/callback",
            "/app.css",
            "/-2cbac6eb55886708.css",
            "/app-2cbac6.css",
            "/app-2cbac6eb55886708a.css",
            "/app-2cbac6eb5588670g.css",
        ] {
            assert!(!is_hashed_asset(plain), "{plain}");
        }
    }
}
