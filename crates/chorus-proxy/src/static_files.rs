//! Serving the built app: files from `dist/`, and `index.html` (status 200) for every other
//! path so the app's own router handles `/callback`, `/library` and the rest.
//!
//! Paths the file system cannot even look up (a segment longer than NAME_MAX makes it answer
//! ENAMETOOLONG, which tower-http reports as a 500) are answered with `index.html` straight
//! away, like any other unknown path. The fuzz target under `fuzz/` found this.

use std::path::Path;

use axum::{
    body::Body,
    http::{Request, Uri},
};
use tower::{util::MapRequest, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};

/// The longest path segment (raw, so percent-decoding only shortens it) handed to the file system.
const MAX_SEGMENT_BYTES: usize = 255;

pub(crate) type StaticService = MapRequest<ServeDir<ServeFile>, fn(Request<Body>) -> Request<Body>>;

pub(crate) fn service(static_dir: &Path) -> StaticService {
    ServeDir::new(static_dir)
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(static_dir.join("index.html")))
        .map_request(app_entry_for_unservable_paths as fn(Request<Body>) -> Request<Body>)
}

fn app_entry_for_unservable_paths(mut request: Request<Body>) -> Request<Body> {
    let path = request.uri().path();
    if path
        .split('/')
        .any(|segment| segment.len() > MAX_SEGMENT_BYTES)
    {
        *request.uri_mut() = Uri::from_static("/");
    }
    request
}
